package vn.motcua.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.desk.TestDesk.AGENCY;
import static vn.motcua.desk.TestDesk.CLERK;
import static vn.motcua.desk.TestDesk.at;
import static vn.motcua.desk.TestDesk.session;
import static vn.motcua.desk.TestDesk.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.code.LookupSecret;
import vn.motcua.core.lifecycle.TransitionException;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.OrganisationApplicant;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Satisfaction;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.SyncLedger;

/** The counter's use cases against a real encrypted H2 cache, plain JUnit. */
class CounterTest {
    /** A Tuesday morning at the desk. */
    static final Instant TUESDAY_9 = at("2026-03-03T09:00");
    @TempDir
    Path dir;
    TestDesk desk;

    @BeforeEach
    void open() throws Exception {
        desk = new TestDesk(dir, TUESDAY_9);
    }

    @AfterEach
    void close() {
        desk.close();
    }

    @Test
    void aCompleteDossierIsReceivedWithForm01AndOnlyTheSecretsHashIsKept() throws Exception {
        Outcome o = desk.counter.receive(TestDesk.complete(), session(CLERK), null);
        Dossier d = o.dossier();
        assertEquals(DossierStatus.RECEIVED, d.status());
        assertTrue(d.code().matches(AGENCY.replace(".", "\\.") + "-260303-9\\d{3}"), d.code());
        // 3 working days from Tuesday 09:00: Friday at the same hour.
        assertEquals(at("2026-03-06T09:00"), d.dueAt());
        PrintedForm form = o.form().orElseThrow();
        assertEquals("01", form.number());
        assertEquals(dir.resolve("receipts").resolve(d.code() + "-mau01.pdf"), form.file());
        String printed = text(form.file());
        assertTrue(printed.contains(d.code()), printed);
        Matcher m = Pattern.compile("mã bí mật ([A-Z2-9]{4}-[A-Z2-9]{4})").matcher(printed);
        assertTrue(m.find(), "the receipt prints the lookup secret: " + printed);
        String secret = m.group(1);

        Dossier stored = desk.dossiers.findByCode(d.code()).orElseThrow();
        assertNotNull(stored.lookupSecretHash());
        assertTrue(LookupSecret.matches(secret, stored.lookupSecretHash()), "the stored hash checks the printed secret");
        assertFalse(stored.lookupSecretHash().contains(secret.replace("-", "")), "never the secret itself");
        // The sync outbox carries the hash with the dossier, never the secret.
        Object command = new SyncLedger(desk.cache).pending(10).get(0).command();
        String pending = String.valueOf(command);
        assertTrue(pending.contains("lookupSecretHash=" + stored.lookupSecretHash()), pending);
        assertFalse(pending.contains(secret), pending);
        assertEquals(List.of(new DossierChange(d.code(), DossierAction.RECEIVE, DossierStatus.RECEIVED)), desk.changes);
        // A scanned receipt at the hand-over: the secret is checked against the hash.
        assertEquals(Boolean.TRUE, desk.counter.findForHandOver(DossierForms.LOOKUP_URL + "?ma=" + d.code() + "&bm=" + secret).orElseThrow()
                .secretMatches().orElseThrow());
        assertEquals(Boolean.FALSE, desk.counter.findForHandOver(DossierForms.LOOKUP_URL + "?ma=" + d.code() + "&bm=AAAA-BBBB").orElseThrow()
                .secretMatches().orElseThrow());
    }

    @Test
    void afterTheCutOffTheClockStartsOnTheNextWorkingDay() {
        desk.clock.set(at("2026-03-06T15:30")); // Friday after 15:00
        Dossier d = desk.counter.receive(TestDesk.complete(), session(CLERK), null).dossier();
        // Monday, Tuesday, Wednesday: the appointment is Wednesday at closing time or at the same hour as the start.
        assertEquals(java.time.LocalDate.of(2026, 3, 11), d.dueAt().atZone(TestDesk.VIETNAM).toLocalDate());
    }

    @Test
    void numbersAlreadyOnADossierAreSkippedByReceptionAndByRefusalAlike() {
        // Demo data or an import holds the first numbers of the workstation's offline slice for today.
        String taken = AGENCY + "-260303-9000";
        String taken2 = AGENCY + "-260303-9001";
        for (String code : List.of(taken, taken2)) {
            desk.dossiers.saveWithoutEvent(Dossier.submittedOnline(code, TestDesk.BIRTH.code(), 1, "2025",
                    new PersonApplicant("Khác", null, "", "", "", ""), List.of(), AGENCY, TUESDAY_9.minusSeconds(3600), "portal"));
        }
        Outcome refused = desk.counter.decline(TestDesk.complete(), true, "Không thuộc thẩm quyền", session(CLERK), null);
        assertEquals(AGENCY + "-260303-9002", refused.code(), "a refusal never takes a used number");
        assertEquals(DossierStatus.REFUSED, refused.dossier().status());
        assertEquals("03", refused.form().orElseThrow().number());
        assertEquals(AGENCY + "-260303-9003", desk.counter.receive(TestDesk.complete(), session(CLERK), null).code());
    }

    @Test
    void anIncompleteDossierGetsForm02ListingWhatIsMissingAndIsReceivedWhenThePapersComeBack() throws Exception {
        Outcome asked = desk.counter.decline(TestDesk.application(List.of("1")), false, "Cần bổ sung giấy chứng sinh", session(CLERK), null);
        assertEquals(DossierStatus.AWAITING_SUPPLEMENT, asked.dossier().status());
        assertNull(asked.dossier().receivedAt(), "not received yet: the clock has not started");
        PrintedForm form02 = asked.form().orElseThrow();
        assertEquals("02", form02.number());
        assertTrue(text(form02.file()).contains("Giấy chứng sinh"), "Form 02 lists the missing paper");
        assertTrue(desk.counter.waiting(asked.code()).isPresent());

        // Two days later the applicant brings the birth certificate: supplement and reception in one step.
        desk.clock.set(at("2026-03-05T10:00"));
        long before = desk.outboxSize();
        List<ReceivedPaper> all = List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, false, false, false),
                new ReceivedPaper("2", 1, PaperKind.ORIGINAL, false, false, false));
        Outcome received = desk.counter.receiveWaiting(asked.code(), all, List.of(), session(CLERK), null);
        Dossier d = received.dossier();
        assertEquals(DossierStatus.RECEIVED, d.status());
        assertEquals(List.of(DossierAction.REQUEST_SUPPLEMENT, DossierAction.RECEIVE_SUPPLEMENT, DossierAction.RECEIVE),
                d.events().stream().map(e -> e.action()).toList());
        assertEquals(at("2026-03-05T10:00"), d.receivedAt(), "the clock starts when the dossier is complete");
        assertEquals(2, d.papers().size(), "the papers brought are recorded");
        assertEquals(2, desk.outboxSize() - before, "both steps wait for sync");
        assertEquals("01", received.form().orElseThrow().number());
        assertNotNull(desk.dossiers.findByCode(d.code()).orElseThrow().lookupSecretHash());
        assertTrue(desk.counter.waiting(d.code()).isEmpty());
    }

    @Test
    void anOnlineSubmissionIsReceivedWithTheOnlineChannelsTime() {
        String code = "G22.99-260303-0042";
        desk.dossiers.saveWithoutEvent(Dossier.submittedOnline(code, TestDesk.BIRTH.code(), 1, "2025",
                new PersonApplicant("Hoàng Văn Nam", null, "025090001234", "", "", ""),
                List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, true, false, false),
                        new ReceivedPaper("2", 1, PaperKind.ORIGINAL, true, false, true)),
                AGENCY, at("2026-03-02T20:00"), "portal"));
        assertTrue(desk.counter.waiting(code).isPresent());
        Outcome o = desk.counter.receiveWaiting(code, null, List.of(), session(CLERK), null);
        assertEquals(code, o.code(), "the portal's code stays");
        assertEquals(DossierStatus.RECEIVED, o.dossier().status());
        // Online: 2 working days from Tuesday 09:00.
        assertEquals(at("2026-03-05T09:00"), o.dossier().dueAt());
    }

    @Test
    void whatStopsAReceptionIsNamed() {
        Locale en = Locale.ENGLISH;
        List<String> missing = desk.counter.problems(TestDesk.application(List.of("1")), true, en);
        assertEquals(List.of("Required papers missing: Giấy chứng sinh. Tick them all, or issue a supplement request."), missing);
        Counter.Application badId = new Counter.Application(TestDesk.BIRTH, Channel.IN_PERSON,
                new PersonApplicant("Nguyễn Văn An", null, "02509000123", "", "", ""), TestDesk.complete().papers(), List.of());
        assertEquals(1, desk.counter.problems(badId, true, en).size(), "11 digits are not a citizen ID");
        Counter.Application company = new Counter.Application(TestDesk.BIRTH, Channel.IN_PERSON,
                new OrganisationApplicant("Công ty TNHH Hợp Thịnh", "0100109106", "", "", "", ""), TestDesk.complete().papers(), List.of());
        assertEquals(List.of("The organisation's representative is missing."), desk.counter.problems(company, true, en));
        Counter.Application wrongTax = new Counter.Application(TestDesk.BIRTH, Channel.IN_PERSON,
                new OrganisationApplicant("Công ty TNHH Hợp Thịnh", "0100109105", "Trần Văn Cường", "", "", ""), TestDesk.complete().papers(), List.of());
        assertTrue(desk.counter.problems(wrongTax, true, en).get(0).startsWith("The organisation's tax code"));
        Counter.Application byPost = new Counter.Application(TestDesk.BIRTH, Channel.POSTAL, TestDesk.complete().applicant(),
                TestDesk.complete().papers(), List.of());
        assertEquals(List.of("This procedure is not offered through \"" + Channel.POSTAL.displayName(en) + "\"."), desk.counter.problems(byPost, true, en));
        DeskException e = assertThrows(DeskException.class, () -> desk.counter.receive(byPost, session(CLERK), en));
        assertEquals(1, e.problems().size());
        assertEquals(0, desk.outboxSize(), "nothing saved");
        assertTrue(desk.changes.isEmpty());
    }

    @Test
    void anOrganisationAppliesThroughItsRepresentative() throws Exception {
        Counter.Application company = new Counter.Application(TestDesk.BIRTH, Channel.IN_PERSON,
                new OrganisationApplicant("Công ty TNHH Hợp Thịnh", "0100109106", "Trần Văn Cường", "Khu 3", "0210381234", ""),
                TestDesk.complete().papers(), List.of());
        Outcome o = desk.counter.receive(company, session(CLERK), null);
        OrganisationApplicant stored = (OrganisationApplicant) desk.dossiers.findByCode(o.code()).orElseThrow().applicant();
        assertEquals("0100109106", stored.taxCode());
        assertEquals("Trần Văn Cường", stored.representative());
        String printed = text(o.form().orElseThrow().pdf());
        assertTrue(printed.contains("Công ty TNHH Hợp Thịnh"), printed);
    }

    @Test
    void theScansTakenAtTheCounterAreStoredWithTheReception() {
        byte[] pdf = "%PDF-1.4\n%scan\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Counter.Application a = TestDesk.complete();
        Counter.Application scanned = new Counter.Application(a.procedure(), a.channel(), a.applicant(), a.papers(),
                List.of(new Counter.Scan("2", "Giấy chứng sinh", "chung-sinh.pdf", "application/pdf", pdf)));
        String code = desk.counter.receive(scanned, session(CLERK), null).code();
        List<DossierDocuments.Document> docs = new DossierDocuments(desk.cache).list(code);
        assertEquals(1, docs.size());
        assertEquals("chung-sinh.pdf", docs.get(0).name());
    }

    @Test
    void aFormThatCannotBeMadeLeavesNothingBehind() throws Exception {
        // A province's broken variant of Form 01 in the data folder.
        Path broken = Files.createDirectories(dir.resolve("templates").resolve("2025")).resolve("01.xml");
        Files.writeString(broken, "<form number=\"01\"><p>{code}");
        DeskException e = assertThrows(DeskException.class, () -> desk.counter.receive(TestDesk.complete(), session(CLERK), null));
        assertTrue(e.getMessage().startsWith("Không lập được mẫu 01"), e.getMessage());
        assertEquals(0, desk.outboxSize());
        assertEquals(0, new vn.motcua.store.DossierQueries(desk.cache).count(vn.motcua.store.DossierFilter.all()));
        assertTrue(desk.changes.isEmpty());
    }

    @Test
    void theResultIsHandedOverWithTheApplicantsRating() {
        String code = desk.inProcess();
        assertFalse(desk.counter.findForHandOver(code).orElseThrow().ready());
        DossierCommands c = desk.commands;
        c.submitForApproval(code, TestDesk.as(TestDesk.SPECIALIST, vn.motcua.core.model.Role.SPECIALIST));
        // Approval and issuing sign (ApprovalsTest); here the dossier is moved on as their screens would.
        Dossier d = desk.dossiers.findByCode(code).orElseThrow();
        var lc = vn.motcua.core.lifecycle.Lifecycle.standard();
        var approved = lc.apply(d, new vn.motcua.core.lifecycle.Command.Approve(), session(TestDesk.HEAD).actor(vn.motcua.core.model.Role.HEAD), desk.clock.instant());
        desk.dossiers.save(approved.dossier(), approved.event());
        var issued = lc.apply(approved.dossier(), new vn.motcua.core.lifecycle.Command.Issue(new vn.motcua.core.model.ResultDocument("Giấy khai sinh",
                "12/GKS", java.time.LocalDate.of(2026, 3, 3), null)), session(CLERK).actor(vn.motcua.core.model.Role.CLERK), desk.clock.instant());
        desk.dossiers.save(issued.dossier(), issued.event());
        c.markResultReady(code, TestDesk.as(CLERK, vn.motcua.core.model.Role.CLERK));
        assertTrue(desk.counter.findForHandOver(code).orElseThrow().ready());
        Outcome o = desk.counter.deliver(code, "Nguyễn Văn An", Satisfaction.SATISFIED, session(CLERK));
        assertEquals(DossierStatus.DELIVERED, o.dossier().status());
        assertEquals(Satisfaction.SATISFIED, desk.dossiers.findByCode(code).orElseThrow().delivery().satisfaction());
        assertThrows(TransitionException.class, () -> desk.counter.deliver(code, "Nguyễn Văn An", null, session(CLERK)));
    }
}
