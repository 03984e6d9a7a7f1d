package vn.motcua.ui.sign;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.ui.testing.Workbench;

/** The verification view answers in plain Vietnamese for a missing file and for an unsigned PDF. */
class VerifyUiTest {
    @Test
    void theViewSaysWhatItFound() throws Exception {
        Path dir = Files.createTempDirectory("motcua-verify");
        Path unsigned = dir.resolve("khong-ky.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(unsigned.toFile());
        }
        Workbench wb = Workbench.launch(dir.resolve("data"));
        try {
            wb.awaitWindow();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), wb.partIconProblems(), "every screen has a 16 px icon and its @2x twin");
            wb.showPart("vn.motcua.ui.sign.part.verify");
            Text file = wb.find("verify.file", Text.class);
            Text result = wb.find("verify.result", Text.class);
            Button run = wb.find("verify.run", Button.class);
            wb.type(file, dir.resolve("khong-co.pdf").toString());
            wb.run(() -> run.notifyListeners(SWT.Selection, new Event()));
            wb.waitUntil("missing file said", () -> result.getText().startsWith("Không tìm thấy tệp"), Duration.ofSeconds(5));
            wb.run(() -> file.setText(unsigned.toString()));
            wb.run(() -> run.notifyListeners(SWT.Selection, new Event()));
            wb.waitUntil("no signature said", () -> result.getText().equals("Tệp khong-ky.pdf không có chữ ký số."), Duration.ofSeconds(10));
            wb.screenshot("verify-unsigned");
        } finally {
            wb.close();
        }
    }
}
