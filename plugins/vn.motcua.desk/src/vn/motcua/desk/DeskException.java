package vn.motcua.desk;

import java.util.List;
import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/**
 * A use case refused or could not finish, with nothing saved: the dossier is not found, the input has problems
 * (each named, for the user), or the legal form of the step could not be made. Worded in the user's language by
 * {@link #message(Locale)}; {@link #getMessage()} is Vietnamese, the product's language.
 */
public final class DeskException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Localizer TEXT = Localizer.of(DeskException.class, "messages");
    private final String key;
    private final transient Object[] args;
    private final List<String> problems;

    DeskException(String key, Object... args) {
        super(TEXT.format(null, key, args));
        this.key = key;
        this.args = args;
        this.problems = List.of();
    }

    DeskException(String key, Throwable cause, Object... args) {
        super(TEXT.format(null, key, args), cause);
        this.key = key;
        this.args = args;
        this.problems = List.of();
    }

    /** Input problems, already worded in the caller's language. */
    DeskException(List<String> problems) {
        super(String.join("\n", problems));
        this.key = null;
        this.args = new Object[0];
        this.problems = List.copyOf(problems);
    }

    /** The problems of the input, one per line, when that is why the use case refused; else empty. */
    public List<String> problems() {
        return problems;
    }

    public String message(Locale locale) {
        return key == null ? getMessage() : TEXT.format(locale, key, args);
    }
}
