package vn.motcua.approval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.lifecycle.TransitionException;
import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierRepository.ConcurrentDossierChangeException;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.User;
import vn.motcua.forms.FormRenderer;
import vn.motcua.forms.ResultDraftForm;
import vn.motcua.sign.ApprovalRecord;
import vn.motcua.sign.ApprovalSignatures;
import vn.motcua.sign.ResultProofs;
import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.pdf.Batch;
import vn.motcua.sign.pdf.PadesSigner;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.DossierDocuments.Kind;
import vn.motcua.store.DossierDocuments.NewDocument;
import vn.motcua.store.LocalCache;

/**
 * The head's approval of result documents: the inbox of dossiers awaiting approval, their draft results, and
 * approval with a signature — per dossier, the draft is signed (PAdES), a detached CMS approval record is made over
 * the decision and the signed document's hash, and the lifecycle's approval is applied; the signed result, the
 * record and the approval commit in one transaction, so a dossier is either approved with its signed result or
 * untouched. Plain Java: the UI only chooses the key, asks the PIN and shows progress.
 */
public final class ApprovalService {
    public static final Localizer TEXT = Localizer.of(ApprovalService.class, "messages");
    /** The decision word in approval records. */
    public static final String DECISION = "APPROVE";

    private final LocalCache cache;
    private final FormRenderer forms;
    private final CertificateGate gate;
    private final boolean training;
    private final Clock clock;
    private final Lifecycle lifecycle = Lifecycle.standard();

    /** A refusal to approve one dossier, already worded for the user. */
    public static final class ApprovalException extends Exception {
        private static final long serialVersionUID = 1L;

        ApprovalException(String message) {
            super(message);
        }
    }

    public ApprovalService(LocalCache cache, FormRenderer forms, CertificateGate gate, boolean training, Clock clock) {
        this.cache = cache;
        this.forms = forms;
        this.gate = gate;
        this.training = training;
        this.clock = clock;
    }

    /** Dossiers of the agency awaiting the head's approval, oldest reception first. */
    public List<Dossier> inbox(String agencyCode) {
        return cache.dossierRepository().findByAgencyAndStatus(agencyCode, java.util.Set.of(DossierStatus.PENDING_APPROVAL));
    }

    /** Who submitted the dossier for approval (username), or "". */
    public static String submitter(Dossier d) {
        for (int i = d.events().size() - 1; i >= 0; i--) {
            DossierEvent e = d.events().get(i);
            if (e.action() == DossierAction.SUBMIT_FOR_APPROVAL) {
                return e.actorUsername();
            }
        }
        return "";
    }

    /**
     * The draft result of a dossier: the one stored (the specialist's), else one made from the result template and
     * stored, so the head always signs exactly the bytes that were previewed.
     */
    public byte[] draft(Dossier d) throws IOException {
        DossierDocuments docs = cache.documents();
        Optional<DossierDocuments.Document> stored = docs.latest(d.code(), Kind.DRAFT_RESULT);
        if (stored.isPresent()) {
            return docs.content(stored.get());
        }
        Procedure p = cache.procedures().find(d.procedureCode(), d.procedureVersion())
                .orElseThrow(() -> new IOException("procedure " + d.procedureCode() + " v" + d.procedureVersion() + " missing from the cache"));
        Agency agency = cache.agencies().findByCode(d.agencyCode()).orElse(new Agency(d.agencyCode(), d.agencyCode(), Level.COMMUNE, null));
        String parent = agency.parentCode() == null ? "" : cache.agencies().findByCode(agency.parentCode()).map(Agency::name).orElse("");
        String by = submitter(d);
        String specialist = cache.users().find(by).map(User::fullName).orElse(by);
        byte[] pdf = ResultDraftForm.render(forms, d, p, agency, parent, specialist, training);
        docs.add(new NewDocument(d.code(), Kind.DRAFT_RESULT, TEXT.format(null, "draft.name", d.code()), "application/pdf", pdf,
                by.isEmpty() ? "system" : by, ""));
        return pdf;
    }

    /**
     * Approves and signs the dossiers with one signer (one PIN): the certificate gate runs once, then each dossier
     * as described above. Returns one outcome per code, in order.
     */
    public List<Batch.Outcome<String>> approve(List<String> codes, Signer signer, SignatureSpec spec, Actor actor, Batch.Progress<String> progress,
            BooleanSupplier cancelled, Locale locale) throws SigningException {
        PadesSigner pades = new PadesSigner(null, PadesSigner.evidenceOf(gate.require(signer, clock.instant())));
        return Batch.run(codes, code -> approveOne(code, pades, signer, spec, actor, locale), progress, cancelled, locale, ApprovalService::explain);
    }

    private void approveOne(String code, PadesSigner pades, Signer signer, SignatureSpec spec, Actor actor, Locale locale) throws Exception {
        Dossier d = cache.dossierRepository().findByCode(code).orElseThrow(() -> new ApprovalException(TEXT.format(locale, "notFound", code)));
        if (d.status() != DossierStatus.PENDING_APPROVAL) {
            throw new ApprovalException(TEXT.format(locale, "notPending", code, d.status().displayName(locale)));
        }
        byte[] draft;
        try {
            draft = draft(d);
        } catch (IllegalStateException e) {
            throw new ApprovalException(TEXT.format(locale, "damaged", code, e.getMessage()));
        }
        Instant now = clock.instant();
        // Refuse before touching the token when the lifecycle would refuse anyway (wrong agency, role).
        Transition t = lifecycle.apply(d, new Command.Approve(), actor, now);
        byte[] signed = pades.sign(draft, signer, spec.withTime(now));
        ApprovalRecord record = new ApprovalRecord(code, DECISION, LocalDateTime.ofInstant(now, SignatureSpec.VIETNAM),
                java.security.MessageDigest.getInstance("SHA-256").digest(signed));
        byte[] cms = ApprovalSignatures.sign(record, signer);
        String thumb = signer.certificate().thumbprint();
        try {
            cache.dossierRepository().save(t.dossier(), t.event(), List.of(new NewDocument(code, Kind.SIGNED_RESULT, TEXT.format(null, "signed.name", code), "application/pdf", signed,
                        actor.username(), "signer=" + thumb),
                        new NewDocument(code, Kind.APPROVAL_RECORD, TEXT.format(null, "record.name", code), "application/pkcs7-signature", cms,
                                actor.username(), new String(record.canonicalBytes(), StandardCharsets.UTF_8))));
        } catch (ConcurrentDossierChangeException e) {
            throw new ApprovalException(TEXT.format(locale, "changed", code));
        }
    }

    /** Approved dossiers of the agency whose signed result waits for its number and the organisation's seal. */
    public List<Dossier> issuable(String agencyCode) {
        DossierDocuments docs = cache.documents();
        return cache.dossierRepository().findByAgencyAndStatus(agencyCode, java.util.Set.of(DossierStatus.APPROVED)).stream()
                .filter(d -> docs.latest(d.code(), Kind.SIGNED_RESULT).isPresent()).toList();
    }

    /** The head's signed result of a dossier (what the records clerk numbers and seals). */
    public byte[] signedResult(Dossier d) throws ApprovalException {
        DossierDocuments docs = cache.documents();
        var doc = docs.latest(d.code(), Kind.SIGNED_RESULT)
                .orElseThrow(() -> new ApprovalException(TEXT.format(null, "noSignedResult", d.code())));
        return docs.content(doc);
    }

    /**
     * The records clerk issues approved results with the organisation's (seal) signature: per dossier the head's signed
     * result gets a second, incremental signature (the head's stays valid), a document number {@code first/symbol},
     * {@code first+1/symbol}… (consecutive over the dossiers actually issued) and today's date, and the lifecycle's
     * {@code Issue} records it — committed together.
     */
    public List<Batch.Outcome<String>> issue(List<String> codes, Signer signer, SignatureSpec spec, Actor actor, int firstNumber, String symbol,
            Batch.Progress<String> progress, BooleanSupplier cancelled, Locale locale) throws SigningException {
        PadesSigner pades = new PadesSigner(null, PadesSigner.evidenceOf(gate.require(signer, clock.instant())));
        int[] next = { firstNumber };
        return Batch.run(codes, code -> {
            issueOne(code, pades, signer, spec, actor, next[0] + "/" + symbol, locale);
            next[0]++;
        }, progress, cancelled, locale, ApprovalService::explain);
    }

    private void issueOne(String code, PadesSigner pades, Signer signer, SignatureSpec spec, Actor actor, String number, Locale locale) throws Exception {
        Dossier d = cache.dossierRepository().findByCode(code).orElseThrow(() -> new ApprovalException(TEXT.format(locale, "notFound", code)));
        if (d.status() != DossierStatus.APPROVED) {
            throw new ApprovalException(TEXT.format(locale, "notApproved", code, d.status().displayName(locale)));
        }
        byte[] headSigned = signedResult(d);
        verifyHead(code, headSigned, locale);
        Instant now = clock.instant();
        java.time.LocalDate today = LocalDateTime.ofInstant(now, SignatureSpec.VIETNAM).toLocalDate();
        String name = TEXT.format(null, "issued.name", code);
        // The lifecycle first (who may issue), with the file's hash filled in once it is signed.
        lifecycle.apply(d, new Command.Issue(new vn.motcua.core.model.ResultDocument(name, number, today, null)), actor, now);
        byte[] issued = pades.sign(headSigned, signer, spec.withTime(now));
        var file = new vn.motcua.core.model.Attachment(DossierDocuments.sha256(issued), name, issued.length, "application/pdf");
        Transition t = lifecycle.apply(d, new Command.Issue(new vn.motcua.core.model.ResultDocument(name, number, today, file)), actor, now);
        try {
            cache.dossierRepository().save(t.dossier(), t.event(), List.of(new NewDocument(code, Kind.ISSUED_RESULT, name, "application/pdf", issued,
                    actor.username(), "number=" + number + "; signer=" + signer.certificate().thumbprint())));
        } catch (ConcurrentDossierChangeException e) {
            throw new ApprovalException(TEXT.format(locale, "changed", code));
        }
    }

    /**
     * The records clerk seals only a head's approval that holds: the approval record naming this signed result, its
     * signature, and the result's own signature by the same certificate, trusted, valid, not revoked — the checks the
     * server makes ({@link ResultProofs}), minus the binding of the certificate to the head's account, which only the
     * server knows. A practice certificate passes in training.
     */
    private void verifyHead(String code, byte[] headSigned, Locale locale) throws ApprovalException {
        DossierDocuments docs = cache.documents();
        String sha = "sha256=" + DossierDocuments.sha256(headSigned) + "\n";
        DossierDocuments.Document record = docs.list(code).stream().filter(x -> x.kind() == Kind.APPROVAL_RECORD && x.note().contains(sha))
                .reduce((a, b) -> b).orElseThrow(() -> new ApprovalException(TEXT.format(locale, "noRecord", code)));
        ResultProofs proofs = new ResultProofs(new PdfVerifier(gate.trust(), gate.revocation(), locale), gate.trust(),
                new ResultProofs.Policy(training, false));
        try {
            proofs.approval(code, record.note(), docs.content(record), headSigned);
        } catch (ResultProofs.Refused r) {
            throw new ApprovalException(TEXT.format(locale, "headNotVerified", code, r.message(locale)));
        }
    }

    /** The certificate check the batch will make, for the UI to show its warnings (revocation not checkable) first. */
    public CertificateGate.Result check(Signer signer) {
        return gate.check(signer.chain(), clock.instant(), signer.training());
    }

    /** The head sends the dossier back to the specialist with a mandatory comment. */
    public Dossier sendBack(String code, String comment, Actor actor) {
        Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
        Transition t = lifecycle.apply(d, new Command.SendBack(comment), actor, clock.instant());
        cache.dossierRepository().save(t.dossier(), t.event());
        return t.dossier();
    }

    /** The approval record stored with an approved dossier, as the server would rebuild it (for checks). */
    public static ApprovalRecord parseRecord(String canonical) {
        return ApprovalRecord.parse(canonical);
    }

    private static String explain(Exception e, Locale locale) {
        if (e instanceof ApprovalException a) {
            return a.getMessage();
        }
        if (e instanceof TransitionException t) {
            return t.message(locale);
        }
        return String.valueOf(e.getMessage() == null ? e : e.getMessage());
    }
}
