package vn.motcua.excel;

import java.util.Locale;

/**
 * The one error the importer throws: the file cannot be read at all (wrong kind, encrypted, corrupt, no
 * header...). Carries a message key so the UI shows it in the user's language; nothing was written.
 */
public final class ExcelImportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final transient Object[] args;

    public ExcelImportException(String key, Object... args) {
        this(null, key, args);
    }

    public ExcelImportException(Throwable cause, String key, Object... args) {
        super(ExcelText.format(Locale.ENGLISH, key, args), cause);
        this.key = key;
        this.args = args;
    }

    /** Message key, e.g. {@code file.ENCRYPTED}; stable for tests. */
    public String key() {
        return key;
    }

    /** The message in {@code locale} ({@code null} = Vietnamese). */
    public String message(Locale locale) {
        return ExcelText.format(locale, key, args);
    }
}
