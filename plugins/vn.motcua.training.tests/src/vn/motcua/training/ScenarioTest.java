package vn.motcua.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.training.scenario.CheckResult;
import vn.motcua.training.scenario.Scenario;
import vn.motcua.training.scenario.Scenarios;
import vn.motcua.training.scenario.TrainingWorkspace;

/**
 * Every exercise: its check fails on the starting state and passes after the correct steps, done through the
 * real lifecycle on the real encrypted training cache; the workspace resets quickly; packs travel.
 */
class ScenarioTest {
    static final Instant START = Instant.parse("2026-11-20T02:00:00Z"); // Friday 09:00 in Vietnam
    static final Lifecycle LIFECYCLE = Lifecycle.standard();

    @TempDir
    Path dir;

    @Test
    void everyExerciseFailsAtTheStartAndPassesAfterTheCorrectSteps() throws Exception {
        assertEquals(8, Scenarios.builtIn().size());
        for (Scenario s : Scenarios.builtIn()) {
            Path ws = dir.resolve(s.id());
            long t0 = System.nanoTime();
            TrainingWorkspace.reset(ws, s, 7L, START);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // A figure, not an assertion: the one-click reset's speed is measured by `releng/bench training`.
            System.out.println("[scenario] " + s.id() + " reset took " + ms + " ms");
            TrainingWorkspace.State state = TrainingWorkspace.state(ws).orElseThrow();
            assertEquals(s.id(), state.scenarioId());
            try (LocalCache cache = open(ws)) {
                CheckResult before = TrainingWorkspace.check(cache, state, Locale.ROOT).orElseThrow();
                assertFalse(before.done(), s.id() + " must not pass on its starting state");
                assertFalse(before.missing().isEmpty());
                doTheExercise(s.id(), cache, state);
                CheckResult after = TrainingWorkspace.check(cache, state, Locale.ROOT).orElseThrow();
                assertTrue(after.done(), s.id() + ": " + after.missing());
            }
            assertFalse(s.title(null).isBlank());
            assertFalse(s.instructions(Locale.ENGLISH).isBlank());
        }
    }

    @Test
    void aHalfDoneExerciseSaysWhatIsMissing() throws Exception {
        Scenario s = Scenarios.byId("bo-sung").orElseThrow();
        TrainingWorkspace.reset(dir, s, 7L, START);
        TrainingWorkspace.State state = TrainingWorkspace.state(dir).orElseThrow();
        try (LocalCache cache = open(dir)) {
            String code = DemoData.communeCode() + "-261120-8001";
            Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
            apply(cache, d, new Command.RequestSupplement("Thiếu bản sao giấy khai sinh", null), actor("chuyenvien.tuphap", Role.SPECIALIST),
                    START.plusSeconds(600));
            CheckResult r = TrainingWorkspace.check(cache, state, null).orElseThrow();
            assertFalse(r.done());
            assertEquals(List.of("Hồ sơ " + code + " chưa được nhận bổ sung."), r.missing());
        }
    }

    @Test
    void resetThrowsAwayTheTraineesWorkAndTouchesNothingOutsideTheFolder() throws Exception {
        Path outside = Files.writeString(dir.resolve("keep.txt"), "not training data");
        Path ws = dir.resolve("training");
        Scenario s = Scenarios.byId("xu-ly").orElseThrow();
        TrainingWorkspace.reset(ws, s, 7L, START);
        try (LocalCache cache = open(ws)) {
            doTheExercise(s.id(), cache, TrainingWorkspace.state(ws).orElseThrow());
        }
        TrainingWorkspace.reset(ws, s, 7L, START.plusSeconds(3600));
        try (LocalCache cache = open(ws)) {
            TrainingWorkspace.State state = TrainingWorkspace.state(ws).orElseThrow();
            assertFalse(TrainingWorkspace.check(cache, state, null).orElseThrow().done(), "back to the starting state");
            assertEquals(TrainingWorkspace.BACKGROUND_DOSSIERS + 1, cache.dossiers().count(vn.motcua.store.DossierFilter.all()));
        }
        assertEquals("not training data", Files.readString(outside));
    }

    @Test
    void aTrainersOwnPackTravelsToAnotherWorkstation() throws Exception {
        Path mine = dir.resolve("mine");
        TrainingWorkspace.reset(mine, Scenarios.byId("xu-ly").orElseThrow(), 7L, START);
        Path pack = dir.resolve("bai-tap-cua-toi.motcua-pack");
        try (LocalCache cache = open(mine)) {
            // The trainer prepares data by hand: one more dossier received at the counter.
            receiveBirth(cache, "000.00.21.H43-261120-8100", START.plusSeconds(60));
            TrainingWorkspace.savePack(cache, mine, pack, "Bài tập riêng của tôi", "Hãy xử lý hồ sơ 8100.", "xu-ly");
        }
        Path theirs = dir.resolve("theirs");
        TrainingWorkspace.State state = TrainingWorkspace.installPack(pack, theirs, START.plusSeconds(7200));
        assertEquals("Bài tập riêng của tôi", state.title());
        assertEquals("xu-ly", state.checkId());
        try (LocalCache cache = open(theirs)) {
            assertTrue(cache.dossierRepository().findByCode("000.00.21.H43-261120-8100").isPresent());
            assertEquals(TrainingWorkspace.BACKGROUND_DOSSIERS + 2, cache.dossiers().count(vn.motcua.store.DossierFilter.all()));
        }
        Path notAPack = Files.writeString(dir.resolve("x.motcua-pack"), "hello");
        assertThrows(java.io.IOException.class, () -> TrainingWorkspace.installPack(notAPack, theirs, START));
        try (LocalCache cache = open(theirs)) {
            assertTrue(cache.dossierRepository().findByCode("000.00.21.H43-261120-8100").isPresent(), "a bad file changes nothing");
        }
    }

    /** The correct steps of each exercise, as a trainee would do them on the screens. */
    static void doTheExercise(String id, LocalCache cache, TrainingWorkspace.State state) {
        Instant t = state.startedAt().plusSeconds(300);
        String c1 = DemoData.communeCode() + "-" + java.time.LocalDateTime.ofInstant(state.startedAt(), java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")) + "-";
        Actor clerk = actor("canbo.motcua", Role.CLERK);
        Actor specialist = actor("chuyenvien.tuphap", Role.SPECIALIST);
        Actor head = actor("lanhdao.ubnd", Role.HEAD);
        switch (id) {
            case "khai-sinh" -> receiveBirth(cache, c1 + "0101", t);
            case "tu-choi" -> {
                Procedure p = cache.procedures().find("2.001035", 1).orElseThrow();
                Dossier draft = Dossier.draft(p.code(), 1, "2025", Channel.IN_PERSON, applicant(), List.of(), DemoData.communeCode());
                apply(cache, draft, new Command.Refuse("Hợp đồng liên quan đến nhà ở tại tỉnh khác, không thuộc thẩm quyền của xã", c1 + "0102"),
                        clerk, t);
            }
            case "bo-sung" -> {
                Dossier d = cache.dossierRepository().findByCode(c1 + "8001").orElseThrow();
                d = apply(cache, d, new Command.RequestSupplement("Thiếu bản sao giấy khai sinh", null), specialist, t);
                apply(cache, d, new Command.ReceiveSupplement(t.plus(Duration.ofDays(5))), clerk, t.plusSeconds(3600));
            }
            case "xu-ly" -> {
                Dossier d = cache.dossierRepository().findByCode(c1 + "8001").orElseThrow();
                d = apply(cache, d, new Command.StartProcessing(), specialist, t);
                apply(cache, d, new Command.SubmitForApproval(), specialist, t.plusSeconds(600));
            }
            case "ky-lo" -> {
                // As on the Approval tab: one login on the practice token, the three dossiers signed and approved.
                try {
                    var keys = vn.motcua.sign.PracticeKeys.ensure(java.nio.file.Files.createTempDirectory("practice").resolve("token.p12"),
                            "Phạm Quốc Hưng", DemoData.communeName());
                    try (var session = keys.open(keys.tokens().get(0), vn.motcua.sign.PracticeKeys.PIN.toCharArray())) {
                        var service = new vn.motcua.approval.ApprovalService(cache, new vn.motcua.forms.FormRenderer(null),
                                new vn.motcua.sign.trust.CertificateGate(vn.motcua.sign.trust.TrustStore.empty()), true,
                                java.time.Clock.fixed(t, java.time.ZoneOffset.UTC));
                        var out = service.approve(List.of(c1 + "8001", c1 + "8002", c1 + "8003"),
                                session.signer(session.certificates().get(0).thumbprint()),
                                vn.motcua.sign.pdf.SignatureSpec.of(vn.motcua.sign.pdf.SignatureKind.APPROVAL), head, null, () -> false, null);
                        out.forEach(o -> assertEquals(vn.motcua.sign.pdf.Batch.Status.SIGNED, o.status(), o.message()));
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            case "tre-han" -> {
                Dossier d = cache.dossierRepository().findByCode(c1 + "8001").orElseThrow();
                apply(cache, d, new Command.Extend(t.plus(Duration.ofDays(3)), "Xin lỗi ông/bà vì hồ sơ cần xác minh thêm với xã khác"),
                        specialist, t);
            }
            case "danh-muc" -> {
                // As the trainee: read the errors, correct the two cells in the workbook, import again and commit.
                try {
                    java.nio.file.Path file = cache.dataDir().resolve("bai-tap/danh-muc-cap-nhat.xlsx");
                    var importer = new vn.motcua.excel.CatalogueImporter(null);
                    var first = importer.read(file);
                    assertTrue(first.hasErrors(), "the exercise file has errors to fix");
                    assertEquals(2, first.problems().stream().filter(p -> p.isError()).count(), first.problems().toString());
                    java.util.Map<String, String> names = new java.util.HashMap<>();
                    cache.procedures().activeCatalogue().forEach(p -> names.put(p.code(), p.name()));
                    try (var in = java.nio.file.Files.newInputStream(file);
                            var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
                        var sheet = wb.getSheetAt(0);
                        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                            var row = sheet.getRow(r);
                            String code = row.getCell(1).getStringCellValue();
                            if (code.equals("1.0O4947")) {
                                row.getCell(1).setBlank();
                                row.getCell(1).setCellValue("1.004947");
                            } else if (row.getCell(2) == null || row.getCell(2).getStringCellValue().isBlank()) {
                                row.createCell(2).setCellValue(names.get(code));
                            }
                        }
                        try (var out = java.nio.file.Files.newOutputStream(file)) {
                            wb.write(out);
                        }
                    }
                    var fixed = importer.read(file);
                    var preview = importer.preview(fixed, cache.procedures());
                    assertTrue(preview.canCommit(), fixed.problems().toString());
                    vn.motcua.excel.CatalogueImporter.commit(preview, vn.motcua.excel.CatalogueImporter.MissingPolicy.KEEP, cache.procedures(),
                            java.time.LocalDate.now());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            case "xung-dot" -> cache.sync().conflicts(false).forEach(c -> cache.sync().acknowledge(c.id()));
            default -> throw new AssertionError("no steps for " + id);
        }
    }

    static void receiveBirth(LocalCache cache, String code, Instant at) {
        Procedure p = cache.procedures().find("1.001193", 1).orElseThrow();
        List<ReceivedPaper> papers = p.requiredDocuments().stream().filter(d -> !d.optional())
                .map(d -> new ReceivedPaper(d.id(), d.count(), d.kind(), true, false, false)).toList();
        Dossier draft = Dossier.draft(p.code(), 1, "2025", Channel.IN_PERSON, applicant(), papers, DemoData.communeCode());
        apply(cache, draft, new Command.Receive(code, at.plus(Duration.ofDays(1))), actor("canbo.motcua", Role.CLERK), at);
    }

    static PersonApplicant applicant() {
        return new PersonApplicant("Nguyễn Văn Bình", java.time.LocalDate.of(1990, 3, 12), "025090001234", "Thôn Đồng Lạc", "0912345678", "");
    }

    static Dossier apply(LocalCache cache, Dossier d, Command c, Actor actor, Instant at) {
        Transition t = LIFECYCLE.apply(d, c, actor, at);
        cache.dossierRepository().save(t.dossier(), t.event());
        return t.dossier();
    }

    static Actor actor(String username, Role role) {
        User u = DemoData.demoUsers().stream().filter(x -> x.username().equals(username)).findFirst().orElseThrow();
        return new Actor(u, role, "PC-DAOTAO-01");
    }

    /** Opens a training folder's cache as a trainee does: demo account, published password. */
    static LocalCache open(Path ws) throws Exception {
        CacheKey key = CacheKeyRing.load(ws).unlock("demo", DemoData.DEMO_PASSWORD.toCharArray());
        return CacheOpener.open(ws, key);
    }

}
