package vn.motcua.update;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Product versions as the build writes them ({@code 0.1.0.202612071523}: major.minor.micro, then a qualifier that sorts
 * as text, OSGi-style). An update is installed only when its version is newer than the running one, so a server that
 * offers an older, validly signed package cannot downgrade a workstation to a version with known faults.
 */
public final class Versions {
    /** Characters a version may hold: it becomes a folder name under {@code updates/versions/}. */
    private static final Pattern SAFE = Pattern.compile("[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,6}(\\.[0-9A-Za-z_-]{1,64})?");
    public static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    /** True when {@code v} is a well-formed version (and safe as a folder name). */
    public static boolean valid(String v) {
        return v != null && SAFE.matcher(v).matches();
    }

    public static int compare(String a, String b) {
        String[] x = a.split("\\.", 4);
        String[] y = b.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(number(x, i), number(y, i));
            if (c != 0) {
                return c;
            }
        }
        return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
    }

    public static boolean newer(String candidate, String than) {
        return compare(candidate, than) > 0;
    }

    private static long number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
