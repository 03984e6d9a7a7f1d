package vn.motcua.core.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodesTest {
    @Test
    void formatsDossierCodes() {
        assertEquals("000.00.01.H29-240115-0001", new DossierCode("000.00.01.H29", LocalDate.of(2024, 1, 15), 1)
                .format());
        assertEquals("H21.17-260310-0420", new DossierCode("H21.17", LocalDate.of(2026, 3, 10), 420).format());
        assertThrows(IllegalArgumentException.class, () -> new DossierCode("H21", LocalDate.of(2026, 3, 10), 0));
        assertThrows(IllegalArgumentException.class, () -> new DossierCode("H-21", LocalDate.of(2026, 3, 10), 1));
    }

    @ParameterizedTest
    @CsvSource({
        "000.00.01.H29-240115-0001, 000.00.01.H29, 2024-01-15, 1, LEGACY",
        "000.00.01.H29-260310-0420, 000.00.01.H29, 2026-03-10, 420, LEGACY",
        "38.98.H29-210519-0013, 38.98.H29, 2021-05-19, 13, LEGACY",
        "H21.17-260310-0420, H21.17, 2026-03-10, 420, SHORT",
        "H01.151.01-250801-48213, H01.151.01, 2025-08-01, 48213, SHORT",
        "' H21.217-260302-9040 ', H21.217, 2026-03-02, 9040, SHORT",
    })
    void parsesKnownAndForeignCodes(String text, String agency, LocalDate date, int seq, AgencyCode.Form form) {
        DossierCode c = DossierCode.parse(text).orElseThrow();
        assertEquals(agency, c.agencyCode());
        assertEquals(date, c.receptionDate());
        assertEquals(seq, c.sequence());
        assertEquals(form, c.agency().orElseThrow().form());
    }

    @Test
    void leniencyAcceptsUnknownAgencyShapes() {
        DossierCode c = DossierCode.parse("UBND_IAGRAI-251231-7").orElseThrow();
        assertEquals("UBND_IAGRAI", c.agencyCode());
        assertTrue(c.agency().isEmpty());
        assertEquals("UBND_IAGRAI-251231-0007", c.format());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "H21-261332-0001", "H21.17-260310", "H21 17-260310-0001", "H21-260310-0000",
        "H21-2603100-0001"})
    void rejectsWhatIsNotACode(String text) {
        assertEquals(Optional.empty(), DossierCode.parse(text));
    }

    @Test
    void roundTrip() {
        DossierCode c = new DossierCode("000.00.01.H29", LocalDate.of(2025, 7, 1), 37);
        assertEquals(c, DossierCode.parse(c.format()).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"000.00.01.H29, LEGACY, H29", "000.00.00.G22, LEGACY, G22", "38.98.H29, LEGACY, H29",
        "H21, SHORT, H21", "H21.17, SHORT, H21", "h01.151.01, SHORT, H01"})
    void agencyCodesInBothForms(String text, AgencyCode.Form form, String top) {
        AgencyCode a = AgencyCode.parse(text).orElseThrow();
        assertEquals(form, a.form());
        assertEquals(top, a.topLevelCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2117", "000.00.01", "21.H29.00", "H21.1234", "000.00.01.H29.1", ""})
    void notAgencyCodes(String text) {
        assertFalse(AgencyCode.isValid(text));
    }

    @Test
    void groupsOfAnAgencyCode() {
        assertEquals(List.of("000", "00", "01", "H29"), AgencyCode.parse("000.00.01.H29").orElseThrow().groups());
    }

    @ParameterizedTest
    @CsvSource({"1.004222, 1.004222, ''", "2.000908, 2.000908, ''", "1.012753.H19, 1.012753, H19",
        "1.012753.h19, 1.012753, H19"})
    void parsesProcedureCodes(String text, String national, String suffix) {
        ProcedureCode c = ProcedureCode.parse(text).orElseThrow();
        assertEquals(national, c.nationalCode());
        assertEquals(suffix, c.suffix());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.00422", "0.004222", "1.0042222", "1004222", "1.004222.", "TTHC-1"})
    void rejectsMalformedProcedureCodes(String text) {
        assertFalse(ProcedureCode.isValid(text));
    }

    @ParameterizedTest
    @CsvSource({
        "2.00015, 2.000150, true",
        "'2,00015', 2.000150, true",
        "2.0001500000000001, 2.000150, true",
        "1.0009, 1.000900, true",
        "2.000149999999999, 2.000150, true",
        "1.004222, 1.004222, false",
        "' 1.012753.H19 ', 1.012753.H19, false",
    })
    void recoversCodesMangledBySpreadsheets(String cell, String code, boolean recovered) {
        ProcedureCode.Recovery r = ProcedureCode.recover(cell).orElseThrow();
        assertEquals(code, r.code().format());
        assertEquals(recovered, r.recovered());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.01", "2", "abc", "2.0001501", "", "3.5e-2"})
    void givesUpOnWhatCannotBeRecovered(String cell) {
        assertEquals(Optional.empty(), ProcedureCode.recover(cell));
    }
}
