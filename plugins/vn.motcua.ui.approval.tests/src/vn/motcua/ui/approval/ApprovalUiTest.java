package vn.motcua.ui.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.core.model.DossierStatus;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.testing.SoftHsm;
import vn.motcua.sign.testing.Tools;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;
import vn.motcua.ui.testing.Workbench;

/**
 * The head in the real product: tick three dossiers, one PIN on a real SoftHSM2 token, pick the certificate, and the
 * three dossiers are approved with signed results pdfsig accepts; a wrong PIN changes nothing and asks again.
 */
class ApprovalUiTest {
    static final String PART = "vn.motcua.ui.approval.part.inbox";
    static final String ISSUING = "vn.motcua.ui.approval.part.issuing";

    @Test
    void aHeadSignsThreeDossiersWithOnePin() throws Exception {
        SoftHsm hsm = SoftHsm.get(); // tokens exist before the product loads the module
        Path data = Files.createTempDirectory("motcua-approval").resolve("data");
        Files.createDirectories(data.resolve("trust"));
        Files.write(data.resolve("trust").resolve("test-root.der"), hsm.pki.root.getEncoded());
        Files.writeString(data.resolve(SigningSettings.FILE), SigningSettings.MODULE + "=" + SoftHsm.MODULE + "\n");
        Workbench wb = Workbench.launch(data);
        List<String> codes = new ArrayList<>();
        try {
            wb.awaitWindow();
            wb.showPart(PART);
            Table inbox = wb.find("approval.inbox", Table.class);
            wb.waitUntil("dossiers awaiting approval", () -> inbox.getItemCount() >= 3, Duration.ofSeconds(10));
            wb.run(() -> {
                for (int i = 0; i < 3; i++) {
                    TableItem it = inbox.getItem(i);
                    it.setChecked(true);
                    codes.add((String) it.getData());
                    Event e = new Event();
                    e.item = it;
                    e.detail = SWT.CHECK;
                    inbox.notifyListeners(SWT.Selection, e);
                }
            });
            wb.selectRow(inbox, 0);
            Label preview = wb.find("approval.preview", Label.class);
            wb.waitUntil("draft preview rendered", () -> preview.getImage() != null, Duration.ofSeconds(20));
            Button sign = wb.find("approval.sign", Button.class);
            assertEquals("Ký duyệt (3)", wb.call(sign::getText));
            wb.screenshot("approval-inbox");

            // A wrong PIN first: the dialog comes back saying so, nothing is signed.
            press(wb, sign);
            Shell pin = wb.awaitShell("Nhập mã PIN");
            wb.run(() -> find(pin, "sign.pin", Text.class).setText("000000"));
            wb.press(pin, "Đăng nhập");
            Shell again = wb.awaitShell("Nhập mã PIN");
            Label error = wb.call(() -> find(again, "sign.pinError", Label.class));
            wb.waitUntil("wrong PIN said", () -> error.getText().startsWith("Sai mã PIN"), Duration.ofSeconds(10));
            wb.screenshotScreen("approval-wrong-pin");
            Shell certs = login(wb, again, SoftHsm.HEAD_PIN);
            Table list = wb.call(() -> find(certs, "sign.certificates", Table.class));
            // the expired certificate is listed, greyed, with its reason
            assertTrue(wb.call(() -> java.util.Arrays.stream(list.getItems()).anyMatch(i -> i.getText(5).contains("hết hạn"))));
            wb.run(() -> {
                for (int i = 0; i < list.getItemCount(); i++) {
                    if (((SigningCertificate) list.getItem(i).getData()).thumbprint().equals(SigningCertificate.thumbprint(hsm.headRsa))) {
                        list.select(i);
                        Event e = new Event();
                        e.item = list.getItem(i);
                        list.notifyListeners(SWT.Selection, e);
                    }
                }
            });
            wb.screenshotScreen("approval-certificate");
            wb.press(certs, "Ký 3 hồ sơ");
            // The test certificates name no OCSP/CRL service: the head is told, explicitly, and decides.
            Shell warning = wb.awaitShell("Không kiểm tra được tình trạng thu hồi");
            wb.screenshotScreen("approval-revocation-warning");
            wb.press(warning, "Vẫn ký");

            Label status = wb.find("approval.status", Label.class);
            wb.waitUntil("batch finished", () -> status.getText().startsWith("Đã ký duyệt 3/3"), Duration.ofSeconds(60));
            Table results = wb.find("approval.results", Table.class);
            assertEquals(3, (int) wb.call(results::getItemCount));
            for (int i = 0; i < 3; i++) {
                int row = i;
                String verdict = wb.call(() -> results.getItem(row).getText(2));
                assertTrue(verdict.startsWith("Kiểm tra:"), verdict);
            }
            wb.screenshot("approval-signed");
            assertTrue(wb.call(() -> java.util.Arrays.stream(inbox.getItems()).noneMatch(it -> codes.contains(it.getData()))));

            // The records clerk numbers and seals the three results with the organisation's token (CLERK).
            wb.showPart(ISSUING);
            Table issuable = wb.call(() -> visible("approval.inbox", Table.class, wb));
            wb.waitUntil("approved results to issue", () -> java.util.Arrays.stream(issuable.getItems()).filter(it -> codes.contains(it.getData()))
                    .count() == 3, Duration.ofSeconds(10));
            wb.run(() -> {
                for (TableItem it : issuable.getItems()) {
                    it.setChecked(codes.contains(it.getData()));
                }
                Event e = new Event();
                e.detail = SWT.CHECK;
                issuable.notifyListeners(SWT.Selection, e);
                issuable.setSelection(0);
                issuable.notifyListeners(SWT.Selection, new Event());
            });
            wb.screenshot("issuing-inbox");
            press(wb, wb.call(() -> visible("approval.sign", Button.class, wb)));
            Shell sealCerts = login(wb, wb.awaitShell("Nhập mã PIN"), SoftHsm.CLERK_PIN);
            wb.press(sealCerts, "Ký 3 hồ sơ");
            wb.press(wb.awaitShell("Không kiểm tra được tình trạng thu hồi"), "Vẫn ký");
            Shell number = wb.awaitShell("Số văn bản");
            wb.run(() -> find(number, null, Text.class).setText("15/GCN-UBND"));
            wb.press(number, "Đồng ý");
            Label issuedStatus = wb.call(() -> visible("approval.status", Label.class, wb));
            wb.waitUntil("issued", () -> issuedStatus.getText().startsWith("Đã ban hành 3/3"), Duration.ofSeconds(60));
            wb.screenshot("issuing-done");
        } finally {
            wb.close();
        }
        // The cache after the product closed: approved, with signed results pdfsig accepts.
        try (LocalCache cache = open(data)) {
            for (String code : codes) {
                assertTrue(cache.dossierRepository().findByCode(code).orElseThrow().events().stream()
                        .anyMatch(e -> e.action() == vn.motcua.core.model.DossierAction.APPROVE), code);
                var doc = cache.documents().latest(code, DossierDocuments.Kind.SIGNED_RESULT).orElseThrow();
                Path pdf = Files.write(data.resolveSibling(code + ".pdf"), cache.documents().content(doc));
                List<String> p = Tools.pdfsig(pdf);
                assertTrue(p.get(0).contains("Signature Validation: Signature is Valid.") && p.get(0).contains("Total document signed"), p.get(0));
                assertTrue(cache.documents().latest(code, DossierDocuments.Kind.APPROVAL_RECORD).isPresent());
                // issued: the head's signature and the seal, both valid, numbered from 15/GCN-UBND on
                assertEquals(DossierStatus.ISSUED, cache.dossierRepository().findByCode(code).orElseThrow().status(), code);
                var issued = cache.documents().latest(code, DossierDocuments.Kind.ISSUED_RESULT).orElseThrow();
                assertTrue(issued.note().matches("number=1[567]/GCN-UBND; .*"), issued.note());
                List<String> both = Tools.pdfsig(Files.write(data.resolveSibling(code + "-issued.pdf"), cache.documents().content(issued)));
                assertEquals(2, both.size());
                assertTrue(both.get(0).contains("Signature is Valid.") && both.get(0).contains("Not total document signed"), both.get(0));
                assertTrue(both.get(1).contains("Signature is Valid.") && both.get(1).contains("Total document signed"), both.get(1));
            }
        }
        assertTrue(Files.readString(data.resolve(SigningSettings.FILE)).contains("certificate.demo.approve=" + SigningCertificate.thumbprint(hsm.headRsa)),
                "the choice is remembered by thumbprint");
        assertTrue(Files.readString(data.resolve(SigningSettings.FILE)).contains("certificate.demo.issue=" + SigningCertificate.thumbprint(hsm.clerkRsa)),
                "the seal token's certificate is remembered separately");
    }

    @Test
    void anAdminTurnsAskingRevocationOnlineOff() throws Exception {
        Path data = Files.createTempDirectory("motcua-approval-settings").resolve("data");
        Workbench wb = Workbench.launch(data); // the demo user holds every role, ADMIN included
        try {
            wb.awaitWindow();
            wb.showPart(PART);
            press(wb, wb.find("approval.settings", Button.class));
            Shell dialog = wb.awaitShell("Thiết lập ký số trên máy này");
            Button online = wb.call(() -> find(dialog, "settings.revocationOnline", Button.class));
            assertTrue(wb.call(online::getEnabled), "an admin may change it");
            assertTrue(wb.call(online::getSelection), "on by default");
            wb.run(() -> online.setSelection(false));
            wb.screenshotScreen("approval-settings-revocation");
            wb.press(dialog, "Đồng ý");
            wb.waitUntil("saved", () -> Files.isRegularFile(data.resolve(SigningSettings.FILE)), Duration.ofSeconds(10));
            assertTrue(Files.readString(data.resolve(SigningSettings.FILE)).contains("revocation.online=false"));
            assertTrue(!vn.motcua.sign.trust.OnlineRevocation.enabled(data));
        } finally {
            wb.close();
        }
    }

    @Test
    void onlyHeadsSeeTheInbox() throws Exception {
        Workbench wb = Workbench.launchAs("canbo.motcua", Files.createTempDirectory("motcua-clerk").resolve("data"));
        try {
            wb.awaitWindow();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), wb.partIconProblems(), "every screen has a 16 px icon and its @2x twin");
            String state = wb.call(() -> {
                var w = (org.eclipse.e4.ui.model.application.ui.basic.MWindow) wb.mainShell().orElseThrow().getData("modelElement");
                var part = w.getContext().get(org.eclipse.e4.ui.workbench.modeling.EPartService.class).findPart(PART);
                return part == null ? "missing from the model" : part.isToBeRendered() ? "shown" : "hidden";
            });
            assertEquals("hidden", state, "the head's approval inbox for a clerk");
        } finally {
            wb.close();
        }
    }

    /**
     * SoftHSM has the HEAD and CLERK tokens and SunPKCS11 tells them apart only after login, as with real tokens: try
     * the head's PIN on each token in turn, as a head with two tokens plugged in would pick the other one.
     */
    private static Shell login(Workbench wb, Shell first, String pinCode) {
        Shell pin = first;
        for (int idx = 0; idx < 4; idx++) {
            int i = idx;
            Shell dialog = pin;
            wb.run(() -> {
                org.eclipse.swt.widgets.Combo c = find(dialog, "sign.token", org.eclipse.swt.widgets.Combo.class);
                if (i < c.getItemCount()) {
                    c.select(i);
                }
                find(dialog, "sign.pin", Text.class).setText(pinCode);
            });
            wb.press(dialog, "Đăng nhập");
            wb.waitUntil("an answer to the PIN", () -> dialog.isDisposed() && shell(wb, "Chọn chứng thư số", "Nhập mã PIN") != null,
                    Duration.ofSeconds(20));
            Shell next = wb.call(() -> shell(wb, "Chọn chứng thư số", "Nhập mã PIN"));
            if (wb.call(() -> next.getText().contains("Chọn chứng thư số"))) {
                return next;
            }
            pin = next;
        }
        throw new AssertionError("no token opened with the head's PIN");
    }

    private static Shell shell(Workbench wb, String... titles) {
        for (Shell s : wb.display().getShells()) {
            for (String t : titles) {
                if (!s.isDisposed() && s.isVisible() && s.getText().contains(t)) {
                    return s;
                }
            }
        }
        return null;
    }

    private static LocalCache open(Path data) throws Exception {
        return CacheOpener.open(data, CacheKeyRing.load(data).unlock(Workbench.DEMO_USER, DemoData.DEMO_PASSWORD.toCharArray()));
    }

    private static void press(Workbench wb, Button b) {
        // asyncExec: the button opens modal dialogs, which must not block the test thread.
        wb.run(() -> b.getDisplay().asyncExec(() -> b.notifyListeners(SWT.Selection, new Event())));
    }

    /** A widget by id inside the visible (active) part: the approval and issuing screens use the same ids. */
    static <W extends org.eclipse.swt.widgets.Widget> W visible(String id, Class<W> type, Workbench wb) {
        for (Shell s : wb.display().getShells()) {
            W w = findVisible(s, id, type);
            if (w != null) {
                return w;
            }
        }
        throw new AssertionError("no visible " + id);
    }

    private static <W extends org.eclipse.swt.widgets.Widget> W findVisible(org.eclipse.swt.widgets.Control c, String id, Class<W> type) {
        if (!c.isVisible()) {
            return null;
        }
        if (id.equals(c.getData(Workbench.ID_KEY)) && type.isInstance(c)) {
            return type.cast(c);
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                W w = findVisible(child, id, type);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    static <W extends org.eclipse.swt.widgets.Widget> W find(org.eclipse.swt.widgets.Control c, String id, Class<W> type) {
        if ((id == null || id.equals(c.getData(Workbench.ID_KEY))) && type.isInstance(c)) {
            return type.cast(c);
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                W w = find(child, id, type);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }
}
