package vn.motcua.ui.counter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.LocalCache;
import vn.motcua.ui.testing.Workbench;

/**
 * Digitisation at the counter: the clerk attaches a scanned PDF to one paper, marks another as reused, is told a text
 * file is not a scan; the received dossier carries the flags the national index counts and the scan, byte for byte,
 * stored with it in the same transaction.
 */
class CounterDigitisationUiTest {
    @Test
    void scansAndFlagsGoWithTheReceivedDossier() throws Exception {
        Path dir = Files.createTempDirectory("motcua-digitise");
        Path scan = dir.resolve("to-khai-khai-sinh.pdf");
        byte[] pdf = ("%PDF-1.4\n% bản quét tờ khai\n").getBytes(StandardCharsets.UTF_8);
        Files.write(scan, pdf);
        Path note = Files.writeString(dir.resolve("ghi-chu.txt"), "không phải bản quét");
        Workbench wb = Workbench.launchAs("canbo.motcua", dir.resolve("data"));
        try {
            wb.awaitWindow();
            wb.showPart("vn.motcua.ui.counter.part.reception");
            wb.type(wb.find("counter.procedure.search", Text.class), "1.001193");
            Table list = wb.find("counter.procedure.list", Table.class);
            wb.waitUntil("birth registration offered", () -> list.getItemCount() > 0 && list.getItem(0).getText().contains("1.001193"),
                    Duration.ofSeconds(5));
            wb.selectRow(list, 0);
            wb.type(wb.find("counter.name", Text.class), "Trần Thị Hoa");
            wb.type(wb.find("counter.birth", Text.class), "02/09/1992");
            wb.type(wb.find("counter.citizenId", Text.class), "025192000456");
            wb.type(wb.find("counter.phone", Text.class), "0987654321");
            wb.type(wb.find("counter.address", Text.class), "Thôn Đông, xã Hợp Thịnh");

            Table papers = wb.find("counter.papers", Table.class);
            assertTrue(wb.call(papers::getItemCount) >= 2, "the procedure asks for several papers");
            Button attach = wb.find("counter.scan.attach", Button.class);
            ReceptionPart part = wb.call(() -> (ReceptionPart) attach.getData(ReceptionPart.PART_KEY));
            wb.selectRow(papers, 0);
            assertEquals("Tệp \"ghi-chu.txt\" không phải PDF hoặc ảnh JPG, PNG: không đính kèm.", wb.call(() -> part.attachScan(0, note)));
            assertEquals("", wb.call(() -> papers.getItem(0).getText(1)), "nothing attached");
            assertEquals(null, wb.call(() -> part.attachScan(0, scan)));
            assertTrue(wb.call(() -> papers.getItem(0).getChecked()), "a scanned paper is received");
            assertTrue(wb.call(() -> papers.getItem(0).getText(1)).startsWith("to-khai-khai-sinh.pdf"));
            wb.selectRow(papers, 1);
            Button reused = wb.find("counter.paper.reused", Button.class);
            wb.run(() -> {
                reused.setSelection(true);
                reused.notifyListeners(SWT.Selection, new Event());
            });
            assertEquals("✓", wb.call(() -> papers.getItem(1).getText(2)));
            wb.run(() -> {
                for (int i = 0; i < papers.getItemCount(); i++) {
                    if (!papers.getItem(i).getText().contains("(nếu có)")) {
                        papers.getItem(i).setChecked(true);
                    }
                }
                papers.notifyListeners(SWT.Selection, new Event());
            });
            wb.screenshot("counter-digitised");

            Button receive = wb.find("counter.receive", Button.class);
            wb.run(() -> receive.getDisplay().asyncExec(() -> receive.notifyListeners(SWT.Selection, new Event())));
            Label result = wb.find("counter.result", Label.class);
            wb.waitUntil("the dossier received", () -> result.getText().startsWith("Đã tiếp nhận hồ sơ "), Duration.ofSeconds(10));
            String code = wb.call(result::getText).replaceFirst("^Đã tiếp nhận hồ sơ (\\S+)\\..*$", "$1");
            assertEquals("", wb.call(() -> papers.getItemCount() == 0 ? "" : papers.getItem(0).getText(1)), "the next dossier starts clean");

            LocalCache cache = wb.service(LocalCache.class);
            Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
            ReceivedPaper first = d.papers().get(0);
            assertTrue(first.digitised(), "the scanned paper is marked digitised");
            assertFalse(first.reused());
            assertTrue(d.papers().get(1).reused(), "the second paper is marked reused");
            assertFalse(d.papers().get(1).digitised());
            List<DossierDocuments.Document> docs = cache.documents().list(code);
            assertEquals(1, docs.size());
            assertEquals(DossierDocuments.Kind.ATTACHMENT, docs.get(0).kind());
            assertEquals("to-khai-khai-sinh.pdf", docs.get(0).name());
            assertEquals("application/pdf", docs.get(0).mediaType());
            assertTrue(docs.get(0).note().startsWith("paper:" + first.requiredDocumentId() + " "), docs.get(0).note());
            assertArrayEquals(pdf, cache.documents().content(docs.get(0)));
        } finally {
            wb.close();
        }
    }
}
