package vn.motcua.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.calendar.DueTimeCalculator;
import vn.motcua.core.calendar.DueTimeRequest;
import vn.motcua.core.calendar.Reception;
import vn.motcua.core.calendar.Supplement;
import vn.motcua.core.calendar.WorkingTimeCalendar;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.core.rules.RulePacks;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.LocalCache;

class DemoDataTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    static final String AGENCY = DemoCatalogue.COMMUNE.code();
    /** The demo staff and the one role each acts in (lifecycle table). */
    static final Map<String, Role> STAFF = Map.of("canbo.motcua", Role.CLERK, "chuyenvien.tuphap", Role.SPECIALIST,
            "lanhdao.ubnd", Role.HEAD);

    private final WorkingTimeCalendar cal = WorkingTimeCalendar.defaults();

    private List<Dossier> generate(long seed, int count, Instant now) {
        return new DemoDataGenerator(cal).dossiers(seed, count, DemoCatalogue.procedures(), AGENCY, now);
    }

    @Test
    void sameSeedGivesSameDossiers() {
        List<Procedure> procedures = DemoCatalogue.procedures();
        DemoDataGenerator g = new DemoDataGenerator(WorkingTimeCalendar.defaults());
        List<Dossier> a = g.dossiers(42, 50, procedures, "000.00.21.H43", NOW);
        List<Dossier> b = g.dossiers(42, 50, procedures, "000.00.21.H43", NOW);
        assertEquals(a, b);
        assertEquals(a, new DemoDataGenerator(WorkingTimeCalendar.defaults()).dossiers(42, 50, procedures, "000.00.21.H43", NOW));
    }

    /** When the dossier came to the counter: reception, or the refusal for a dossier never received. */
    private static Instant atCounter(Dossier d) {
        return d.receivedAt() != null ? d.receivedAt() : d.events().get(0).at();
    }

    @Test
    void dossiersAreRealistic() {
        List<Dossier> list = generate(7, 360, NOW);
        Set<String> codes = new HashSet<>();
        Set<DossierStatus> statuses = EnumSet.noneOf(DossierStatus.class);
        for (Dossier d : list) {
            assertTrue(codes.add(d.code()), "duplicate code " + d.code());
            assertTrue(d.code().matches("000\\.00\\.21\\.H43-\\d{6}-\\d{4}"), d.code());
            statuses.add(d.status());
            // A refused dossier was never received (lifecycle): its code and time come from the refusal.
            assertEquals(d.status() == DossierStatus.REFUSED, d.receivedAt() == null, d.code());
            assertTrue(cal.isWorkingDay(atCounter(d).atZone(DemoDataGenerator.VIETNAM).toLocalDate()), d.code() + " received on a day off");
            assertTrue(atCounter(d).isBefore(NOW), d.code() + " received in the future");
            if (d.dueAt() != null) {
                assertFalse(d.dueAt().isBefore(d.receivedAt()), d.code());
            }
        }
        assertTrue(statuses.containsAll(EnumSet.of(DossierStatus.RECEIVED, DossierStatus.IN_PROCESS, DossierStatus.PENDING_APPROVAL,
                DossierStatus.DELIVERED, DossierStatus.REFUSED, DossierStatus.AWAITING_SUPPLEMENT)), statuses.toString());
    }

    @Test
    void everyEventIsInOfficeHoursInOrderAndNotInTheFuture() {
        for (Dossier d : generate(7, 360, NOW)) {
            Instant previous = Instant.MIN;
            for (DossierEvent e : d.events()) {
                LocalDateTime local = LocalDateTime.ofInstant(e.at(), DemoDataGenerator.VIETNAM);
                assertEquals(Reception.Adjustment.NONE, cal.normalizeReception(local).adjustment(),
                        d.code() + " event " + e.sequence() + " outside office hours: " + local);
                assertFalse(e.at().isAfter(NOW), d.code() + " event " + e.sequence() + " in the future");
                assertFalse(e.at().isBefore(previous), d.code() + " event " + e.sequence() + " before the previous one");
                previous = e.at();
            }
        }
    }

    /** The command that produced {@code e}, rebuilt from the history (what a server re-validating a sync does). */
    private static Command command(Dossier d, DossierEvent e) {
        return switch (e.action()) {
            case RECEIVE -> new Command.Receive(d.code(), e.newDueAt());
            case REFUSE -> new Command.Refuse(e.reason(), d.code());
            case REQUEST_SUPPLEMENT -> new Command.RequestSupplement(e.reason(), null);
            case RECEIVE_SUPPLEMENT -> new Command.ReceiveSupplement(e.newDueAt());
            case ASSIGN -> new Command.Assign(e.assignee());
            case START_PROCESSING -> new Command.StartProcessing();
            case SUBMIT_FOR_APPROVAL -> new Command.SubmitForApproval();
            case APPROVE -> new Command.Approve();
            case ISSUE -> new Command.Issue(d.results().get(0));
            case MARK_RESULT_READY -> new Command.MarkResultReady();
            case DELIVER_RESULT -> new Command.DeliverResult(d.delivery());
            case WITHDRAW -> new Command.Withdraw(e.reason());
            default -> fail("the generator does not produce " + e.action());
        };
    }

    @Test
    void everyHistoryIsAcceptedByTheLifecycle() {
        Lifecycle lifecycle = Lifecycle.standard();
        Set<DossierAction> seen = EnumSet.noneOf(DossierAction.class);
        for (Dossier d : generate(7, 360, NOW)) {
            Dossier replay = Dossier.draft(d.procedureCode(), d.procedureVersion(), d.rulePackId(), d.channel(), d.applicant(),
                    d.papers(), d.agencyCode());
            for (DossierEvent e : d.events()) {
                Role role = STAFF.get(e.actorUsername());
                assertEquals(role, e.actorRole(), d.code() + ": " + e.actorUsername() + " acting as " + e.actorRole());
                // Only the role they act in: the lifecycle must accept the step on that role alone.
                Actor actor = new Actor(new User(e.actorUsername(), "", AGENCY, Set.of(role)), role, e.workstationId());
                Transition t = lifecycle.apply(replay, command(d, e), actor, e.at());
                assertEquals(e, t.event(), d.code() + " event " + e.sequence());
                replay = t.dossier();
                seen.add(e.action());
            }
            assertEquals(d, replay, d.code());
        }
        assertTrue(seen.containsAll(EnumSet.of(DossierAction.RECEIVE, DossierAction.REFUSE, DossierAction.ASSIGN,
                DossierAction.START_PROCESSING, DossierAction.REQUEST_SUPPLEMENT, DossierAction.RECEIVE_SUPPLEMENT,
                DossierAction.SUBMIT_FOR_APPROVAL, DossierAction.APPROVE, DossierAction.ISSUE,
                DossierAction.MARK_RESULT_READY, DossierAction.DELIVER_RESULT)), seen.toString());
    }

    /** Supplements completed so far, from the history: each request paired with the next receipt. */
    private static List<Supplement> completedSupplements(Dossier d) {
        List<Supplement> out = new ArrayList<>();
        LocalDateTime requested = null;
        for (DossierEvent e : d.events()) {
            LocalDateTime at = LocalDateTime.ofInstant(e.at(), DemoDataGenerator.VIETNAM);
            if (e.action() == DossierAction.REQUEST_SUPPLEMENT) {
                requested = at;
            } else if (e.action() == DossierAction.RECEIVE_SUPPLEMENT) {
                out.add(new Supplement(requested, at));
                requested = null;
            }
        }
        return out;
    }

    @Test
    void dueDatesAreWhatTheCalculatorGives() {
        Map<String, Procedure> procedures = DemoCatalogue.procedures().stream()
                .collect(Collectors.toMap(Procedure::code, Function.identity()));
        DueTimeCalculator calc = new DueTimeCalculator(cal);
        int sameDayAfterCutOff = 0;
        int noDueDate = 0;
        for (Dossier d : generate(7, 360, NOW)) {
            if (d.receivedAt() == null) {
                assertNull(d.dueAt(), d.code());
                continue;
            }
            Procedure p = procedures.get(d.procedureCode());
            ProcessingTime time = p.processingTime(d.channel()).orElseThrow();
            LocalDateTime received = LocalDateTime.ofInstant(d.receivedAt(), DemoDataGenerator.VIETNAM);
            LocalDateTime expected = calc.compute(new DueTimeRequest(received, time, p.cutOff().orElse(null), null,
                    completedSupplements(d))).dueAt();
            assertEquals(expected == null ? null : expected.atZone(DemoDataGenerator.VIETNAM).toInstant(), d.dueAt(), d.code());
            if (expected == null) {
                noDueDate++;
            }
            if (time.unit() == DurationUnit.SAME_DAY && received.toLocalTime().isAfter(LocalTime.of(15, 0))) {
                sameDayAfterCutOff++;
                LocalDateTime due = LocalDateTime.ofInstant(d.dueAt(), DemoDataGenerator.VIETNAM);
                assertTrue(due.toLocalDate().isAfter(received.toLocalDate()), d.code() + ": after the cut-off, due the next working day");
            }
        }
        assertTrue(sameDayAfterCutOff > 0, "some same-day dossiers arrive after the 15:00 cut-off");
        assertTrue(noDueDate > 0, "some procedures have no due date");
    }

    @Test
    void sameDayProceduresUseTheSameDayUnitAndTheCutOff() {
        List<Procedure> sameDay = DemoCatalogue.procedures().stream()
                .filter(p -> p.processingTime(Channel.IN_PERSON).orElseThrow().isSameDay()).toList();
        assertTrue(sameDay.size() >= 5, "civil status and certification are same-day");
        for (Procedure p : sameDay) {
            assertEquals(DemoCatalogue.SAME_DAY_CUT_OFF, p.cutOff().orElseThrow(), p.code());
        }
        assertTrue(DemoCatalogue.procedures().stream().filter(p -> p.cutOff().isPresent()).allMatch(p -> sameDay.contains(p)));
    }

    @Test
    void rulePackIsTheOneInForceAtReception() {
        // Generated "as of" 20/07/2025, the 90 days before span the 01/07/2025 cutover: both packs appear.
        Instant now = Instant.parse("2025-07-20T03:00:00Z");
        RulePacks packs = RulePacks.standard();
        Set<String> seen = new HashSet<>();
        for (Dossier d : generate(11, 200, now)) {
            assertEquals(packs.forReceptionTime(atCounter(d)).id(), d.rulePackId(), d.code());
            seen.add(d.rulePackId());
            for (DossierEvent e : d.events()) {
                assertFalse(e.at().isAfter(now), d.code());
            }
            DossierEvent first = d.events().get(0);
            assertNotNull(first.formNumber(), d.code() + ": reception and refusal produce a form");
        }
        assertEquals(Set.of(RulePacks.ID_2018, RulePacks.ID_2025), seen);
    }

    @Test
    void seedsAnEmptyCacheOnceThroughTheStore(@TempDir Path dir) throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            assertTrue(DemoData.seedIfEmpty(cache, DemoData.DEFAULT_SEED) > 300);
            assertEquals(0, DemoData.seedIfEmpty(cache, DemoData.DEFAULT_SEED));
            assertTrue(cache.procedures().count() >= 30);
            long all = cache.dossiers().count(DossierFilter.all());
            assertEquals(DemoData.DEFAULT_DOSSIERS, all);
            assertTrue(cache.dossiers().count(DossierFilter.all().withText("khai sinh")) > 0);
        }
    }
}
