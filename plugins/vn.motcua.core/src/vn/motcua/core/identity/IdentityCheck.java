package vn.motcua.core.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import vn.motcua.core.i18n.Localizer;

/**
 * Outcome of validating an identification number: the normalised value when valid, else the first problem
 * found with the values the message names.
 *
 * @param normalised the number without surrounding or inner white space (tax codes: {@code NNNNNNNNNN-NNN})
 * @param problem    empty when valid
 */
public record IdentityCheck(String normalised, Optional<IdentityProblem> problem, List<Object> args) {
    private static final Localizer TEXT = Localizer.of(IdentityCheck.class, "messages");

    public IdentityCheck {
        args = List.copyOf(args);
    }

    static IdentityCheck ok(String normalised) {
        return new IdentityCheck(normalised, Optional.empty(), List.of());
    }

    static IdentityCheck fail(String normalised, IdentityProblem p, Object... args) {
        return new IdentityCheck(normalised, Optional.of(p), List.of(args));
    }

    public boolean valid() {
        return problem.isEmpty();
    }

    /** Localised explanation ({@code null} locale = Vietnamese), empty string when valid. */
    public String message(Locale locale) {
        return problem.map(p -> TEXT.format(locale, "problem." + p.name(), args.toArray())).orElse("");
    }
}
