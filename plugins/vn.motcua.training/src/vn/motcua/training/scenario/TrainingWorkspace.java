package vn.motcua.training.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import vn.motcua.core.calendar.WorkingTimeCalendar;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.Procedure;
import vn.motcua.store.CacheException;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;
import vn.motcua.training.DemoDataGenerator;

/**
 * The training workspace: a data folder of its own (never the real one), whose cache is rebuilt from a scenario's
 * starting state in a few seconds, and whose exercise can be checked. The state file says which exercise runs
 * and since when; a scenario pack file carries a trainer's own starting state to other trainers.
 */
public final class TrainingWorkspace {
    /** Which exercise runs in the folder, and since when. */
    public static final String STATE_FILE = "scenario.properties";
    /** Dossiers of the demo commune around the exercise's own. */
    public static final int BACKGROUND_DOSSIERS = 120;
    static final String PACK_INFO = "pack.properties";
    /** A pack's instructions, kept in the folder while its exercise runs. */
    public static final String PACK_INSTRUCTIONS = "exercise.txt";

    /** The running exercise: a built-in scenario id, or a pack's title with the built-in check it uses (if any). */
    public record State(String scenarioId, String title, long seed, Instant startedAt, String checkId) {
    }

    private TrainingWorkspace() {
    }

    /**
     * Rebuilds {@code dataDir} as the starting state of {@code scenario}: a new encrypted cache with the demo
     * accounts (password {@link DemoData#DEMO_PASSWORD}), the demo commune and the exercise's dossiers. The
     * folder's cache must be closed. Nothing outside the folder is touched.
     */
    public static void reset(Path dataDir, Scenario scenario, long seed, Instant now) throws IOException, CacheException {
        clear(dataDir);
        CacheKey key = CacheKey.generate();
        try {
            DemoData.demoKeyRing(dataDir, key);
            try (LocalCache cache = CacheOpener.open(dataDir, key)) {
                List<Procedure> procedures = DemoData.seedCatalogue(cache);
                List<Dossier> background = new DemoDataGenerator(WorkingTimeCalendar.defaults()).dossiers(seed, BACKGROUND_DOSSIERS,
                        procedures, DemoData.communeCode(), now.minusSeconds(3600));
                cache.dossierRepository().insertAll(background);
                scenario.setUp(new ScenarioContext(cache, now, seed));
            }
        } finally {
            key.destroy();
        }
        writeState(dataDir, new State(scenario.id(), "", seed, now, scenario.id()));
    }

    /** The exercise running in {@code dataDir}, if any. */
    public static Optional<State> state(Path dataDir) throws IOException {
        Path f = dataDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return Optional.of(new State(p.getProperty("scenario", ""), p.getProperty("title", ""), Long.parseLong(p.getProperty("seed", "0")),
                Instant.parse(p.getProperty("startedAt")), p.getProperty("check", "")));
    }

    /** Checks the running exercise on the open cache of its folder; empty when the exercise has no automatic check. */
    public static Optional<CheckResult> check(LocalCache cache, State state, Locale locale) {
        return Scenarios.byId(state.checkId()).map(s -> s.check(new ScenarioContext(cache, state.startedAt(), state.seed()), locale));
    }

    /**
     * Saves the open training cache as a scenario pack file: the cache as it is now (H2's online backup, still
     * encrypted under the training key ring's public passwords), the key ring, and the pack's title,
     * instructions and the built-in check it reuses ({@code checkId}, may be empty).
     */
    public static void savePack(LocalCache cache, Path dataDir, Path pack, String title, String instructions, String checkId)
            throws IOException {
        Path tmp = Files.createTempDirectory("motcua-pack");
        try {
            Path backup = tmp.resolve("backup.zip");
            cache.backupTo(backup);
            Path partial = pack.resolveSibling(pack.getFileName() + ".part");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
                Properties info = new Properties();
                info.setProperty("format", "1");
                info.setProperty("title", title);
                info.setProperty("instructions", instructions);
                info.setProperty("check", checkId == null ? "" : checkId);
                out.putNextEntry(new ZipEntry(PACK_INFO));
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                info.store(w, "MộtCửa Desk training scenario pack");
                w.flush();
                out.closeEntry();
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(backup))) {
                    for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                        if (e.getName().endsWith(".mv.db")) {
                            out.putNextEntry(new ZipEntry(CacheOpener.DB_NAME + ".mv.db"));
                            in.transferTo(out);
                            out.closeEntry();
                        }
                    }
                }
                out.putNextEntry(new ZipEntry(vn.motcua.store.CacheKeyRing.FILE));
                Files.copy(vn.motcua.store.CacheKeyRing.file(dataDir), out);
                out.closeEntry();
            }
            Files.move(partial, pack, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Replaces the training folder's cache with a pack's starting state (the folder's cache must be closed). A
     * file that is not a pack changes nothing.
     */
    public static State installPack(Path pack, Path dataDir, Instant now) throws IOException {
        Path staging = Files.createTempDirectory(dataDir.getParent() == null ? Path.of(".") : dataDir.getParent(), "motcua-pack-");
        try {
            Properties info = new Properties();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(pack))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                    switch (e.getName()) {
                        case PACK_INFO -> info.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                        case "motcua.mv.db", "motcua.keys" -> Files.copy(in, staging.resolve(e.getName()));
                        default -> {
                            // ignore unknown entries of later formats
                        }
                    }
                }
            } catch (java.util.zip.ZipException e) {
                throw new IOException(pack + " is not a scenario pack file: " + e.getMessage(), e);
            }
            if (!"1".equals(info.getProperty("format")) || !Files.exists(staging.resolve("motcua.mv.db"))
                    || !Files.exists(staging.resolve("motcua.keys"))) {
                throw new IOException(pack + " is not a scenario pack file");
            }
            clear(dataDir);
            Files.createDirectories(dataDir);
            Files.move(staging.resolve("motcua.mv.db"), CacheOpener.databaseFile(dataDir));
            Files.move(staging.resolve("motcua.keys"), vn.motcua.store.CacheKeyRing.file(dataDir));
            State state = new State("pack", info.getProperty("title", ""), 0, now, info.getProperty("check", ""));
            writeState(dataDir, state);
            Files.writeString(dataDir.resolve(PACK_INSTRUCTIONS), info.getProperty("instructions", ""), StandardCharsets.UTF_8);
            return state;
        } finally {
            deleteTree(staging);
        }
    }

    /** The pack's title and instructions without installing it. */
    public static Properties packInfo(Path pack) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(pack))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().equals(PACK_INFO)) {
                    Properties p = new Properties();
                    p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                    return p;
                }
            }
        }
        throw new IOException(pack + " is not a scenario pack file");
    }

    private static void writeState(Path dataDir, State s) throws IOException {
        Properties p = new Properties();
        p.setProperty("scenario", s.scenarioId());
        p.setProperty("title", s.title());
        p.setProperty("seed", Long.toString(s.seed()));
        p.setProperty("startedAt", s.startedAt().toString());
        p.setProperty("check", s.checkId());
        try (Writer w = Files.newBufferedWriter(dataDir.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
            p.store(w, "MộtCửa Desk training exercise");
        }
    }

    /**
     * Removes the cache, key ring, journal of acknowledged changes and exercise state of a training folder (never anything
     * else): a journal left behind would put the last exercise's work back into the new starting state.
     */
    private static void clear(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dataDir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(CacheOpener.DB_NAME + ".") && !n.equals("motcua.lock") || n.equals(STATE_FILE) || n.equals(PACK_INSTRUCTIONS)
                        || n.equals(vn.motcua.store.ChangeJournal.FILE)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
