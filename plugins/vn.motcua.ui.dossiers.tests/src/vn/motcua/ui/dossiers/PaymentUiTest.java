package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.FeePayment;
import vn.motcua.store.LocalCache;
import vn.motcua.ui.testing.Workbench;

/**
 * The specialist asks for the fees of a dossier in process and the payment is confirmed with its receipt, paid
 * online; a wrong amount is named. The dossier goes back to processing with the payment stored (the 766 online-
 * payment indicator counts it).
 */
class PaymentUiTest {
    @Test
    void feesAreRequestedAndTheOnlinePaymentConfirmed() throws Exception {
        Workbench wb = Workbench.launchAs("chuyenvien.tuphap", Files.createTempDirectory("motcua-payment").resolve("data"));
        try {
            wb.awaitWindow();
            LocalCache cache = wb.service(LocalCache.class);
            Dossier target = cache.dossierRepository().findByAgencyAndStatus("000.00.21.H43", EnumSet.of(DossierStatus.IN_PROCESS)).stream()
                    .filter(d -> "chuyenvien.tuphap".equals(d.assignee())).findFirst().orElseThrow();
            Text search = wb.find("dossiers.search", Text.class);
            wb.run(() -> search.setText(target.code()));
            vn.motcua.ui.testing.Grid table = wb.grid("dossiers.table");
            wb.waitUntil("the dossier listed", () -> table.rowCount() == 1, Duration.ofSeconds(5));
            table.open(0);
            Label heading = wb.find("dossiers.details.heading", Label.class);
            wb.waitUntil("details", () -> heading.getText().startsWith(target.code()), Duration.ofSeconds(5));

            Button request = wb.find("dossiers.action.REQUEST_PAYMENT", Button.class);
            assertTrue(wb.call(request::isEnabled), "the assigned specialist may ask for the fees");
            wb.run(() -> request.getDisplay().asyncExec(() -> request.notifyListeners(SWT.Selection, new Event())));
            Shell ask = wb.awaitShell("Yêu cầu thực hiện nghĩa vụ tài chính");
            wb.run(() -> wb.find("action.reason", Text.class).setText("Nộp lệ phí 8.000 đồng tại bộ phận một cửa hoặc trực tuyến"));
            wb.press(ask, "Đồng ý");
            wb.waitUntil("awaiting payment", () -> cache.dossierRepository().findByCode(target.code()).orElseThrow().status()
                    == DossierStatus.AWAITING_PAYMENT, Duration.ofSeconds(5));

            Button confirm = wb.find("dossiers.action.CONFIRM_PAYMENT", Button.class);
            wb.run(() -> confirm.getDisplay().asyncExec(() -> confirm.notifyListeners(SWT.Selection, new Event())));
            Shell pay = wb.awaitShell("Xác nhận đã nộp phí");
            Text amount = wb.find("payment.amount", Text.class);
            wb.run(() -> amount.setText("tám nghìn"));
            wb.press(pay, "Đồng ý");
            Label problem = wb.find("payment.problem", Label.class);
            wb.waitUntil("the amount named", () -> problem.getText().startsWith("Số tiền \"tám nghìn\" không hợp lệ"), Duration.ofSeconds(5));
            wb.run(() -> {
                amount.setText("8.000");
                wb.find("payment.receipt", Text.class).setText("BL-2026-0042");
                Button online = wb.find("payment.online", Button.class);
                online.setSelection(true);
            });
            wb.screenshotScreen("payment-confirm");
            wb.press(pay, "Đồng ý");
            wb.waitUntil("back in process", () -> cache.dossierRepository().findByCode(target.code()).orElseThrow().status()
                    == DossierStatus.IN_PROCESS, Duration.ofSeconds(5));
            Dossier paid = cache.dossierRepository().findByCode(target.code()).orElseThrow();
            FeePayment p = paid.feesPaid().get(paid.feesPaid().size() - 1);
            assertEquals(8_000, p.amountVnd());
            assertEquals("BL-2026-0042", p.receiptNumber());
            assertTrue(p.online(), "paid online");
        } finally {
            wb.close();
        }
    }
}
