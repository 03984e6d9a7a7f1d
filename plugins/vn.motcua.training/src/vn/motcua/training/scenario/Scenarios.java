package vn.motcua.training.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.Role;
import vn.motcua.core.rules.RulePacks;

/**
 * The exercises shipped with the product. Each builds its dossiers through the real lifecycle (so they look
 * exactly like real work) and checks the trainee's result on the data, whatever screen they used.
 */
public final class Scenarios {
    /** Birth registration: the commune's most frequent procedure. */
    static final String BIRTH = "1.001193";
    static final String MARRIAGE = "1.000894";
    static final String CORRECTION = "1.001022";
    static final String CLERK = "canbo.motcua";
    static final String SPECIALIST = "chuyenvien.tuphap";
    static final String HEAD = "lanhdao.ubnd";

    private Scenarios() {
    }

    /** The built-in exercises, in workshop order. */
    public static List<Scenario> builtIn() {
        return List.of(new ReceiveBirthRegistration(), new RefuseIneligible(), new RequestAndReceiveSupplement(), new ProcessAndSubmit(),
                new ApproveBatch(), new LateDossierExtension(), new CatalogueImportWithErrors(), new SyncConflict());
    }

    public static Optional<Scenario> byId(String id) {
        return builtIn().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    static String text(Locale locale, String key, Object... args) {
        return Scenario.TEXT.format(locale, key, args);
    }

    /** Events recorded after the exercise started (the starting state's own events do not count). */
    static List<DossierEvent> eventsSince(Dossier d, ScenarioContext c, DossierAction action) {
        return d.events().stream().filter(e -> e.action() == action && !e.at().isBefore(c.startedAt())).toList();
    }

    /** A dossier received at the counter by the clerk {@code receivedAgo} ago, then taken to {@code stage}. */
    static Dossier exercise(ScenarioContext c, int n, String procedureCode, Duration receivedAgo, DossierStatus stage) {
        Procedure p = c.procedure(procedureCode);
        Instant received = c.startedAt().minus(receivedAgo);
        List<ReceivedPaper> papers = new ArrayList<>();
        for (RequiredDocument d : p.requiredDocuments()) {
            if (!d.optional()) {
                papers.add(new ReceivedPaper(d.id(), d.count(), d.kind(), true, false, false));
            }
        }
        String pack = RulePacks.standard().forReceptionTime(received).id();
        Dossier d = Dossier.draft(p.code(), p.version(), pack, Channel.IN_PERSON, c.generator().applicant(c.random()), papers,
                vn.motcua.training.DemoData.communeCode());
        Actor clerk = c.actor(CLERK, Role.CLERK);
        Actor specialist = c.actor(SPECIALIST, Role.SPECIALIST);
        Actor head = c.actor(HEAD, Role.HEAD);
        Instant due = c.generator().appointment(p, Channel.IN_PERSON, LocalDateTime.ofInstant(received, ScenarioContext.VIETNAM));
        Dossier out = c.apply(d, new Command.Receive(c.exerciseCode(n), due), clerk, received);
        Instant t = received.plus(Duration.ofMinutes(20));
        if (stage == DossierStatus.RECEIVED) {
            return out;
        }
        out = c.apply(out, new Command.Assign(SPECIALIST), head, t);
        if (stage == DossierStatus.ASSIGNED) {
            return out;
        }
        out = c.apply(out, new Command.StartProcessing(), specialist, t.plus(Duration.ofMinutes(10)));
        if (stage == DossierStatus.IN_PROCESS) {
            return out;
        }
        return c.apply(out, new Command.SubmitForApproval(), specialist, t.plus(Duration.ofMinutes(30)));
    }

    /** 1. Receive a birth registration at the counter. */
    static final class ReceiveBirthRegistration implements Scenario {
        @Override
        public String id() {
            return "khai-sinh";
        }

        @Override
        public void setUp(ScenarioContext c) {
            // The demo commune as it is; the trainee adds the new dossier.
        }

        @Override
        public CheckResult check(ScenarioContext c, Locale locale) {
            List<String> missing = new ArrayList<>();
            Predicate<Dossier> newBirth = d -> d.procedureCode().equals(BIRTH) && !eventsSince(d, c, DossierAction.RECEIVE).isEmpty();
            List<Dossier> received = c.all().stream().filter(newBirth).toList();
            if (received.isEmpty()) {
                missing.add(text(locale, "check.noNewDossier", c.procedure(BIRTH).name()));
                return CheckResult.of(missing);
            }
            Dossier d = received.get(received.size() - 1);
            Set<String> got = d.papers().stream().map(ReceivedPaper::requiredDocumentId).collect(Collectors.toSet());
            for (RequiredDocument r : c.procedure(BIRTH).requiredDocuments()) {
                if (!r.optional() && !got.contains(r.id())) {
                    missing.add(text(locale, "check.paperMissing", r.name()));
                }
            }
            if (d.applicant() == null || d.applicant().displayName().isBlank()) {
                missing.add(text(locale, "check.noApplicant"));
            }
            if (d.dueAt() == null) {
                missing.add(text(locale, "check.noAppointment"));
            }
            return CheckResult.of(missing);
        }
    }

    /** 2. Refuse a dossier that the commune cannot take (Form 03). */
    static final class RefuseIneligible implements Scenario {
        @Override
        public String id() {
            return "tu-choi";
        }

        @Override
        public void setUp(ScenarioContext c) {
        }

        @Override
        public CheckResult check(ScenarioContext c, Locale locale) {
            Optional<DossierEvent> refusal = c.all().stream().flatMap(d -> eventsSince(d, c, DossierAction.REFUSE).stream()).findFirst();
            if (refusal.isEmpty()) {
                return CheckResult.of(List.of(text(locale, "check.noRefusal")));
            }
            if (refusal.get().reason() == null || refusal.get().reason().strip().length() < 10) {
                return CheckResult.of(List.of(text(locale, "check.reasonTooShort")));
            }
            return CheckResult.of(List.of());
        }
    }

    /** 3. Ask the applicant for missing papers (Form 02), then receive them. */
    static final class RequestAndReceiveSupplement implements Scenario {
        @Override
        public String id() {
            return "bo-sung";
        }

        @Override
        public void setUp(ScenarioContext c) {
            exercise(c, 1, CORRECTION, Duration.ofHours(26), DossierStatus.IN_PROCESS);
        }

        @Override
        public CheckResult check(ScenarioContext c, Locale locale) {
            String code = c.exerciseCode(1);
            Dossier d = c.dossier(code).orElseThrow();
            List<String> missing = new ArrayList<>();
            List<DossierEvent> requests = eventsSince(d, c, DossierAction.REQUEST_SUPPLEMENT);
            if (requests.isEmpty()) {
                missing.add(text(locale, "check.noSupplementRequest", code));
            } else if (requests.get(0).reason() == null || requests.get(0).reason().isBlank()) {
                missing.add(text(locale, "check.reasonTooShort"));
            }
            if (eventsSince(d, c, DossierAction.RECEIVE_SUPPLEMENT).isEmpty()) {
                missing.add(text(locale, "check.noSupplementReceived", code));
            }
            return CheckResult.of(missing);
        }
    }

    /** 4. The specialist processes a dossier and submits it for approval. */
    static final class ProcessAndSubmit implements Scenario {
        @Override
        public String id() {
            return "xu-ly";
        }

        @Override
        public void setUp(ScenarioContext c) {
            exercise(c, 1, MARRIAGE, Duration.ofHours(5), DossierStatus.ASSIGNED);
        }

        @Override
        public CheckResult check(ScenarioContext c, Locale locale) {
            String code = c.exerciseCode(1);
            Dossier d = c.dossier(code).orElseThrow();
            if (eventsSince(d, c, DossierAction.SUBMIT_FOR_APPROVAL).isEmpty()) {
                return CheckResult.of(List.of(text(locale, "check.notSubmitted", code, d.status().displayName(locale))));
            }
            return CheckResult.of(List.of());
        }
    }

    /** 5. The head approves (and signs) three dossiers in one batch. */
    static final class ApproveBatch implements Scenario {
        static final int DOSSIERS = 3;

        @Override
        public String id() {
            return "ky-lo";
        }

        @Override
        public void setUp(ScenarioContext c) {
            for (int i = 1; i <= DOSSIERS; i++) {
                exercise(c, i, i == 2 ? MARRIAGE : BIRTH, Duration.ofHours(6 + i), DossierStatus.PENDING_APPROVAL);
            }
        }

        @Override
        public CheckResult check(ScenarioContext c, Locale locale) {
            List<String> missing = new ArrayList<>();
            for (int i = 1; i <= DOSSIERS; i++) {
                String code = c.exerciseCode(i);
                Dossier d = c.dossier(code).orElseThrow();
                if (eventsSince(d, c, DossierAction.APPROVE).isEmpty()) {
                    missing.add(text(locale, "check.notApproved", code));
                } else if (c.cache().documents().latest(code, vn.motcua.store.DossierDocuments.Kind.SIGNED_RESULT).isEmpty()) {
                    // The exercise is the batch signature: an approval without the signed result is not it.
                    missing.add(text(locale, "check.notSigned", code));
                }
            }
            return CheckResult.of(missing);
        }
    }

    /** 6. A dossier that will be late: the apology and extension (allowed once, before the due time). */
    static final class LateDossierExtension implements Scenario {
        @Override
        public String id() {
            return "tre-han";
        }

        @Override
        public void setUp(ScenarioContext c) {
            // Received two days ago for a 3-working-day procedure: due within the next working day, and the
            // verification with another commune will not be back in time. The apology and extension must be made
            // before the due time (Decree 118/2025), not after.
            exercise(c, 1, CORRECTION, Duration.ofDays(2), DossierStatus.IN_PROCESS);
        }

        @Override
        public CheckResult check(ScenarioContext c, Locale locale) {
            String code = c.exerciseCode(1);
            Dossier d = c.dossier(code).orElseThrow();
            List<DossierEvent> ext = eventsSince(d, c, DossierAction.EXTEND);
            if (ext.isEmpty()) {
                return CheckResult.of(List.of(text(locale, "check.notExtended", code)));
            }
            DossierEvent e = ext.get(0);
            List<String> missing = new ArrayList<>();
            if (e.reason() == null || e.reason().strip().length() < 10) {
                missing.add(text(locale, "check.reasonTooShort"));
            }
            if (e.newDueAt() == null || !e.newDueAt().isAfter(c.startedAt())) {
                missing.add(text(locale, "check.newDueNotLater"));
            }
            return CheckResult.of(missing);
        }
    }

    /**
     * 7. A sync conflict: the specialist started processing a dossier while offline, but at the counter of another
     * workstation the applicant had already withdrawn it; the server refused the change. The starting state is made
     * exactly as a real sync leaves it (the local change in the outbox, then {@code SyncLedger.refused} with the
     * server's version), so the trainee meets the real status-bar link and dialog.
     */
    static final class SyncConflict implements Scenario {
        @Override
        public String id() {
            return "xung-dot";
        }

        @Override
        public void setUp(ScenarioContext c) {
            Dossier assigned = exercise(c, 1, BIRTH, Duration.ofHours(7), DossierStatus.ASSIGNED);
            Instant t = c.startedAt().minus(Duration.ofMinutes(40));
            // What the server has: the applicant withdrew the dossier at the other counter.
            Actor otherCounter = new Actor(c.actor(CLERK, Role.CLERK).user(), Role.CLERK, "QUAY-2");
            Dossier server = c.lifecycle().apply(assigned, new Command.Withdraw(text(null, "xung-dot.withdrawReason")), otherCounter, t).dossier();
            // What this workstation did offline meanwhile: started processing (waiting in the outbox).
            c.apply(assigned, new Command.StartProcessing(), c.actor(SPECIALIST, Role.SPECIALIST), t.plus(Duration.ofMinutes(10)));
            String code = assigned.code();
            vn.motcua.store.SyncLedger.PendingChange mine = c.cache().sync().outbox(Integer.MAX_VALUE).stream()
                    .filter(p -> p.dossierCode().equals(code) && p.eventSequence() == server.events().size()).findFirst().orElseThrow();
            c.cache().sync().refused(mine, text(null, "xung-dot.serverReason"), server);
        }

        @Override
        public CheckResult check(ScenarioContext c, Locale locale) {
            String code = c.exerciseCode(1);
            boolean open = c.cache().sync().conflicts(false).stream().anyMatch(x -> x.dossierCode().equals(code));
            return CheckResult.of(open ? List.of(text(locale, "check.conflictOpen", code)) : List.of());
        }
    }

    /**
     * 8. The province's updated procedure list arrives as Excel with two mistakes in it (a mistyped code, a name lost):
     * the trainee imports it, reads the errors by row, corrects the file and imports again. The file is the canonical
     * export of the demo catalogue with the updates and the mistakes written in, in the training folder's
     * {@code bai-tap/} (where the import dialog's file chooser opens in training mode).
     */
    static final class CatalogueImportWithErrors implements Scenario {
        /** The exercise's file, in the training data folder. */
        static final String FILE = "bai-tap/danh-muc-cap-nhat.xlsx";
        static final String NEW_CODE = "1.004947";
        static final String NEW_CODE_MISTYPED = "1.0O4947";
        static final String NEW_NAME = "Thủ tục đăng ký giám hộ";
        static final String NEW_TIME = "03 ngày làm việc";

        @Override
        public String id() {
            return "danh-muc";
        }

        @Override
        public void setUp(ScenarioContext c) {
            try {
                CatalogueExercise.write(c.cache(), c.cache().dataDir().resolve(FILE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public CheckResult check(ScenarioContext c, Locale locale) {
            List<String> missing = new ArrayList<>();
            List<Procedure> catalogue = c.cache().procedures().activeCatalogue();
            if (catalogue.stream().noneMatch(p -> p.code().equals(NEW_CODE))) {
                missing.add(text(locale, "check.procedureMissing", NEW_CODE, NEW_NAME));
            }
            boolean updated = catalogue.stream().filter(p -> p.code().equals(BIRTH)).anyMatch(p -> p.processingTime(Channel.IN_PERSON)
                    .map(t -> t.originalText().equals(NEW_TIME)).orElse(false));
            if (!updated) {
                missing.add(text(locale, "check.timeNotUpdated", BIRTH, NEW_TIME));
            }
            return CheckResult.of(missing);
        }
    }
}
