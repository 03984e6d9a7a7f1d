package vn.motcua.excel;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Remembers corrected column mappings in a small properties file in the user's data folder, keyed by the
 * header signature ({@code <signature>.<column>=<KIND>}).
 */
public final class MappingMemory {
    static final String FILE = "excel-column-mappings.properties";
    private final Path file;

    public MappingMemory(Path folder) {
        this.file = folder.resolve(FILE);
    }

    public Optional<Map<Integer, ColumnKind>> find(String signature) {
        Properties p = load();
        Map<Integer, ColumnKind> m = new TreeMap<>();
        String prefix = signature + ".";
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                try {
                    m.put(Integer.parseInt(k.substring(prefix.length())), ColumnKind.valueOf(p.getProperty(k)));
                } catch (IllegalArgumentException ignored) {
                    // An entry from a newer or edited file: skip it, the recognised header fills in.
                }
            }
        }
        return m.isEmpty() ? Optional.empty() : Optional.of(m);
    }

    public void remember(ColumnMapping mapping) throws IOException {
        Properties p = load();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(mapping.signature() + ".")).forEach(p::remove);
        mapping.columns().forEach((col, kind) -> p.setProperty(mapping.signature() + "." + col, kind.name()));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "MotCua Desk: Excel column mappings by header signature");
        }
        // Replace in one step so a crash never leaves half a file.
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                // A damaged memory file only costs the remembered mapping; recognition still works.
                return new Properties();
            }
        }
        return p;
    }
}
