package vn.motcua.ui.counter;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.e4.core.commands.EHandlerService;
import vn.motcua.app.commands.AppCommands;
import vn.motcua.app.commands.ScreenHandler;
import jakarta.inject.Named;
import vn.motcua.app.ui.Fonts;
import vn.motcua.core.calendar.DueTime;
import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.identity.IdentityCheck;
import vn.motcua.core.lifecycle.TransitionException;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.session.UserSession;
import vn.motcua.core.text.VietnameseText;
import vn.motcua.desk.Counter;
import vn.motcua.desk.DeskException;
import vn.motcua.desk.Outcome;

/**
 * The counter: pick the procedure by a few letters, record the applicant (citizen ID checked as typed, a
 * returning applicant filled in), tick the papers, see the appointment and why, receive (Ctrl+S). Widgets only: every
 * decision, number, save and form is the desk's {@link Counter}.
 */
public class ReceptionPart {
    public static final String ID_KEY = "motcua.id";
    private static final Localizer TEXT = Localizer.of(ReceptionPart.class, "messages");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

    private final Counter counter;
    private final Locale locale;
    private final UserSession session;
    private List<Procedure> procedures = List.of();
    private Procedure chosen;
    private Text search;
    private Table procedureList;
    private Text name;
    private Text birth;
    private Text citizenId;
    private Label idMessage;
    private Text phone;
    private Text address;
    private Table papers;
    /** Digitisation at the counter, per required-document id: the scan taken in, and the national index's flags. */
    private final Map<String, Counter.Scan> scans = new HashMap<>();
    private final java.util.Set<String> reusedPapers = new java.util.HashSet<>();
    private final java.util.Set<String> nationalPapers = new java.util.HashSet<>();
    private Button attachScan;
    private Button removeScan;
    private Button reusedFlag;
    private Button nationalFlag;
    private Label scanMessage;
    public static final String PART_KEY = "counter.part";
    private Label fee;
    private Label appointment;
    private Label result;

    @Inject
    public ReceptionPart(Counter counter, @Named(TranslationService.LOCALE) Locale locale, UserSession session) {
        this.counter = counter;
        this.locale = locale;
        this.session = session;
    }

    private String text(String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    @Inject
    EHandlerService handlers;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    org.eclipse.e4.core.services.events.IEventBroker broker;

    @PostConstruct
    void create(Composite part) {
        // The whole form scrolls when the window is smaller than it (1366x768 with the taskbar): nothing is cut off.
        part.setLayout(new org.eclipse.swt.layout.FillLayout());
        scroller = new org.eclipse.swt.custom.ScrolledComposite(part, SWT.V_SCROLL | SWT.H_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        scroller.setShowFocusedControl(true);
        Composite parent = new Composite(scroller, SWT.NONE);
        scroller.setContent(parent);
        procedures = counter.procedures();
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 10).spacing(16, 6).equalWidth(true).applyTo(parent);
        Label title = new Label(parent, SWT.NONE);
        title.setText(text("title"));
        Fonts.bold(title, 1.25f);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(title);

        Composite left = column(parent);
        // A dossier that waits at reception (submitted online, or its papers asked for at the counter): found by its
        // code, shown in the same form, received or declined with the same buttons.
        label(left, "waiting");
        waitingCode = new Text(left, SWT.SEARCH | SWT.ICON_SEARCH);
        waitingCode.setMessage(text("waiting.hint"));
        waitingCode.setData(ID_KEY, "counter.waiting.code");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(waitingCode);
        waitingCode.addListener(SWT.DefaultSelection, e -> findWaiting());
        label(left, "procedure");
        search = new Text(left, SWT.SEARCH | SWT.ICON_SEARCH);
        search.setMessage(text("procedure.hint"));
        search.setData(ID_KEY, "counter.procedure.search");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(search);
        procedureList = new Table(left, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        procedureList.setData(ID_KEY, "counter.procedure.list");
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 160).applyTo(procedureList);
        search.addModifyListener(e -> filterProcedures());
        search.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN || e.keyCode == SWT.CR) {
                procedureList.setFocus();
                if (procedureList.getItemCount() > 0 && procedureList.getSelectionIndex() < 0) {
                    procedureList.setSelection(0);
                    choose();
                }
            }
        });
        procedureList.addListener(SWT.Selection, e -> choose());
        procedureList.addListener(SWT.DefaultSelection, e -> name.setFocus());

        label(left, "papers");
        papers = new Table(left, SWT.BORDER | SWT.CHECK | SWT.FULL_SELECTION);
        papers.setData(ID_KEY, "counter.papers");
        papers.setHeaderVisible(true);
        for (String[] c : new String[][] { { "paper.column", "300" }, { "scan.column", "140" }, { "reused.column", "0" },
                { "national.column", "0" } }) {
            org.eclipse.swt.widgets.TableColumn col = new org.eclipse.swt.widgets.TableColumn(papers, SWT.LEFT);
            col.setText(text(c[0]));
            col.setWidth(Integer.parseInt(c[1]));
            if (col.getWidth() == 0) {
                col.pack();
            }
        }
        // The paper's name takes what the other columns leave.
        papers.addListener(SWT.Resize, e -> {
            int others = 0;
            for (int i = 1; i < papers.getColumnCount(); i++) {
                others += papers.getColumn(i).getWidth();
            }
            papers.getColumn(0).setWidth(Math.max(160, papers.getClientArea().width - others));
        });
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 140).applyTo(papers);
        papers.addListener(SWT.Selection, e -> {
            updateState();
            showPaperFlags();
        });
        // Keyboard flow: Space ticks the paper under the cursor, Enter goes on to the applicant's name.
        papers.addListener(SWT.DefaultSelection, e -> name.setFocus());
        // Coming to the papers from the keyboard, the first one is under the cursor: Space ticks it, Down goes on.
        papers.addListener(SWT.FocusIn, e -> {
            if (papers.getSelectionIndex() < 0 && papers.getItemCount() > 0) {
                papers.setSelection(0);
            }
        });
        // Enter is taken before GTK sees it: its row activation also toggled the highlighted paper's tick.
        papers.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR) {
                e.doit = false;
                name.setFocus();
            }
        });
        createScanControls(left);

        Composite right = column(parent);
        name = field(right, "name", "counter.name");
        birth = field(right, "birth", "counter.birth");
        birth.setMessage("dd/MM/yyyy");
        citizenId = field(right, "citizenId", "counter.citizenId");
        idMessage = new Label(right, SWT.WRAP);
        idMessage.setData(ID_KEY, "counter.citizenId.message");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(idMessage);
        citizenId.addModifyListener(e -> checkCitizenId());
        birth.addModifyListener(e -> checkCitizenId());
        // Typed as 15031990 or 15-3-1990, shown back as the form prints it.
        birth.addListener(SWT.FocusOut, e -> parseDate(birth.getText()).map(d -> d.format(DATE)).filter(d -> !d.equals(birth.getText()))
                .ifPresent(birth::setText));
        phone = field(right, "phone", "counter.phone");
        address = field(right, "address", "counter.address");

        fee = new Label(right, SWT.WRAP);
        fee.setData(ID_KEY, "counter.fee");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(fee);
        appointment = new Label(right, SWT.WRAP);
        appointment.setData(ID_KEY, "counter.appointment");
        Fonts.bold(appointment, 1.05f);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(appointment);

        Composite buttons = new Composite(right, SWT.NONE);
        org.eclipse.jface.layout.RowLayoutFactory.fillDefaults().spacing(8).applyTo(buttons);
        Button receive = new Button(buttons, SWT.PUSH);
        receive.setText(text("receive"));
        receive.setData(ID_KEY, "counter.receive");
        receive.addListener(SWT.Selection, e -> receive());
        Button incomplete = new Button(buttons, SWT.PUSH);
        incomplete.setText(text("incomplete"));
        incomplete.setData(ID_KEY, "counter.incomplete");
        incomplete.addListener(SWT.Selection, e -> decline(false));
        Button refuse = new Button(buttons, SWT.PUSH);
        refuse.setText(text("refuse"));
        refuse.setData(ID_KEY, "counter.refuse");
        refuse.addListener(SWT.Selection, e -> decline(true));
        result = new Label(right, SWT.WRAP);
        result.setData(ID_KEY, "counter.result");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(result);
        openReceipt = new Button(right, SWT.PUSH);
        openReceipt.setText(text("openReceipt"));
        openReceipt.setData(ID_KEY, "counter.openReceipt");
        openReceipt.setEnabled(false);
        openReceipt.addListener(SWT.Selection, e -> openReceipt());
        createDelivery(right);
        // The workbench's keys reach the counter while it is the active screen: Ctrl+S receives (the whole receipt
        // without the mouse), Ctrl+P opens the receipt to print, Ctrl+F goes to the procedure search.
        ScreenHandler.activate(handlers, AppCommands.SAVE, this::receive);
        ScreenHandler.activate(handlers, AppCommands.PRINT, this::openReceipt, () -> receipt != null);
        ScreenHandler.activate(handlers, AppCommands.FIND, () -> search.setFocus());
        filterProcedures();
        updateState();
        scroller.addListener(SWT.Resize, e -> fitScrolling());
        parent.getDisplay().asyncExec(() -> {
            if (!scroller.isDisposed()) {
                fitScrolling();
            }
        });
    }

    private org.eclipse.swt.custom.ScrolledComposite scroller;

    /**
     * The form's smallest size at the scroller's width: below it, scroll bars appear. The layout's cached sizes are
     * flushed: a label whose text changed (the outcome, the hand-over's info) must be measured anew.
     */
    private void fitScrolling() {
        Composite content = (Composite) scroller.getContent();
        int width = Math.max(scroller.getClientArea().width, 900);
        scroller.setMinSize(content.computeSize(width, SWT.DEFAULT, true));
    }

    private Text deliveryCode;
    private Text recipient;
    private Label deliveryInfo;
    private Button deliver;
    /** The applicant's rating of the service at the hand-over (optional). */
    private org.eclipse.swt.widgets.Combo rating;

    /** Handing over results: find the dossier by its code or by scanning the receipt's QR code, record who took it. */
    private void createDelivery(Composite parent) {
        Label h = new Label(parent, SWT.NONE);
        h.setText(text("delivery.title"));
        Fonts.bold(h, 1.1f);
        deliveryCode = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH);
        deliveryCode.setMessage(text("delivery.hint"));
        deliveryCode.setData(ID_KEY, "counter.delivery.code");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(deliveryCode);
        // A QR scanner types the receipt's text and Enter.
        deliveryCode.addListener(SWT.DefaultSelection, e -> findForDelivery());
        deliveryInfo = new Label(parent, SWT.WRAP);
        deliveryInfo.setData(ID_KEY, "counter.delivery.info");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(deliveryInfo);
        recipient = new Text(parent, SWT.BORDER);
        recipient.setMessage(text("delivery.recipient"));
        recipient.setData(ID_KEY, "counter.delivery.recipient");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(recipient);
        rating = new org.eclipse.swt.widgets.Combo(parent, SWT.READ_ONLY);
        rating.setData(ID_KEY, "counter.delivery.rating");
        rating.setToolTipText(text("delivery.rating.tooltip"));
        rating.add(text("delivery.rating.none"));
        for (vn.motcua.core.model.Satisfaction v : vn.motcua.core.model.Satisfaction.values()) {
            rating.add(v.displayName(locale));
        }
        rating.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(rating);
        deliver = new Button(parent, SWT.PUSH);
        deliver.setText(text("delivery.deliver"));
        deliver.setData(ID_KEY, "counter.delivery.deliver");
        deliver.setEnabled(false);
        deliver.addListener(SWT.Selection, e -> deliver());
    }

    private String toDeliver;

    void findForDelivery() {
        String input = deliveryCode.getText();
        Optional<Counter.HandOver> found = counter.findForHandOver(input);
        toDeliver = null;
        if (found.isEmpty()) {
            deliveryInfo.setText(text("delivery.notFound", input.strip()));
            deliver.setEnabled(false);
        } else {
            Counter.HandOver h = found.get();
            // An issued result first comes back to the desk ("Nhận kết quả về một cửa"): the clerk is told that step by name.
            boolean issued = !h.ready() && h.dossier().status() == vn.motcua.core.model.DossierStatus.ISSUED;
            String info = text(h.ready() ? "delivery.ready" : issued ? "delivery.notReady.issued" : "delivery.notReady", h.dossier().code(),
                    h.dossier().applicant().displayName(), h.dossier().status().displayName(locale),
                    vn.motcua.core.model.DossierAction.MARK_RESULT_READY.displayName(locale));
            // A scanned receipt whose secret does not match: a copy or someone else's slip; the clerk checks the papers.
            if (h.secretMatches().isPresent() && !h.secretMatches().get()) {
                info += " " + text("delivery.secretMismatch");
            }
            deliveryInfo.setText(info);
            deliver.setEnabled(h.ready());
            if (h.ready()) {
                toDeliver = h.dossier().code();
                if (recipient.getText().isBlank()) {
                    recipient.setText(h.dossier().applicant().displayName());
                }
            }
        }
        deliveryInfo.getParent().layout(true);
    }

    void deliver() {
        if (toDeliver == null) {
            return;
        }
        int r = rating.getSelectionIndex();
        try {
            Outcome o = counter.deliver(toDeliver, recipient.getText(), r <= 0 ? null : vn.motcua.core.model.Satisfaction.values()[r - 1], session);
            deliveryInfo.setText(text("delivery.done", o.code(), o.dossier().delivery().recipientName()));
            deliver.setEnabled(false);
            toDeliver = null;
            deliveryCode.setText("");
            recipient.setText("");
            rating.select(0);
        } catch (TransitionException e) {
            MessageDialog.openError(deliver.getShell(), text("delivery.title"), e.message(locale));
        } catch (DeskException e) {
            MessageDialog.openError(deliver.getShell(), text("delivery.title"), e.message(locale));
        }
        deliveryInfo.getParent().layout(true);
    }

    private Composite column(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(4, 4).applyTo(c);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        return c;
    }

    private void label(Composite parent, String key) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text(key));
    }

    private Text field(Composite parent, String key, String id) {
        label(parent, key);
        Text t = new Text(parent, SWT.BORDER | SWT.SINGLE);
        t.setData(ID_KEY, id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(t);
        return t;
    }

    private void filterProcedures() {
        procedureList.removeAll();
        for (Procedure p : procedures) {
            boolean all = VietnameseText.matchesWords(search.getText(), p.code() + " " + p.name());
            if (all) {
                TableItem it = new TableItem(procedureList, SWT.NONE);
                it.setText(p.code() + "  " + p.name());
                it.setData(p);
            }
        }
    }

    /** The dossier waiting at reception shown in the form, or null for a new one. */
    private vn.motcua.core.model.Dossier waiting;
    private Text waitingCode;

    /** Shows a waiting dossier in the form: its procedure, applicant and the papers it holds, ticked. */
    void findWaiting() {
        String code = vn.motcua.desk.Counter.codeIn(waitingCode.getText());
        Optional<vn.motcua.core.model.Dossier> found = counter.waiting(code);
        Optional<Procedure> procedure = found.flatMap(counter::procedure);
        if (found.isEmpty() || procedure.isEmpty()) {
            result.setText(text("waiting.notFound", code));
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            result.getParent().layout(true);
            return;
        }
        clear();
        vn.motcua.core.model.Dossier d = found.get();
        waiting = d;
        waitingCode.setText(d.code());
        chosen = procedure.get();
        search.setText(chosen.code());
        showPapers();
        clearing = true;
        try {
            name.setText(d.applicant().displayName());
            phone.setText(d.applicant().phone());
            address.setText(d.applicant().address());
            if (d.applicant() instanceof PersonApplicant p) {
                citizenId.setText(p.citizenId());
                birth.setText(p.dateOfBirth() == null ? "" : p.dateOfBirth().format(DATE));
            }
        } finally {
            clearing = false;
        }
        for (TableItem it : papers.getItems()) {
            String id = ((RequiredDocument) it.getData()).id();
            it.setChecked(d.papers().stream().anyMatch(x -> x.requiredDocumentId().equals(id)));
        }
        result.setText(text("waiting.found", d.code(), d.applicant().displayName(), d.status().displayName(locale)));
        result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE));
        updateState();
        papers.setFocus();
        result.getParent().layout(true);
    }

    private void choose() {
        int i = procedureList.getSelectionIndex();
        chosen = i < 0 ? null : (Procedure) procedureList.getItem(i).getData();
        waiting = null;
        showPapers();
    }

    private void showPapers() {
        papers.removeAll();
        clearScans();
        if (chosen != null) {
            for (RequiredDocument d : chosen.requiredDocuments()) {
                TableItem it = new TableItem(papers, SWT.NONE);
                String kind = text(d.kind() == PaperKind.ORIGINAL ? "original" : "copy");
                it.setText(d.name() + " – " + d.count() + " " + kind + (d.optional() ? " " + text("optional") : ""));
                it.setData(d);
            }
        }
        updateState();
    }

    private void checkCitizenId() {
        if (clearing) {
            return;
        }
        String id = citizenId.getText().strip();
        if (id.isEmpty()) {
            idMessage.setText("");
            return;
        }
        IdentityCheck check = counter.checkCitizenId(id, parseDate(birth.getText()).orElse(null));
        idMessage.setText(check.valid() ? text("citizenId.ok") : check.message(locale));
        idMessage.setForeground(idMessage.getDisplay().getSystemColor(check.valid() ? SWT.COLOR_DARK_GREEN : SWT.COLOR_DARK_RED));
        if (check.valid() && name.getText().isBlank()) {
            fillReturningApplicant(check.normalised());
        }
        idMessage.getParent().layout(true);
    }

    /** A returning applicant: their last dossier's name, phone and address, so the clerk only checks them. */
    private void fillReturningApplicant(String id) {
        counter.returningApplicant(id).ifPresent(x -> {
            name.setText(x.applicantName());
            phone.setText(x.applicantPhone() == null ? "" : x.applicantPhone());
            address.setText(x.applicantAddress() == null ? "" : x.applicantAddress());
            if (x.applicantBirth() != null && birth.getText().isBlank()) {
                birth.setText(x.applicantBirth().format(DATE));
            }
            result.setText(text("returning", x.code()));
        });
    }

    private static Optional<LocalDate> parseDate(String s) {
        return vn.motcua.core.text.DateInput.parse(s);
    }

    private void updateState() {
        if (chosen == null) {
            fee.setText(text("choose"));
            appointment.setText("");
            appointment.setToolTipText(null);
        } else {
            fee.setText(text("fee", chosen.fee(Channel.IN_PERSON).map(f -> f.isFree() ? text("free") : f.originalText()).orElse(text("free"))));
            Optional<DueTime> due = counter.appointment(chosen, waiting != null ? waiting.channel() : Channel.IN_PERSON);
            Optional<LocalDateTime> at = due.flatMap(DueTime::due);
            appointment.setText(at.map(d -> text("appointment", d.format(DATE_TIME))).orElse(text("noDueDate")));
            // Hover: every adjustment and every skipped day off, as the rules counted them.
            appointment.setToolTipText(due.map(d -> String.join("\n", d.explain(locale))).orElse(null));
        }
        appointment.getParent().layout(true);
        if (scroller != null) {
            fitScrolling();
        }
    }

    private void createScanControls(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
        org.eclipse.jface.layout.RowLayoutFactory.fillDefaults().spacing(6).wrap(true).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        attachScan = new Button(row, SWT.PUSH);
        attachScan.setText(text("scan.attach"));
        attachScan.setToolTipText(text("scan.attach.tooltip"));
        attachScan.setData(ID_KEY, "counter.scan.attach");
        attachScan.setData(PART_KEY, this); // the UI test attaches through attachScan: it cannot drive the file dialog
        attachScan.addListener(SWT.Selection, e -> {
            int i = papers.getSelectionIndex();
            if (i < 0) {
                return;
            }
            org.eclipse.swt.widgets.FileDialog d = new org.eclipse.swt.widgets.FileDialog(parent.getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.pdf;*.jpg;*.jpeg;*.png", "*.*" });
            String file = d.open();
            if (file != null) {
                attachScan(i, java.nio.file.Path.of(file));
            }
        });
        removeScan = new Button(row, SWT.PUSH);
        removeScan.setText(text("scan.remove"));
        removeScan.setData(ID_KEY, "counter.scan.remove");
        removeScan.addListener(SWT.Selection, e -> {
            int i = papers.getSelectionIndex();
            if (i >= 0) {
                scans.remove(((RequiredDocument) papers.getItem(i).getData()).id());
                refreshPaper(i);
                showPaperFlags();
            }
        });
        reusedFlag = flag(row, "paper.reused", "counter.paper.reused", reusedPapers);
        nationalFlag = flag(row, "paper.national", "counter.paper.national", nationalPapers);
        scanMessage = new Label(parent, SWT.WRAP);
        scanMessage.setData(ID_KEY, "counter.scan.message");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(scanMessage);
        showPaperFlags();
    }

    private Button flag(Composite row, String key, String id, java.util.Set<String> flagged) {
        Button b = new Button(row, SWT.CHECK);
        b.setText(text(key));
        b.setToolTipText(text(key + ".tooltip"));
        b.setData(ID_KEY, id);
        b.addListener(SWT.Selection, e -> {
            int i = papers.getSelectionIndex();
            if (i < 0) {
                return;
            }
            String docId = ((RequiredDocument) papers.getItem(i).getData()).id();
            if (b.getSelection()) {
                flagged.add(docId);
                // A paper reused or taken from the national data store was received (as data).
                papers.getItem(i).setChecked(true);
                updateState();
            } else {
                flagged.remove(docId);
            }
            refreshPaper(i);
        });
        return b;
    }

    /**
     * Takes a scan of paper {@code row} from {@code file} (PDF, JPEG or PNG, at most 20 MB), marks the paper received
     * and digitised; returns null, or the reason it was refused (also shown under the list). Public for the UI test,
     * which cannot drive the native file dialog.
     */
    public String attachScan(int row, java.nio.file.Path file) {
        RequiredDocument d = (RequiredDocument) papers.getItem(row).getData();
        Counter.ScanRead read = counter.readScan(file, d, locale);
        if (read.scan() != null) {
            scans.put(d.id(), read.scan());
            papers.getItem(row).setChecked(true);
            refreshPaper(row);
            updateState();
        }
        String problem = read.problem();
        scanMessage.setText(problem == null ? "" : problem);
        scanMessage.setForeground(problem == null ? null : scanMessage.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        showPaperFlags();
        scanMessage.getParent().layout(true);
        return problem;
    }

    private void refreshPaper(int row) {
        TableItem it = papers.getItem(row);
        RequiredDocument d = (RequiredDocument) it.getData();
        Counter.Scan scan = scans.get(d.id());
        it.setText(1, scan == null ? "" : scan.fileName() + " (" + Math.max(1, scan.content().length / 1024) + " KB)");
        it.setText(2, reusedPapers.contains(d.id()) ? "✓" : "");
        it.setText(3, nationalPapers.contains(d.id()) ? "✓" : "");
    }

    /** The flag buttons follow the selected paper; without one they are disabled. */
    private void showPaperFlags() {
        int i = papers.getSelectionIndex();
        boolean any = i >= 0;
        String docId = any ? ((RequiredDocument) papers.getItem(i).getData()).id() : null;
        attachScan.setEnabled(any);
        removeScan.setEnabled(any && scans.containsKey(docId));
        reusedFlag.setEnabled(any);
        nationalFlag.setEnabled(any);
        reusedFlag.setSelection(any && reusedPapers.contains(docId));
        nationalFlag.setSelection(any && nationalPapers.contains(docId));
    }

    private void clearScans() {
        scans.clear();
        reusedPapers.clear();
        nationalPapers.clear();
        if (scanMessage != null) {
            scanMessage.setText("");
            showPaperFlags();
        }
    }

    /** The ticked papers with their digitisation flags. */
    private List<ReceivedPaper> receivedPapers() {
        List<ReceivedPaper> received = new ArrayList<>();
        for (TableItem it : papers.getItems()) {
            if (it.getChecked()) {
                RequiredDocument d = (RequiredDocument) it.getData();
                received.add(new ReceivedPaper(d.id(), d.count(), d.kind(), scans.containsKey(d.id()), reusedPapers.contains(d.id()),
                        nationalPapers.contains(d.id())));
            }
        }
        return received;
    }

    /** The scans of the ticked papers. */
    private List<Counter.Scan> tickedScans() {
        List<Counter.Scan> out = new ArrayList<>();
        for (TableItem it : papers.getItems()) {
            Counter.Scan scan = scans.get(((RequiredDocument) it.getData()).id());
            if (it.getChecked() && scan != null) {
                out.add(scan);
            }
        }
        return out;
    }

    /** What the form says, as the counter's use cases take it; the birth date must have parsed (checked before). */
    private Counter.Application application() {
        PersonApplicant applicant = new PersonApplicant(name.getText().strip(), parseDate(birth.getText()).orElse(null), citizenId.getText().strip(),
                address.getText().strip(), phone.getText().strip(), "");
        return new Counter.Application(chosen, Channel.IN_PERSON, applicant, receivedPapers(), tickedScans());
    }

    /** Problems the clerk must fix first: a birth date that is not a date, then what the counter's rules say. */
    private List<String> problems(boolean toReceive) {
        List<String> problems = new ArrayList<>();
        if (!birth.getText().isBlank() && parseDate(birth.getText()).isEmpty()) {
            problems.add(text("error.birth", birth.getText()));
        }
        problems.addAll(counter.problems(application(), toReceive, locale));
        return problems;
    }

    /** Receives the dossier: the counter numbers it, saves it with its scans and writes Form 01; the form is cleared. */
    /**
     * The receipt in the system's PDF viewer, which previews and prints it (two copies are already in the file); a
     * workstation without a viewer is told so, with the file's place.
     */
    void openReceipt() {
        if (receipt != null && !org.eclipse.swt.program.Program.launch(receipt.toString())) {
            MessageDialog.openInformation(openReceipt.getShell(), text("openReceipt"), text("openReceipt.noViewer", receipt));
        }
    }

    void receive() {
        List<String> problems = problems(true);
        if (!problems.isEmpty()) {
            MessageDialog.openError(result.getShell(), text("title"), String.join("\n", problems));
            return;
        }
        try {
            Outcome o = waiting != null ? counter.receiveWaiting(waiting.code(), receivedPapers(), tickedScans(), session, locale)
                    : counter.receive(application(), session, locale);
            result.setText(text("received", o.code(), o.dossier().dueAt() == null ? text("noDueDate")
                    : LocalDateTime.ofInstant(o.dossier().dueAt(), VIETNAM).format(DATE_TIME)));
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN));
            showForm(o);
            clear();
        } catch (TransitionException e) {
            MessageDialog.openError(result.getShell(), text("title"), e.message(locale));
        } catch (DeskException e) {
            MessageDialog.openError(result.getShell(), text("title"), e.message(locale));
        } catch (RuntimeException e) {
            // Nothing was saved: the clerk sees why and can try again; the details go to the log.
            java.lang.System.getLogger(ReceptionPart.class.getName()).log(java.lang.System.Logger.Level.ERROR, "Reception failed", e);
            MessageDialog.openError(result.getShell(), text("title"), text("error.failed", String.valueOf(e.getMessage())));
        }
        result.getParent().layout(true);
    }

    /**
     * The counter does not receive: the dossier is recorded (it has a number in the ledger) as refused, or as
     * waiting for the missing papers, and Form 03 or Form 02 is written for the applicant with the reason.
     */
    void decline(boolean refusal) {
        List<String> problems = problems(false);
        if (!problems.isEmpty()) {
            MessageDialog.openError(result.getShell(), text("title"), String.join("\n", problems));
            return;
        }
        List<String> missing = refusal ? List.of() : counter.missingPapers(application());
        String initial = refusal ? "" : text("supplement.reason", String.join("; ", missing));
        ReasonDialog dialog = new ReasonDialog(result.getShell(), text(refusal ? "refuse" : "incomplete"),
                text(refusal ? "refuse.prompt" : "incomplete.prompt"), initial);
        if (dialog.open() != org.eclipse.jface.window.Window.OK) {
            return;
        }
        try {
            Outcome o = waiting != null ? counter.declineWaiting(waiting.code(), receivedPapers(), refusal, dialog.reason(), session)
                    : counter.decline(application(), refusal, dialog.reason(), session, locale);
            result.setText(text(refusal ? "refused" : "supplementRequested", o.code()));
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE));
            showForm(o);
            clear();
        } catch (TransitionException e) {
            MessageDialog.openError(result.getShell(), text("title"), e.message(locale));
        } catch (DeskException e) {
            MessageDialog.openError(result.getShell(), text("title"), e.message(locale));
        }
        result.getParent().layout(true);
    }

    /** The form the step wrote, ready to open; when only the file could not be written the clerk is told. */
    private void showForm(Outcome o) {
        if (broker != null) {
            // The dossier list and its count show the new dossier at once.
            broker.post(vn.motcua.app.AppEvents.DOSSIERS_CHANGED, 1);
        }
        receipt = o.form().map(f -> f.file()).orElse(null);
        openReceipt.setEnabled(receipt != null);
        o.form().map(f -> f.problem()).filter(p -> p != null)
                .ifPresent(p -> MessageDialog.openWarning(result.getShell(), text("title"), p));
    }

    /** A reason to write for the citizen, with the buttons in the UI language. */
    private final class ReasonDialog extends org.eclipse.jface.dialogs.Dialog {
        private final String title;
        private final String prompt;
        private final String initial;
        private Text input;
        private String reason = "";

        ReasonDialog(org.eclipse.swt.widgets.Shell shell, String title, String prompt, String initial) {
            super(shell);
            this.title = title;
            this.prompt = prompt;
            this.initial = initial;
        }

        @Override
        protected void configureShell(org.eclipse.swt.widgets.Shell shell) {
            super.configureShell(shell);
            shell.setText(title);
        }

        @Override
        protected org.eclipse.swt.widgets.Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            GridLayoutFactory.swtDefaults().margins(12, 10).applyTo(area);
            Label l = new Label(area, SWT.WRAP);
            l.setText(prompt);
            GridDataFactory.fillDefaults().hint(440, SWT.DEFAULT).applyTo(l);
            input = new Text(area, SWT.MULTI | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
            input.setData(ID_KEY, "counter.reason");
            input.setText(initial);
            GridDataFactory.fillDefaults().grab(true, true).hint(440, 90).applyTo(input);
            return area;
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            createButton(parent, org.eclipse.jface.dialogs.IDialogConstants.OK_ID, text("ok"), true);
            createButton(parent, org.eclipse.jface.dialogs.IDialogConstants.CANCEL_ID, text("cancel"), false);
        }

        @Override
        protected void okPressed() {
            reason = input.getText().strip();
            super.okPressed();
        }

        String reason() {
            return reason;
        }
    }

    private boolean clearing;
    private java.nio.file.Path receipt;
    private Button openReceipt;

    private void clear() {
        waiting = null;
        waitingCode.setText("");
        // The ID goes first and checks are off meanwhile: else the just-received applicant would be "returning".
        clearing = true;
        try {
            for (Text t : new Text[] { citizenId, name, birth, phone, address }) {
                t.setText("");
            }
            idMessage.setText("");
        } finally {
            clearing = false;
        }
        search.setText("");
        chosen = null;
        papers.removeAll();
        clearScans();
        updateState();
        search.setFocus();
    }
}
