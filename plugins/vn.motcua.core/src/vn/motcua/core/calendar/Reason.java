package vn.motcua.core.calendar;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import vn.motcua.core.model.Localizable;

/**
 * A user-visible text kept as a message key plus arguments, so it can be shown in the UI language later
 * (Vietnamese by default, English) — used for "why is this day off" and for the "explain this date" steps.
 *
 * @param key      key in this package's {@code messages.properties}
 * @param args     arguments: strings, numbers, nested {@code Reason}s or model values such as a
 *                 {@code ProcessingTime} ({@link Localizable}), rendered in the same locale
 * @param fallback text shown when the key is missing from a bundle (used for holiday names that come from
 *                 data files), may be {@code null}
 */
public record Reason(String key, List<Object> args, String fallback) {
    public Reason {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    public static Reason of(String key, Object... args) {
        return new Reason(key, List.of(args), null);
    }

    /** The text in {@code locale} ({@code null} = Vietnamese). */
    public String text(Locale locale) {
        Object[] rendered = args.stream().map(a -> a instanceof Reason r ? r.text(locale)
                : a instanceof Localizable l ? l.displayName(locale) : a).toArray();
        return Texts.formatOr(locale, key, fallback, rendered);
    }

    /** The Vietnamese text. */
    @Override
    public String toString() {
        return text(null);
    }
}
