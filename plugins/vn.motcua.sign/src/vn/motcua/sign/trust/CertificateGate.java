package vn.motcua.sign.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.Texts;

/**
 * The check before every signing session (Circular 15/2025: the certificate is checked before signing): valid
 * now, digitalSignature or nonRepudiation key usage, RSA ≥ 2048 / EC ≥ 256, a SHA-2 signature on the certificate,
 * a chain to a trusted root, and — when online ({@link RevocationChecker}) — not revoked. When revocation could not be
 * checked the result says so explicitly ({@link Result#revocationWarning}); a revoked certificate is refused.
 */
public final class CertificateGate {
    private final TrustStore trust;
    private final RevocationChecker revocation;

    /** Offline: revocation is not checked, and every result says so. */
    public CertificateGate(TrustStore trust) {
        this(trust, null);
    }

    public CertificateGate(TrustStore trust, RevocationChecker revocation) {
        this.trust = trust;
        this.revocation = revocation;
    }

    /** The trusted roots this gate checks chains against. */
    public TrustStore trust() {
        return trust;
    }

    /** The online checker, or null when offline. */
    public RevocationChecker revocation() {
        return revocation;
    }

    public record Result(List<CertificateChecks.Problem> problems, TrustResult trust, boolean training, RevocationChecker.Result revocation) {
        /** Training keys may chain to no trusted root (their stamps say they have no legal value). */
        public boolean allowsSigning() {
            return problems.stream().allMatch(p -> training && p == CertificateChecks.Problem.UNTRUSTED);
        }

        public boolean revocationChecked() {
            return revocation != null && revocation.checked();
        }

        /** The explicit warning when revocation could not be checked (null when it was). */
        public String revocationWarning(Locale locale) {
            if (revocationChecked()) {
                return null;
            }
            return revocation == null ? Texts.TEXT.format(locale, "revocation.notChecked") : revocation.text(locale);
        }

        public String text(Locale locale) {
            StringBuilder b = new StringBuilder();
            b.append(problems.isEmpty() ? Texts.TEXT.format(locale, "gate.ok")
                    : problems.stream().map(p -> p.text(locale)).collect(Collectors.joining("; ")));
            b.append(' ').append(revocation == null ? Texts.TEXT.format(locale, "revocation.notChecked") : revocation.text(locale));
            return b.toString();
        }
    }

    public Result check(List<X509Certificate> chain, Instant now, boolean training) {
        List<CertificateChecks.Problem> problems = new ArrayList<>(CertificateChecks.problems(chain.get(0), now));
        TrustResult t = trust.validate(chain, Date.from(now));
        if (!t.trusted()) {
            problems.add(CertificateChecks.Problem.UNTRUSTED);
        }
        RevocationChecker.Result r = revocation == null ? null : revocation.check(t.trusted() ? t.pathWithAnchor() : chain, now);
        if (r != null && r.status() == RevocationChecker.Status.REVOKED) {
            problems.add(CertificateChecks.Problem.REVOKED);
        }
        return new Result(List.copyOf(problems), t, training, r);
    }

    /** Throws {@link SigningException.Reason#CERTIFICATE_REFUSED} (with the reasons in Vietnamese) unless allowed. */
    public Result require(Signer signer, Instant now) throws SigningException {
        Result r = check(signer.chain(), now, signer.training());
        if (!r.allowsSigning()) {
            throw new SigningException(SigningException.Reason.CERTIFICATE_REFUSED, r.text(null));
        }
        return r;
    }
}
