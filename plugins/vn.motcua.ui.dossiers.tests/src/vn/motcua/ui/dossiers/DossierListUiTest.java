package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import vn.motcua.training.DemoData;
import vn.motcua.ui.testing.Grid;
import vn.motcua.ui.testing.Workbench;

/** The real workbench on a fresh data folder: the demo commune's dossiers, search, and a dossier's details. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DossierListUiTest {
    static Workbench wb;

    @BeforeAll
    static void start() throws Exception {
        wb = Workbench.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (wb != null) {
            wb.close();
        }
    }

    @Test
    @Order(1)
    void listShowsTheDemoDossiersInVietnamese() throws Exception {
        Grid table = wb.grid("dossiers.table");
        wb.waitUntil("rows", () -> table.rowCount() == DemoData.DEFAULT_DOSSIERS, Duration.ofSeconds(10));
        assertEquals(DemoData.DEFAULT_DOSSIERS + " hồ sơ", wb.call(() -> wb.find("dossiers.count", Label.class).getText()));
        assertEquals("Mã hồ sơ", table.header(0));
        List<String> codes = table.column(0, 20);
        assertTrue(codes.stream().allMatch(c -> c.matches("000\\.00\\.21\\.H43-\\d{6}-\\d{4}")), codes.toString());
        // newest first
        assertTrue(codes.get(0).compareTo(codes.get(codes.size() - 1)) >= 0, codes.toString());
        assertTrue(Files.size(wb.screenshot("dossier-list")) > 10_000);
    }

    /** "Export to Excel…" writes every row of the filtered list, as shown, into a real .xlsx read back by POI. */
    private void exportsExactlyTheFilteredList(Grid table, int n) throws Exception {
        Path target = wb.dataDir().resolve("ho-so-khai-sinh.xlsx");
        DossierListPart part = listPart();
        org.eclipse.core.runtime.jobs.Job job = wb.call(() -> part.exportTo(target));
        job.join();
        Label count = wb.find("dossiers.count", Label.class);
        wb.waitUntil("the export reported", () -> count.getText().startsWith("Đã xuất " + n + " hồ sơ"), Duration.ofSeconds(10));
        List<String> codes = table.column(0, n);
        List<String> statuses = table.column(6, n);
        List<String> received = table.column(4, n);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(target))) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheetAt(0);
            assertEquals("Mã hồ sơ", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals(n, sheet.getLastRowNum(), "every filtered dossier, no more");
            for (int i = 0; i < n; i++) {
                org.apache.poi.ss.usermodel.Row r = sheet.getRow(i + 1);
                assertEquals(codes.get(i), r.getCell(0).getStringCellValue(), "row " + (i + 1));
                assertTrue(r.getCell(3).getStringCellValue().toLowerCase().contains("khai sinh"), r.getCell(3).getStringCellValue());
                assertEquals(statuses.get(i), r.getCell(7).getStringCellValue(), "status in Vietnamese, row " + (i + 1));
                // Received (empty for an online submission not yet received), as the list shows it: dd/MM/yyyy HH:mm.
                assertEquals(received.get(i).replace("—", ""), r.getCell(5) == null ? "" : new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(r.getCell(5)),
                        "received, row " + (i + 1));
            }
        }
        wb.screenshot("dossier-list-exported");
    }

    @Test
    @Order(2)
    void searchIgnoresDiacriticsAndCase() throws Exception {
        Grid table = wb.grid("dossiers.table");
        Text search = wb.find("dossiers.search", Text.class);
        wb.type(search, "KHAI SINH");
        wb.waitUntil("filtered", () -> table.rowCount() < DemoData.DEFAULT_DOSSIERS, Duration.ofSeconds(10));
        int n = table.rowCount();
        assertTrue(n > 0, "some birth registrations");
        List<String> procedures = table.column(2, n);
        assertTrue(procedures.stream().allMatch(p -> p.toLowerCase().contains("khai sinh")), procedures.toString());
        wb.screenshot("dossier-list-search");

        exportsExactlyTheFilteredList(table, n);

        wb.run(() -> search.setText(""));
        wb.type(search, "dang ky ket hon");
        wb.waitUntil("filtered", () -> table.rowCount() > 0 && table.text(0, 2).contains("kết hôn"), Duration.ofSeconds(10));
        wb.run(() -> search.setText(""));
        wb.waitUntil("all rows back", () -> table.rowCount() == DemoData.DEFAULT_DOSSIERS, Duration.ofSeconds(10));
    }

    @Test
    @Order(3)
    void deadlineFilterShowsOnlyOverdueDossiers() throws Exception {
        Grid table = wb.grid("dossiers.table");
        org.eclipse.swt.widgets.Combo deadline = wb.find("dossiers.deadline", org.eclipse.swt.widgets.Combo.class);
        wb.run(() -> {
            deadline.select(deadline.indexOf("Quá hạn"));
            deadline.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
        wb.waitUntil("filtered", () -> table.rowCount() < DemoData.DEFAULT_DOSSIERS, Duration.ofSeconds(10));
        int n = table.rowCount();
        assertTrue(n > 0, "the demo has late dossiers");
        assertTrue(table.column(7, n).stream().allMatch("Quá hạn"::equals), "every row is overdue");
        wb.screenshot("dossier-list-overdue");
        wb.run(() -> {
            deadline.select(0);
            deadline.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
        wb.waitUntil("all rows back", () -> table.rowCount() == DemoData.DEFAULT_DOSSIERS, Duration.ofSeconds(10));
    }

    @Test
    @Order(4)
    void openingADossierShowsItsDetailsAndHistory() throws Exception {
        Grid table = wb.grid("dossiers.table");
        String code = table.text(5, 0);
        String applicant = table.text(5, 1);
        table.open(5);
        Label heading = wb.find("dossiers.details.heading", Label.class);
        wb.waitUntil("details", () -> heading.getText().startsWith(code), Duration.ofSeconds(5));
        assertEquals(applicant, wb.call(() -> wb.find("details.applicant", Label.class).getText()));
        Table history = wb.find("dossiers.details.history", Table.class);
        int steps = wb.call(history::getItemCount);
        assertTrue(steps >= 1, "at least the reception step");
        assertFalse(wb.call(() -> history.getItem(0).getText(1)).isBlank());
        String actor = wb.call(() -> history.getItem(0).getText(3));
        assertTrue(actor.contains(" ") && !actor.matches("[a-z0-9._-]+"), "the history names people by their full names: " + actor);
        wb.screenshot("dossier-details");
    }

    /** Form 06 for the open dossier (from its history) and Form 07 for the whole list, as real PDFs read back. */
    @Test
    @Order(5)
    void theControlSlipAndTheLedgerArePrinted() throws Exception {
        Grid table = wb.grid("dossiers.table");
        String code = table.text(5, 0);
        table.open(5);
        org.eclipse.swt.widgets.Button slip = wb.find("dossiers.form.control", org.eclipse.swt.widgets.Button.class);
        wb.run(() -> slip.getDisplay().asyncExec(() -> slip.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event())));
        org.eclipse.swt.widgets.Shell offer = wb.awaitShell("Mẫu 06");
        wb.press(offer, "Hủy");
        Path file = wb.dataDir().resolve("forms").resolve(code + "-mau06.pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
            String t = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(t.contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ") && t.contains(code), t);
            assertTrue(t.contains("Nguyễn Thị Thu Hà") || t.contains("Tiếp nhận"), "the reception step, by name: " + t);
        }

        Path ledger = wb.dataDir().resolve("so-theo-doi.pdf");
        DossierListPart part = listPart();
        int n = table.rowCount();
        wb.call(() -> part.ledgerTo(ledger)).join();
        Label count = wb.find("dossiers.count", Label.class);
        wb.waitUntil("the ledger reported", () -> count.getText().startsWith("Đã lập sổ theo dõi " + n + " hồ sơ"), Duration.ofSeconds(30));
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(ledger.toFile())) {
            String t = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(t.contains("SỔ THEO DÕI HỒ SƠ") && t.contains(table.text(0, 0)), "first row in the ledger");
            assertTrue(doc.getNumberOfPages() >= n / 40, n + " rows over pages: " + doc.getNumberOfPages());
        }
    }

    /** A specialist attaches a scan to the open dossier: a text file is named and refused, a PNG stored and opened back. */
    @Test
    @Order(6)
    void aScanIsAttachedToTheOpenDossierAndOpensBack() throws Exception {
        Grid table = wb.grid("dossiers.table");
        String code = table.text(3, 0);
        table.open(3);
        Label heading = wb.find("dossiers.details.heading", Label.class);
        wb.waitUntil("details", () -> heading.getText().startsWith(code), Duration.ofSeconds(5));
        org.eclipse.swt.custom.CTabFolder tabs = wb.find("dossiers.details.tabs", org.eclipse.swt.custom.CTabFolder.class);
        wb.run(() -> tabs.setSelection(1));
        wb.settle();
        org.eclipse.swt.widgets.Button add = wb.find("dossiers.docs.add", org.eclipse.swt.widgets.Button.class);
        DossierDetailsView view = wb.call(() -> (DossierDetailsView) add.getData(DossierDetailsView.VIEW_KEY));
        Path dir = java.nio.file.Files.createTempDirectory("motcua-attach");
        Path text = java.nio.file.Files.writeString(dir.resolve("bien-ban.txt"), "không phải bản quét");
        assertEquals("Tệp \"bien-ban.txt\" không phải PDF hoặc ảnh JPG, PNG: không đính kèm.", wb.call(() -> view.addAttachment(text)));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("giay-xac-nhan.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        assertEquals(null, wb.call(() -> view.addAttachment(png)));
        Table docs = wb.find("dossiers.docs", Table.class);
        wb.waitUntil("the scan listed", () -> java.util.Arrays.stream(docs.getItems()).anyMatch(i -> i.getText(1).equals("giay-xac-nhan.png")),
                Duration.ofSeconds(5));
        int row = wb.call(() -> {
            for (int i = 0; i < docs.getItemCount(); i++) {
                if (docs.getItem(i).getText(1).equals("giay-xac-nhan.png")) {
                    return i;
                }
            }
            return -1;
        });
        assertEquals("Bản quét, đính kèm", wb.call(() -> docs.getItem(row).getText(0)));
        Path opened = wb.call(() -> view.openDocument((vn.motcua.store.DossierDocuments.Document) docs.getItem(row).getData()));
        assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(png), java.nio.file.Files.readAllBytes(opened)), "the same bytes back");
        assertTrue(opened.getFileName().toString().endsWith("-giay-xac-nhan.png"), opened.toString());
        assertEquals("Tài liệu (1)", wb.call(() -> tabs.getItem(1).getText()));
        wb.screenshot("dossier-attachments");

        // A document that arrived from elsewhere (another workstation, the server): a script named like a PDF is named
        // and never handed to the system; a real PDF whose name hides ".exe" behind a bidi override opens as a .pdf.
        vn.motcua.store.DossierDocuments store = wb.service(vn.motcua.store.LocalCache.class).documents();
        vn.motcua.store.DossierDocuments.Document script = store.add(new vn.motcua.store.DossierDocuments.NewDocument(code,
                vn.motcua.store.DossierDocuments.Kind.ATTACHMENT, "hoa-don.pdf", "application/pdf",
                "#!/bin/sh\necho hỏng\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "demo", ""));
        assertEquals(null, wb.call(() -> view.openDocument(script)));
        org.eclipse.swt.widgets.Label message = wb.find("dossiers.docs.message", org.eclipse.swt.widgets.Label.class);
        assertTrue(wb.call(message::getText).contains("\"hoa-don.pdf\" không phải PDF hoặc ảnh"), wb.call(message::getText));
        assertFalse(java.nio.file.Files.exists(wb.dataDir().resolve("open").resolve(script.sha256().substring(0, 12) + "-hoa-don.pdf")));
        vn.motcua.store.DossierDocuments.Document disguised = store.add(new vn.motcua.store.DossierDocuments.NewDocument(code,
                vn.motcua.store.DossierDocuments.Kind.ATTACHMENT, "../ket-qua\u202Efdp.exe", "application/pdf",
                "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "demo", ""));
        assertEquals("ket-quafdp.exe", disguised.name(), "no folder, no bidi override");
        Path pdf = wb.call(() -> view.openDocument(disguised));
        assertTrue(pdf.getFileName().toString().endsWith("-ket-quafdp.pdf"), pdf.toString());
        assertEquals(wb.dataDir().resolve("open").toAbsolutePath(), pdf.getParent().toAbsolutePath());
        wb.run(() -> tabs.setSelection(0));
    }

    /** A filter saved by name comes back in one pick, for this user only; "Mine" narrows to the user's dossiers. */
    @Test
    @Order(7)
    void aSavedViewComesBack() throws Exception {
        org.eclipse.swt.widgets.Text search = wb.find("dossiers.search", org.eclipse.swt.widgets.Text.class);
        org.eclipse.swt.widgets.Combo deadline = wb.find("dossiers.deadline", org.eclipse.swt.widgets.Combo.class);
        org.eclipse.swt.widgets.Combo views = wb.find("dossiers.views", org.eclipse.swt.widgets.Combo.class);
        Label count = wb.find("dossiers.count", Label.class);
        wb.run(() -> {
            search.setText("khai sinh");
            deadline.select(1 + vn.motcua.core.model.DeadlineClass.ON_TIME.ordinal());
            deadline.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
        String filtered = wb.call(count::getText);
        DossierListPart part = listPart();
        wb.run(() -> part.saveView("Khai sinh trong hạn"));
        assertEquals("Đã lưu bộ lọc \"Khai sinh trong hạn\".", wb.call(count::getText));
        assertEquals("Khai sinh trong hạn", wb.call(views::getText));
        assertTrue(Files.readString(wb.dataDir().resolve("views.properties")).contains("demo.0.name=Khai sinh trong h"), "kept per user");
        wb.run(() -> {
            search.setText("");
            deadline.select(0);
            deadline.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
        assertEquals(DemoData.DEFAULT_DOSSIERS + " hồ sơ", wb.call(count::getText));
        wb.run(() -> {
            views.select(1);
            views.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
        assertEquals("khai sinh", wb.call(search::getText));
        assertEquals(filtered, wb.call(count::getText), "the same list as when it was saved");
        wb.screenshot("dossier-saved-view");
        org.eclipse.swt.widgets.Button mine = wb.find("dossiers.mine", org.eclipse.swt.widgets.Button.class);
        wb.run(() -> {
            mine.setSelection(true);
            mine.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
        assertEquals("0 hồ sơ", wb.call(count::getText), "the demo account is assigned nothing");
        wb.run(() -> {
            mine.setSelection(false);
            search.setText("");
            deadline.select(0);
            deadline.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
    }

    /** Every screen's tab has an icon, drawn for 100 % and for 200 % screens (the @2x file SWT picks on HiDPI). */
    @Test
    @Order(8)
    void everyScreenHasAnIconForNormalAndHiDpiScreens() {
        assertTrue(wb.partIcons().containsKey("vn.motcua.ui.dossiers.part.list"), wb.partIcons().toString());
        assertEquals(List.of(), wb.partIconProblems());
    }

    /** The dossier list part behind the screen (its test hooks are package methods). */
    private DossierListPart listPart() {
        org.eclipse.swt.widgets.Button export = wb.find("dossiers.export", org.eclipse.swt.widgets.Button.class);
        return wb.call(() -> (DossierListPart) export.getData(DossierListPart.PART_KEY));
    }

    /**
     * The path of a big cache, taken here by not waiting at all: the list says "Searching…", stays usable, and
     * shows the newest search's rows when they come; rows deep in the list fill in when their page is read.
     */
    @Test
    @Order(9)
    void aSlowListIsShownWhenReadWithoutFreezingTheWindow() throws Exception {
        Grid table = wb.grid("dossiers.table");
        Text search = wb.find("dossiers.search", Text.class);
        Label count = wb.find("dossiers.count", Label.class);
        DossierListPart part = listPart();
        wb.run(() -> part.waitOnUi(0));
        try {
            // Two searches typed in one go: the first is typed over, the second is what the list ends with.
            String shownAtOnce = wb.call(() -> {
                search.setText("nguyen");
                search.setText("khai sinh");
                return count.getText();
            });
            assertEquals("Đang tìm…", shownAtOnce);
            wb.waitUntil("the search's rows", () -> !Boolean.TRUE.equals(table.control().getData(DossierListPart.PENDING_KEY)), Duration.ofSeconds(10));
            int n = table.rowCount();
            assertTrue(n > 0 && n < DemoData.DEFAULT_DOSSIERS, "birth registrations only: " + n);
            assertTrue(wb.call(count::getText).startsWith(n + " "), wb.call(count::getText));
            List<String> procedures = table.column(2, n);
            assertTrue(procedures.stream().allMatch(p -> p.toLowerCase().contains("khai sinh")), procedures.toString());

            // The whole list, then its last row: its page is read off the UI thread and the row fills in.
            wb.run(() -> search.setText(""));
            wb.waitUntil("the whole list", () -> table.rowCount() == DemoData.DEFAULT_DOSSIERS
                    && !Boolean.TRUE.equals(table.control().getData(DossierListPart.PENDING_KEY)), Duration.ofSeconds(10));
            int last = DemoData.DEFAULT_DOSSIERS - 1;
            table.show(last);
            vn.motcua.store.LocalCache cache = wb.service(vn.motcua.store.LocalCache.class);
            vn.motcua.store.DossierRow expected = cache.dossiers().page(vn.motcua.store.DossierFilter.all(), last, 1).get(0);
            assertEquals(expected.code(), table.text(last, 0), "the last row, filled in when its page came");
            wb.screenshot("dossier-list-last-row");
        } finally {
            wb.run(() -> part.waitOnUi(DossierListPart.WAIT_ON_UI));
            table.show(0);
        }
    }

    /**
     * A click on the "Due" header orders the whole list by due time (soonest first, undated first), on "Code" by
     * code; the store orders it, so it holds for rows never shown. "Received" brings back newest first.
     */
    @Test
    @Order(10)
    void aHeaderClickOrdersTheWholeList() throws Exception {
        Grid table = wb.grid("dossiers.table");
        int n = DemoData.DEFAULT_DOSSIERS;
        java.time.format.DateTimeFormatter shown = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
        table.clickHeader(5);
        wb.waitUntil("ordered by due time", () -> !table.text(0, 5).equals("") && table.rowCount() == n, Duration.ofSeconds(10));
        List<String> due = table.column(5, n);
        List<java.time.LocalDateTime> dated = due.stream().filter(d -> !d.equals("—")).map(d -> java.time.LocalDateTime.parse(d, shown)).toList();
        assertTrue(dated.size() > n / 2, "most dossiers have a due time: " + dated.size());
        assertEquals(dated.stream().sorted().toList(), dated, "soonest first");
        int firstDated = due.indexOf(dated.isEmpty() ? "" : shown.format(dated.get(0)));
        assertTrue(due.subList(0, firstDated).stream().allMatch("—"::equals), "undated ones first: " + due.subList(0, Math.min(firstDated + 1, n)));
        wb.screenshot("dossier-list-by-due");

        table.clickHeader(0);
        wb.waitUntil("ordered by code", () -> table.text(0, 0).compareTo(table.text(1, 0)) < 0, Duration.ofSeconds(10));
        List<String> codes = table.column(0, n);
        assertEquals(codes.stream().sorted().toList(), codes);

        table.clickHeader(4);
        vn.motcua.store.LocalCache cache = wb.service(vn.motcua.store.LocalCache.class);
        String newest = cache.dossiers().page(vn.motcua.store.DossierFilter.all(), 0, 1).get(0).code();
        wb.waitUntil("newest first again", () -> table.text(0, 0).equals(newest), Duration.ofSeconds(10));
    }

    /**
     * Keyboard only: Enter in the search box goes to the first row, Down to the next, Enter opens it. (Keys are sent
     * to the widgets directly: Xvfb without a window manager does not move the focus.)
     */
    @Test
    @Order(11)
    void theListIsUsedWithTheKeyboardAlone() throws Exception {
        Grid table = wb.grid("dossiers.table");
        Text search = wb.find("dossiers.search", Text.class);
        Label heading = wb.find("dossiers.details.heading", Label.class);
        wb.run(() -> search.setText(""));
        wb.type(search, "khai sinh");
        wb.waitUntil("filtered", () -> table.rowCount() < DemoData.DEFAULT_DOSSIERS, Duration.ofSeconds(10));
        String first = table.text(0, 0);
        String second = table.text(1, 0);
        wb.run(() -> search.notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new org.eclipse.swt.widgets.Event()));
        wb.settle();
        wb.waitUntil("the first row shown", () -> heading.getText().startsWith(first), Duration.ofSeconds(5));
        key(table, org.eclipse.swt.SWT.ARROW_DOWN);
        wb.waitUntil("the second row shown", () -> heading.getText().startsWith(second), Duration.ofSeconds(5));
        key(table, org.eclipse.swt.SWT.CR); // opens it: the details take the keyboard (not observable without a window manager)
        assertTrue(wb.call(heading::getText).startsWith(second), "the row opened is the one selected");
        wb.run(() -> search.setText(""));
    }

    /** The due date explained from the details (how it was counted, hours used and left), then a form printed again. */
    @Test
    @Order(12)
    void theDueDateIsExplainedAndAFormIsPrintedAgain() throws Exception {
        vn.motcua.store.LocalCache cache = wb.service(vn.motcua.store.LocalCache.class);
        vn.motcua.core.model.Dossier d = cache.dossierRepository().findByAgencyAndStatus("000.00.21.H43",
                java.util.EnumSet.of(vn.motcua.core.model.DossierStatus.IN_PROCESS)).get(0);
        org.eclipse.swt.widgets.Text search = wb.find("dossiers.search", org.eclipse.swt.widgets.Text.class);
        wb.type(search, d.code());
        Grid table = wb.grid("dossiers.table");
        wb.waitUntil("the dossier alone", () -> table.rowCount() == 1, Duration.ofSeconds(10));
        table.open(0);
        Label heading = wb.find("dossiers.details.heading", Label.class);
        wb.waitUntil("details", () -> heading.getText().startsWith(d.code()), Duration.ofSeconds(5));

        org.eclipse.swt.widgets.Button explain = wb.find("dossiers.due.explain", org.eclipse.swt.widgets.Button.class);
        wb.run(() -> explain.getDisplay().asyncExec(() -> explain.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event())));
        org.eclipse.swt.widgets.Shell why = wb.awaitShell("Hạn trả của hồ sơ " + d.code());
        String said = wb.call(() -> texts(why));
        assertTrue(said.contains("đã dùng") && said.contains("giờ làm việc"), said);
        wb.screenshotScreen("dossier-due-explained");
        wb.press(why, "Đồng ý");

        org.eclipse.swt.widgets.Button reprint = wb.find("dossiers.form.reprint", org.eclipse.swt.widgets.Button.class);
        wb.run(() -> reprint.getDisplay().asyncExec(() -> reprint.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event())));
        org.eclipse.swt.widgets.Shell choose = wb.awaitShell("In lại mẫu");
        org.eclipse.swt.widgets.Combo forms = wb.find("action.choice", org.eclipse.swt.widgets.Combo.class);
        assertTrue(wb.call(() -> forms.getItem(0)).startsWith("Mẫu 01"), wb.call(() -> String.join(" | ", forms.getItems())));
        wb.press(choose, "Đồng ý");
        org.eclipse.swt.widgets.Shell offer = wb.awaitShell("Mẫu 01");
        wb.press(offer, "Hủy");
        Path receipt = wb.dataDir().resolve("receipts").resolve(d.code() + "-mau01.pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(receipt.toFile())) {
            String t = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(t.contains("GIẤY TIẾP NHẬN HỒ SƠ") && t.contains(d.code()) && t.contains("ghi trên bản in lần đầu"), t);
        }
    }

    /** Every label text of a dialog, joined. */
    private static String texts(org.eclipse.swt.widgets.Composite c) {
        StringBuilder b = new StringBuilder();
        for (org.eclipse.swt.widgets.Control k : c.getChildren()) {
            if (k instanceof Label l) {
                b.append(l.getText()).append('\n');
            } else if (k instanceof org.eclipse.swt.widgets.Composite cc) {
                b.append(texts(cc));
            }
        }
        return b.toString();
    }

    private static void key(Grid table, int keyCode) {
        wb.run(() -> {
            org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
            e.keyCode = keyCode;
            table.control().notifyListeners(org.eclipse.swt.SWT.KeyDown, e);
            table.control().notifyListeners(org.eclipse.swt.SWT.KeyUp, e);
        });
        wb.settle();
    }
}
