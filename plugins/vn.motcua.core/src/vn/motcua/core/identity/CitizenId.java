package vn.motcua.core.identity;

/**
 * The parts of a 12-digit personal identification number (số định danh cá nhân, printed on the CCCD):
 * province of birth registration (3 digits), gender/century (1), last two digits of the birth year (2),
 * random serial (6).
 *
 * @param centuryStart first year of the encoded century, e.g. 1900
 */
public record CitizenId(String value, String provinceCode, String provinceName, Gender gender, int centuryStart,
        int birthYearLastTwo, String serial) {

    /** Full birth year encoded in the number. */
    public int birthYear() {
        return centuryStart + birthYearLastTwo;
    }
}
