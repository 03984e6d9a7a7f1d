package vn.motcua.desk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import vn.motcua.core.calendar.DueTime;
import vn.motcua.core.lifecycle.ActionAvailability;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.FeePayment;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcedureRepository;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.core.session.UserSession;
import vn.motcua.store.JpaAgencyRepository;
import vn.motcua.store.JpaDossierRepository;
import vn.motcua.store.LocalUsers;
import vn.motcua.store.WorkstationCalendar;

/**
 * The steps of a dossier after reception, each through the lifecycle with its legal form (see {@link CommandRunner}):
 * assign, appraise, ask for more papers (Form 02) and receive them (the appointment moved by the time waited), ask for
 * and confirm fees, submit for approval, return, transfer to another agency, stop (Form 05, or the 2018 pack's
 * notice), withdraw at the applicant's request, apologise with a new date the calendar computes (Form 04), mark the
 * result ready. Also which of these a user may do now, and why not.
 */
public final class DossierCommands {
    private final CommandRunner runner;
    private final ProcedureRepository procedures;
    private final JpaAgencyRepository agencies;
    private final LocalUsers users;
    private final Appointments appointments;

    /** The DS component's constructor. */
    public DossierCommands(JpaDossierRepository dossiers, ProcedureRepository procedures, JpaAgencyRepository agencies, LocalUsers users,
            WorkstationCalendar calendar, DossierForms forms, DeskEvents events) {
        this(dossiers, procedures, agencies, users, calendar, forms, events, Clock.systemUTC());
    }

    /** With a clock of the caller's (tests, training). */
    public DossierCommands(JpaDossierRepository dossiers, ProcedureRepository procedures, JpaAgencyRepository agencies, LocalUsers users,
            WorkstationCalendar calendar, DossierForms forms, DeskEvents events, Clock clock) {
        this.runner = new CommandRunner(dossiers, forms, events, clock);
        this.procedures = procedures;
        this.agencies = agencies;
        this.users = users;
        this.appointments = new Appointments(calendar::current);
    }

    /**
     * One action the dossier's status allows: the first of the user's roles that may do it now ({@code as} null when
     * none may, with {@code why}), and the warnings to confirm first.
     */
    public record Choice(DossierAction action, Role as, String why, List<String> warnings, boolean notYourRole) {
        public Choice(DossierAction action, Role as, String why, List<String> warnings) {
            this(action, as, why, warnings, false);
        }

        public boolean enabled() {
            return as != null;
        }
    }

    /**
     * Actions carried out on other screens, not offered here: reception and hand-over at the counter, approval (it
     * signs: the head's inbox) and issuing (the seal: the records clerk's screen).
     */
    public static final List<DossierAction> ELSEWHERE = List.of(DossierAction.SUBMIT_ONLINE, DossierAction.RECEIVE, DossierAction.REFUSE,
            DossierAction.APPROVE, DossierAction.ISSUE, DossierAction.DELIVER_RESULT);

    /** The lifecycle's refusal of a role (as opposed to a step not possible yet). */
    private static final String ROLE_REFUSAL = "error.role";

    /** The actions the dossier's status allows (those of other screens left out), with who may do them now. */
    public Map<DossierAction, Choice> choices(Dossier d, UserSession session, Locale locale) {
        Instant now = runner.clock().instant();
        Map<DossierAction, Choice> out = new LinkedHashMap<>();
        for (DossierAction a : runner.lifecycle().actionsFrom(d)) {
            if (ELSEWHERE.contains(a)) {
                continue;
            }
            Choice best = null;
            boolean roleRefused = true;
            for (Role role : session.user().roles()) {
                Actor actor = new Actor(session.user(), role, session.workstationId());
                ActionAvailability av = runner.lifecycle().allowedActions(d, actor, now).stream().filter(x -> x.action() == a).findFirst().orElseThrow();
                if (av.enabled()) {
                    best = new Choice(a, role, "", av.warnings().stream().map(m -> m.format(locale)).toList());
                    break;
                }
                roleRefused &= av.whyDisabled().map(m -> ROLE_REFUSAL.equals(m.key())).orElse(false);
                if (best == null) {
                    best = new Choice(a, null, av.whyDisabled().map(m -> m.format(locale)).orElse(""), List.of());
                }
            }
            if (best != null && !best.enabled() && roleRefused) {
                best = new Choice(a, null, best.why(), List.of(), true);
            }
            out.put(a, best != null ? best : new Choice(a, null, DeskException.TEXT.format(locale, "action.noRole"), List.of(), true));
        }
        return out;
    }

    public Optional<Dossier> find(String code) {
        return runner.loadIfPresent(code);
    }

    /** A person as the history names them: the full name of a user known here, else the user name as recorded. */
    public String personName(String username) {
        if (username == null || username.isBlank()) {
            return "";
        }
        return users.find(username).map(User::fullName).filter(n -> !n.isBlank()).orElse(username);
    }

    /** The specialists of the user's agency, by username (whom a dossier can be assigned to). */
    public List<User> specialists(String agencyCode) {
        List<User> out = new ArrayList<>();
        for (User u : users.all()) {
            if (u.hasRole(Role.SPECIALIST) && u.agencyCode().equals(agencyCode)) {
                out.add(u);
            }
        }
        return out;
    }

    public Outcome assign(String code, String assignee, ActingAs by) {
        return simple(code, new Command.Assign(assignee), by);
    }

    /** The specialist appraises (starts or resumes processing); an unassigned dossier becomes theirs. */
    public Outcome startProcessing(String code, ActingAs by) {
        return simple(code, new Command.StartProcessing(), by);
    }

    /** The specialist asks for more papers: Form 02 lists them with the reason; the clock stops until they come. */
    public Outcome requestSupplement(String code, List<String> missing, String reason, ActingAs by) {
        Dossier d = runner.load(code);
        List<String> asked = missing == null || missing.isEmpty() ? DossierForms.missingPapers(procedureOf(d), d.papers()) : missing;
        return runner.run(d, new Command.RequestSupplement(reason, null), by, DossierForms.Extras.missing(asked));
    }

    /**
     * The papers asked for came back ({@code papers}: what the dossier holds now; null keeps them): the appointment
     * moves by the working time spent waiting.
     */
    public Outcome receiveSupplement(String code, List<ReceivedPaper> papers, ActingAs by) {
        Dossier d = runner.load(code);
        Instant due = d.receivedAt() == null ? null : appointments.afterSupplement(d, procedureOf(d), runner.clock().instant());
        return runner.run(d, List.of(new Command.ReceiveSupplement(due, papers)), by, DossierForms.Extras.NONE, c -> List.of());
    }

    public Outcome requestPayment(String code, String what, ActingAs by) {
        return simple(code, new Command.RequestPayment(what), by);
    }

    /** The procedure's fee for the dossier's channel, to suggest when a payment is confirmed. */
    public Optional<Long> suggestedFee(Dossier d) {
        return procedures.find(d.procedureCode(), d.procedureVersion()).flatMap(p -> p.fee(d.channel())).map(Fee::amountVnd);
    }

    /** The applicant paid: amount, receipt number, and whether through an online gateway (the 766 indicator counts it). */
    public Outcome confirmPayment(String code, String name, long amountVnd, String receiptNumber, boolean online, ActingAs by) {
        if (amountVnd < 0) {
            throw new DeskException("payment.negative", amountVnd);
        }
        return simple(code, new Command.ConfirmPayment(new FeePayment(name, amountVnd, runner.clock().instant(), receiptNumber, online)), by);
    }

    public Outcome submitForApproval(String code, ActingAs by) {
        return simple(code, new Command.SubmitForApproval(), by);
    }

    /** The head sends the dossier back to the specialist with a comment. */
    public Outcome sendBack(String code, String comment, ActingAs by) {
        return simple(code, new Command.SendBack(comment), by);
    }

    /** The processing agency returns an ineligible dossier, with the reason. */
    public Outcome returnDossier(String code, String reason, ActingAs by) {
        return simple(code, new Command.ReturnDossier(reason), by);
    }

    /** The agencies a dossier of {@code own} can be transferred to (every other agency known here), by name. */
    public List<Agency> transferTargets(String own) {
        return agencies.all().stream().filter(a -> !a.code().equals(own))
                .sorted(java.util.Comparator.comparing(Agency::name, vn.motcua.core.text.VietnameseText.collator())).toList();
    }

    /** Hands the dossier to another agency of the chain (liên thông); the agency must be known here. */
    public Outcome transfer(String code, String targetAgency, String reason, ActingAs by) {
        if (targetAgency == null || agencies.findByCode(targetAgency.strip()).isEmpty()) {
            throw new DeskException("transfer.unknownAgency", targetAgency == null ? "" : targetAgency.strip());
        }
        return simple(code, new Command.Transfer(targetAgency.strip(), reason), by);
    }

    /** The agency stops processing: the stop notice of the dossier's rule pack, with the reason. */
    public Outcome stop(String code, String reason, ActingAs by) {
        return simple(code, new Command.Stop(reason), by);
    }

    /** The applicant withdraws the dossier: the notice of the rule pack (Form 05 in 2025) confirms it. */
    public Outcome withdraw(String code, String reason, ActingAs by) {
        return simple(code, new Command.Withdraw(reason), by);
    }

    /** The date an apology letter would promise: {@code workingDays} working days after the current appointment. */
    public Instant extendedDueAt(Dossier d, int workingDays) {
        if (d.dueAt() == null) {
            throw new DeskException("extend.noDueDate", d.code());
        }
        return appointments.extended(d.dueAt(), workingDays);
    }

    /** Apology and new appointment (Form 04): once, before the due time, the new date computed by the calendar. */
    public Outcome extend(String code, int workingDays, String reason, ActingAs by) {
        Dossier d = runner.load(code);
        return runner.run(d, new Command.Extend(extendedDueAt(d, workingDays), reason), by, DossierForms.Extras.NONE);
    }

    public Outcome markResultReady(String code, ActingAs by) {
        return simple(code, new Command.MarkResultReady(), by);
    }

    /** How the dossier's appointment was computed, as it stands now (pauses and skipped days included). */
    public Optional<DueTime> explainDueDate(Dossier d) {
        return procedures.find(d.procedureCode(), d.procedureVersion()).flatMap(p -> appointments.explain(d, p, runner.clock().instant()));
    }

    /**
     * The due date explained for the user: every step of the computation (reception, cut-off, the time allowed, each
     * day skipped and why, each pause for papers), then the working time used and left now; empty without a due date.
     */
    public List<String> dueDateExplained(Dossier d, Locale locale) {
        Optional<DueTime> due = explainDueDate(d);
        if (due.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(due.get().explain(locale));
        if (due.get().dueAt() != null && !d.status().isFinal()) {
            Appointments.Progress p = appointments.progress(due.get(), runner.clock().instant());
            out.add(DeskException.TEXT.format(locale, "due.progress", hours(p.used()), hours(p.left())));
        }
        if (d.isExtended()) {
            out.add(DeskException.TEXT.format(locale, "due.extended"));
        }
        return out;
    }

    private static String hours(java.time.Duration d) {
        long minutes = d.toMinutes();
        return (minutes < 0 ? "-" : "") + Math.abs(minutes) / 60 + ":" + String.format("%02d", Math.abs(minutes) % 60);
    }

    private Outcome simple(String code, Command command, ActingAs by) {
        return runner.run(runner.load(code), command, by, DossierForms.Extras.NONE);
    }

    private Procedure procedureOf(Dossier d) {
        return procedures.find(d.procedureCode(), d.procedureVersion())
                .orElseThrow(() -> new DeskException("noProcedure", d.procedureCode(), d.procedureVersion()));
    }
}
