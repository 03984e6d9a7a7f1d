package vn.motcua.ui.approval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.AppEvents;
import vn.motcua.approval.ApprovalService;
import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.core.session.UserSession;
import vn.motcua.sign.KeyToken;
import vn.motcua.sign.Pkcs11KeySource;
import vn.motcua.sign.PracticeKeys;
import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.SigningKeySource;
import vn.motcua.sign.SigningSession;
import vn.motcua.sign.pdf.Batch;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureReport;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.TrustStore;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.LocalCache;

/**
 * The head's approval inbox: dossiers of the head's agency awaiting approval, a preview of the selected draft result,
 * and "approve and sign" for the ticked dossiers with one PIN — token and PIN, certificate (remembered by thumbprint),
 * then a background job with progress and a result per dossier. "Send back" returns a dossier with a comment.
 * Thin: the work is {@link ApprovalService}'s.
 */
public class ApprovalPart {
    /** Same key as the other screens use for stable widget ids (tests find widgets by it). */
    static final String ID_KEY = "motcua.id";
    static final String PRACTICE_TOKEN = "practice-token.p12";

    /** What the inbox is for: the head's approval, or the records clerk's issuing (number and seal). */
    enum Mode {
        APPROVE, ISSUE
    }

    private final Mode mode;
    /** Background sync, when this workstation has a server: results signed elsewhere are fetched from it. */
    private final vn.motcua.sync.SyncJob sync;
    private boolean fetching;
    private final LocalCache cache;
    private final Texts text;
    private final UserSession session;
    private final IEventBroker broker;
    private ApprovalService service;
    private final TrustStore trust;
    private SigningKeySource keySource;
    private Path keySourceModule;

    private Composite root;
    private Label title;
    private Table inbox;
    private Button signButton;
    private Button sendBackButton;
    private Label previewTitle;
    private Label previewImage;
    private ScrolledComposite previewScroll;
    private Image shown;
    private final Map<String, byte[]> drafts = new HashMap<>();
    private ProgressBar progress;
    private Label status;
    private Table results;
    private boolean busy;
    private final vn.motcua.desk.Approvals approvals;

    @Inject
    public ApprovalPart(LocalCache cache, vn.motcua.desk.Approvals approvals,
            @Named(org.eclipse.e4.core.services.translation.TranslationService.LOCALE) Locale locale,
            UserSession session, @org.eclipse.e4.core.di.annotations.Optional IEventBroker broker,
            @org.eclipse.e4.core.di.annotations.Optional vn.motcua.sync.SyncJob sync) {
        this(Mode.APPROVE, cache, approvals, locale, session, broker, sync);
    }

    ApprovalPart(Mode mode, LocalCache cache, vn.motcua.desk.Approvals approvals, Locale locale, UserSession session, IEventBroker broker,
            vn.motcua.sync.SyncJob sync) {
        this.mode = mode;
        this.sync = sync;
        this.cache = cache;
        this.text = new Texts(locale);
        this.session = session;
        this.broker = broker;
        this.approvals = approvals;
        this.trust = vn.motcua.desk.Approvals.trustStore(cache.dataDir());
        // The desk sets the service up for the session (templates, trust roots, revocation online except in training).
        this.service = approvals.service(session);
    }

    @PostConstruct
    public void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(5).applyTo(root);
        title = new Label(root, SWT.NONE);
        title.setData(ID_KEY, "approval.title");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(title);
        signButton = button("approval.sign", signLabel(0), this::signChosen);
        sendBackButton = button("approval.sendBack", text.get("sendBack"), this::sendBack);
        sendBackButton.setVisible(mode == Mode.APPROVE);
        button("approval.refresh", text.get("refresh"), this::refresh);
        button("approval.settings", text.get("settings"), this::settings);

        SashForm sash = new SashForm(root, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().span(5, 1).grab(true, true).applyTo(sash);
        inbox = new Table(sash, SWT.CHECK | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        inbox.setData(ID_KEY, "approval.inbox");
        inbox.setHeaderVisible(true);
        inbox.setLinesVisible(true);
        for (String c : new String[] { "code", "applicant", "procedure", "due", "submitter" }) {
            new TableColumn(inbox, SWT.LEFT).setText(text.get("col." + c));
        }
        inbox.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK) {
                updateButtons();
            } else {
                preview();
            }
        });
        Composite right = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        previewTitle = new Label(right, SWT.WRAP);
        previewTitle.setData(ID_KEY, "approval.previewTitle");
        previewTitle.setText(text.get(mode == Mode.APPROVE ? "preview.none" : "issue.preview.none"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(previewTitle);
        previewScroll = new ScrolledComposite(right, SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        previewImage = new Label(previewScroll, SWT.NONE);
        previewImage.setData(ID_KEY, "approval.preview");
        previewScroll.setContent(previewImage);
        previewScroll.setBackground(root.getDisplay().getSystemColor(SWT.COLOR_GRAY));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(previewScroll);
        sash.setWeights(55, 45);

        progress = new ProgressBar(root, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setData(ID_KEY, "approval.progress");
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).exclude(true).applyTo(progress);
        progress.setVisible(false);
        status = new Label(root, SWT.WRAP);
        status.setData(ID_KEY, "approval.status");
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).applyTo(status);
        results = new Table(root, SWT.BORDER | SWT.FULL_SELECTION);
        results.setData(ID_KEY, "approval.results");
        results.setHeaderVisible(true);
        for (String c : new String[] { "code", "outcome", "note" }) {
            new TableColumn(results, SWT.LEFT).setText(text.get("result.col." + c));
        }
        GridDataFactory.fillDefaults().span(5, 1).grab(true, false).hint(SWT.DEFAULT, 110).exclude(true).applyTo(results);
        results.setVisible(false);
        refresh();
    }

    private Button button(String id, String label, Runnable action) {
        Button b = new Button(root, SWT.PUSH);
        b.setData(ID_KEY, id);
        b.setText(label);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** Another screen or a sync round changed dossiers: the inbox follows. */
    @org.eclipse.e4.core.di.annotations.Optional
    @Inject
    void dossiersChanged(@UIEventTopic(AppEvents.DOSSIERS_CHANGED) Object count) {
        if (root != null && !root.isDisposed() && !busy) {
            refresh();
        }
    }

    void refresh() {
        List<String> checked = checkedCodes();
        inbox.removeAll();
        List<Dossier> list = mode == Mode.APPROVE ? service.inbox(session.agencyCode()) : service.issuable(session.agencyCode());
        Map<String, String> procedureNames = new HashMap<>();
        for (Dossier d : list) {
            TableItem it = new TableItem(inbox, SWT.NONE);
            String procedure = procedureNames.computeIfAbsent(d.procedureCode() + "/" + d.procedureVersion(),
                    k -> cache.procedures().find(d.procedureCode(), d.procedureVersion()).map(p -> p.name()).orElse(d.procedureCode()));
            String by = ApprovalService.submitter(d);
            // The head sees at once what is overdue or due soon, in colour and in words.
            vn.motcua.core.model.DeadlineClass deadline = vn.motcua.app.ui.DeadlineColours.classOf(d.status(), d.dueAt(), java.time.Instant.now());
            String due = Texts.dateTime(d.dueAt()) + (deadline == null ? "" : " · " + deadline.displayName(text.locale));
            it.setText(new String[] { d.code(), d.applicant().displayName(), procedure, due,
                    cache.users().find(by).map(User::fullName).orElse(by) });
            it.setForeground(3, vn.motcua.app.ui.DeadlineColours.of(deadline));
            it.setData(d.code());
            it.setChecked(checked.contains(d.code()));
        }
        for (TableColumn c : inbox.getColumns()) {
            c.pack();
            c.setWidth(Math.min(c.getWidth(), 320));
        }
        title.setText(text.get(mode == Mode.APPROVE ? "title" : "issue.title", list.size()));
        fetchMissingResults();
        updateButtons();
        preview();
        root.layout(true, true);
    }

    /**
     * Issuing on the records clerk's PC: an approved dossier's signed result was made on the head's PC; fetch the ones
     * missing here from the server in the background and show them when they arrive.
     */
    private void fetchMissingResults() {
        if (mode != Mode.ISSUE || sync == null || fetching) {
            return;
        }
        List<String> missing = cache.dossierRepository().findByAgencyAndStatus(session.agencyCode(), java.util.Set.of(vn.motcua.core.model.DossierStatus.APPROVED))
                .stream().map(Dossier::code).filter(c -> cache.documents().latest(c, DossierDocuments.Kind.SIGNED_RESULT).isEmpty()).limit(100).toList();
        if (missing.isEmpty()) {
            return;
        }
        fetching = true;
        var display = root.getDisplay();
        Job job = new Job(text.get("issue.fetch", missing.size())) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                int got = 0;
                for (String code : missing) {
                    got += sync.fetchDocuments(code);
                }
                int fetched = got;
                display.asyncExec(() -> {
                    if (!root.isDisposed() && fetched > 0 && !busy) {
                        refresh();
                    }
                    fetching = false;
                });
                return Status.OK_STATUS;
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    /** Ticked rows; when none is ticked, the selected rows. */
    List<String> chosenCodes() {
        List<String> checked = checkedCodes();
        if (!checked.isEmpty()) {
            return checked;
        }
        return Arrays.stream(inbox.getSelection()).map(it -> (String) it.getData()).toList();
    }

    private List<String> checkedCodes() {
        List<String> out = new ArrayList<>();
        if (inbox != null) {
            for (TableItem it : inbox.getItems()) {
                if (it.getChecked()) {
                    out.add((String) it.getData());
                }
            }
        }
        return out;
    }

    private void updateButtons() {
        signButton.setText(signLabel(chosenCodes().size()));
        signButton.setEnabled(!busy && !chosenCodes().isEmpty());
        sendBackButton.setEnabled(!busy && inbox.getSelectionCount() == 1);
        root.layout(true, true);
    }

    private String signLabel(int n) {
        return text.get(mode == Mode.APPROVE ? "sign" : "issue.sign", n);
    }

    /** The role the user acts in: the head approves; the records clerk (or a head) issues. */
    private Role role() {
        return mode == Mode.APPROVE || !session.hasRole(Role.CLERK) ? Role.HEAD : Role.CLERK;
    }

    private void preview() {
        updateButtons();
        TableItem[] sel = inbox.getSelection();
        if (shown != null) {
            shown.dispose();
            shown = null;
        }
        previewImage.setImage(null);
        if (sel.length == 0) {
            previewTitle.setText(text.get(mode == Mode.APPROVE ? "preview.none" : "issue.preview.none"));
            previewImage.setSize(0, 0);
            return;
        }
        String code = (String) sel[0].getData();
        BusyIndicator.showWhile(root.getDisplay(), () -> {
            try {
                byte[] pdf = drafts.get(code);
                if (pdf == null) {
                    Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
                    pdf = mode == Mode.APPROVE ? service.draft(d) : service.signedResult(d);
                    drafts.put(code, pdf);
                }
                int width = Math.max(300, previewScroll.getClientArea().width - 20);
                PdfPreview.Page page = PdfPreview.firstPage(pdf, width);
                shown = new Image(root.getDisplay(), page.image());
                previewImage.setImage(shown);
                previewImage.setSize(previewImage.computeSize(SWT.DEFAULT, SWT.DEFAULT));
                previewTitle.setText(text.get(mode == Mode.APPROVE ? "preview.title" : "issue.preview.title", code, page.pages()));
            } catch (IOException | ApprovalService.ApprovalException | RuntimeException e) {
                previewTitle.setText(text.get("preview.failed", code, String.valueOf(e.getMessage())));
            }
        });
        previewTitle.getParent().layout(true);
    }

    /** The key source of this workstation: the practice token in training, else the configured or detected PKCS#11 module. */
    private SigningKeySource keySource(SigningSettings settings) throws SigningException, IOException {
        if (session.training()) {
            String agency = cache.agencies().findByCode(session.agencyCode()).map(Agency::name).orElse(session.agencyCode());
            return PracticeKeys.ensure(cache.dataDir().resolve(PRACTICE_TOKEN), session.user().fullName(), agency);
        }
        Path module = settings.module();
        // One source per module for the product's life: SunPKCS11 loads a module once per JVM.
        if (keySource == null || !java.util.Objects.equals(module, keySourceModule)) {
            keySource = Pkcs11KeySource.detect(module);
            keySourceModule = module;
        }
        return keySource;
    }

    void signChosen() {
        List<String> codes = chosenCodes();
        Shell shell = root.getShell();
        if (codes.isEmpty()) {
            MessageDialog.openInformation(shell, text.get("error.title"), text.get("nothingChosen"));
            return;
        }
        SigningSettings settings = new SigningSettings(cache.dataDir());
        SigningSession login = null;
        try {
            SigningKeySource source = keySource(settings);
            List<KeyToken> tokens = source.tokens();
            if (tokens.isEmpty()) {
                throw new SigningException(SigningException.Reason.NO_TOKEN, source.description());
            }
            String error = null;
            int token = 0;
            while (login == null) {
                PinDialog pin = new PinDialog(shell, text, tokens, token, codes.size(), session.training() ? PracticeKeys.PIN : null, error);
                if (pin.open() != Window.OK) {
                    return;
                }
                token = pin.token();
                char[] typed = pin.pin();
                try {
                    login = source.open(tokens.get(token), typed);
                } catch (SigningException e) {
                    if (e.reason() != SigningException.Reason.WRONG_PIN) {
                        throw e;
                    }
                    error = e.message(text.locale);
                } finally {
                    Arrays.fill(typed, '\0');
                }
            }
            // Remembered per user and per purpose: a head's own key for approval, the seal token for issuing.
            String user = session.user().username() + "." + mode.name().toLowerCase(Locale.ROOT);
            CertificateDialog choose = new CertificateDialog(shell, text, login.certificates(), settings.thumbprintOf(user), codes.size());
            if (login.certificates().stream().noneMatch(vn.motcua.sign.SigningCertificate::usable)) {
                String why = login.certificates().stream().map(c -> c.holder() + ": " + c.whyNotUsable(text.locale)).reduce((a, b) -> a + "; " + b)
                        .orElse("");
                throw new SigningException(SigningException.Reason.CERTIFICATE_NOT_FOUND, why);
            }
            if (choose.open() != Window.OK) {
                login.close();
                return;
            }
            try {
                settings.rememberCertificate(user, choose.thumbprint());
            } catch (IOException e) {
                System.getLogger(ApprovalPart.class.getName()).log(System.Logger.Level.WARNING, "Cannot remember the certificate: " + e);
            }
            Signer signer = login.signer(choose.thumbprint());
            CertificateGate.Result gate = BusyIndicatorResult.of(root.getDisplay(), () -> service.check(signer));
            if (!gate.allowsSigning()) {
                throw new SigningException(SigningException.Reason.CERTIFICATE_REFUSED, gate.text(text.locale));
            }
            String warning = gate.revocationWarning(text.locale);
            if (warning != null && !session.training() && new MessageDialog(shell, text.get("revocation.title"), null,
                    warning + "\n\n" + text.get("revocation.question", codes.size()), MessageDialog.WARNING, 1, text.get("revocation.sign"),
                    text.get("cancel")).open() != 0) {
                login.close();
                return;
            }
            String place = cache.agencies().findByCode(session.agencyCode()).map(Agency::name).orElse("");
            SignatureSpec spec;
            Numbering numbering = null;
            if (mode == Mode.APPROVE) {
                spec = SignatureSpec.of(SignatureKind.APPROVAL).withStamp(settings.stampPlace().stamp()).withTsa(settings.tsa())
                        .withReason(ApprovalService.TEXT.format(null, "reason"), place);
            } else {
                numbering = askNumbering(shell, codes.size());
                if (numbering == null) {
                    login.close();
                    return;
                }
                // The seal goes beside the head's stamp, never over it.
                spec = SignatureSpec.of(SignatureKind.ISSUING).withStamp(settings.issuingPlace().stamp()).withTsa(settings.tsa())
                        .withReason(ApprovalService.TEXT.format(null, "issue.reason"), place);
            }
            run(codes, signer, spec, login, numbering);
            login = null; // the job logs out when it is done
        } catch (SigningException e) {
            MessageDialog.openError(shell, text.get("error.title"), e.message(text.locale));
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(shell, text.get("error.title"), new SigningException(SigningException.Reason.FAILED, String.valueOf(e.getMessage()))
                    .message(text.locale));
        } finally {
            if (login != null) {
                login.close();
            }
        }
    }

    /** The first document number and its symbol, e.g. 15 and GCN-UBND for "15/GCN-UBND". */
    record Numbering(int first, String symbol) {
    }

    private Numbering askNumbering(Shell shell, int n) {
        InputDialog ask = new InputDialog(shell, text.get("issue.number.title"), text.get("issue.number.prompt", n), "1/KQ-UBND",
                v -> v != null && v.strip().matches("\\d{1,7}/\\S{1,40}") ? null : text.get("issue.number.bad"));
        if (ask.open() != Window.OK) {
            return null;
        }
        String v = ask.getValue().strip();
        int slash = v.indexOf('/');
        return new Numbering(Integer.parseInt(v.substring(0, slash)), v.substring(slash + 1));
    }

    private void run(List<String> codes, Signer signer, SignatureSpec spec, SigningSession login, Numbering numbering) {
        busy = true;
        updateButtons();
        progress.setMaximum(codes.size());
        progress.setSelection(0);
        progress.setVisible(true);
        ((org.eclipse.swt.layout.GridData) progress.getLayoutData()).exclude = false;
        status.setText(text.get("progress", 0, codes.size()));
        root.layout(true, true);
        var display = root.getDisplay();
        Job job = new Job(text.get(mode == Mode.APPROVE ? "job.name" : "issue.job.name", codes.size())) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), codes.size());
                try {
                    Batch.Progress<String> progress = (done, total, last) -> {
                        monitor.worked(1);
                        monitor.subTask(text.get("job.item", last.item()));
                        display.asyncExec(() -> progressed(done, total));
                    };
                    List<Batch.Outcome<String>> out = mode == Mode.APPROVE
                            ? service.approve(codes, signer, spec, session.actor(role()), progress, monitor::isCanceled, text.locale)
                            : service.issue(codes, signer, spec, session.actor(role()), numbering.first(), numbering.symbol(), progress,
                                    monitor::isCanceled, text.locale);
                    display.asyncExec(() -> finished(out));
                } catch (SigningException e) {
                    display.asyncExec(() -> {
                        finished(List.of());
                        MessageDialog.openError(root.getShell(), text.get("error.title"), e.message(text.locale));
                    });
                } finally {
                    login.close();
                    monitor.done();
                }
                return Status.OK_STATUS;
            }
        };
        job.setUser(true);
        job.schedule();
    }

    private void progressed(int done, int total) {
        if (!root.isDisposed()) {
            progress.setSelection(done);
            status.setText(text.get("progress", done, total));
        }
    }

    private void finished(List<Batch.Outcome<String>> out) {
        if (root.isDisposed()) {
            return;
        }
        busy = false;
        progress.setVisible(false);
        ((org.eclipse.swt.layout.GridData) progress.getLayoutData()).exclude = true;
        results.removeAll();
        long signed = out.stream().filter(o -> o.status() == Batch.Status.SIGNED).count();
        for (Batch.Outcome<String> o : out) {
            TableItem it = new TableItem(results, SWT.NONE);
            String note = o.status() == Batch.Status.SIGNED ? verdict(o.item()) : o.message();
            it.setText(new String[] { o.item(), text.get((mode == Mode.APPROVE ? "outcome." : "issue.outcome.") + o.status()), note == null ? "" : note });
            if (o.status() != Batch.Status.SIGNED) {
                it.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            }
        }
        for (TableColumn c : results.getColumns()) {
            c.pack();
        }
        results.setVisible(!out.isEmpty());
        ((org.eclipse.swt.layout.GridData) results.getLayoutData()).exclude = out.isEmpty();
        String prefix = mode == Mode.APPROVE ? "" : "issue.";
        status.setText(out.isEmpty() ? "" : signed == out.size() ? text.get(prefix + "done", signed, out.size())
                : text.get(prefix + "done.failed", signed, out.size(), out.size() - signed));
        for (TableItem it : inbox.getItems()) {
            it.setChecked(false);
        }
        drafts.clear();
        refresh();
        if (broker != null && signed > 0) {
            broker.post(AppEvents.DOSSIERS_CHANGED, (int) signed);
        }
    }

    /** The verification of the stored signed result, in one line: what the head sees right after signing. */
    private String verdict(String code) {
        try {
            DossierDocuments docs = cache.documents();
            DossierDocuments.Document doc = docs.latest(code, mode == Mode.APPROVE ? DossierDocuments.Kind.SIGNED_RESULT
                    : DossierDocuments.Kind.ISSUED_RESULT).orElseThrow();
            byte[] pdf = docs.content(doc);
            List<SignatureReport> reports = new PdfVerifier(trust).verify(pdf);
            SignatureReport last = reports.get(reports.size() - 1);
            String v = text.get("verdict", vn.motcua.sign.Texts.TEXT.format(text.locale, "verify.verdict." + last.verdict()));
            v = reports.size() > 1 ? text.get("verdicts", reports.size(), v) : v;
            if (mode == Mode.ISSUE && doc.note().startsWith("number=")) {
                v = text.get("issue.number", doc.note().substring(7, doc.note().indexOf(';') < 0 ? doc.note().length() : doc.note().indexOf(';'))) + " — " + v;
            }
            return last.training() ? v + " " + vn.motcua.sign.Texts.TEXT.format(text.locale, "verify.training") : v;
        } catch (IOException | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** Runs a short blocking call (an online revocation check) with the busy cursor and returns its result. */
    private static final class BusyIndicatorResult {
        static <T> T of(org.eclipse.swt.widgets.Display display, java.util.function.Supplier<T> work) {
            Object[] out = new Object[1];
            BusyIndicator.showWhile(display, () -> out[0] = work.get());
            @SuppressWarnings("unchecked")
            T t = (T) out[0];
            return t;
        }
    }

    void sendBack() {
        TableItem[] sel = inbox.getSelection();
        Shell shell = root.getShell();
        if (sel.length != 1) {
            MessageDialog.openInformation(shell, text.get("error.title"), text.get("sendBack.oneOnly"));
            return;
        }
        String code = (String) sel[0].getData();
        InputDialog ask = new InputDialog(shell, text.get("sendBack.title", code), text.get("sendBack.prompt"), "",
                v -> v == null || v.isBlank() ? text.get("sendBack.empty") : null);
        if (ask.open() != Window.OK) {
            return;
        }
        try {
            service.sendBack(code, ask.getValue().strip(), session.actor(Role.HEAD));
        } catch (vn.motcua.core.lifecycle.TransitionException e) {
            MessageDialog.openError(shell, text.get("sendBack.title", code), e.message(text.locale));
        }
        refresh();
        if (broker != null) {
            broker.post(AppEvents.DOSSIERS_CHANGED, 1);
        }
    }

    void settings() {
        SigningSettings s = new SigningSettings(cache.dataDir());
        if (new SettingsDialog(root.getShell(), text, s, cache.dataDir().resolve(SigningSettings.FILE), session.hasRole(Role.ADMIN))
                .open() == IDialogConstants.OK_ID) {
            keySource = null;
            service = approvals.service(session); // online revocation may have been turned on or off
        }
    }

    @PreDestroy
    void dispose() {
        if (shown != null) {
            shown.dispose();
        }
    }
}
