package vn.motcua.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.motcua.core.model.DossierStatus;

class RulePacksTest {
    private final RulePacks packs = RulePacks.standard();

    @ParameterizedTest
    @CsvSource({"2025-06-30, 2018", "2025-07-01, 2025", "2018-06-21, 2018", "2026-11-22, 2025", "2030-01-01, 2025",
        "2015-03-01, 2018"})
    void packByReceptionDate(LocalDate date, String id) {
        assertEquals(id, packs.forReceptionDate(date).id());
    }

    @Test
    void receptionTimeIsReadInVietnam() {
        // 30/06/2025 23:30 UTC is already 01/07/2025 06:30 in Vietnam.
        assertEquals("2025", packs.forReceptionTime(java.time.Instant.parse("2025-06-30T23:30:00Z")).id());
        // 30/06/2025 16:59 UTC is 23:59 on 30/06 in Vietnam.
        assertEquals("2018", packs.forReceptionTime(java.time.Instant.parse("2025-06-30T16:59:00Z")).id());
    }

    @Test
    void twentyTwentyFivePackHasSevenForms() {
        RulePack p = packs.byId("2025").orElseThrow();
        assertEquals(7, p.forms().size());
        assertEquals(List.of("01", "02", "03", "04", "05", "06", "07"),
                p.forms().stream().map(FormDefinition::number).toList());
        assertEquals("05", p.form(FormKind.STOP_NOTICE).orElseThrow().number());
        assertEquals("06", p.form(FormKind.CONTROL_SLIP).orElseThrow().number());
        assertEquals("Thông báo dừng giải quyết hồ sơ", p.form(FormKind.STOP_NOTICE).orElseThrow().title(null));
        assertEquals("Notice of stopping the processing",
                p.form(FormKind.STOP_NOTICE).orElseThrow().title(Locale.ENGLISH));
        assertTrue(p.legalReferences().contains("Thông tư 03/2025/TT-VPCP"));
        assertEquals(LocalDate.of(2025, 7, 1), p.effectiveFrom());
        assertEquals(null, p.effectiveUntil());
    }

    @Test
    void twentyEighteenPackHasSixFormsAndNoStopNotice() {
        RulePack p = packs.byId("2018").orElseThrow();
        assertEquals(6, p.forms().size());
        assertFalse(p.form(FormKind.STOP_NOTICE).isPresent());
        assertEquals("05", p.form(FormKind.CONTROL_SLIP).orElseThrow().number());
        assertEquals("06", p.form(FormKind.LEDGER).orElseThrow().number());
        assertEquals("Phiếu xin lỗi và hẹn lại ngày trả kết quả",
                p.form(FormKind.APOLOGY_EXTENSION).orElseThrow().titleVi());
        assertEquals(LocalDate.of(2025, 6, 30), p.effectiveUntil());
    }

    @Test
    void statusMappingCoversEveryReportedStatus() {
        for (RulePack p : packs.all()) {
            for (DossierStatus s : DossierStatus.values()) {
                assertEquals(s.nationalCode(), p.nationalCode(s), p.id() + " " + s);
            }
            assertEquals("{agency}-{yyMMdd}-{NNNN}", p.dossierCodeFormat());
        }
        assertTrue(packs.byId("2025").orElseThrow().nationalCode(DossierStatus.DRAFT).isEmpty());
    }

    @Test
    void packsAreImmutable() {
        RulePack p = packs.byId("2025").orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> p.forms().clear());
        assertThrows(UnsupportedOperationException.class, () -> p.statusMapping().put(DossierStatus.DRAFT, 1));
        assertTrue(packs.byId("1999").isEmpty());
    }

    @Test
    void nationalCodesOutsideOneToTenAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RulePack("x", LocalDate.of(2025, 1, 1), null,
                List.of(), java.util.Map.of(DossierStatus.RECEIVED, 11), "", List.of()));
    }
}
