package vn.motcua.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxCodeValidatorTest {
    private final TaxCodeValidator validator = new TaxCodeValidator();

    @ParameterizedTest
    @CsvSource({"0100109106, 0100109106", "0100109106-001, 0100109106-001", "0100109106001, 0100109106-001",
        " 0100109106 - 012 , 0100109106-012"})
    void valid(String input, String normalised) {
        IdentityCheck c = validator.validate(input);
        assertTrue(c.valid(), c.message(null));
        assertEquals(normalised, c.normalised());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0100109107 | TAX_CHECKSUM | Mã số thuế sai chữ số kiểm tra (chữ số thứ mười).",
        "0100109106-000 | TAX_BRANCH | Ba chữ số cuối của mã số thuế đơn vị phụ thuộc phải từ 001 đến 999.",
        "010010910 | TAX_LENGTH | Mã số thuế phải có 10 chữ số, hoặc 13 chữ số dạng NNNNNNNNNN-NNN (đang có 9 chữ số).",
        "01001091-06 | TAX_LENGTH | Mã số thuế phải có 10 chữ số, hoặc 13 chữ số dạng NNNNNNNNNN-NNN (đang có 10 chữ số).",
        "01001091O6 | TAX_NON_DIGIT | Mã số thuế chỉ gồm chữ số và một dấu gạch ngang; ký tự 'O' không hợp lệ.",
    })
    void invalid(String input, IdentityProblem problem, String message) {
        IdentityCheck c = validator.validate(input);
        assertEquals(Optional.of(problem), c.problem());
        assertEquals(message, c.message(null));
    }

    @Test
    void checkDigitFormula() {
        // 0*31+1*29+0*23+0*19+1*17+0*13+9*7+1*5+0*3 = 114; 114 mod 11 = 4; 10 - 4 = 6
        assertEquals(6, TaxCodeValidator.checkDigit("010010910"));
    }
}
