package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.FeePayment;

/**
 * Fees paid and the delivery of the result survive closing the cache (they were held in memory only before schema 9),
 * and the national end-of-processing time is kept with the dossier for the reports.
 */
class DeliveryAndFeesTest {
    private static final CacheKey KEY = CacheKey.generate();
    private static final String CODE = "000.00.10.H29-261120-0001";
    @TempDir
    Path dir;

    @Test
    void paymentsDeliveryAndEndOfProcessingAreStored() throws Exception {
        Instant received = Instant.parse("2026-11-20T02:00:00Z");
        Instant paid = Instant.parse("2026-11-20T03:00:00Z");
        Instant delivered = Instant.parse("2026-11-23T08:30:00Z");
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            Dossier d = Fixtures.received(CODE, "1.001193", "Nguyễn Văn An", "001090012345", "0912345678", received,
                    Instant.parse("2026-11-22T02:00:00Z"));
            cache.dossierRepository().insertAll(List.of(d));
            DossierEvent pay = Fixtures.next(d, DossierAction.CONFIRM_PAYMENT, DossierStatus.RECEIVED, null);
            d = d.record(pay, Dossier.Changes.NONE.withPayment(new FeePayment("Lệ phí hộ tịch", 8_000, paid, "BL-0042", true)));
            cache.dossierRepository().save(d, pay);
            DossierEvent ready = Fixtures.next(d, DossierAction.MARK_RESULT_READY, DossierStatus.RESULT_READY, null);
            d = d.record(ready, Dossier.Changes.NONE);
            cache.dossierRepository().save(d, ready);
            DossierEvent deliver = Fixtures.next(d, DossierAction.DELIVER_RESULT, DossierStatus.DELIVERED, null);
            d = d.record(deliver, Dossier.Changes.NONE.withDelivery(new Delivery(DeliveryMethod.AT_COUNTER, "", delivered, "Nguyễn Văn An",
                    vn.motcua.core.model.Satisfaction.DISSATISFIED)));
            cache.dossierRepository().save(d, deliver);
        }
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            Dossier back = cache.dossierRepository().findByCode(CODE).orElseThrow();
            assertEquals(List.of(new FeePayment("Lệ phí hộ tịch", 8_000, paid, "BL-0042", true)), back.feesPaid());
            assertEquals(new Delivery(DeliveryMethod.AT_COUNTER, "", delivered, "Nguyễn Văn An", vn.motcua.core.model.Satisfaction.DISSATISFIED),
                    back.delivery(), "the rating at the hand-over too");
            assertTrue(back.delivery().isDelivered());
            try (Connection c = cache.connection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT finished_at FROM dossier WHERE code = '" + CODE + "'")) {
                r.next();
                // The first of result-ready / delivered: the result-ready event.
                assertEquals(back.events().get(2).at(), r.getObject(1, java.time.OffsetDateTime.class).toInstant());
            }
        }
    }

    @Test
    void anOpenDossierHasNoEndOfProcessing() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            cache.dossierRepository().insertAll(List.of(Fixtures.received(CODE, "1.001193", "Trần Thị Bình", "001190012345", "0912345679",
                    Instant.parse("2026-11-20T02:00:00Z"), null)));
            Dossier back = cache.dossierRepository().findByCode(CODE).orElseThrow();
            assertNull(back.delivery());
            assertEquals(List.of(), back.feesPaid());
            try (Connection c = cache.connection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT finished_at FROM dossier")) {
                r.next();
                assertNull(r.getObject(1));
            }
        }
    }
}
