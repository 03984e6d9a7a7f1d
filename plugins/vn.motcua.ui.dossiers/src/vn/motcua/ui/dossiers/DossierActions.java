package vn.motcua.ui.dossiers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import vn.motcua.core.calendar.DueTimeCalculator;
import vn.motcua.core.calendar.DueTimeRequest;
import vn.motcua.core.calendar.Supplement;
import vn.motcua.core.calendar.SupplementMode;
import vn.motcua.core.lifecycle.ActionAvailability;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.LifecycleMessage;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.lifecycle.TransitionException;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.core.session.UserSession;
import vn.motcua.store.LocalCache;

/**
 * The commands the state machine allows on the selected dossier, as buttons: enabled when one of the user's
 * roles may do it now, disabled with the reason in the tooltip otherwise. A command that needs data (a reason,
 * an assignee, a new date) asks for it; the lifecycle has the last word and its refusal is shown as it says it.
 */
final class DossierActions {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Actions this screen does not carry out: the counter, approval and delivery screens do, with their forms. */
    private static final List<DossierAction> ELSEWHERE = List.of(DossierAction.SUBMIT_ONLINE, DossierAction.RECEIVE,
            DossierAction.REFUSE, DossierAction.ISSUE,
            DossierAction.DELIVER_RESULT, DossierAction.TRANSFER);

    private final Composite bar;
    private final UiText text;
    private final LocalCache cache;
    private final UserSession session;
    private final Runnable changed;
    private final Lifecycle lifecycle = Lifecycle.standard();

    DossierActions(Composite parent, UiText text, LocalCache cache, UserSession session, Runnable changed) {
        this.text = text;
        this.cache = cache;
        this.session = session;
        this.changed = changed;
        bar = new Composite(parent, SWT.NONE);
        bar.setData(DossierListPart.ID_KEY, "dossiers.actions");
        RowLayoutFactory.fillDefaults().spacing(6).wrap(true).applyTo(bar);
    }

    Control control() {
        return bar;
    }

    /** Buttons for the dossier with this code (none for null). */
    void show(String code) {
        for (Control c : bar.getChildren()) {
            c.dispose();
        }
        Optional<Dossier> dossier = code == null ? Optional.empty() : cache.dossierRepository().findByCode(code);
        if (dossier.isPresent() && session != null) {
            Dossier d = dossier.get();
            Instant now = Instant.now();
            for (Map.Entry<DossierAction, Choice> e : choices(d, now).entrySet()) {
                Button b = new Button(bar, SWT.PUSH);
                b.setText(text.action(e.getKey().name()));
                b.setData(DossierListPart.ID_KEY, "dossiers.action." + e.getKey().name());
                Choice c = e.getValue();
                b.setEnabled(c.actor() != null);
                if (c.actor() == null) {
                    b.setToolTipText(c.why());
                } else if (!c.warnings().isEmpty()) {
                    b.setToolTipText(String.join("\n", c.warnings()));
                }
                b.addListener(SWT.Selection, ev -> run(d.code(), e.getKey(), c));
            }
            if (d.code() != null) {
                Button slip = new Button(bar, SWT.PUSH);
                slip.setText(text.get("control.button"));
                slip.setToolTipText(text.get("control.tooltip"));
                slip.setData(DossierListPart.ID_KEY, "dossiers.form.control");
                slip.addListener(SWT.Selection, ev -> controlSlip(bar.getShell(), d.code()));
            }
        }
        bar.getParent().layout(true, true);
    }

    /** Per action the status allows: the first of the user's roles that may do it now, or why none may. */
    private record Choice(Actor actor, String why, List<String> warnings) {
    }

    private Map<DossierAction, Choice> choices(Dossier d, Instant now) {
        Map<DossierAction, Choice> out = new LinkedHashMap<>();
        List<DossierAction> possible = lifecycle.actionsFrom(d).stream().filter(a -> !ELSEWHERE.contains(a)).toList();
        for (DossierAction a : possible) {
            Choice best = null;
            for (Role role : session.user().roles()) {
                Actor actor = new Actor(session.user(), role, session.workstationId());
                ActionAvailability av = lifecycle.allowedActions(d, actor, now).stream().filter(x -> x.action() == a).findFirst().orElseThrow();
                if (av.enabled()) {
                    best = new Choice(actor, "", av.warnings().stream().map(m -> m.format(text.locale())).toList());
                    break;
                }
                if (best == null) {
                    best = new Choice(null, av.whyDisabled().map(m -> m.format(text.locale())).orElse(""), List.of());
                }
            }
            if (best == null) {
                best = new Choice(null, text.get("action.noRole"), List.of());
            }
            out.put(a, best);
        }
        return out;
    }

    private void run(String code, DossierAction action, Choice choice) {
        Shell shell = bar.getShell();
        Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
        Instant now = Instant.now();
        if (!choice.warnings().isEmpty() && !ask(shell, text.action(action.name()), String.join("\n", choice.warnings()))) {
            return;
        }
        Optional<Command> command = command(shell, d, action, now);
        if (command.isEmpty()) {
            return;
        }
        try {
            Transition t = lifecycle.apply(d, command.get(), choice.actor(), now);
            cache.dossierRepository().save(t.dossier(), t.event());
            if (action == DossierAction.EXTEND || action == DossierAction.STOP) {
                notice(shell, d, t.dossier(), action == DossierAction.EXTEND ? vn.motcua.forms.ReceiptForm.APOLOGY : vn.motcua.forms.ReceiptForm.STOP,
                        t.event().reason());
            }
            if (!t.warnings().isEmpty()) {
                MessageDialog.openWarning(shell, text.action(action.name()),
                        t.warnings().stream().map(m -> m.format(text.locale())).collect(Collectors.joining("\n")));
            }
        } catch (TransitionException e) {
            MessageDialog.openError(shell, text.action(action.name()), e.getMessage());
        }
        changed.run();
    }

    /**
     * Form 04 (apology and new appointment) or 05 (stop notice) for the citizen, written to the data folder's
     * {@code forms/} and offered for printing; the command itself is already saved whatever happens here.
     */
    private void notice(Shell shell, Dossier before, Dossier after, String form, String reason) {
        try {
            Procedure p = cache.procedures().find(after.procedureCode(), after.procedureVersion()).orElseThrow();
            vn.motcua.core.model.Agency agency = cache.agencies().findByCode(after.agencyCode())
                    .orElse(new vn.motcua.core.model.Agency(after.agencyCode(), after.agencyCode(), vn.motcua.core.model.Level.COMMUNE, null));
            String parent = agency.parentCode() == null ? ""
                    : cache.agencies().findByCode(agency.parentCode()).map(vn.motcua.core.model.Agency::name).orElse("");
            byte[] pdf = new vn.motcua.forms.FormRenderer(cache.dataDir().resolve("templates")).render(after.rulePackId(), form,
                    vn.motcua.forms.ReceiptForm.processingNotice(after, p, agency, parent, session.user().fullName(),
                            vn.motcua.forms.ReceiptForm.place(agency.name()), reason, before.dueAt()),
                    session.training());
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(cache.dataDir().resolve("forms"));
            java.nio.file.Path file = java.nio.file.Files.write(dir.resolve(after.code() + "-mau" + form + ".pdf"), pdf);
            if (ask(shell, text.get("form.title", form), text.get("form.open", file))) {
                org.eclipse.swt.program.Program.launch(file.toString());
            }
        } catch (java.io.IOException | RuntimeException e) {
            MessageDialog.openError(shell, text.get("form.title", form), text.get("form.failed", form, String.valueOf(e.getMessage())));
        }
    }

    /**
     * The process control slip (Form 06 of the 2025 pack, 05 of the 2018 pack) of a dossier, from its history, written
     * to the data folder's {@code forms/} and offered for printing. Public-facing path kept in {@link #controlSlipFile}.
     */
    private void controlSlip(Shell shell, String code) {
        Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
        String form = vn.motcua.forms.ProcessForms.controlSlip(d.rulePackId());
        try {
            java.nio.file.Path file = controlSlipFile(d);
            if (ask(shell, text.get("form.title", form), text.get("form.open", file))) {
                org.eclipse.swt.program.Program.launch(file.toString());
            }
        } catch (java.io.IOException | RuntimeException e) {
            MessageDialog.openError(shell, text.get("form.title", form), text.get("form.failed", form, String.valueOf(e.getMessage())));
        }
    }

    /** Writes the dossier's control slip PDF under {@code forms/} and returns its path. */
    java.nio.file.Path controlSlipFile(Dossier d) throws java.io.IOException {
        Procedure p = cache.procedures().find(d.procedureCode(), d.procedureVersion()).orElse(null);
        vn.motcua.core.model.Agency agency = cache.agencies().findByCode(d.agencyCode())
                .orElse(new vn.motcua.core.model.Agency(d.agencyCode(), d.agencyCode(), vn.motcua.core.model.Level.COMMUNE, null));
        String parent = agency.parentCode() == null ? "" : cache.agencies().findByCode(agency.parentCode()).map(vn.motcua.core.model.Agency::name).orElse("");
        String form = vn.motcua.forms.ProcessForms.controlSlip(d.rulePackId());
        byte[] pdf = new vn.motcua.forms.FormRenderer(cache.dataDir().resolve("templates")).render(d.rulePackId(), form,
                vn.motcua.forms.ProcessForms.controlSlipData(d, p, agency, parent,
                        u -> cache.users().find(u).map(vn.motcua.core.model.User::fullName).orElse(u)),
                session.training());
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(cache.dataDir().resolve("forms"));
        return java.nio.file.Files.write(dir.resolve(d.code() + "-mau" + form + ".pdf"), pdf);
    }

    /** The command with the data the action needs; empty when the user cancels. */
    private Optional<Command> command(Shell shell, Dossier d, DossierAction action, Instant now) {
        return switch (action) {
            case ASSIGN -> pick(shell, action, specialists()).map(Command.Assign::new);
            case START_PROCESSING -> confirm(shell, action, d) ? Optional.of(new Command.StartProcessing()) : Optional.empty();
            case SUBMIT_FOR_APPROVAL -> confirm(shell, action, d) ? Optional.of(new Command.SubmitForApproval()) : Optional.empty();
            case APPROVE -> confirm(shell, action, d) ? Optional.of(new Command.Approve()) : Optional.empty();
            case MARK_RESULT_READY -> confirm(shell, action, d) ? Optional.of(new Command.MarkResultReady()) : Optional.empty();
            case REQUEST_SUPPLEMENT -> reason(shell, action).map(r -> new Command.RequestSupplement(r, null));
            case RECEIVE_SUPPLEMENT -> confirm(shell, action, d) ? Optional.of(new Command.ReceiveSupplement(dueAfterSupplement(d, now)))
                    : Optional.empty();
            case SEND_BACK -> reason(shell, action).map(Command.SendBack::new);
            case RETURN_DOSSIER -> reason(shell, action).map(Command.ReturnDossier::new);
            case STOP -> reason(shell, action).map(Command.Stop::new);
            case WITHDRAW -> reason(shell, action).map(Command.Withdraw::new);
            case EXTEND -> extension(shell, action, d);
            case REQUEST_PAYMENT -> reason(shell, action).map(Command.RequestPayment::new);
            case CONFIRM_PAYMENT -> payment(shell, action, d, now);
            default -> Optional.empty();
        };
    }

    private List<String> specialists() {
        List<String> out = new ArrayList<>();
        for (User u : cache.users().all()) {
            if (u.hasRole(Role.SPECIALIST) && u.agencyCode().equals(session.agencyCode())) {
                out.add(u.username());
            }
        }
        return out;
    }

    private boolean confirm(Shell shell, DossierAction action, Dossier d) {
        return ask(shell, text.action(action.name()), text.get("action.confirm", text.action(action.name()), d.code()));
    }

    /** A yes/no question with the buttons in the UI language (JFace's own are English only). */
    private boolean ask(Shell shell, String title, String question) {
        return new MessageDialog(shell, title, null, question, MessageDialog.CONFIRM, 0, text.get("button.ok"), text.get("button.cancel"))
                .open() == 0;
    }

    private Optional<String> reason(Shell shell, DossierAction action) {
        InputDialog dlg = new InputDialog(shell, text, text.action(action.name()), text.get("action.reason"), null, null);
        return dlg.open() == IDialogConstants.OK_ID ? Optional.of(dlg.reason()) : Optional.empty();
    }

    private Optional<String> pick(Shell shell, DossierAction action, List<String> options) {
        InputDialog dlg = new InputDialog(shell, text, text.action(action.name()), text.get("action.assignee"), options, null);
        return dlg.open() == IDialogConstants.OK_ID ? Optional.of(dlg.choice()) : Optional.empty();
    }

    /**
     * The fee the applicant paid: amount (the procedure's fee for the channel suggested), receipt number, and whether
     * it went through an online payment gateway (counted by the 766 online-payment indicator).
     */
    private Optional<Command> payment(Shell shell, DossierAction action, Dossier d, Instant now) {
        Long fee = cache.procedures().find(d.procedureCode(), d.procedureVersion()).flatMap(p -> p.fee(d.channel()))
                .map(vn.motcua.core.model.Fee::amountVnd).orElse(null);
        PaymentDialog dlg = new PaymentDialog(shell, text, text.action(action.name()), fee);
        if (dlg.open() != IDialogConstants.OK_ID) {
            return Optional.empty();
        }
        return Optional.of(new Command.ConfirmPayment(new vn.motcua.core.model.FeePayment(text.get("payment.name"), dlg.amount(), now,
                dlg.receipt(), dlg.online())));
    }

    /** Amount (digits, dots allowed as thousands separators), receipt number, online or not; a bad amount is named. */
    static final class PaymentDialog extends TitledDialog {
        private final Long suggested;
        private Text amountText;
        private Text receiptText;
        private org.eclipse.swt.widgets.Button onlineCheck;
        private Label problem;
        private long amount;
        private String receipt = "";
        private boolean online;

        PaymentDialog(Shell parent, UiText text, String title, Long suggested) {
            super(parent, text, title);
            this.suggested = suggested;
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 10).applyTo(area);
            new Label(area, SWT.NONE).setText(text.get("payment.amount"));
            amountText = new Text(area, SWT.BORDER);
            amountText.setData(DossierListPart.ID_KEY, "payment.amount");
            amountText.setText(suggested == null ? "" : Long.toString(suggested));
            GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(amountText);
            new Label(area, SWT.NONE).setText(text.get("payment.receipt"));
            receiptText = new Text(area, SWT.BORDER);
            receiptText.setData(DossierListPart.ID_KEY, "payment.receipt");
            GridDataFactory.fillDefaults().grab(true, false).applyTo(receiptText);
            onlineCheck = new org.eclipse.swt.widgets.Button(area, SWT.CHECK);
            onlineCheck.setText(text.get("payment.online"));
            onlineCheck.setData(DossierListPart.ID_KEY, "payment.online");
            GridDataFactory.fillDefaults().span(2, 1).applyTo(onlineCheck);
            problem = new Label(area, SWT.WRAP);
            problem.setData(DossierListPart.ID_KEY, "payment.problem");
            GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(problem);
            return area;
        }


        @Override
        protected void okPressed() {
            String raw = amountText.getText().strip().replace(".", "").replace(" ", "");
            if (!raw.matches("\\d{1,12}")) {
                problem.setText(text.get("payment.badAmount", amountText.getText().strip()));
                amountText.setFocus();
                getShell().layout(true, true);
                return;
            }
            amount = Long.parseLong(raw);
            receipt = receiptText.getText().strip();
            online = onlineCheck.getSelection();
            super.okPressed();
        }

        long amount() {
            return amount;
        }

        String receipt() {
            return receipt;
        }

        boolean online() {
            return online;
        }
    }

    private Optional<Command> extension(Shell shell, DossierAction action, Dossier d) {
        LocalDate suggested = d.dueAt() == null ? LocalDate.now(VIETNAM).plusDays(3)
                : LocalDateTime.ofInstant(d.dueAt(), VIETNAM).toLocalDate().plusDays(3);
        InputDialog dlg = new InputDialog(shell, text, text.action(action.name()), text.get("action.apology"), null, suggested);
        if (dlg.open() != IDialogConstants.OK_ID) {
            return Optional.empty();
        }
        Instant due = dlg.date().atTime(LocalTime.of(17, 0)).atZone(VIETNAM).toInstant();
        return Optional.of(new Command.Extend(due, dlg.reason()));
    }

    /**
     * The appointment after a supplement: the procedure's time counted again with the time spent waiting for
     * the papers left out ({@link SupplementMode#defaultMode()}), as the counter promised it at reception.
     */
    private Instant dueAfterSupplement(Dossier d, Instant now) {
        Optional<Procedure> p = cache.procedures().find(d.procedureCode(), d.procedureVersion());
        if (p.isEmpty() || d.receivedAt() == null || p.get().processingTime(d.channel()).isEmpty()) {
            return null;
        }
        List<Supplement> supplements = new ArrayList<>();
        LocalDateTime requested = null;
        for (DossierEvent e : d.events()) {
            if (e.action() == DossierAction.REQUEST_SUPPLEMENT) {
                requested = LocalDateTime.ofInstant(e.at(), VIETNAM);
            } else if (e.action() == DossierAction.RECEIVE_SUPPLEMENT && requested != null) {
                supplements.add(new Supplement(requested, LocalDateTime.ofInstant(e.at(), VIETNAM)));
                requested = null;
            }
        }
        if (requested != null) {
            supplements.add(new Supplement(requested, LocalDateTime.ofInstant(now, VIETNAM)));
        }
        DueTimeRequest request = new DueTimeRequest(LocalDateTime.ofInstant(d.receivedAt(), VIETNAM), p.get().processingTime(d.channel()).get(),
                p.get().cutOff().orElse(null), SupplementMode.defaultMode(), supplements);
        LocalDateTime due = new DueTimeCalculator(cache.calendar()).compute(request).dueAt();
        return due == null ? null : due.atZone(VIETNAM).toInstant();
    }

    /** A small dialog: a reason (always), plus a choice from a list or a date when asked. */
    /** A dialog titled by its command, with OK and Cancel in the UI language. */
    abstract static class TitledDialog extends Dialog {
        final UiText text;
        private final String title;

        TitledDialog(Shell parent, UiText text, String title) {
            super(parent);
            this.text = text;
            this.title = title;
        }

        @Override
        protected void configureShell(Shell shell) {
            super.configureShell(shell);
            shell.setText(title);
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            createButton(parent, IDialogConstants.OK_ID, text.get("button.ok"), true);
            createButton(parent, IDialogConstants.CANCEL_ID, text.get("button.cancel"), false);
        }
    }

    static final class InputDialog extends TitledDialog {
        private final String prompt;
        private final List<String> options;
        private final LocalDate date;
        private Text reasonText;
        private Combo combo;
        private DateTime picker;
        private String reason = "";
        private String choice = "";
        private LocalDate picked;

        InputDialog(Shell parent, UiText text, String title, String prompt, List<String> options, LocalDate date) {
            super(parent, text, title);
            this.prompt = prompt;
            this.options = options;
            this.date = date;
        }


        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            GridLayoutFactory.swtDefaults().margins(12, 10).applyTo(area);
            Label l = new Label(area, SWT.WRAP);
            l.setText(prompt);
            GridDataFactory.fillDefaults().hint(420, SWT.DEFAULT).applyTo(l);
            if (options != null) {
                combo = new Combo(area, SWT.DROP_DOWN);
                combo.setData(DossierListPart.ID_KEY, "action.choice");
                options.forEach(combo::add);
                if (!options.isEmpty()) {
                    combo.select(0);
                }
                GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
            } else {
                if (date != null) {
                    picker = new DateTime(area, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
                    picker.setData(DossierListPart.ID_KEY, "action.date");
                    picker.setDate(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
                }
                reasonText = new Text(area, SWT.MULTI | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
                reasonText.setData(DossierListPart.ID_KEY, "action.reason");
                GridDataFactory.fillDefaults().grab(true, true).hint(420, 80).applyTo(reasonText);
            }
            return area;
        }


        @Override
        protected void okPressed() {
            reason = reasonText == null ? "" : reasonText.getText().strip();
            choice = combo == null ? "" : combo.getText().strip();
            picked = picker == null ? null : LocalDate.of(picker.getYear(), picker.getMonth() + 1, picker.getDay());
            super.okPressed();
        }

        String reason() {
            return reason;
        }

        String choice() {
            return choice;
        }

        LocalDate date() {
            return picked;
        }
    }

}
