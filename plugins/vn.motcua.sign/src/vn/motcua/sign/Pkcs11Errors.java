package vn.motcua.sign;

import java.util.Locale;

import javax.security.auth.login.FailedLoginException;

import vn.motcua.sign.SigningException.Reason;

/**
 * Maps what SunPKCS11 (or a vendor layer) throws to a {@link SigningException}. SunPKCS11's
 * {@code PKCS11Exception} is JDK-internal, so the mapping reads the {@code CKR_*} names in the cause chain, as EU
 * DSS does. Public so fakes of a token can raise the same errors through the same mapping.
 */
public final class Pkcs11Errors {
    private Pkcs11Errors() {
    }

    /** @param signing true while signing (then CKR_USER_NOT_LOGGED_IN right after a login means PIN per signature) */
    public static SigningException map(Throwable t, boolean signing) {
        if (t instanceof SigningException s) {
            return s;
        }
        StringBuilder chain = new StringBuilder();
        boolean failedLogin = false;
        for (Throwable c = t; c != null && chain.length() < 10_000; c = c.getCause()) {
            chain.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
            failedLogin |= c instanceof FailedLoginException;
            if (c.getCause() == c) {
                break;
            }
        }
        String s = chain.toString().toUpperCase(Locale.ROOT);
        String detail = firstLine(t);
        if (s.contains("CKR_PIN_LOCKED")) {
            return new SigningException(Reason.PIN_LOCKED, detail, 0, t);
        }
        if (s.contains("CKR_PIN_INCORRECT") || s.contains("CKR_PIN_INVALID") || s.contains("CKR_PIN_LEN_RANGE") || failedLogin) {
            Integer tries = s.contains("CKF_USER_PIN_FINAL_TRY") ? Integer.valueOf(1) : null;
            return new SigningException(Reason.WRONG_PIN, detail, tries, t);
        }
        if (s.contains("CKR_DEVICE_REMOVED") || s.contains("CKR_TOKEN_NOT_PRESENT") || s.contains("CKR_SESSION_HANDLE_INVALID")
                || s.contains("CKR_SESSION_CLOSED") || s.contains("CKR_DEVICE_ERROR") || s.contains("TOKEN HAS BEEN REMOVED")) {
            return new SigningException(Reason.TOKEN_REMOVED, detail, null, t);
        }
        if (s.contains("CKR_USER_NOT_LOGGED_IN")) {
            return new SigningException(signing ? Reason.PIN_PER_SIGNATURE : Reason.FAILED, detail, null, t);
        }
        if (s.contains("CKR_TOKEN_NOT_RECOGNIZED") || s.contains("CKR_SLOT_ID_INVALID")) {
            return new SigningException(Reason.NO_TOKEN, detail, null, t);
        }
        return new SigningException(Reason.FAILED, detail, null, t);
    }

    private static String firstLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
