package vn.motcua.sign.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Whether a chain leads to a trusted root, validated at a given time (path validation only: revocation is the
 * {@link RevocationChecker}'s job, online).
 */
public record TrustResult(boolean trusted, X509Certificate anchor, List<X509Certificate> path, String problem) {
    /** The validated path and its root, so every certificate's issuer is next to it (empty when not trusted). */
    public List<X509Certificate> pathWithAnchor() {
        List<X509Certificate> l = new java.util.ArrayList<>(path == null ? List.of() : path);
        if (anchor != null && !l.contains(anchor)) {
            l.add(anchor);
        }
        return l;
    }
}
