package vn.motcua.desk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import vn.motcua.approval.ApprovalService;
import vn.motcua.core.session.UserSession;
import vn.motcua.forms.FormRenderer;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.RevocationChecker;
import vn.motcua.sign.trust.TrustStore;
import vn.motcua.store.LocalCache;

/**
 * Approval with the head's signature and issuing with the organisation's seal go through
 * {@link ApprovalService} (signed result, approval record and the lifecycle's step committed together); this gives a
 * session its service as the workstation is set up: the data folder's templates (a province's result draft), the
 * shipped trust roots plus the admin's ({@code trust/}), and the revocation check online — never in training, whose
 * sandbox must not reach outside.
 */
public final class Approvals {
    private final LocalCache cache;

    public Approvals(LocalCache cache) {
        this.cache = cache;
    }

    public ApprovalService service(UserSession session) {
        // Asked online before each batch unless an admin turned it off (signing settings); a sandbox never reaches outside.
        RevocationChecker revocation = session.training() ? null : vn.motcua.sign.trust.OnlineRevocation.checker(cache.dataDir());
        return new ApprovalService(cache, new FormRenderer(cache.dataDir().resolve("templates")), new CertificateGate(trustStore(cache.dataDir()), revocation),
                session.training(), Clock.systemUTC());
    }

    /** The shipped roots plus the ones an admin put in the data folder's {@code trust/} folder. */
    public static TrustStore trustStore(Path dataDir) {
        try {
            return TrustStore.shipped().plus(TrustStore.fromFolder(dataDir.resolve("trust")));
        } catch (IOException e) {
            System.getLogger(Approvals.class.getName()).log(System.Logger.Level.ERROR, "Trust store unreadable: " + e);
            return TrustStore.empty();
        }
    }
}
