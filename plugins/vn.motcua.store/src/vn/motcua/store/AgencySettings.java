package vn.motcua.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import vn.motcua.core.calendar.CalendarConfig;
import vn.motcua.core.calendar.TimeInterval;

/**
 * The agency's own settings an admin keeps on the workstation ({@code agency.properties} in the data folder): office
 * hours per weekday, which the working-time calendar counts deadlines in. A day not written keeps the national
 * default (Monday–Friday 07:30–11:30, 13:30–17:00; closed at the weekend).
 */
public final class AgencySettings {
    public static final String FILE = "agency.properties";

    private final Map<DayOfWeek, List<TimeInterval>> hours;

    private AgencySettings(Map<DayOfWeek, List<TimeInterval>> hours) {
        this.hours = hours;
    }

    /** The settings of {@code dataDir}; an unreadable or wrong line keeps that day's default (logged). */
    public static AgencySettings load(Path dataDir) {
        Map<DayOfWeek, List<TimeInterval>> h = new EnumMap<>(DayOfWeek.class);
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                System.getLogger(AgencySettings.class.getName()).log(System.Logger.Level.ERROR, file + " unreadable: " + e);
            }
            for (DayOfWeek d : DayOfWeek.values()) {
                String v = p.getProperty("hours." + d.name());
                if (v != null) {
                    try {
                        h.put(d, parseHours(v));
                    } catch (IllegalArgumentException e) {
                        System.getLogger(AgencySettings.class.getName()).log(System.Logger.Level.ERROR, file + ", " + d + ": " + e.getMessage());
                    }
                }
            }
        }
        return new AgencySettings(h);
    }

    /** The office hours of {@code day}: the agency's, else the national default. */
    public List<TimeInterval> hours(DayOfWeek day) {
        List<TimeInterval> own = hours.get(day);
        return own != null ? own : CalendarConfig.defaults().officeHours(day);
    }

    /** The calendar's configuration with these office hours. */
    public CalendarConfig.Builder applyTo(CalendarConfig.Builder b) {
        hours.forEach((d, l) -> b.officeHours(d, l.toArray(TimeInterval[]::new)));
        return b;
    }

    /**
     * Parses "07:30-11:30, 13:30-17:00" (empty: closed). Throws with the offending piece named; overlapping or
     * reversed intervals are refused.
     */
    public static List<TimeInterval> parseHours(String text) {
        List<TimeInterval> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String piece : text.split("[,;]")) {
            try {
                out.add(TimeInterval.parse(piece));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException(piece.strip());
            }
        }
        out.sort((a, b) -> a.start().compareTo(b.start()));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).start().isBefore(out.get(i - 1).end())) {
                throw new IllegalArgumentException(out.get(i - 1) + " / " + out.get(i));
            }
        }
        return out;
    }

    /** "07:30-11:30, 13:30-17:00", the form {@link #parseHours} reads. */
    public static String format(List<TimeInterval> hours) {
        List<String> parts = new ArrayList<>();
        for (TimeInterval t : hours) {
            parts.add(t.start() + "-" + t.end());
        }
        return String.join(", ", parts);
    }

    /** Writes every day's hours (atomically: a crash leaves the old file or the new one). */
    public static void save(Path dataDir, Map<DayOfWeek, List<TimeInterval>> hours) throws IOException {
        Properties p = new Properties();
        hours.forEach((d, l) -> p.setProperty("hours." + d.name(), format(l)));
        Path file = dataDir.resolve(FILE);
        Path tmp = Files.createTempFile(dataDir, ".agency", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Agency settings: office hours per weekday (HH:mm-HH:mm, comma-separated; empty = closed)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
