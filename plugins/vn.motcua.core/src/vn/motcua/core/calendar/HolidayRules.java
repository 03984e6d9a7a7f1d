package vn.motcua.core.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The holiday table as data. The shipped {@code holiday-rules.txt} holds Labour Code 2019 art. 112; an admin
 * may load another file, e.g. with the planned 24/11 "Ngày Văn hóa Việt Nam" added, without code changes.
 *
 * <p>File format (UTF-8, {@code #} starts a comment, blank lines ignored), whitespace-separated columns:
 * <pre>
 * # id          calendar  date   days    years       name
 * TET           LUNAR     01-01  -1..3   *           Tết Nguyên đán
 * NATIONAL_DAY  SOLAR     09-02  ADJ     2021-       Quốc khánh
 * CULTURE_DAY   SOLAR     11-24  0       2026-       Ngày Văn hóa Việt Nam
 * </pre>
 * {@code days}: {@code 0} (the date itself), {@code A..B} (offsets from the date, in days), or {@code ADJ} (the
 * date plus one adjacent day). {@code years}: {@code *}, {@code 2021-}, {@code -2020}, {@code 2007-2020} or
 * {@code 2026}. The name is the rest of the line.
 */
public final class HolidayRules {
    /** Name of the shipped resource next to this class. */
    public static final String RESOURCE = "holiday-rules.txt";

    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");
    private static final Pattern SPAN = Pattern.compile("(-?\\d+)\\.\\.(\\+?-?\\d+)");
    private static final Pattern YEARS = Pattern.compile("(\\d{4})?(-)?(\\d{4})?");

    private final List<HolidayRule> rules;

    public HolidayRules(List<HolidayRule> rules) {
        this.rules = List.copyOf(rules);
        for (int i = 0; i < this.rules.size(); i++) {
            for (int j = i + 1; j < this.rules.size(); j++) {
                HolidayRule a = this.rules.get(i);
                HolidayRule b = this.rules.get(j);
                if (a.id().equals(b.id()) && a.fromYear() <= b.toYear() && b.fromYear() <= a.toYear()) {
                    throw new IllegalArgumentException("duplicate holiday rule " + a.id() + " for overlapping years");
                }
            }
        }
    }

    /** Labour Code 2019 art. 112 as shipped in {@value #RESOURCE}. */
    public static HolidayRules labourCode2019() {
        try (InputStream in = HolidayRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HolidayRules load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.getFileName().toString());
        }
    }

    /**
     * Parses a rules file.
     *
     * @throws CalendarFormatException naming {@code fileName} and the line at the first error
     */
    public static HolidayRules parse(Reader reader, String fileName) throws IOException {
        List<HolidayRule> result = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String raw;
        int lineNo = 0;
        while ((raw = in.readLine()) != null) {
            lineNo++;
            String line = stripComment(raw, lineNo).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+", 6);
            if (f.length < 6) {
                throw new CalendarFormatException(fileName, lineNo, "error.rule.columns", line);
            }
            if (!ID.matcher(f[0]).matches()) {
                throw new CalendarFormatException(fileName, lineNo, "error.rule.id", f[0]);
            }
            boolean lunar;
            switch (f[1]) {
                case "SOLAR" -> lunar = false;
                case "LUNAR" -> lunar = true;
                default -> throw new CalendarFormatException(fileName, lineNo, "error.rule.calendar", f[1]);
            }
            Matcher md = MONTH_DAY.matcher(f[2]);
            int month = md.matches() ? Integer.parseInt(md.group(1)) : 0;
            int day = md.matches() ? Integer.parseInt(md.group(2)) : 0;
            if (month < 1 || month > 12 || day < 1 || day > (lunar ? 30 : 31)) {
                throw new CalendarFormatException(fileName, lineNo, "error.rule.date", f[2]);
            }
            int first = 0;
            int last = 0;
            boolean adjacent = false;
            Matcher span = SPAN.matcher(f[3]);
            if (f[3].equals("ADJ")) {
                adjacent = true;
            } else if (f[3].equals("0")) {
                // the anchor date alone
            } else if (span.matches()) {
                first = Integer.parseInt(span.group(1));
                last = Integer.parseInt(span.group(2).replace("+", ""));
                if (first > last || first < -10 || last > 10) {
                    throw new CalendarFormatException(fileName, lineNo, "error.rule.days", f[3]);
                }
            } else {
                throw new CalendarFormatException(fileName, lineNo, "error.rule.days", f[3]);
            }
            int from = Integer.MIN_VALUE;
            int to = Integer.MAX_VALUE;
            if (!f[4].equals("*")) {
                Matcher y = YEARS.matcher(f[4]);
                if (!y.matches() || (y.group(1) == null && y.group(3) == null)) {
                    throw new CalendarFormatException(fileName, lineNo, "error.rule.years", f[4]);
                }
                if (y.group(2) == null) { // a single year
                    if (y.group(3) != null) {
                        throw new CalendarFormatException(fileName, lineNo, "error.rule.years", f[4]);
                    }
                    from = to = Integer.parseInt(y.group(1));
                } else {
                    if (y.group(1) != null) {
                        from = Integer.parseInt(y.group(1));
                    }
                    if (y.group(3) != null) {
                        to = Integer.parseInt(y.group(3));
                    }
                    if (from > to) {
                        throw new CalendarFormatException(fileName, lineNo, "error.rule.years", f[4]);
                    }
                }
            }
            HolidayRule rule = new HolidayRule(f[0], lunar, month, day, first, last, adjacent, from, to, f[5].strip());
            for (HolidayRule other : result) {
                if (other.id().equals(rule.id()) && other.fromYear() <= rule.toYear() && rule.fromYear() <= other.toYear()) {
                    throw new CalendarFormatException(fileName, lineNo, "error.rule.duplicate", rule.id());
                }
            }
            result.add(rule);
        }
        return new HolidayRules(result);
    }

    /** Removes a {@code #} comment; shared by both file formats. */
    static String stripComment(String line, int lineNo) {
        int hash = line.indexOf('#');
        String s = hash >= 0 ? line.substring(0, hash) : line;
        if (lineNo == 1 && s.startsWith("\uFEFF")) { // BOM written by Windows editors
            s = s.substring(1);
        }
        return s;
    }

    public List<HolidayRule> rules() {
        return rules;
    }

    /** The rule with this id applying in {@code year}. */
    public Optional<HolidayRule> rule(String id, int year) {
        return rules.stream().filter(r -> r.id().equals(id) && r.appliesIn(year)).findFirst();
    }

    public boolean hasId(String id) {
        return rules.stream().anyMatch(r -> r.id().equals(id));
    }

    /** A copy with one more rule (e.g. a newly enacted holiday). */
    public HolidayRules with(HolidayRule rule) {
        List<HolidayRule> l = new ArrayList<>(rules);
        l.add(rule);
        return new HolidayRules(l);
    }
}
