package vn.motcua.core.calendar;

import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * Vietnamese lunisolar calendar computed astronomically, after Hồ Ngọc Đức's algorithm: lunar months start
 * on the day of the new moon and month 11 is the month containing the winter solstice; the leap month is the
 * first month of a 13-month year without a major solar term.
 *
 * <p>Days are cut at local midnight of the given time zone. Vietnam uses UTC+7 (since 1968) while China uses
 * UTC+8; a new moon shortly before midnight in Hà Nội therefore starts a month one day earlier than in Beijing
 * (Tết 2007 is 17/02 in Vietnam, 18/02 in China; Tết 1985 even differs by a month). Use {@link #VIETNAM}.
 *
 * <p>Immutable and thread-safe; valid roughly for 1900–2100 (the series were fitted for that range).
 */
public final class LunarCalendar {
    /** The Vietnamese calendar, UTC+7. */
    public static final LunarCalendar VIETNAM = new LunarCalendar(7.0);

    private static final double SYNODIC_MONTH = 29.530588853;
    /** Julian day of the new moon of 1900-01-01 (k = 0 in the new-moon series). */
    private static final double NEW_MOON_EPOCH = 2415021.076998695;
    /** Julian day number of 1970-01-01 ({@link LocalDate#toEpochDay()} = 0). */
    private static final long JDN_EPOCH_DAY_0 = 2440588;

    private final double timeZoneHours;

    /** @param timeZoneHours offset from UTC used to cut days, e.g. 7.0 for Vietnam, 8.0 for China */
    public LunarCalendar(double timeZoneHours) {
        this.timeZoneHours = timeZoneHours;
    }

    public double timeZoneHours() {
        return timeZoneHours;
    }

    /** Converts a Gregorian date to the lunar date. */
    public LunarDate toLunar(LocalDate date) {
        long dayNumber = jdn(date);
        long k = (long) Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
        long monthStart = newMoonDay(k + 1);
        if (monthStart > dayNumber) {
            monthStart = newMoonDay(k);
        }
        int yy = date.getYear();
        long a11 = lunarMonth11(yy);
        long b11 = a11;
        int lunarYear;
        if (a11 >= monthStart) {
            lunarYear = yy;
            a11 = lunarMonth11(yy - 1);
        } else {
            lunarYear = yy + 1;
            b11 = lunarMonth11(yy + 1);
        }
        int lunarDay = (int) (dayNumber - monthStart + 1);
        int diff = (int) Math.floor((monthStart - a11) / 29.0);
        boolean leap = false;
        int lunarMonth = diff + 11;
        if (b11 - a11 > 365) {
            int leapMonthDiff = leapMonthOffset(a11);
            if (diff >= leapMonthDiff) {
                lunarMonth = diff + 10;
                leap = diff == leapMonthDiff;
            }
        }
        if (lunarMonth > 12) {
            lunarMonth -= 12;
        }
        if (lunarMonth >= 11 && diff < 4) {
            lunarYear -= 1;
        }
        return new LunarDate(lunarYear, lunarMonth, lunarDay, leap);
    }

    /**
     * Converts a lunar date to the Gregorian date.
     *
     * @throws IllegalArgumentException if the month is marked leap but is not the leap month of that year, or
     *                                  the day does not exist (day 30 of a 29-day month)
     */
    public LocalDate toSolar(LunarDate lunar) {
        long start = monthStartDay(lunar.year(), lunar.month(), lunar.leap());
        LocalDate result = fromJdn(start + lunar.day() - 1);
        if (!toLunar(result).equals(lunar)) {
            throw new IllegalArgumentException("no such lunar date: " + lunar);
        }
        return result;
    }

    /** The first day of the lunar year {@code lunarYear} (mùng 1 Tết). */
    public LocalDate newYear(int lunarYear) {
        return toSolar(LunarDate.of(lunarYear, 1, 1));
    }

    /** The leap month of the lunar year (the regular month it repeats), if the year has one. */
    public OptionalInt leapMonth(int lunarYear) {
        for (int m = 1; m <= 12; m++) {
            try {
                toSolar(new LunarDate(lunarYear, m, 1, true));
                return OptionalInt.of(m);
            } catch (IllegalArgumentException e) {
                // not this month
            }
        }
        return OptionalInt.empty();
    }

    /** Number of days (29 or 30) of the given lunar month. */
    public int monthLength(int lunarYear, int month, boolean leap) {
        LocalDate first = toSolar(new LunarDate(lunarYear, month, 1, leap));
        LocalDate day30 = first.plusDays(29);
        return toLunar(day30).day() == 30 ? 30 : 29;
    }

    private long monthStartDay(int lunarYear, int lunarMonth, boolean leap) {
        long a11;
        long b11;
        if (lunarMonth < 11) {
            a11 = lunarMonth11(lunarYear - 1);
            b11 = lunarMonth11(lunarYear);
        } else {
            a11 = lunarMonth11(lunarYear);
            b11 = lunarMonth11(lunarYear + 1);
        }
        int off = lunarMonth - 11;
        if (off < 0) {
            off += 12;
        }
        if (b11 - a11 > 365) {
            int leapOff = leapMonthOffset(a11);
            int leapMonth = leapOff - 2;
            if (leapMonth < 0) {
                leapMonth += 12;
            }
            if (leap && lunarMonth != leapMonth) {
                throw new IllegalArgumentException("month " + lunarMonth + " of " + lunarYear + " is not a leap month");
            } else if (leap || off >= leapOff) {
                off += 1;
            }
        } else if (leap) {
            throw new IllegalArgumentException("lunar year " + lunarYear + " has no leap month");
        }
        long k = (long) Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
        return newMoonDay(k + off);
    }

    // --- astronomy (Meeus' series, as used by Hồ Ngọc Đức) ---

    /** Julian day (fractional, UT) of the k-th new moon after 1900-01-01. */
    static double newMoon(long k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double dr = Math.PI / 180;
        double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // sun's mean anomaly
        double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // moon's mean anomaly
        double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // moon's argument of latitude
        double c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
        c1 = c1 - 0.0004 * Math.sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
        double deltaT;
        if (t < -11) {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2;
        }
        return jd1 + c1 - deltaT;
    }

    /** Sun's apparent longitude in radians [0, 2π) at Julian day {@code jdn} (UT). */
    static double sunLongitude(double jdn) {
        double t = (jdn - 2451545.0) / 36525;
        double t2 = t * t;
        double dr = Math.PI / 180;
        double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.000290 * Math.sin(dr * 3 * m);
        double l = (l0 + dl) * dr;
        l = l - Math.PI * 2 * Math.floor(l / (Math.PI * 2));
        return l;
    }

    /** Local day number on which the k-th new moon falls. */
    long newMoonDay(long k) {
        return (long) Math.floor(newMoon(k) + 0.5 + timeZoneHours / 24);
    }

    /** Which of the 12 major-term sectors (0..11, 30° each) the sun is in at the start of local day {@code dayNumber}. */
    int sunSector(long dayNumber) {
        return (int) Math.floor(sunLongitude(dayNumber - 0.5 - timeZoneHours / 24) / Math.PI * 6);
    }

    /** Day number of the start of lunar month 11 (the month containing the winter solstice) of Gregorian year yy. */
    long lunarMonth11(int yy) {
        long off = jdn(LocalDate.of(yy, 12, 31)) - 2415021;
        long k = (long) Math.floor(off / SYNODIC_MONTH);
        long nm = newMoonDay(k);
        if (sunSector(nm) >= 9) {
            nm = newMoonDay(k - 1);
        }
        return nm;
    }

    /** Offset (in months after month 11 starting at a11) of the leap month: the first month without a major term. */
    int leapMonthOffset(long a11) {
        long k = (long) Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
        int last;
        int i = 1;
        int arc = sunSector(newMoonDay(k + i));
        do {
            last = arc;
            i++;
            arc = sunSector(newMoonDay(k + i));
        } while (arc != last && i < 14);
        return i - 1;
    }

    static long jdn(LocalDate date) {
        return date.toEpochDay() + JDN_EPOCH_DAY_0;
    }

    static LocalDate fromJdn(long jdn) {
        return LocalDate.ofEpochDay(jdn - JDN_EPOCH_DAY_0);
    }
}
