package vn.motcua.desk;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

import vn.motcua.core.calendar.DueTime;
import vn.motcua.core.code.LookupSecret;
import vn.motcua.core.code.NumberBlockStore;
import vn.motcua.core.identity.CitizenIdValidator;
import vn.motcua.core.identity.IdentityCheck;
import vn.motcua.core.identity.TaxCodeValidator;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.model.Applicant;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.OrganisationApplicant;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.Satisfaction;
import vn.motcua.core.rules.RulePacks;
import vn.motcua.core.session.UserSession;
import vn.motcua.core.text.VietnameseText;
import vn.motcua.store.DossierDetails;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.DossierDocuments.NewDocument;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.DossierQueries;
import vn.motcua.store.DossierRow;
import vn.motcua.store.JpaDossierRepository;
import vn.motcua.store.JpaProcedureRepository;
import vn.motcua.store.SyncLedger;
import vn.motcua.store.WorkstationCalendar;

/**
 * The counter's use cases: receive a new dossier (Form 01 with a lookup secret, of which only the hash is kept), or
 * record it as refused (Form 03) or waiting for papers (Form 02) — each numbered from the workstation's blocks —;
 * receive a dossier that was waiting (the papers came back after a Form 02, an online submission); hand the result
 * over with the applicant's rating. Also what the counter shows before: the procedures most received first, the
 * appointment and why, a returning applicant.
 */
public final class Counter {
    private final CommandRunner runner;
    private final JpaProcedureRepository procedures;
    private final DossierQueries queries;
    private final DossierNumbers numbers;
    private final Appointments appointments;
    private final CitizenIdValidator ids = CitizenIdValidator.standard();
    private final TaxCodeValidator taxCodes = new TaxCodeValidator();

    /** The DS component's constructor. */
    public Counter(JpaDossierRepository dossiers, JpaProcedureRepository procedures, DossierQueries queries, NumberBlockStore blocks,
            SyncLedger sync, WorkstationCalendar calendar, DossierForms forms, DeskEvents events) {
        this(dossiers, procedures, queries, blocks, sync::fallbackSlot, calendar, forms, events, Clock.systemUTC());
    }

    /** With a clock of the caller's (tests, training). */
    public Counter(JpaDossierRepository dossiers, JpaProcedureRepository procedures, DossierQueries queries, NumberBlockStore blocks,
            IntSupplier fallbackSlot, WorkstationCalendar calendar, DossierForms forms, DeskEvents events, Clock clock) {
        this.runner = new CommandRunner(dossiers, forms, events, clock);
        this.procedures = procedures;
        this.queries = queries;
        this.numbers = new DossierNumbers(blocks, fallbackSlot, dossiers);
        this.appointments = new Appointments(calendar::current);
    }

    /** A scan of one paper taken at the counter (stored as the dossier's attachment with the step). */
    public record Scan(String requiredDocumentId, String paperName, String fileName, String mediaType, byte[] content) {
        public Scan {
            Objects.requireNonNull(requiredDocumentId, "requiredDocumentId");
            Objects.requireNonNull(content, "content");
        }
    }

    /** A scan read from a file for a paper, or why it was refused (worded for the user). */
    public record ScanRead(Scan scan, String problem) {
    }

    /** The largest scan taken at the counter. */
    public static final long MAX_SCAN_BYTES = DossierDocuments.MAX_SCAN_BYTES;

    /** Reads a scan of {@code paper} from {@code file}: PDF, JPEG or PNG (by content, not by name), at most 20 MB. */
    public ScanRead readScan(java.nio.file.Path file, vn.motcua.core.model.RequiredDocument paper, Locale locale) {
        try {
            long size = java.nio.file.Files.size(file);
            if (size > MAX_SCAN_BYTES) {
                return new ScanRead(null, text(locale, "scan.tooLarge", file.getFileName(), size / (1024 * 1024), MAX_SCAN_BYTES / (1024 * 1024)));
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            String type = DossierDocuments.scanType(bytes);
            if (type == null) {
                return new ScanRead(null, text(locale, "scan.notScan", file.getFileName()));
            }
            return new ScanRead(new Scan(paper.id(), paper.name(), file.getFileName().toString(), type, bytes), null);
        } catch (java.io.IOException e) {
            return new ScanRead(null, text(locale, "scan.unreadable", file.getFileName(), String.valueOf(e.getMessage())));
        }
    }

    /** What the clerk entered for a new dossier. */
    public record Application(Procedure procedure, Channel channel, Applicant applicant, List<ReceivedPaper> papers, List<Scan> scans) {
        public Application {
            channel = channel == null ? Channel.IN_PERSON : channel;
            papers = papers == null ? List.of() : List.copyOf(papers);
            scans = scans == null ? List.of() : List.copyOf(scans);
        }
    }

    /** The active catalogue, the procedures this cache has most dossiers of first, then by name. */
    public List<Procedure> procedures() {
        Map<String, Long> uses = queries.procedureUsage();
        List<Procedure> out = new ArrayList<>(procedures.activeCatalogue());
        out.sort(Comparator.<Procedure>comparingLong(p -> -uses.getOrDefault(p.code(), 0L)).thenComparing(Procedure::name, VietnameseText.collator()));
        return out;
    }

    /** The appointment a dossier of {@code p} received now through {@code channel} would get, with its explanation. */
    public Optional<DueTime> appointment(Procedure p, Channel channel) {
        return appointments.atReception(p, channel, runner.clock().instant());
    }

    /** A citizen who applied here before: their latest dossier's details, to fill the form in. */
    public Optional<DossierDetails> returningApplicant(String citizenId) {
        List<DossierRow> rows = queries.page(DossierFilter.all().withText(citizenId), 0, 1);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return queries.find(rows.get(0).code()).filter(d -> citizenId.equals(d.applicantIdNumber()));
    }

    /** Checks a citizen ID as typed (with the birth date when known). */
    public IdentityCheck checkCitizenId(String citizenId, LocalDate birth) {
        return ids.validate(citizenId, birth);
    }

    /** Checks an organisation's tax code as typed. */
    public IdentityCheck checkTaxCode(String taxCode) {
        return taxCodes.validate(taxCode);
    }

    /** Required papers not ticked. */
    public List<String> missingPapers(Application a) {
        return a.procedure() == null ? List.of() : DossierForms.missingPapers(a.procedure(), a.papers());
    }

    /**
     * What stops {@code a} from being received (or, with {@code toReceive} false, recorded as refused or incomplete),
     * each worded for the user; empty when nothing does.
     */
    public List<String> problems(Application a, boolean toReceive, Locale locale) {
        List<String> out = new ArrayList<>();
        if (a.procedure() == null) {
            out.add(text(locale, "error.noProcedure"));
        }
        if (a.applicant() == null || a.applicant().displayName().isBlank()) {
            out.add(text(locale, a.applicant() instanceof OrganisationApplicant ? "error.noOrganisation" : "error.noName"));
        } else if (a.applicant() instanceof PersonApplicant p && !p.citizenId().isBlank()) {
            IdentityCheck check = ids.validate(p.citizenId().strip(), p.dateOfBirth());
            if (!check.valid()) {
                out.add(check.message(locale));
            }
        } else if (a.applicant() instanceof OrganisationApplicant o && toReceive) {
            IdentityCheck check = taxCodes.validate(o.taxCode());
            if (!check.valid()) {
                out.add(text(locale, "error.taxCode", check.message(locale)));
            }
            if (o.representative().isBlank()) {
                out.add(text(locale, "error.noRepresentative"));
            }
        }
        if (toReceive && a.procedure() != null) {
            if (a.procedure().processingTime(a.channel()).isEmpty() && !a.procedure().processingTimes().isEmpty()) {
                out.add(text(locale, "error.channel", a.channel().displayName(locale)));
            }
            List<String> missing = missingPapers(a);
            if (!missing.isEmpty()) {
                out.add(text(locale, "error.papers", String.join("; ", missing)));
            }
        }
        return out;
    }

    /**
     * Receives a new dossier: a code from the workstation's numbers, the appointment by the calendar, the reception
     * with the scans in one transaction, Form 01 with a new lookup secret (its hash stays with the dossier).
     *
     * @throws DeskException with {@link DeskException#problems()} when the input is incomplete
     */
    public Outcome receive(Application a, UserSession by, Locale locale) {
        List<String> problems = problems(a, true, locale);
        if (!problems.isEmpty()) {
            throw new DeskException(problems);
        }
        Instant now = runner.clock().instant();
        Dossier draft = draft(a, now, by);
        String code = numbers.next(by.workstationId(), by.agencyCode(), LocalDate.ofInstant(now, Appointments.VIETNAM));
        String secret = LookupSecret.generate();
        Instant due = appointments.atReception(a.procedure(), a.channel(), now).flatMap(DueTime::due).map(Appointments::instant).orElse(null);
        return runner.run(draft, List.of(new Command.Receive(code, due, LookupSecret.hash(secret))), new ActingAs(by, Role.CLERK),
                DossierForms.Extras.secret(secret), c -> scans(c, a.scans(), by));
    }

    /**
     * The counter does not receive: the dossier is numbered and recorded as refused (Form 03, {@code refusal}) or as
     * waiting for the papers still missing (Form 02, which lists them), with the reason the clerk wrote.
     */
    public Outcome decline(Application a, boolean refusal, String reason, UserSession by, Locale locale) {
        List<String> problems = problems(a, false, locale);
        if (!problems.isEmpty()) {
            throw new DeskException(problems);
        }
        Instant now = runner.clock().instant();
        Dossier draft = draft(a, now, by);
        String code = numbers.next(by.workstationId(), by.agencyCode(), LocalDate.ofInstant(now, Appointments.VIETNAM));
        Command command = refusal ? new Command.Refuse(reason, code) : new Command.RequestSupplement(reason, code);
        return runner.run(draft, List.of(command), new ActingAs(by, Role.CLERK),
                refusal ? DossierForms.Extras.NONE : DossierForms.Extras.missing(missingPapers(a)), c -> scans(c, a.scans(), by));
    }

    /** A dossier waiting at reception: an online submission, or one whose papers were asked for at the counter. */
    public Optional<Dossier> waiting(String code) {
        return runner.loadIfPresent(code).filter(Counter::waitsAtReception);
    }

    /** The procedure (the version it pinned) of a dossier. */
    public Optional<Procedure> procedure(Dossier d) {
        return procedures.find(d.procedureCode(), d.procedureVersion());
    }

    /** The dossier code typed, or the one in a scanned receipt's lookup address ({@code …?ma=CODE&bm=…}). */
    public static String codeIn(String input) {
        String s = input == null ? "" : input.strip();
        return parameter(s, "ma").orElse(s);
    }

    static boolean waitsAtReception(Dossier d) {
        return d.receivedAt() == null && (d.status() == DossierStatus.SUBMITTED_ONLINE || d.status() == DossierStatus.AWAITING_SUPPLEMENT
                || d.status() == DossierStatus.SUPPLEMENT_RECEIVED);
    }

    /**
     * Receives a dossier that was waiting at reception: the papers it now holds ({@code papers}; null keeps them) —
     * recorded as the supplement that came back when papers had been asked for — then the reception with its
     * appointment from now and Form 01, in one transaction.
     */
    public Outcome receiveWaiting(String code, List<ReceivedPaper> papers, List<Scan> scans, UserSession by, Locale locale) {
        Dossier d = runner.load(code);
        Procedure p = procedureOf(d);
        List<ReceivedPaper> now = papers == null ? d.papers() : papers;
        List<String> missing = DossierForms.missingPapers(p, now);
        if (!missing.isEmpty()) {
            throw new DeskException(List.of(text(locale, "error.papers", String.join("; ", missing))));
        }
        Instant at = runner.clock().instant();
        Instant due = appointments.atReception(p, d.channel(), at).flatMap(DueTime::due).map(Appointments::instant).orElse(null);
        String secret = LookupSecret.generate();
        List<Command> steps = completedBy(d, now);
        steps.add(new Command.Receive(null, due, LookupSecret.hash(secret)));
        return runner.run(d, steps, new ActingAs(by, Role.CLERK), DossierForms.Extras.secret(secret), c -> scans(c, scans, by));
    }

    /**
     * A waiting dossier the counter cannot receive: refused (Form 03) or asked again for what is still missing
     * (Form 02); papers brought in the meantime are recorded first as the supplement that came.
     */
    public Outcome declineWaiting(String code, List<ReceivedPaper> papers, boolean refusal, String reason, UserSession by) {
        Dossier d = runner.load(code);
        List<ReceivedPaper> now = papers == null ? d.papers() : papers;
        List<Command> steps = completedBy(d, now);
        steps.add(refusal ? new Command.Refuse(reason, null) : new Command.RequestSupplement(reason, null));
        return runner.run(d, steps, new ActingAs(by, Role.CLERK),
                refusal ? DossierForms.Extras.NONE : DossierForms.Extras.missing(DossierForms.missingPapers(procedureOf(d), now)), c -> List.of());
    }

    /** The first step of a waiting dossier's decision: the papers brought recorded as the supplement asked for, if one was. */
    private static List<Command> completedBy(Dossier d, List<ReceivedPaper> papers) {
        List<Command> steps = new ArrayList<>();
        if (d.status() == DossierStatus.AWAITING_SUPPLEMENT) {
            steps.add(new Command.ReceiveSupplement(null, papers));
        }
        return steps;
    }

    /** A dossier found for the hand-over of its result, and whether a scanned receipt's secret matched. */
    public record HandOver(Dossier dossier, boolean ready, Optional<Boolean> secretMatches) {
    }

    /**
     * Finds the dossier of a typed code or of a scanned receipt (its lookup address {@code …?ma=CODE&bm=SECRET}); when
     * the scan carries a secret and the dossier keeps its hash, says whether they match.
     */
    public Optional<HandOver> findForHandOver(String input) {
        String s = input.strip();
        String code = codeIn(s);
        Optional<String> secret = parameter(s, "bm");
        return runner.loadIfPresent(code).map(d -> new HandOver(d, d.status() == DossierStatus.RESULT_READY,
                secret.filter(x -> d.lookupSecretHash() != null).map(x -> LookupSecret.matches(x, d.lookupSecretHash()))));
    }

    /** Hands the result over at the counter to {@code recipient}, with the applicant's rating (null: none given). */
    public Outcome deliver(String code, String recipient, Satisfaction rating, UserSession by) {
        Dossier d = runner.load(code);
        Delivery delivery = new Delivery(DeliveryMethod.AT_COUNTER, "", runner.clock().instant(), recipient == null ? "" : recipient.strip(), rating);
        return runner.run(d, new Command.DeliverResult(delivery), new ActingAs(by, Role.CLERK), DossierForms.Extras.NONE);
    }

    private static Optional<String> parameter(String text, String name) {
        int i = text.indexOf(name + "=");
        while (i > 0 && text.charAt(i - 1) != '?' && text.charAt(i - 1) != '&') {
            i = text.indexOf(name + "=", i + 1);
        }
        if (i < 0) {
            return Optional.empty();
        }
        int end = text.indexOf('&', i);
        return Optional.of(text.substring(i + name.length() + 1, end < 0 ? text.length() : end));
    }

    private Dossier draft(Application a, Instant now, UserSession by) {
        String pack = RulePacks.standard().forReceptionTime(now).id();
        return Dossier.draft(a.procedure().code(), a.procedure().version(), pack, a.channel(), a.applicant(), a.papers(), by.agencyCode());
    }

    private Procedure procedureOf(Dossier d) {
        return procedures.find(d.procedureCode(), d.procedureVersion())
                .orElseThrow(() -> new DeskException("noProcedure", d.procedureCode(), d.procedureVersion()));
    }

    /** The scans of the papers received, as the dossier's attachments (the note names the paper they digitise). */
    private static List<NewDocument> scans(String code, List<Scan> scans, UserSession by) {
        List<NewDocument> out = new ArrayList<>();
        for (Scan s : scans) {
            out.add(new NewDocument(code, DossierDocuments.Kind.ATTACHMENT, s.fileName(), s.mediaType(), s.content(), by.user().username(),
                    "paper:" + s.requiredDocumentId() + " " + (s.paperName() == null ? "" : s.paperName())));
        }
        return out;
    }

    private static String text(Locale locale, String key, Object... args) {
        return DeskException.TEXT.format(locale, key, args);
    }
}
