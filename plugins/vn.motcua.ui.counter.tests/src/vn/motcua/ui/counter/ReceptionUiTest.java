package vn.motcua.ui.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.motcua.training.scenario.Scenarios;
import vn.motcua.training.scenario.TrainingWorkspace;
import vn.motcua.ui.testing.Workbench;

/**
 * The clerk receives a birth registration at the counter (training exercise 1): the procedure found by a few
 * letters without diacritics, the citizen ID checked as typed, the papers ticked, the appointment shown, the
 * dossier received with a code; the exercise's check then passes.
 */
class ReceptionUiTest {
    @AfterEach
    void leaveTrainingMode() {
        System.clearProperty("motcua.training");
    }

    @Test
    void theClerkReceivesABirthRegistration() throws Exception {
        Path data = Files.createTempDirectory("motcua-counter").resolve("training");
        TrainingWorkspace.reset(data, Scenarios.byId("khai-sinh").orElseThrow(), 5L, Instant.now());
        System.setProperty("motcua.training", "true");
        Workbench wb = Workbench.launchAs("canbo.motcua", data);
        try {
            wb.awaitWindow();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), wb.partIconProblems(), "every screen has a 16 px icon and its @2x twin");
            wb.showPart("vn.motcua.ui.counter.part.reception");
            Text search = wb.find("counter.procedure.search", Text.class);
            wb.type(search, "dang ky khai sinh");
            Table list = wb.find("counter.procedure.list", Table.class);
            wb.waitUntil("birth registration offered", () -> java.util.Arrays.stream(list.getItems()).anyMatch(i -> i.getText().contains("1.001193")),
                    Duration.ofSeconds(5));
            assertTrue(wb.call(() -> java.util.Arrays.stream(list.getItems()).allMatch(i -> i.getText().contains("khai sinh"))),
                    "only birth-registration procedures are offered");
            int row = wb.call(() -> {
                for (int i = 0; i < list.getItemCount(); i++) {
                    if (list.getItem(i).getText().contains("1.001193")) {
                        return i;
                    }
                }
                return -1;
            });
            wb.selectRow(list, row);

            wb.type(wb.find("counter.name", Text.class), "Nguyễn Văn Bình");
            wb.type(wb.find("counter.birth", Text.class), "12/03/1990");
            Text id = wb.find("counter.citizenId", Text.class);
            wb.type(id, "02509000123");
            Label idMessage = wb.find("counter.citizenId.message", Label.class);
            assertTrue(wb.call(() -> !idMessage.getText().isEmpty() && !idMessage.getText().startsWith("Số định danh hợp lệ")),
                    "11 digits are refused as typed: " + wb.call(idMessage::getText));
            wb.type(id, "4");
            wb.waitUntil("the ID accepted", () -> idMessage.getText().startsWith("Số định danh hợp lệ"), Duration.ofSeconds(5));
            wb.type(wb.find("counter.phone", Text.class), "0912345678");
            wb.type(wb.find("counter.address", Text.class), "Thôn Đồng Lạc, xã Hợp Thịnh");

            Table papers = wb.find("counter.papers", Table.class);
            wb.run(() -> {
                for (TableItem it : papers.getItems()) {
                    if (!it.getText().contains("(nếu có)")) {
                        it.setChecked(true);
                    }
                }
                papers.notifyListeners(SWT.Selection, new Event());
            });
            Label appointment = wb.find("counter.appointment", Label.class);
            assertTrue(wb.call(appointment::getText).startsWith("Hẹn trả kết quả: "), wb.call(appointment::getText));
            assertTrue(wb.call(() -> appointment.getToolTipText() != null && !appointment.getToolTipText().isBlank()), "the date is explained");
            wb.screenshot("counter-filled");

            Button receive = wb.find("counter.receive", Button.class);
            wb.run(() -> receive.getDisplay().asyncExec(() -> receive.notifyListeners(SWT.Selection, new Event())));
            wb.settle();
            wb.screenshotScreen("counter-after-receive");
            Label result = wb.find("counter.result", Label.class);
            wb.waitUntil("the dossier received", () -> result.getText().startsWith("Đã tiếp nhận hồ sơ 000.00.21.H43-"), Duration.ofSeconds(10));
            wb.screenshot("counter-received");
            // Form 01 is written with the dossier, with the training mark in training mode.
            java.nio.file.Path receipts = data.resolve("receipts");
            try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(receipts)) {
                java.nio.file.Path pdf = files.filter(f -> f.getFileName().toString().endsWith("-mau01.pdf")).findFirst().orElseThrow();
                byte[] bytes = Files.readAllBytes(pdf);
                assertEquals("%PDF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
                assertTrue(pdf.getFileName().toString().startsWith("000.00.21.H43-"), pdf.toString());
            }
            assertTrue(wb.call(() -> wb.find("counter.openReceipt", Button.class).isEnabled()));

            wb.showPart("vn.motcua.ui.training.part.exercise");
            Button check = wb.find("training.check", Button.class);
            wb.run(() -> check.notifyListeners(SWT.Selection, new Event()));
            Label verdict = wb.find("training.result", Label.class);
            wb.waitUntil("the exercise done", () -> verdict.getText().startsWith("Hoàn thành!"), Duration.ofSeconds(10));
            assertEquals(true, wb.call(() -> verdict.getText().startsWith("Hoàn thành!")));
        } finally {
            wb.close();
        }
    }

    @Test
    void theClerkRefusesAnIneligibleDossierWithForm03() throws Exception {
        Path data = Files.createTempDirectory("motcua-counter").resolve("training");
        TrainingWorkspace.reset(data, Scenarios.byId("tu-choi").orElseThrow(), 6L, Instant.now());
        System.setProperty("motcua.training", "true");
        Workbench wb = Workbench.launchAs("canbo.motcua", data);
        try {
            wb.awaitWindow();
            wb.showPart("vn.motcua.ui.counter.part.reception");
            wb.type(wb.find("counter.procedure.search", Text.class), "2.001035");
            Table list = wb.find("counter.procedure.list", Table.class);
            wb.waitUntil("the contract certification offered", () -> list.getItemCount() == 1, Duration.ofSeconds(5));
            wb.selectRow(list, 0);
            wb.type(wb.find("counter.name", Text.class), "Trần Thị Hoa");
            Button refuse = wb.find("counter.refuse", Button.class);
            wb.run(() -> refuse.getDisplay().asyncExec(() -> refuse.notifyListeners(SWT.Selection, new Event())));
            org.eclipse.swt.widgets.Shell dialog = wb.awaitShell("Từ chối (Mẫu 03)");
            wb.type(wb.find("counter.reason", Text.class), "Hợp đồng liên quan đến nhà ở tại tỉnh khác, không thuộc thẩm quyền của xã.");
            wb.screenshotScreen("counter-refusal-dialog");
            wb.press(dialog, "Đồng ý");
            Label result = wb.find("counter.result", Label.class);
            wb.waitUntil("the refusal recorded", () -> result.getText().startsWith("Đã từ chối tiếp nhận"), Duration.ofSeconds(10));
            try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(data.resolve("receipts"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith("-mau03.pdf")), "Form 03 written");
            }
            wb.showPart("vn.motcua.ui.training.part.exercise");
            Button check = wb.find("training.check", Button.class);
            wb.run(() -> check.notifyListeners(SWT.Selection, new Event()));
            Label verdict = wb.find("training.result", Label.class);
            wb.waitUntil("the exercise done", () -> verdict.getText().startsWith("Hoàn thành!"), Duration.ofSeconds(10));
        } finally {
            wb.close();
        }
    }

    @Test
    void theClerkHandsOverAResultFoundByScanningTheReceipt() throws Exception {
        Workbench wb = Workbench.launch(Files.createTempDirectory("motcua-delivery"));
        try {
            wb.awaitWindow();
            vn.motcua.store.LocalCache cache = wb.service(vn.motcua.store.LocalCache.class);
            vn.motcua.core.model.Dossier ready = cache.dossierRepository().findByAgencyAndStatus("000.00.21.H43",
                    java.util.EnumSet.of(vn.motcua.core.model.DossierStatus.RESULT_READY)).get(0);
            wb.showPart("vn.motcua.ui.counter.part.reception");
            Text code = wb.find("counter.delivery.code", Text.class);
            // What a QR scanner types: the receipt's lookup address, then Enter.
            wb.type(code, "https://dichvucong.gov.vn/tra-cuu?ma=" + ready.code() + "&bm=ABCD-EFGH");
            wb.run(() -> code.notifyListeners(SWT.DefaultSelection, new Event()));
            Label info = wb.find("counter.delivery.info", Label.class);
            wb.waitUntil("the dossier found ready", () -> info.getText().endsWith("Có thể trả kết quả."), Duration.ofSeconds(5));
            Button deliver = wb.find("counter.delivery.deliver", Button.class);
            // The applicant rates the service at the hand-over.
            org.eclipse.swt.widgets.Combo rating = wb.find("counter.delivery.rating", org.eclipse.swt.widgets.Combo.class);
            wb.run(() -> rating.select(1 + vn.motcua.core.model.Satisfaction.SATISFIED.ordinal()));
            wb.run(() -> deliver.notifyListeners(SWT.Selection, new Event()));
            wb.waitUntil("handed over", () -> info.getText().startsWith("Đã trả kết quả hồ sơ " + ready.code()), Duration.ofSeconds(5));
            vn.motcua.core.model.Dossier delivered = cache.dossierRepository().findByCode(ready.code()).orElseThrow();
            assertEquals(vn.motcua.core.model.DossierStatus.DELIVERED, delivered.status());
            assertEquals(vn.motcua.core.model.Satisfaction.SATISFIED, delivered.delivery().satisfaction(), "the rating is kept");
            assertEquals(0, wb.call(rating::getSelectionIndex), "reset for the next applicant");
            // A second scan: no longer ready, nothing offered.
            wb.type(code, ready.code());
            wb.run(() -> code.notifyListeners(SWT.DefaultSelection, new Event()));
            wb.waitUntil("not ready any more", () -> info.getText().contains("chưa thể trả kết quả"), Duration.ofSeconds(5));
            assertTrue(!wb.call(deliver::isEnabled));
        } finally {
            wb.close();
        }
    }

    /**
     * Form 02 at the counter, then the papers come back: the clerk finds the waiting dossier by its code, ticks what
     * was brought and receives it (supplement and reception saved together, Form 01 written).
     */
    @Test
    void aDossierAskedForPapersAtTheCounterIsReceivedWhenTheyComeBack() throws Exception {
        Workbench wb = Workbench.launch(Files.createTempDirectory("motcua-waiting"));
        try {
            wb.awaitWindow();
            vn.motcua.store.LocalCache cache = wb.service(vn.motcua.store.LocalCache.class);
            wb.showPart("vn.motcua.ui.counter.part.reception");
            wb.type(wb.find("counter.procedure.search", Text.class), "1.001193");
            Table list = wb.find("counter.procedure.list", Table.class);
            wb.waitUntil("birth registration offered", () -> list.getItemCount() == 1, Duration.ofSeconds(5));
            wb.selectRow(list, 0);
            wb.type(wb.find("counter.name", Text.class), "Lê Văn Bổ Sung");
            Table papers = wb.find("counter.papers", Table.class);
            wb.run(() -> {
                papers.getItem(0).setChecked(true);
                papers.notifyListeners(SWT.Selection, new Event());
            });
            Button incomplete = wb.find("counter.incomplete", Button.class);
            wb.run(() -> incomplete.getDisplay().asyncExec(() -> incomplete.notifyListeners(SWT.Selection, new Event())));
            org.eclipse.swt.widgets.Shell dialog = wb.awaitShell("Thiếu giấy tờ");
            wb.press(dialog, "Đồng ý");
            Label result = wb.find("counter.result", Label.class);
            wb.waitUntil("Form 02 issued", () -> result.getText().startsWith("Đã lập Phiếu yêu cầu bổ sung"), Duration.ofSeconds(10));
            String text = wb.call(result::getText);
            String code = text.substring(text.lastIndexOf(' ') + 1).replaceAll("\\.$", "");
            assertTrue(Files.isRegularFile(wb.dataDir().resolve("receipts").resolve(code + "-mau02.pdf")), code);

            // The applicant comes back with the papers: the clerk scans the code off Form 02.
            Text waiting = wb.find("counter.waiting.code", Text.class);
            wb.type(waiting, code);
            wb.run(() -> waiting.notifyListeners(SWT.DefaultSelection, new Event()));
            wb.waitUntil("the waiting dossier shown", () -> result.getText().startsWith("Hồ sơ " + code), Duration.ofSeconds(5));
            assertEquals("Lê Văn Bổ Sung", wb.call(() -> wb.find("counter.name", Text.class).getText()));
            assertTrue(wb.call(() -> papers.getItem(0).getChecked()), "what was handed in first is ticked");
            wb.run(() -> {
                for (TableItem it : papers.getItems()) {
                    if (!it.getText().contains("(nếu có)")) {
                        it.setChecked(true);
                    }
                }
                papers.notifyListeners(SWT.Selection, new Event());
            });
            wb.screenshot("counter-waiting-found");
            Button receive = wb.find("counter.receive", Button.class);
            wb.run(() -> receive.getDisplay().asyncExec(() -> receive.notifyListeners(SWT.Selection, new Event())));
            wb.waitUntil("received", () -> result.getText().startsWith("Đã tiếp nhận hồ sơ " + code), Duration.ofSeconds(10));
            wb.screenshot("counter-waiting-received");
            vn.motcua.core.model.Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
            assertEquals(vn.motcua.core.model.DossierStatus.RECEIVED, d.status());
            assertEquals(java.util.List.of(vn.motcua.core.model.DossierAction.REQUEST_SUPPLEMENT, vn.motcua.core.model.DossierAction.RECEIVE_SUPPLEMENT,
                    vn.motcua.core.model.DossierAction.RECEIVE), d.events().stream().map(e -> e.action()).toList());
            assertTrue(d.lookupSecretHash() != null, "the receipt's secret is kept, hashed");
            assertTrue(Files.isRegularFile(wb.dataDir().resolve("receipts").resolve(code + "-mau01.pdf")));
        } finally {
            wb.close();
        }
    }
}
