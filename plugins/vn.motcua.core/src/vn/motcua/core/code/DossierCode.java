package vn.motcua.core.code;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dossier code {@code {agency identifier}-{yyMMdd}-{NNNN}}: agency, reception date, sequence per agency
 * per day (Decree 61/2018 and practice). Sequences are padded to four digits and may grow beyond.
 *
 * <p>{@link #parse} is lenient because codes also come from other systems: any agency part without white
 * space or dash (not only the two known identifier forms), and any number of sequence digits (the portal's
 * sync layer invents 5-digit random suffixes). Codes that still do not parse remain usable as opaque strings.
 */
public record DossierCode(String agencyCode, LocalDate receptionDate, int sequence) {
    private static final Pattern CODE = Pattern.compile("([^\\s-]+)-(\\d{2})(\\d{2})(\\d{2})-(\\d{1,9})");

    public DossierCode {
        Objects.requireNonNull(agencyCode, "agencyCode");
        Objects.requireNonNull(receptionDate, "receptionDate");
        if (agencyCode.isBlank() || agencyCode.contains("-")) {
            throw new IllegalArgumentException("agency code must be non-blank without '-': " + agencyCode);
        }
        if (receptionDate.getYear() < 2000 || receptionDate.getYear() > 2099) {
            throw new IllegalArgumentException("yyMMdd covers 2000–2099 only: " + receptionDate);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1: " + sequence);
        }
    }

    /** The printed form, e.g. {@code 000.00.01.H29-240115-0001}. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "%s-%02d%02d%02d-%04d", agencyCode, receptionDate.getYear() % 100,
                receptionDate.getMonthValue(), receptionDate.getDayOfMonth(), sequence);
    }

    /** Parses a code leniently (see the class comment); empty when it has no agency-date-number shape. */
    public static Optional<DossierCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate d = LocalDate.of(2000 + Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)));
            int seq = Integer.parseInt(m.group(5));
            return seq < 1 ? Optional.empty() : Optional.of(new DossierCode(m.group(1), d, seq));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The agency part as a known identifier form, when it is one. */
    public Optional<AgencyCode> agency() {
        return AgencyCode.parse(agencyCode);
    }

    @Override
    public String toString() {
        return format();
    }
}
