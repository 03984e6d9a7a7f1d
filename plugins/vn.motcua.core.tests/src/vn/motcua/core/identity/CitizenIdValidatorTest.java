package vn.motcua.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CitizenIdValidatorTest {
    private final CitizenIdValidator validator = CitizenIdValidator.standard();

    @Test
    void bundledListHasTheSixtyThreeOldProvinces() {
        assertEquals(63, validator.provinces().size());
        assertEquals("Hà Nội", validator.provinces().get("001"));
        assertEquals("Hồ Chí Minh", validator.provinces().get("079"));
        assertEquals("Cà Mau", validator.provinces().get("096"));
        assertFalse(validator.provinces().containsKey("003"));
    }

    @ParameterizedTest
    @CsvSource({
        "001090012345, 1990-05-01, 001, MALE, 1990",
        "079303004567, 2003-12-31, 079, FEMALE, 2003",
        "064185001234, 1985-04-12, 064, FEMALE, 1985",
        "096224000001, 2024-01-02, 096, MALE, 2024",
    })
    void validIds(String id, LocalDate dob, String province, Gender gender, int year) {
        IdentityCheck c = validator.validate(id, dob);
        assertTrue(c.valid(), c.message(null));
        assertEquals("", c.message(null));
        CitizenId parts = validator.parse(id).orElseThrow();
        assertEquals(province, parts.provinceCode());
        assertEquals(gender, parts.gender());
        assertEquals(year, parts.birthYear());
        assertEquals(id.substring(6), parts.serial());
    }

    @Test
    void whiteSpaceIsIgnored() {
        IdentityCheck c = validator.validate(" 001 090 012345 ", null);
        assertTrue(c.valid());
        assertEquals("001090012345", c.normalised());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00109001234 | | LENGTH | Số định danh cá nhân phải có đúng 12 chữ số (đang có 11).",
        "0010900123456 | | LENGTH | Số định danh cá nhân phải có đúng 12 chữ số (đang có 13).",
        "00109001234A | | NON_DIGIT | Số định danh chỉ gồm chữ số; ký tự 'A' ở vị trí 12 không hợp lệ.",
        "'' | | EMPTY | Chưa nhập số.",
        "003090012345 | | UNKNOWN_PROVINCE | Ba chữ số đầu '003' không phải mã tỉnh, thành phố nơi đăng ký khai sinh.",
        "001290012345 | 1990-01-01 | CENTURY_MISMATCH | Chữ số thứ tư '2' chỉ người sinh từ năm 2000 đến 2099, nhưng năm sinh là 1990.",
        "001091012345 | 1990-01-01 | YEAR_MISMATCH | Chữ số thứ năm và sáu '91' không khớp với năm sinh 1990.",
        "001803012345 | 1903-01-01 | CENTURY_MISMATCH | Chữ số thứ tư '8' chỉ người sinh từ năm 2300 đến 2399, nhưng năm sinh là 1903.",
    })
    void eachFailureHasItsMessage(String id, LocalDate dob, IdentityProblem problem, String message) {
        IdentityCheck c = validator.validate(id, dob);
        assertFalse(c.valid());
        assertEquals(Optional.of(problem), c.problem());
        assertEquals(message, c.message(null));
        assertFalse(c.message(Locale.ENGLISH).startsWith("!"));
        assertTrue(validator.parse(id).isEmpty() || dob != null);
    }

    @Test
    void englishMessage() {
        assertEquals("A personal identification number has exactly 12 digits (this one has 5).",
                validator.validate("12345").message(Locale.ENGLISH));
    }

    @Test
    void withoutDateOfBirthOnlyTheNumberIsChecked() {
        assertTrue(validator.validate("001290012345").valid());
    }
}
