package vn.motcua.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DateInputTest {
    private static final Optional<LocalDate> MARCH_15 = Optional.of(LocalDate.of(1990, 3, 15));

    @Test
    void dayFirstWithAnySeparatorOrNone() {
        assertEquals(MARCH_15, DateInput.parse("15/03/1990"));
        assertEquals(MARCH_15, DateInput.parse("15-03-1990"));
        assertEquals(MARCH_15, DateInput.parse("15.03.1990"));
        assertEquals(MARCH_15, DateInput.parse(" 15 / 3 / 1990 "));
        assertEquals(MARCH_15, DateInput.parse("15031990"));
        assertEquals(Optional.of(LocalDate.of(2001, 2, 1)), DateInput.parse("1/2/2001"), "day first, not month first");
    }

    @Test
    void notADate() {
        assertEquals(Optional.empty(), DateInput.parse(""));
        assertEquals(Optional.empty(), DateInput.parse(null));
        assertEquals(Optional.empty(), DateInput.parse("31/02/1990"), "no 31 February");
        assertEquals(Optional.empty(), DateInput.parse("30021990"));
        assertEquals(Optional.empty(), DateInput.parse("15/03/90"), "a two-digit year is ambiguous for a birth date");
        assertEquals(Optional.empty(), DateInput.parse("1990-03-15"), "day first only");
        assertEquals(Optional.empty(), DateInput.parse("150319901"));
        assertEquals(Optional.empty(), DateInput.parse("mười lăm"));
    }

    @Test
    void shownDayFirst() {
        assertEquals("05/03/1990", DateInput.show(LocalDate.of(1990, 3, 5)));
    }
}
