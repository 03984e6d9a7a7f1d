package vn.motcua.ui.dossiers;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import vn.motcua.core.lifecycle.TransitionException;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.User;
import vn.motcua.core.session.UserSession;
import vn.motcua.desk.ActingAs;
import vn.motcua.desk.DeskException;
import vn.motcua.desk.DossierCommands;
import vn.motcua.desk.DossierForms;
import vn.motcua.desk.Outcome;
import vn.motcua.desk.PrintedForm;

/**
 * The commands the state machine allows on the selected dossier, as buttons: enabled when one of the user's
 * roles may do it now, disabled with the reason in the tooltip otherwise. A command that needs data (a reason,
 * an assignee, the days of an extension) asks for it, then the desk's {@link DossierCommands} carries it out; the
 * lifecycle has the last word and its refusal is shown as it says it. Widgets only.
 */
final class DossierActions {

    private final Composite bar;
    private final UiText text;
    private final DossierCommands commands;
    private final DossierForms forms;
    private final UserSession session;
    private final Runnable changed;

    DossierActions(Composite parent, UiText text, DossierCommands commands, DossierForms forms, UserSession session, Runnable changed) {
        this.text = text;
        this.commands = commands;
        this.forms = forms;
        this.session = session;
        this.changed = changed;
        box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(box);
        bar = new Composite(box, SWT.NONE);
        bar.setData(DossierListPart.ID_KEY, "dossiers.actions");
        RowLayoutFactory.fillDefaults().spacing(6).wrap(true).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        // Why a greyed action cannot be done yet, in words: a disabled button shows no tooltip, and the keyboard has none.
        why = new Label(box, SWT.WRAP);
        why.setData(DossierListPart.ID_KEY, "dossiers.actions.why");
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(why);
    }

    private final Composite box;
    private final Label why;

    Control control() {
        return box;
    }

    /** Buttons for the dossier with this code (none for null). */
    void show(String code) {
        for (Control c : bar.getChildren()) {
            c.dispose();
        }
        Optional<Dossier> dossier = code == null || commands == null ? Optional.empty() : commands.find(code);
        java.util.List<String> reasons = new java.util.ArrayList<>();
        java.util.List<String> others = new java.util.ArrayList<>();
        if (dossier.isPresent() && session != null) {
            Dossier d = dossier.get();
            for (Map.Entry<DossierAction, DossierCommands.Choice> e : commands.choices(d, session, text.locale()).entrySet()) {
                Button b = new Button(bar, SWT.PUSH);
                b.setText(text.action(e.getKey().name()));
                b.setData(DossierListPart.ID_KEY, "dossiers.action." + e.getKey().name());
                DossierCommands.Choice c = e.getValue();
                b.setEnabled(c.enabled());
                if (!c.enabled()) {
                    b.setToolTipText(c.why());
                    if (c.notYourRole()) {
                        others.add(text.action(e.getKey().name()));
                    } else if (c.why() != null && !c.why().isBlank()) {
                        reasons.add(text.get("action.why", text.action(e.getKey().name()), c.why()));
                    }
                } else if (!c.warnings().isEmpty()) {
                    b.setToolTipText(String.join("\n", c.warnings()));
                }
                b.addListener(SWT.Selection, ev -> run(d.code(), e.getKey(), c));
            }
            if (d.dueAt() != null) {
                Button explain = new Button(bar, SWT.PUSH);
                explain.setText(text.get("due.button"));
                explain.setToolTipText(text.get("due.tooltip"));
                explain.setData(DossierListPart.ID_KEY, "dossiers.due.explain");
                explain.addListener(SWT.Selection, ev -> explainDue(bar.getShell(), d.code()));
            }
            if (d.code() != null) {
                Button slip = new Button(bar, SWT.PUSH);
                slip.setText(text.get("control.button"));
                slip.setToolTipText(text.get("control.tooltip"));
                slip.setData(DossierListPart.ID_KEY, "dossiers.form.control");
                slip.addListener(SWT.Selection, ev -> print(bar.getShell(), () -> forms.controlSlip(commands.find(d.code()).orElseThrow(), session.training())));
                Button reprint = new Button(bar, SWT.PUSH);
                reprint.setText(text.get("reprint.button"));
                reprint.setToolTipText(text.get("reprint.tooltip"));
                reprint.setData(DossierListPart.ID_KEY, "dossiers.form.reprint");
                reprint.addListener(SWT.Selection, ev -> reprint(bar.getShell(), d.code()));
            }
        }
        if (!others.isEmpty()) {
            // Steps of other roles, in one line: the clerk sees they are someone else's, without a wall of text.
            reasons.add(text.get("action.otherRoles", String.join(", ", others)));
        }
        why.setText(String.join("\n", reasons));
        ((GridData) why.getLayoutData()).exclude = reasons.isEmpty();
        why.setVisible(!reasons.isEmpty());
        box.getParent().layout(true, true);
    }

    private void run(String code, DossierAction action, DossierCommands.Choice choice) {
        Shell shell = bar.getShell();
        Dossier d = commands.find(code).orElse(null);
        if (d == null) {
            return;
        }
        if (!choice.warnings().isEmpty() && !ask(shell, text.action(action.name()), String.join("\n", choice.warnings()))) {
            return;
        }
        ActingAs by = new ActingAs(session, choice.as());
        try {
            Optional<Outcome> done = carryOut(shell, d, action, by);
            if (done.isEmpty()) {
                return;
            }
            Outcome o = done.get();
            o.form().ifPresent(f -> offer(shell, f));
            if (!o.warnings().isEmpty()) {
                MessageDialog.openWarning(shell, text.action(action.name()), o.warningText(text.locale()));
            }
        } catch (TransitionException e) {
            MessageDialog.openError(shell, text.action(action.name()), e.message(text.locale()));
        } catch (DeskException e) {
            MessageDialog.openError(shell, text.action(action.name()), e.message(text.locale()));
        }
        changed.run();
    }

    /** Asks what the action needs and carries it out; empty when the user cancels. */
    private Optional<Outcome> carryOut(Shell shell, Dossier d, DossierAction action, ActingAs by) {
        String code = d.code();
        return switch (action) {
            case ASSIGN -> pick(shell, action, commands.specialists(session.agencyCode()).stream().map(User::username).toList())
                    .map(u -> commands.assign(code, u, by));
            case START_PROCESSING -> confirm(shell, action, d) ? Optional.of(commands.startProcessing(code, by)) : Optional.empty();
            case SUBMIT_FOR_APPROVAL -> confirm(shell, action, d) ? Optional.of(commands.submitForApproval(code, by)) : Optional.empty();
            case MARK_RESULT_READY -> confirm(shell, action, d) ? Optional.of(commands.markResultReady(code, by)) : Optional.empty();
            case REQUEST_SUPPLEMENT -> supplement(shell, action).map(r -> commands.requestSupplement(code, r.papers(), r.reason(), by));
            case RECEIVE_SUPPLEMENT -> confirm(shell, action, d) ? Optional.of(commands.receiveSupplement(code, null, by)) : Optional.empty();
            case SEND_BACK -> reason(shell, action).map(r -> commands.sendBack(code, r, by));
            case RETURN_DOSSIER -> reason(shell, action).map(r -> commands.returnDossier(code, r, by));
            case STOP -> reason(shell, action).map(r -> commands.stop(code, r, by));
            case WITHDRAW -> reason(shell, action).map(r -> commands.withdraw(code, r, by));
            case TRANSFER -> transfer(shell, action).map(t -> commands.transfer(code, t[0], t[1], by));
            case EXTEND -> extension(shell, action, d).map(x -> commands.extend(code, x.days(), x.reason(), by));
            case REQUEST_PAYMENT -> reason(shell, action).map(r -> commands.requestPayment(code, r, by));
            case CONFIRM_PAYMENT -> payment(shell, action, d).map(p -> commands.confirmPayment(code, text.get("payment.name"), p.amount(), p.receipt(),
                    p.online(), by));
            default -> Optional.empty();
        };
    }

    /** The paper a step gave the applicant, offered for opening (the system's viewer prints it). */
    private void offer(Shell shell, PrintedForm f) {
        if (f.file() == null) {
            MessageDialog.openWarning(shell, text.get("form.title", f.number()), f.problem());
        } else if (ask(shell, text.get("form.title", f.number()), text.get("form.open", f.file()))) {
            org.eclipse.swt.program.Program.launch(f.file().toString());
        }
    }

    private void print(Shell shell, Supplier<PrintedForm> make) {
        try {
            offer(shell, make.get());
        } catch (DeskException e) {
            MessageDialog.openError(shell, text.get("reprint.button"), e.message(text.locale()));
        }
    }

    /** The due date and how it was counted, as it stands now (a dialog: reachable with Tab and Enter). */
    private void explainDue(Shell shell, String code) {
        commands.find(code).ifPresent(d -> {
            List<String> lines = commands.dueDateExplained(d, text.locale());
            new MessageDialog(shell, text.get("due.title", code), null, lines.isEmpty() ? text.get("due.none") : "• " + String.join("\n• ", lines),
                    MessageDialog.INFORMATION, 0, text.get("button.ok")).open();
        });
    }

    /** Any paper of the dossier's history again, chosen from the list (a receipt without its secret). */
    private void reprint(Shell shell, String code) {
        Dossier d = commands.find(code).orElse(null);
        if (d == null) {
            return;
        }
        List<DossierForms.FormOfDossier> all = forms.formsOf(d, text.locale());
        List<String> labels = all.stream().map(f -> text.get("reprint.item", f.number(), f.title(),
                f.at() == null ? text.get("reprint.now") : text.dateTime(f.at()))).toList();
        InputDialog dlg = new InputDialog(shell, text, text.get("reprint.button"), text.get("reprint.prompt"), labels, null);
        if (dlg.open() != IDialogConstants.OK_ID) {
            return;
        }
        int i = labels.indexOf(dlg.choice());
        if (i >= 0) {
            print(shell, () -> forms.reprint(d, all.get(i), session.training()));
        }
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

    /** The agency (code) the dossier goes to and why. */
    private Optional<String[]> transfer(Shell shell, DossierAction action) {
        List<vn.motcua.core.model.Agency> agencies = commands.transferTargets(session.agencyCode());
        List<String> labels = agencies.stream().map(a -> a.name() + " (" + a.code() + ")").toList();
        InputDialog target = new InputDialog(shell, text, text.action(action.name()), text.get("action.transferTo"), labels, null);
        if (target.open() != IDialogConstants.OK_ID) {
            return Optional.empty();
        }
        int i = labels.indexOf(target.choice());
        String code = i >= 0 ? agencies.get(i).code() : target.choice();
        return reason(shell, action).map(r -> new String[] { code, r });
    }

    /** What the specialist asks for (one paper a line, printed on Form 02) and why. */
    record SupplementRequest(List<String> papers, String reason) {
    }

    private Optional<SupplementRequest> supplement(Shell shell, DossierAction action) {
        InputDialog dlg = new InputDialog(shell, text, text.action(action.name()), text.get("action.reason"), null, null).withPapers();
        if (dlg.open() != IDialogConstants.OK_ID) {
            return Optional.empty();
        }
        List<String> papers = Arrays.stream(dlg.papers().split("\\R")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        return Optional.of(new SupplementRequest(papers, dlg.reason()));
    }

    record Payment(long amount, String receipt, boolean online) {
    }

    /**
     * The fee the applicant paid: amount (the procedure's fee for the channel suggested), receipt number, and whether
     * it went through an online payment gateway (counted by the 766 online-payment indicator).
     */
    private Optional<Payment> payment(Shell shell, DossierAction action, Dossier d) {
        PaymentDialog dlg = new PaymentDialog(shell, text, text.action(action.name()), commands.suggestedFee(d).orElse(null));
        if (dlg.open() != IDialogConstants.OK_ID) {
            return Optional.empty();
        }
        return Optional.of(new Payment(dlg.amount(), dlg.receipt(), dlg.online()));
    }

    record Extension(int days, String reason) {
    }

    /** The apology: how many working days more (the new date is the calendar's, shown as the days change) and why. */
    private Optional<Extension> extension(Shell shell, DossierAction action, Dossier d) {
        ExtensionDialog dlg = new ExtensionDialog(shell, text, text.action(action.name()), days -> {
            try {
                return text.dateTime(commands.extendedDueAt(d, days));
            } catch (DeskException e) {
                return e.message(text.locale());
            }
        });
        return dlg.open() == IDialogConstants.OK_ID ? Optional.of(new Extension(dlg.days(), dlg.reason())) : Optional.empty();
    }

    /** Working days (1–30) with the new appointment the calendar gives, and the apology's reason. */
    static final class ExtensionDialog extends TitledDialog {
        private final java.util.function.IntFunction<String> newDate;
        private Spinner daysField;
        private Label dateLabel;
        private Text reasonText;
        private int days;
        private String reason = "";

        ExtensionDialog(Shell parent, UiText text, String title, java.util.function.IntFunction<String> newDate) {
            super(parent, text, title);
            this.newDate = newDate;
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 10).applyTo(area);
            Label l = new Label(area, SWT.WRAP);
            l.setText(text.get("action.apology"));
            GridDataFactory.fillDefaults().span(2, 1).hint(420, SWT.DEFAULT).applyTo(l);
            new Label(area, SWT.NONE).setText(text.get("extend.days"));
            daysField = new Spinner(area, SWT.BORDER);
            daysField.setData(DossierListPart.ID_KEY, "action.days");
            daysField.setValues(1, 1, 30, 0, 1, 5);
            dateLabel = new Label(area, SWT.WRAP);
            dateLabel.setData(DossierListPart.ID_KEY, "action.newDate");
            GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(dateLabel);
            daysField.addListener(SWT.Modify, e -> showDate());
            showDate();
            reasonText = new Text(area, SWT.MULTI | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
            reasonText.setData(DossierListPart.ID_KEY, "action.reason");
            GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(420, 80).applyTo(reasonText);
            return area;
        }

        private void showDate() {
            dateLabel.setText(text.get("extend.newDate", newDate.apply(daysField.getSelection())));
            dateLabel.getParent().layout(true);
        }

        @Override
        protected void okPressed() {
            days = daysField.getSelection();
            reason = reasonText.getText().strip();
            super.okPressed();
        }

        int days() {
            return days;
        }

        String reason() {
            return reason;
        }
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
        private Text papersText;
        private Combo combo;
        private DateTime picker;
        private String reason = "";
        private String choice = "";
        private String papers = "";
        private LocalDate picked;
        private boolean askPapers;

        InputDialog(Shell parent, UiText text, String title, String prompt, List<String> options, LocalDate date) {
            super(parent, text, title);
            this.prompt = prompt;
            this.options = options;
            this.date = date;
        }


        /** Also asks for the papers to supplement, one a line (Form 02 lists them). */
        InputDialog withPapers() {
            askPapers = true;
            return this;
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            GridLayoutFactory.swtDefaults().margins(12, 10).applyTo(area);
            if (askPapers) {
                Label p = new Label(area, SWT.WRAP);
                p.setText(text.get("action.papers"));
                GridDataFactory.fillDefaults().hint(420, SWT.DEFAULT).applyTo(p);
                papersText = new Text(area, SWT.MULTI | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
                papersText.setData(DossierListPart.ID_KEY, "action.papers");
                GridDataFactory.fillDefaults().grab(true, true).hint(420, 60).applyTo(papersText);
            }
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
            papers = papersText == null ? "" : papersText.getText();
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

        String papers() {
            return papers;
        }

        LocalDate date() {
            return picked;
        }
    }

}
