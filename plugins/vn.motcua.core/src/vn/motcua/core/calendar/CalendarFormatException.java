package vn.motcua.core.calendar;

import java.util.List;
import java.util.Locale;

/**
 * An error in an admin-edited calendar data file (official schedule or holiday rules). It names the file and
 * the 1-based line, and says what is wrong in the user's language.
 */
public final class CalendarFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final String problemKey;
    private final transient List<Object> problemArgs;

    CalendarFormatException(String fileName, int line, String problemKey, Object... problemArgs) {
        super(Texts.format(null, "error.atLine", fileName, String.valueOf(line), Texts.format(null, problemKey, problemArgs)));
        this.fileName = fileName;
        this.line = line;
        this.problemKey = problemKey;
        this.problemArgs = List.of(problemArgs);
    }

    public String fileName() {
        return fileName;
    }

    /** 1-based line number in the file. */
    public int line() {
        return line;
    }

    /** Message key of the problem (without file/line), e.g. {@code error.badDate}. */
    public String problemKey() {
        return problemKey;
    }

    /** The message in {@code locale} ({@code null} = Vietnamese); {@link #getMessage()} is Vietnamese. */
    public String getMessage(Locale locale) {
        return Texts.format(locale, "error.atLine", fileName, String.valueOf(line),
                Texts.format(locale, problemKey, problemArgs.toArray()));
    }
}
