package vn.motcua.sign;

import java.util.Locale;


/**
 * Why signing could not go on, as a reason the UI can show in Vietnamese or English. Never carries a PIN.
 */
public class SigningException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        WRONG_PIN, PIN_LOCKED, TOKEN_REMOVED, NO_TOKEN, MODULE_NOT_FOUND, PIN_PER_SIGNATURE, CERTIFICATE_NOT_FOUND,
        CERTIFICATE_REFUSED, TSA_FAILED, CANCELLED, UNSUPPORTED, FAILED
    }

    private final Reason reason;
    private final Integer remainingTries;
    private final String detail;

    public SigningException(Reason reason, String detail) {
        this(reason, detail, null, null);
    }

    public SigningException(Reason reason, String detail, Integer remainingTries, Throwable cause) {
        super(reason + (detail == null ? "" : ": " + detail), cause);
        this.reason = reason;
        this.detail = detail == null ? "" : detail;
        this.remainingTries = remainingTries;
    }

    public Reason reason() {
        return reason;
    }

    /** Tries left before the token locks, when the token tells; {@code null} when unknown. */
    public Integer remainingTries() {
        return remainingTries;
    }

    public String detail() {
        return detail;
    }

    /** The user-facing text ({@code null} locale = Vietnamese). */
    public String message(Locale locale) {
        if (reason == Reason.WRONG_PIN && remainingTries != null) {
            return Texts.TEXT.format(locale, "error.WRONG_PIN.tries", remainingTries);
        }
        return Texts.TEXT.format(locale, "error." + reason, detail);
    }

    /** Errors after which no further document of a batch can be signed with this token. */
    public boolean stopsBatch() {
        return switch (reason) {
            case WRONG_PIN, PIN_LOCKED, TOKEN_REMOVED, NO_TOKEN, MODULE_NOT_FOUND, PIN_PER_SIGNATURE, CANCELLED -> true;
            default -> false;
        };
    }
}
