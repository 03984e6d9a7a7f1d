package vn.motcua.ui.dossiers;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A user's saved views of the dossier list (search text, status, deadline class, "mine"), by name, in the data
 * folder's {@code views.properties}: one user's views never show for another. Written to a temporary file and moved
 * in place, so a crash never leaves half a file.
 */
final class SavedViews {
    static final String FILE = "views.properties";

    /** One saved view; {@code status} and {@code deadline} are enum names, empty for "all". */
    record View(String name, String text, String status, String deadline, boolean mine) {
    }

    private final Path file;
    private final String user;

    SavedViews(Path dataDir, String user) {
        this.file = dataDir.resolve(FILE);
        this.user = user;
    }

    List<View> list() {
        Properties p = load();
        List<View> out = new ArrayList<>();
        for (int i = 0; p.containsKey(key(i, "name")); i++) {
            out.add(new View(p.getProperty(key(i, "name")), p.getProperty(key(i, "text"), ""), p.getProperty(key(i, "status"), ""),
                    p.getProperty(key(i, "deadline"), ""), Boolean.parseBoolean(p.getProperty(key(i, "mine"), "false"))));
        }
        return out;
    }

    /** Saves {@code v}, replacing the view of the same name. */
    void save(View v) throws IOException {
        List<View> views = new ArrayList<>(list());
        views.removeIf(x -> x.name().equals(v.name()));
        views.add(v);
        write(views);
    }

    void delete(String name) throws IOException {
        List<View> views = new ArrayList<>(list());
        views.removeIf(x -> x.name().equals(name));
        write(views);
    }

    private void write(List<View> views) throws IOException {
        Properties p = load();
        p.keySet().removeIf(k -> k.toString().startsWith(user + "."));
        for (int i = 0; i < views.size(); i++) {
            View v = views.get(i);
            p.setProperty(key(i, "name"), v.name());
            p.setProperty(key(i, "text"), v.text());
            p.setProperty(key(i, "status"), v.status());
            p.setProperty(key(i, "deadline"), v.deadline());
            p.setProperty(key(i, "mine"), Boolean.toString(v.mine()));
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".views", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Saved views of the dossier list, per user");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // An unreadable file shows no saved views; the next save rewrites it.
                System.getLogger(SavedViews.class.getName()).log(System.Logger.Level.WARNING, file + " unreadable: " + e);
            }
        }
        return p;
    }

    private String key(int i, String field) {
        return user + "." + i + "." + field;
    }
}
