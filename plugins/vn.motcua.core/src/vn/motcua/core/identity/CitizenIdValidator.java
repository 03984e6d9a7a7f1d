package vn.motcua.core.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a 12-digit citizen ID (CCCD / số định danh cá nhân) per Circular 07/2016/TT-BCA: digits 1–3 are the
 * province where the birth was registered (a code of the bundled list {@code provinces.txt}), digit 4 encodes
 * gender and century, digits 5–6 the last two digits of the birth year. There is no check digit, so a number
 * that passes may still not exist; the national population database is the only authority.
 *
 * <p>Century codes (Art. 7 of the Circular): 0/1 = male/female born 1900–1999, 2/3 = 2000–2099,
 * 4/5 = 2100–2199, 6/7 = 2200–2299, 8/9 = 2300–2399.
 */
public final class CitizenIdValidator {
    private static final int[] CENTURY_START = {1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 2300, 2300};

    private final Map<String, String> provinces;

    /** @param provinces code (3 digits) → name */
    public CitizenIdValidator(Map<String, String> provinces) {
        this.provinces = Collections.unmodifiableMap(new LinkedHashMap<>(provinces));
    }

    /** The validator with the bundled province list. */
    public static CitizenIdValidator standard() {
        return new CitizenIdValidator(loadProvinces());
    }

    /** Province codes and names of the bundled list, in file order. */
    public static Map<String, String> loadProvinces() {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = CitizenIdValidator.class.getResourceAsStream("provinces.txt")) {
            if (in == null) {
                throw new IllegalStateException("provinces.txt missing next to " + CitizenIdValidator.class);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int semi = line.indexOf(';');
                m.put(line.substring(0, semi).strip(), line.substring(semi + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    public Map<String, String> provinces() {
        return provinces;
    }

    /** Checks the number alone (no date of birth to compare). */
    public IdentityCheck validate(String citizenId) {
        return validate(citizenId, null);
    }

    /**
     * Checks {@code citizenId} and, when {@code dateOfBirth} is known, that its century and year match.
     * White space anywhere is ignored (IDs are often copied as "001 099 012345").
     */
    public IdentityCheck validate(String citizenId, LocalDate dateOfBirth) {
        String id = citizenId == null ? "" : citizenId.replaceAll("\\s", "");
        if (id.isEmpty()) {
            return IdentityCheck.fail(id, IdentityProblem.EMPTY);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return IdentityCheck.fail(id, IdentityProblem.NON_DIGIT, String.valueOf(c), i + 1);
            }
        }
        if (id.length() != 12) {
            return IdentityCheck.fail(id, IdentityProblem.LENGTH, id.length());
        }
        String province = id.substring(0, 3);
        if (!provinces.containsKey(province)) {
            return IdentityCheck.fail(id, IdentityProblem.UNKNOWN_PROVINCE, province);
        }
        int genderCentury = id.charAt(3) - '0';
        int centuryStart = CENTURY_START[genderCentury];
        int yy = Integer.parseInt(id.substring(4, 6));
        if (dateOfBirth != null) {
            int year = dateOfBirth.getYear();
            int expectedStart = Math.floorDiv(year, 100) * 100;
            if (expectedStart != centuryStart) {
                return IdentityCheck.fail(id, IdentityProblem.CENTURY_MISMATCH, String.valueOf(genderCentury),
                        String.valueOf(centuryStart), String.valueOf(centuryStart + 99), String.valueOf(year));
            }
            if (year % 100 != yy) {
                return IdentityCheck.fail(id, IdentityProblem.YEAR_MISMATCH, id.substring(4, 6),
                        String.valueOf(year));
            }
        }
        return IdentityCheck.ok(id);
    }

    /** The parts of a valid number, empty when {@link #validate(String)} rejects it. */
    public Optional<CitizenId> parse(String citizenId) {
        IdentityCheck check = validate(citizenId);
        if (!check.valid()) {
            return Optional.empty();
        }
        String id = check.normalised();
        int gc = id.charAt(3) - '0';
        return Optional.of(new CitizenId(id, id.substring(0, 3), provinces.get(id.substring(0, 3)),
                gc % 2 == 0 ? Gender.MALE : Gender.FEMALE, CENTURY_START[gc], Integer.parseInt(id.substring(4, 6)),
                id.substring(6)));
    }
}
