package vn.motcua.excel;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.ProcessingTime;

/** Turns the prose of catalogue cells into model values; the original text is always kept. */
public final class CellParsers {
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:[.,]\\d+)?) ?(ngay lam viec|ngay|gio lam viec|gio|thang)\\b");
    private static final Pattern MONEY = Pattern.compile("\\d{1,3}(?:[.,]\\d{3})+|\\d+");
    /** "Trực tiếp: …; Trực tuyến: …" in one cell. */
    private static final Pattern CHANNEL_LABEL = Pattern.compile("(?iu)(trực tiếp|trực tuyến|qua bưu chính|bưu chính|qua dịch vụ bưu chính)\\s*:");

    /**
     * A cut-off written inside the time text: "(nhận hồ sơ) sau 15 giờ (thì trả kết quả trong ngày làm việc tiếp theo)",
     * "sau 15h30", "sau 15:30" — on the folded text. Hours of a working day only, so "sau 3 ngày" never matches.
     */
    private static final Pattern CUT_OFF = Pattern.compile("\\bsau (\\d{1,2})(?: ?gio| ?h|:)(?: ?(\\d{2})(?: ?phut)?)?\\b");
    /** "Không áp dụng" (and its short forms): the procedure is not offered on that channel. */
    private static final Pattern NOT_APPLICABLE = Pattern.compile("^(khong ap dung|khong thuc hien)\\b.*");

    private CellParsers() {
    }

    /** The cut-off hour a time text states (received after it, the clock starts the next working day), if any. */
    public static Optional<java.time.LocalTime> cutOff(String timeText) {
        Matcher m = CUT_OFF.matcher(vn.motcua.core.text.VietnameseText.fold(timeText));
        while (m.find()) {
            int h = Integer.parseInt(m.group(1));
            int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (h >= 7 && h <= 18 && min < 60) {
                return Optional.of(java.time.LocalTime.of(h, min));
            }
        }
        return Optional.empty();
    }

    /** Whether a channel's time or fee text says the procedure is not offered on that channel ("Không áp dụng"). */
    public static boolean notApplicable(String text) {
        return NOT_APPLICABLE.matcher(Folding.words(text).strip()).matches();
    }

    /** Parsed processing time, or empty when the text says nothing we understand (caller warns, keeps text). */
    public static Optional<ProcessingTime> processingTime(String text) {
        // The cut-off clause ("sau 15 giờ …") is the procedure's cut-off, not a duration of 15 hours.
        String f = CUT_OFF.matcher(vn.motcua.core.text.VietnameseText.fold(text)).replaceAll(" ");
        if (f.isBlank()) {
            return Optional.empty();
        }
        if (f.contains("khong quy dinh")) {
            return Optional.of(ProcessingTime.noDueDate(text));
        }
        Matcher m = AMOUNT.matcher(f);
        boolean found = m.find();
        int sameDay = f.indexOf("trong ngay");
        if (sameDay >= 0 && (!found || sameDay < m.start())) {
            return Optional.of(ProcessingTime.sameDay(text));
        }
        if (!found) {
            return Optional.empty();
        }
        // Folding turned "0,5" into "0 5": read the number from the folded match with either separator.
        BigDecimal amount;
        try {
            amount = new BigDecimal(m.group(1).replace(',', '.'));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        DurationUnit unit = switch (m.group(2)) {
            case "ngay lam viec" -> DurationUnit.WORKING_DAYS;
            case "gio lam viec", "gio" -> DurationUnit.WORKING_HOURS;
            case "thang" -> DurationUnit.MONTHS;
            default -> DurationUnit.CALENDAR_DAYS;
        };
        if (amount.signum() <= 0 || unit.wholeNumbersOnly() && amount.stripTrailingZeros().scale() > 0) {
            return Optional.empty();
        }
        return Optional.of(ProcessingTime.of(amount, unit, text));
    }

    /**
     * A fee: 0 for the ways the catalogue says free ("Miễn phí", "Miễn lệ phí", "Miễn phí, lệ phí", "Không thu phí",
     * "Không"), the amount when the text states exactly one, else text only.
     */
    public static Fee fee(String text) {
        String f = Folding.words(text);
        if (f.equals("khong") || f.equals("0") || f.equals("khong co") || f.startsWith("khong thu")
                || (f.contains("mien") && f.matches(".*\\bmien (le phi|phi|thu)\\b.*") && !MONEY.matcher(text).find())
                || f.contains("mien phi")) {
            return new Fee(0L, text);
        }
        // Work on the unfolded text: folding turns "50.000" into "50 000".
        Matcher m = MONEY.matcher(text);
        Long amount = null;
        int count = 0;
        while (m.find()) {
            count++;
            String digits = m.group().replace(".", "").replace(",", "");
            if (digits.length() <= 15) {
                amount = Long.parseLong(digits);
            }
        }
        if (count != 1) {
            amount = null;
        }
        return new Fee(amount, text);
    }

    /** "50.000 đồng": how the canonical export writes a fee that has no text of its own. */
    public static String feeText(long amount) {
        return String.format(java.util.Locale.ROOT, "%,d", amount).replace(',', '.') + " đồng";
    }

    /** Level from a cell or section heading; empty when it names none. */
    public static Optional<Level> level(String text) {
        String f = " " + Folding.words(text) + " ";
        if (f.contains(" xa ") || f.contains(" commune ")) {
            return Optional.of(Level.COMMUNE);
        }
        if (f.contains(" huyen ") || f.contains(" district ")) {
            return Optional.of(Level.DISTRICT);
        }
        if (f.contains(" tinh ") || f.contains(" province ")) {
            return Optional.of(Level.PROVINCE);
        }
        return Optional.empty();
    }

    public static OnlineLevel onlineLevel(String text) {
        String f = " " + Folding.words(text) + " ";
        if (f.contains(" toan trinh ") || f.contains(" muc do 4 ") || f.equals(" 4 ")) {
            return OnlineLevel.FULL;
        }
        if (f.contains(" mot phan ") || f.contains(" muc do 3 ") || f.equals(" 3 ")) {
            return OnlineLevel.PARTIAL;
        }
        return OnlineLevel.NONE;
    }

    /** How the canonical export writes an online level (read back by {@link #onlineLevel}). */
    public static String onlineLevelText(OnlineLevel level) {
        return switch (level) {
            case FULL -> "Toàn trình";
            case PARTIAL -> "Một phần";
            case NONE -> "";
        };
    }

    public static String levelText(Level level) {
        return switch (level) {
            case COMMUNE -> "Cấp xã";
            case PROVINCE -> "Cấp tỉnh";
            case DISTRICT -> "Cấp huyện";
        };
    }

    /**
     * Splits "Trực tiếp: 05 ngày; Trực tuyến: 03 ngày" into its channels; a cell without labels comes back
     * as one entry under {@code fallback}.
     */
    public static Map<Channel, String> perChannel(String text, Channel fallback) {
        Map<Channel, String> out = new EnumMap<>(Channel.class);
        if (text.indexOf(':') < 0) {
            // Every channel label ends with a colon: most cells have none, and need no regular expression.
            out.put(fallback, text);
            return out;
        }
        Matcher m = CHANNEL_LABEL.matcher(text);
        int start = -1;
        Channel current = null;
        while (m.find()) {
            if (current != null) {
                out.put(current, trimSeparators(text.substring(start, m.start())));
            } else if (m.start() > 0 && !text.substring(0, m.start()).isBlank()) {
                out.put(fallback, trimSeparators(text.substring(0, m.start())));
            }
            String label = Folding.words(m.group(1));
            current = label.contains("truc tuyen") ? Channel.ONLINE : label.contains("buu chinh") ? Channel.POSTAL : Channel.IN_PERSON;
            start = m.end();
        }
        if (current == null) {
            out.put(fallback, text);
        } else {
            out.put(current, trimSeparators(text.substring(start)));
        }
        return out;
    }

    /** Drops separators around a channel's part: leading "-;,.+" and trailing ";,+", with white space. */
    private static String trimSeparators(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && ("-;,.+".indexOf(s.charAt(from)) >= 0 || Character.isWhitespace(s.charAt(from)))) {
            from++;
        }
        while (to > from && (";,+".indexOf(s.charAt(to - 1)) >= 0 || Character.isWhitespace(s.charAt(to - 1)))) {
            to--;
        }
        return s.substring(from, to);
    }
}
