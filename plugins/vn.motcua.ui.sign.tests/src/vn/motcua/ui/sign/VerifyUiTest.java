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

/**
 * The verification view answers in plain Vietnamese for a missing file, an unsigned PDF, and a signature whose
 * certificate was revoked (asked online from a real OCSP responder on loopback: never "HỢP LỆ") — and says plainly that
 * revocation could not be checked when an admin turned online asking off.
 */
class VerifyUiTest {
    @Test
    void theViewSaysWhatItFound() throws Exception {
        Path dir = Files.createTempDirectory("motcua-verify");
        Path unsigned = dir.resolve("khong-ky.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(unsigned.toFile());
        }
        // The test CA is trusted on this workstation (data folder's trust/), as an admin installs the national roots.
        vn.motcua.sign.testing.TestPki pki = new vn.motcua.sign.testing.TestPki("Verify view");
        Files.createDirectories(dir.resolve("data").resolve("trust"));
        Files.write(dir.resolve("data").resolve("trust").resolve("root.der"), pki.root.getEncoded());
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

            // A signature whose certificate was revoked before it signed: asked online, it is not valid.
            Path revoked = dir.resolve("thu-hoi.pdf");
            try (vn.motcua.sign.testing.LoopbackRevocation ocsp = new vn.motcua.sign.testing.LoopbackRevocation(pki)) {
                var signer = pki.signer("CN=Lê Văn Thu Hồi,O=UBND xã Hợp Thịnh,C=VN", java.time.Instant.now().minusSeconds(86_400),
                        java.time.Instant.now().plusSeconds(86_400 * 30), ocsp.ocspUrl(), null);
                var cert = signer.chain().get(0);
                Files.write(revoked, new vn.motcua.sign.pdf.PadesSigner(null).sign(vn.motcua.sign.testing.Pdfs.decision("thu hồi"), signer,
                        vn.motcua.sign.pdf.SignatureSpec.of(vn.motcua.sign.pdf.SignatureKind.APPROVAL)));
                ocsp.revoke(cert.getSerialNumber());
                wb.run(() -> file.setText(revoked.toString()));
                wb.run(() -> run.notifyListeners(SWT.Selection, new Event()));
                wb.waitUntil("the revocation said", () -> result.getText().contains("ĐÃ BỊ THU HỒI"), Duration.ofSeconds(20));
                String said = wb.call(result::getText);
                org.junit.jupiter.api.Assertions.assertTrue(said.contains("Chữ ký KHÔNG HỢP LỆ.") && !said.contains("Chữ ký HỢP LỆ."), said);
                wb.screenshot("verify-revoked");

                // An admin turned online asking off: nothing is asked, and the view says revocation was not checked.
                Files.writeString(dir.resolve("data").resolve(vn.motcua.sign.trust.OnlineRevocation.FILE), vn.motcua.sign.trust.OnlineRevocation.KEY + "=false\n");
                int asked = ocsp.ocspRequests.get();
                wb.run(() -> result.setText(""));
                wb.run(() -> run.notifyListeners(SWT.Selection, new Event()));
                wb.waitUntil("revocation not checked said", () -> result.getText().contains("Không kiểm tra được tình trạng thu hồi"), Duration.ofSeconds(20));
                said = wb.call(result::getText);
                org.junit.jupiter.api.Assertions.assertTrue(said.contains("Chữ ký CHƯA XÁC ĐỊNH") && !said.contains("Chữ ký HỢP LỆ."), said);
                org.junit.jupiter.api.Assertions.assertEquals(asked, ocsp.ocspRequests.get(), "nothing asked online");
                wb.screenshot("verify-offline");
            }
        } finally {
            wb.close();
        }
    }
}
