package vn.motcua.sign;

import java.util.ArrayList;
import java.util.List;

/** Several logged-in tokens seen as one list of certificates. */
final class CompositeSession implements SigningSession {
    private final List<SigningSession> sessions;

    CompositeSession(List<SigningSession> sessions) {
        this.sessions = List.copyOf(sessions);
    }

    @Override
    public List<SigningCertificate> certificates() {
        List<SigningCertificate> all = new ArrayList<>();
        sessions.forEach(s -> all.addAll(s.certificates()));
        return all;
    }

    @Override
    public Signer signer(String thumbprint) throws SigningException {
        for (SigningSession s : sessions) {
            if (s.certificates().stream().anyMatch(c -> c.thumbprint().equalsIgnoreCase(thumbprint))) {
                return s.signer(thumbprint);
            }
        }
        throw new SigningException(SigningException.Reason.CERTIFICATE_NOT_FOUND, thumbprint);
    }

    @Override
    public void close() {
        sessions.forEach(SigningSession::close);
    }
}
