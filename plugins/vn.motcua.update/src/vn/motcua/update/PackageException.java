package vn.motcua.update;

import java.util.Locale;

/**
 * A package (or its installation) refused, with the reason as a message key of {@code messages.properties} and its
 * arguments, so the workstation's status bar and the server's refusal say it in the user's language.
 */
public final class PackageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final transient Object[] args;

    public PackageException(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args.clone();
    }

    public PackageException(Throwable cause, String key, Object... args) {
        super(key, cause);
        this.key = key;
        this.args = args.clone();
    }

    /** The stable reason ({@code package.signature}, {@code install.diskFull}, …). */
    public String key() {
        return key;
    }

    public String message(Locale locale) {
        return UpdateText.get(locale, key, args);
    }

    @Override
    public String getMessage() {
        return message(Locale.ENGLISH);
    }
}
