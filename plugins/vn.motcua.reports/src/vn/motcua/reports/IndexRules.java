package vn.motcua.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Decision 766 indicators as data ({@code index-766.txt}): group, maximum points, the rate at which an indicator
 * earns full points. The shipped file, or an admin's copy in the data folder.
 */
public record IndexRules(List<Rule> rules) {
    public static final String FILE = "index-766.txt";

    /** One indicator. {@code fullAtPercent} null: points in proportion to the rate. */
    public record Rule(String id, String group, double maxPoints, Double fullAtPercent, Measure measure) {
    }

    public IndexRules {
        rules = List.copyOf(rules);
    }

    public static IndexRules shipped() {
        try (InputStream in = IndexRules.class.getResourceAsStream(FILE)) {
            return parse(in, FILE);
        } catch (IOException e) {
            throw new IllegalStateException(FILE + " missing from the bundle", e);
        }
    }

    /** The data folder's copy when there is one, else the shipped rules. */
    public static IndexRules forDataFolder(Path dataDir) throws IOException {
        Path own = dataDir == null ? null : dataDir.resolve(FILE);
        if (own != null && Files.isRegularFile(own)) {
            try (InputStream in = Files.newInputStream(own)) {
                return parse(in, own.toString());
            }
        }
        return shipped();
    }

    /** Reads the rules; a bad line is named with its number and the file. */
    public static IndexRules parse(InputStream in, String source) throws IOException {
        List<Rule> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line; (line = r.readLine()) != null;) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split(";", -1);
            try {
                if (f.length != 5) {
                    throw new IllegalArgumentException("5 fields expected, found " + f.length);
                }
                String full = f[3].strip();
                out.add(new Rule(f[0].strip(), f[1].strip(), Double.parseDouble(f[2].strip()), full.isEmpty() ? null : Double.valueOf(full),
                        Measure.valueOf(f[4].strip())));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ", line " + n + ": " + e.getMessage(), e);
            }
        }
        return new IndexRules(out);
    }
}
