package vn.motcua.desk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.AgencyRepository;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcedureRepository;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.User;
import vn.motcua.core.rules.FormDefinition;
import vn.motcua.core.rules.RulePacks;
import vn.motcua.forms.FormData;
import vn.motcua.forms.FormRenderer;
import vn.motcua.forms.LegalForms;
import vn.motcua.forms.ProcessForms;
import vn.motcua.forms.ReceiptForm;
import vn.motcua.store.LocalCache;
import vn.motcua.store.LocalUsers;

/**
 * The legal papers of a dossier: the form each step gives the applicant under the dossier's rule pack
 * ({@link LegalForms}: receipt 01, supplement request 02, refusal 03, apology 04, stop notice 05 or the 2018 pack's
 * notices), filled from the dossier and the step, rendered with the data folder's templates first (a province's
 * variants) and the shipped ones after, and written under {@code receipts/} (the counter's 01–03) or {@code forms/}.
 * Any of them can be printed again from the dossier's history, dated the day of its step.
 */
public final class DossierForms {
    /** Where citizens look a dossier up (the QR code on the receipt leads there with the code and the secret). */
    public static final String LOOKUP_URL = "https://dichvucong.gov.vn/tra-cuu";
    /** On a reprinted receipt: the secret exists only on the first print. */
    static final String SECRET_ON_FIRST_PRINT = "(ghi trên bản in lần đầu)";
    private static final RulePacks PACKS = RulePacks.standard();

    private final ProcedureRepository procedures;
    private final AgencyRepository agencies;
    private final Function<String, String> fullName;
    private final Path dataDir;
    private final FormRenderer renderer;

    /** The forms of the open cache's data folder (the DS component's constructor). */
    public DossierForms(ProcedureRepository procedures, AgencyRepository agencies, LocalUsers users, LocalCache cache) {
        this(procedures, agencies, u -> users.find(u).map(User::fullName).orElse(u), cache.dataDir());
    }

    private DossierForms(ProcedureRepository procedures, AgencyRepository agencies, Function<String, String> fullName, Path dataDir) {
        this.procedures = Objects.requireNonNull(procedures, "procedures");
        this.agencies = Objects.requireNonNull(agencies, "agencies");
        this.fullName = fullName;
        this.dataDir = dataDir;
        this.renderer = new FormRenderer(dataDir.resolve("templates"));
    }

    /** Forms over any repositories (tests, tools): {@code fullName} turns a username into the name printed. */
    public static DossierForms of(ProcedureRepository procedures, AgencyRepository agencies, Function<String, String> fullName, Path dataDir) {
        return new DossierForms(procedures, agencies, fullName, dataDir);
    }

    /** What a form needs beyond the dossier and its step: the new receipt's secret, the papers asked for. */
    record Extras(String lookupSecret, List<String> missing) {
        static final Extras NONE = new Extras(null, null);

        static Extras secret(String secret) {
            return new Extras(secret, null);
        }

        static Extras missing(List<String> missing) {
            return new Extras(null, missing);
        }
    }

    /** A form rendered for a step, not yet written. */
    record Rendered(String number, String title, String fileName, boolean atCounter, byte[] pdf) {
    }

    /** One paper the dossier's history gave (or the control slip, {@code eventSequence} 0), for reprinting. */
    public record FormOfDossier(String number, String title, long eventSequence, Instant at) {
    }

    /**
     * The form {@code event} (which turned {@code before} into {@code after}) gives the applicant, rendered; empty when
     * the step gives none. Fails (nothing is saved by the caller) when the procedure is unknown or the template broken.
     */
    Optional<Rendered> render(Dossier before, Dossier after, DossierEvent event, Extras extras, boolean training) {
        Optional<String> number = LegalForms.forStep(event.action(), after.rulePackId());
        if (number.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(render(number.get(), after, event, before.dueAt(), extras, training));
        } catch (IOException | RuntimeException e) {
            throw new DeskException("form.failed", e, number.get(), after.code() == null ? "" : after.code(), String.valueOf(e.getMessage()));
        }
    }

    private Rendered render(String number, Dossier d, DossierEvent event, Instant oldDueAt, Extras extras, boolean training) throws IOException {
        Procedure p = procedures.find(d.procedureCode(), d.procedureVersion())
                .orElseThrow(() -> new IOException("procedure " + d.procedureCode() + " v" + d.procedureVersion() + " is not in the cache"));
        Agency agency = agency(d.agencyCode());
        String parent = agency.parentCode() == null ? "" : agencies.findByCode(agency.parentCode()).map(Agency::name).orElse("");
        String place = ReceiptForm.place(agency.name());
        String who = fullName.apply(event.actorUsername());
        String reason = event.reason() == null ? "" : event.reason();
        FormData data = switch (event.action()) {
            // A receipt shows the appointment it gave (a reprint after an apology too).
            case RECEIVE -> ReceiptForm.data(withDueAt(d, event.newDueAt()), p, agency, parent, who, place, LOOKUP_URL,
                    extras.lookupSecret() == null ? SECRET_ON_FIRST_PRINT : extras.lookupSecret());
            case REFUSE, REQUEST_SUPPLEMENT -> ReceiptForm.counterDecision(d, p, agency, parent, who, place,
                    extras.missing() != null ? extras.missing() : missingPapers(p, d.papers()), reason, event.at());
            case WITHDRAW -> ReceiptForm.processingNotice(d, p, agency, parent, who, place,
                    LegalForms.WITHDRAWAL_NOTICE_2018.equals(number) ? reason : "Theo đề nghị rút hồ sơ của ông/bà. " + reason, oldDueAt,
                    event.at());
            default -> ReceiptForm.processingNotice(d, p, agency, parent, who, place, reason, oldDueAt, event.at());
        };
        byte[] pdf = renderer.render(d.rulePackId(), number, data, training);
        boolean counter = event.action() == DossierAction.RECEIVE || event.action() == DossierAction.REFUSE
                || event.action() == DossierAction.REQUEST_SUPPLEMENT;
        return new Rendered(number, title(number, d.rulePackId(), null), d.code() + "-mau" + number + ".pdf", counter, pdf);
    }

    /** Writes a rendered form into the data folder; a failure is reported in the result, the step stays saved. */
    PrintedForm write(Rendered r) {
        try {
            Path dir = Files.createDirectories(dataDir.resolve(r.atCounter() ? "receipts" : "forms"));
            return new PrintedForm(r.number(), r.title(), r.pdf(), Files.write(dir.resolve(r.fileName()), r.pdf()), null);
        } catch (IOException e) {
            return new PrintedForm(r.number(), r.title(), r.pdf(), null, DeskException.TEXT.format(null, "form.notWritten", r.number(),
                    String.valueOf(e.getMessage())));
        }
    }

    /** The papers the dossier's history gave the applicant, in order, then its process control slip. */
    public List<FormOfDossier> formsOf(Dossier d, Locale locale) {
        List<FormOfDossier> out = new ArrayList<>();
        for (DossierEvent e : d.events()) {
            LegalForms.forStep(e.action(), d.rulePackId())
                    .ifPresent(n -> out.add(new FormOfDossier(n, title(n, d.rulePackId(), locale), e.sequence(), e.at())));
        }
        if (d.code() != null) {
            String slip = ProcessForms.controlSlip(d.rulePackId());
            out.add(new FormOfDossier(slip, title(slip, d.rulePackId(), locale), 0, null));
        }
        return out;
    }

    /**
     * Prints a form of the dossier's history again (a receipt without its lookup secret, which only the first print
     * shows), or the control slip as the history stands now; written over the earlier file.
     */
    public PrintedForm reprint(Dossier d, FormOfDossier form, boolean training) {
        if (form.eventSequence() == 0) {
            return controlSlip(d, training);
        }
        DossierEvent event = d.events().get((int) form.eventSequence() - 1);
        try {
            return write(render(form.number(), d, event, dueBefore(d, event), Extras.NONE, training));
        } catch (IOException | RuntimeException e) {
            throw new DeskException("form.failed", e, form.number(), d.code(), String.valueOf(e.getMessage()));
        }
    }

    /** The process control slip (Form 06 of the 2025 pack, 05 of the 2018 pack) from the dossier's history. */
    public PrintedForm controlSlip(Dossier d, boolean training) {
        String number = ProcessForms.controlSlip(d.rulePackId());
        try {
            Procedure p = procedures.find(d.procedureCode(), d.procedureVersion()).orElse(null);
            Agency agency = agency(d.agencyCode());
            String parent = agency.parentCode() == null ? "" : agencies.findByCode(agency.parentCode()).map(Agency::name).orElse("");
            byte[] pdf = renderer.render(d.rulePackId(), number, ProcessForms.controlSlipData(d, p, agency, parent, fullName), training);
            return write(new Rendered(number, title(number, d.rulePackId(), null), d.code() + "-mau" + number + ".pdf", false, pdf));
        } catch (IOException | RuntimeException e) {
            throw new DeskException("form.failed", e, number, d.code(), String.valueOf(e.getMessage()));
        }
    }

    /**
     * The dossier ledger (Form 07 of the 2025 pack, 06 of the 2018 pack, as in force at {@code now}) of {@code dossiers}
     * in the order given, for the agency; {@code period} is the line under its title.
     */
    public byte[] ledger(List<Dossier> dossiers, Function<Dossier, String> procedureName, String agencyCode, String period, Instant now,
            boolean training) {
        String pack = PACKS.forReceptionTime(now).id();
        String number = ProcessForms.ledger(pack);
        try {
            Agency agency = agency(agencyCode);
            String parent = agency.parentCode() == null ? "" : agencies.findByCode(agency.parentCode()).map(Agency::name).orElse("");
            return renderer.render(pack, number, ProcessForms.ledgerData(dossiers, procedureName, agency, parent, period), training);
        } catch (IOException | RuntimeException e) {
            throw new DeskException("form.failed", e, number, agencyCode, String.valueOf(e.getMessage()));
        }
    }

    /** Required papers (not optional) the applicant did not hand in: what a supplement request lists. */
    public static List<String> missingPapers(Procedure p, List<ReceivedPaper> received) {
        List<String> out = new ArrayList<>();
        for (RequiredDocument r : p.requiredDocuments()) {
            if (!r.optional() && received.stream().noneMatch(x -> x.requiredDocumentId().equals(r.id()))) {
                out.add(r.name());
            }
        }
        return out;
    }

    /** A form's title in the user's language: the annex's, or the notice's for the 2018 pack's own notices. */
    static String title(String number, String pack, Locale locale) {
        return PACKS.byId(pack).flatMap(p -> p.forms().stream().filter(f -> f.number().equals(number)).findFirst())
                .map((FormDefinition f) -> f.title(locale)).orElseGet(() -> DeskException.TEXT.format(locale, "form." + number));
    }

    /** The appointment in force just before {@code event} (what a Form 04 calls the old date). */
    private static Instant dueBefore(Dossier d, DossierEvent event) {
        Instant due = null;
        for (DossierEvent e : d.events()) {
            if (e.sequence() >= event.sequence()) {
                break;
            }
            if (e.newDueAt() != null) {
                due = e.newDueAt();
            }
        }
        return due;
    }

    private static Dossier withDueAt(Dossier d, Instant due) {
        return new Dossier(d.code(), d.procedureCode(), d.procedureVersion(), d.rulePackId(), d.channel(), d.applicant(), d.papers(), d.receivedAt(),
                due, d.status(), d.assignee(), d.agencyCode(), d.events(), d.attachments(), d.results(), d.feesPaid(), d.delivery(), d.lookupSecretHash());
    }

    private Agency agency(String code) {
        return agencies.findByCode(code).orElse(new Agency(code, code, Level.COMMUNE, null));
    }
}
