package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.FeePayment;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.Satisfaction;
import vn.motcua.sync.api.SyncJson;

/**
 * The protocol's one mapping of a dossier carries what the reports count — fees paid online, the delivery with the
 * applicant's rating, the digitisation flags — and a body written before the rating existed still reads.
 */
class SyncJsonTest {
    @Test
    void aDossierTravelsWithItsPaymentsDeliveryRatingAndFlags() throws Exception {
        Instant at = Instant.parse("2026-11-20T02:00:00Z");
        PersonApplicant a = new PersonApplicant("Nguyễn Thị Lan", LocalDate.of(1991, 4, 2), "001191000123", "Thôn Đông", "0912000111", "");
        Dossier d = Dossier.draft("1.001193", 1, "2025", Channel.ONLINE, a,
                List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, true, true, false), new ReceivedPaper("2", 1, PaperKind.COPY, false, false, true)),
                "000.00.10.H29");
        DossierEvent receive = new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED, "canbo1", Role.CLERK, "PC-1", at,
                "", "01", null, at.plusSeconds(86_400), null);
        d = d.record(receive, Dossier.Changes.NONE.withCode("000.00.10.H29-261120-0001").withReceivedAt(at).withDueAt(at.plusSeconds(86_400))
                .withPayment(new FeePayment("Lệ phí", 8_000, at, "BL-9", true))
                .withDelivery(new Delivery(DeliveryMethod.AT_COUNTER, "", at.plusSeconds(3_600), "Nguyễn Thị Lan", Satisfaction.VERY_SATISFIED)));
        SyncJson json = new SyncJson();
        Dossier back = json.read(json.write(d), Dossier.class);
        assertEquals(d, back);
        assertEquals(Satisfaction.VERY_SATISFIED, back.delivery().satisfaction());
        // A body from a workstation of the previous version has no rating: it reads as "not given".
        String old = json.writeString(d).replace(",\"satisfaction\":\"VERY_SATISFIED\"", "");
        assertNull(json.read(old, Dossier.class).delivery().satisfaction());
    }

    /** A server older than its schema 5 sends no fallback slot: null, not 0 (which would mean "no offline slice"). */
    @Test
    void aNumberBlockFromAnOlderServerHasNoFallbackSlot() throws Exception {
        SyncJson json = new SyncJson();
        vn.motcua.sync.api.Messages.NumberBlockResponse old = json.read("{\"agencyCode\":\"H21\",\"day\":\"2026-11-24\",\"first\":1,"
                + "\"last\":50}", vn.motcua.sync.api.Messages.NumberBlockResponse.class);
        assertNull(old.fallbackSlot());
        assertEquals(3, json.read(json.writeString(new vn.motcua.sync.api.Messages.NumberBlockResponse("H21", LocalDate.of(2026, 11, 24), 1, 50, 3)),
                vn.motcua.sync.api.Messages.NumberBlockResponse.class).fallbackSlot());
    }
}
