package vn.motcua.sign.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Whether a chain leads to a trusted root, validated at a given time. Revocation is <b>not checked</b> by this
 * version: {@link #revocationChecked()} is always false and every report says so.
 */
public record TrustResult(boolean trusted, X509Certificate anchor, List<X509Certificate> path, String problem) {
    public boolean revocationChecked() {
        return false;
    }
}
