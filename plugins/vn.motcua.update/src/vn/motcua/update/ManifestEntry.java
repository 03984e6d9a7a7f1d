package vn.motcua.update;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One file of a client version ({@code manifest.txt}: {@code <sha256> <size> <path>} per line): every file of the
 * version is listed, whether the package carries it or it is taken unchanged from the installed version.
 */
public record ManifestEntry(String sha256, long size, String path) {
    public static final String FILE = "manifest.txt";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_+@-][A-Za-z0-9._+@-]{0,127}");
    /** What a client version consists of; the launch scripts and the Java runtime belong to the installation. */
    private static final Set<String> CLIENT_FOLDERS = Set.of("plugins", "configuration");
    private static final Set<String> CLIENT_FILES = Set.of("motcua.ini", "motcua-version.properties", ReleaseTrust.FILE);

    public static List<ManifestEntry> read(InputStream in) throws PackageException {
        List<ManifestEntry> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            int n = 0;
            for (String line; (line = r.readLine()) != null;) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ", 3);
                if (f.length != 3 || !HEX.matcher(f[0]).matches() || !f[1].matches("[0-9]{1,12}") || !clientPath(f[2])) {
                    throw new PackageException("package.malformed", FILE + ":" + n);
                }
                out.add(new ManifestEntry(f[0], Long.parseLong(f[1]), f[2]));
                if (out.size() > SignedPackage.MAX_ENTRIES) {
                    throw new PackageException("package.tooLarge", SignedPackage.MAX_ENTRIES);
                }
            }
        } catch (IOException e) {
            throw new PackageException(e, "package.malformed", FILE);
        }
        if (out.isEmpty()) {
            throw new PackageException("package.malformed", FILE);
        }
        return out;
    }

    public static void write(List<ManifestEntry> entries, Writer w) throws IOException {
        for (ManifestEntry e : entries) {
            w.write(e.sha256 + " " + e.size + " " + e.path + "\n");
        }
    }

    /** A relative path of plain segments ('/' separated, no "..", nothing absolute), at most 8 deep. */
    public static boolean safePath(String path) {
        if (path == null || path.isEmpty() || path.length() > 300) {
            return false;
        }
        String[] parts = path.split("/", -1);
        if (parts.length > 8) {
            return false;
        }
        for (String s : parts) {
            if (!SEGMENT.matcher(s).matches() || s.equals("..") || s.equals(".")) {
                return false;
            }
        }
        return true;
    }

    /** A path that belongs to a client version. */
    public static boolean clientPath(String path) {
        if (!safePath(path)) {
            return false;
        }
        int slash = path.indexOf('/');
        return slash < 0 ? CLIENT_FILES.contains(path) : CLIENT_FOLDERS.contains(path.substring(0, slash));
    }
}
