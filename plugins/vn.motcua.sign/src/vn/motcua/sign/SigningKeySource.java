package vn.motcua.sign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where signing keys come from: a PKCS#11 module ({@link Pkcs11KeySource}), the Windows store
 * ({@link WindowsKeySource}) or a PKCS#12 file for training ({@link Pkcs12TrainingKeySource}).
 */
public interface SigningKeySource {
    /** For people and logs, e.g. the module path that was found. */
    String description();

    /** Keys of this source are for training only. */
    default boolean training() {
        return false;
    }

    /** The tokens present now (may be empty). */
    List<KeyToken> tokens() throws SigningException;

    /**
     * Logs in to one token. The PIN array is cleared before this returns, whatever happens; it is never stored
     * or logged.
     */
    SigningSession open(KeyToken token, char[] pin) throws SigningException;

    /**
     * Logs in to every token present (asking the PIN of each; a {@code null} answer skips the token) and lists the
     * certificates of all of them. A token whose login fails makes the whole call fail (already opened sessions are
     * closed), so a wrong PIN is reported, not silently skipped.
     */
    default SigningSession openAll(PinPrompt prompt) throws SigningException {
        List<SigningSession> sessions = new ArrayList<>();
        try {
            for (KeyToken t : tokens()) {
                char[] pin = prompt.pinFor(t);
                if (pin == null) {
                    continue;
                }
                try {
                    sessions.add(open(t, pin));
                } finally {
                    Arrays.fill(pin, '\0');
                }
            }
        } catch (SigningException | RuntimeException e) {
            sessions.forEach(SigningSession::close);
            throw e;
        }
        if (sessions.isEmpty()) {
            throw new SigningException(SigningException.Reason.NO_TOKEN, description());
        }
        return new CompositeSession(sessions);
    }
}
