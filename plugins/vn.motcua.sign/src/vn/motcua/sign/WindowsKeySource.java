package vn.motcua.sign;

import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Locale;

import vn.motcua.sign.SigningException.Reason;

/**
 * The current user's Windows certificate store through SunMSCAPI ({@code Windows-MY}), where Vietnamese token
 * middleware also publishes the token's certificates. Windows only; the PIN dialog comes from the vendor's CSP/KSP,
 * so the PIN passed to {@link #open} is ignored (cleared) and "one PIN per batch" depends on the middleware.
 * Not testable on the Linux build machine: covered by the manual checklist in docs/signatures.md.
 */
public final class WindowsKeySource implements SigningKeySource {
    public static boolean available() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") && Security.getProvider("SunMSCAPI") != null;
    }

    @Override
    public String description() {
        return "Windows-MY (SunMSCAPI)";
    }

    @Override
    public List<KeyToken> tokens() throws SigningException {
        if (!available()) {
            throw new SigningException(Reason.UNSUPPORTED, "Windows certificate store");
        }
        return List.of(new KeyToken(description(), 0, "Windows-MY"));
    }

    @Override
    public SigningSession open(KeyToken token, char[] pin) throws SigningException {
        if (pin != null) {
            java.util.Arrays.fill(pin, '\0');
        }
        if (!available()) {
            throw new SigningException(Reason.UNSUPPORTED, "Windows certificate store");
        }
        try {
            Provider p = Security.getProvider("SunMSCAPI");
            KeyStore ks = KeyStore.getInstance("Windows-MY", p);
            ks.load(null, null);
            // SunMSCAPI's NONEwithRSA takes the bare hash and builds the DigestInfo itself.
            return new KeyStoreSession(ks, null, p, KeyStoreSession.HashMode.RAW_HASH, false, description(), () -> {
            });
        } catch (SigningException e) {
            throw e;
        } catch (Exception e) {
            throw Pkcs11Errors.map(e, false);
        }
    }
}
