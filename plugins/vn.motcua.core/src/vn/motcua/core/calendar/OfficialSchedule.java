package vn.motcua.core.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Official yearly schedules announced by the Government (days off, swapped days, make-up working days).
 * They always win over computed holidays.
 *
 * <h2>File format</h2> UTF-8 text, one entry per line, {@code #} starts a comment, blank lines ignored:
 * <pre>
 * # date       kind  [@occasion]  reason text (rest of the line)
 * 2026-01-01   OFF   @NEW_YEAR    Tết Dương lịch
 * 2026-01-02   OFF   @NEW_YEAR    Nghỉ bù Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)
 * 2026-01-10   WORK  @NEW_YEAR    Làm bù cho thứ Sáu 02/01/2026
 * 2026-03-20   OFF                Nghỉ theo quyết định của UBND tỉnh
 * </pre>
 * {@code kind} is {@code OFF} (day off) or {@code WORK} (make-up working day). The optional {@code @occasion}
 * is a holiday rule id ({@code NEW_YEAR, TET, HUNG_KINGS, VICTORY_DAY, LABOUR_DAY, NATIONAL_DAY} or any id of
 * the holiday rules in use): once any line names an occasion, the computed days of that occurrence (the one
 * whose main date is within {@value #OCCURRENCE_WINDOW_DAYS} days) are dropped and only the official lines
 * count — so list every day off of an announced occasion. A reason text is required. A date may appear once.
 */
public final class OfficialSchedule {
    /** Name of the shipped resource next to this class. */
    public static final String RESOURCE = "official-schedules.txt";
    /** An occasion tag matches the rule occurrence whose main date is at most this many days away. */
    public static final int OCCURRENCE_WINDOW_DAYS = 31;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern OCCASION = Pattern.compile("@[A-Z][A-Z0-9_]*");

    private final NavigableMap<LocalDate, ScheduleEntry> byDate;

    private OfficialSchedule(NavigableMap<LocalDate, ScheduleEntry> byDate) {
        this.byDate = Collections.unmodifiableNavigableMap(byDate);
    }

    /** No official schedule: computed holidays only. */
    public static OfficialSchedule empty() {
        return new OfficialSchedule(new TreeMap<>());
    }

    /** The schedules shipped with the product ({@value #RESOURCE}: 2024, 2025, 2026). */
    public static OfficialSchedule builtIn() {
        try (InputStream in = OfficialSchedule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OfficialSchedule load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.getFileName().toString());
        }
    }

    /** Parses schedule text (e.g. synced from the server). */
    public static OfficialSchedule parse(String text, String fileName) {
        try {
            return parse(new StringReader(text), fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a schedule file.
     *
     * @throws CalendarFormatException at the first error, naming {@code fileName}, the line and the problem
     */
    public static OfficialSchedule parse(Reader reader, String fileName) throws IOException {
        NavigableMap<LocalDate, ScheduleEntry> entries = new TreeMap<>();
        BufferedReader in = new BufferedReader(reader);
        String raw;
        int lineNo = 0;
        while ((raw = in.readLine()) != null) {
            lineNo++;
            String line = HolidayRules.stripComment(raw, lineNo).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+", 3);
            if (!DATE.matcher(f[0]).matches()) {
                throw new CalendarFormatException(fileName, lineNo, "error.schedule.dateFormat", f[0]);
            }
            LocalDate date;
            try {
                date = LocalDate.parse(f[0]);
            } catch (DateTimeParseException e) {
                throw new CalendarFormatException(fileName, lineNo, "error.schedule.noSuchDate", f[0]);
            }
            if (f.length < 2) {
                throw new CalendarFormatException(fileName, lineNo, "error.schedule.missingKind");
            }
            ScheduleEntry.Kind kind;
            switch (f[1].toUpperCase(java.util.Locale.ROOT)) {
                case "OFF" -> kind = ScheduleEntry.Kind.OFF;
                case "WORK" -> kind = ScheduleEntry.Kind.WORK;
                default -> throw new CalendarFormatException(fileName, lineNo, "error.schedule.badKind", f[1]);
            }
            String rest = f.length > 2 ? f[2].strip() : "";
            String occasion = null;
            if (rest.startsWith("@")) {
                String[] t = rest.split("\\s+", 2);
                if (!OCCASION.matcher(t[0]).matches()) {
                    throw new CalendarFormatException(fileName, lineNo, "error.schedule.badOccasion", t[0]);
                }
                occasion = t[0].substring(1);
                rest = t.length > 1 ? t[1].strip() : "";
            }
            if (rest.isEmpty()) {
                throw new CalendarFormatException(fileName, lineNo, "error.schedule.missingText");
            }
            ScheduleEntry previous = entries.get(date);
            if (previous != null) {
                throw new CalendarFormatException(fileName, lineNo, "error.schedule.duplicate", f[0], previous.source());
            }
            entries.put(date, new ScheduleEntry(date, kind, occasion, rest, fileName + ":" + lineNo));
        }
        return new OfficialSchedule(entries);
    }

    /** A schedule containing the given entries (later entries replace earlier ones on the same date). */
    public static OfficialSchedule of(Collection<ScheduleEntry> entries) {
        NavigableMap<LocalDate, ScheduleEntry> m = new TreeMap<>();
        entries.forEach(e -> m.put(e.date(), e));
        return new OfficialSchedule(m);
    }

    /** This schedule overlaid by {@code newer} (e.g. a server-synced file over the shipped one). */
    public OfficialSchedule overriddenBy(OfficialSchedule newer) {
        List<ScheduleEntry> all = new ArrayList<>(byDate.values());
        all.addAll(newer.entries());
        return of(all);
    }

    /**
     * This schedule with the years {@code imported} announces taken from it: an official schedule is the whole truth
     * for each year it covers (a day it no longer lists is no longer off), and says nothing about the other years, so
     * the shipped years it does not cover stay.
     */
    public OfficialSchedule withYearsOf(OfficialSchedule imported) {
        java.util.Set<Integer> years = new java.util.HashSet<>();
        imported.byDate.keySet().forEach(d -> years.add(d.getYear()));
        NavigableMap<LocalDate, ScheduleEntry> m = new TreeMap<>();
        byDate.forEach((d, e) -> {
            if (!years.contains(d.getYear())) {
                m.put(d, e);
            }
        });
        m.putAll(imported.byDate);
        return new OfficialSchedule(m);
    }

    /** The schedule in its file format (what {@link #parse} reads back), one line per day, by date. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        for (ScheduleEntry e : byDate.values()) {
            b.append(e.date()).append(' ').append(e.kind()).append(' ');
            if (e.occasion() != null) {
                b.append('@').append(e.occasion()).append(' ');
            }
            b.append(e.text().replace('\n', ' ').replace("#", "")).append('\n');
        }
        return b.toString();
    }

    /** The years this schedule announces, ascending. */
    public java.util.SortedSet<Integer> years() {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        byDate.keySet().forEach(d -> out.add(d.getYear()));
        return out;
    }

    public Optional<ScheduleEntry> entry(LocalDate date) {
        return Optional.ofNullable(byDate.get(date));
    }

    /** All entries, by date. */
    public List<ScheduleEntry> entries() {
        return List.copyOf(byDate.values());
    }

    /** Whether an official line tagged {@code occasion} lies within the window around {@code anchor}. */
    public boolean overridesOccurrence(String occasion, LocalDate anchor) {
        for (ScheduleEntry e : byDate.subMap(anchor.minusDays(OCCURRENCE_WINDOW_DAYS), true,
                anchor.plusDays(OCCURRENCE_WINDOW_DAYS), true).values()) {
            if (occasion.equals(e.occasion())) {
                return true;
            }
        }
        return false;
    }
}
