package vn.motcua.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The days a report covers, both ends included, at Vietnam's time (a report "tháng 11" starts at 00:00 +07:00 on the
 * first, whatever the PC's time zone).
 */
public record ReportPeriod(LocalDate from, LocalDate to) {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends " + to + " before it starts " + from);
        }
    }

    public static ReportPeriod month(YearMonth m) {
        return new ReportPeriod(m.atDay(1), m.atEndOfMonth());
    }

    /** Quarter 1–4 of {@code year}. */
    public static ReportPeriod quarter(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter " + quarter);
        }
        YearMonth first = YearMonth.of(year, 3 * quarter - 2);
        return new ReportPeriod(first.atDay(1), first.plusMonths(2).atEndOfMonth());
    }

    public static ReportPeriod year(int year) {
        return new ReportPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** The first moment of the period. */
    public Instant start() {
        return from.atStartOfDay(VIETNAM).toInstant();
    }

    /** The first moment after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(VIETNAM).toInstant();
    }

    public boolean contains(Instant i) {
        return i != null && !i.isBefore(start()) && i.isBefore(end());
    }

    /** The calendar months the period touches, in order. */
    public List<YearMonth> months() {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    /** "01/11/2026 – 30/11/2026". */
    public String days() {
        return DAY.format(from) + " – " + DAY.format(to);
    }
}
