package vn.motcua.app.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import vn.motcua.store.CacheException;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.training.scenario.Scenario;
import vn.motcua.training.scenario.Scenarios;
import vn.motcua.training.scenario.TrainingWorkspace;

/**
 * Training mode: the launcher's {@code --training} (or the menu, through a restart) runs the product on the
 * training workspace ({@code <data>/training}), never on the real cache. Resets happen at start, before the
 * cache is opened, from a request the exercise screen leaves in the folder.
 */
public final class TrainingMode {
    /** System property the launch scripts set in training mode. */
    public static final String PROPERTY = "motcua.training";
    /** The launch scripts' base data folder (the real one; training lives in its {@code training} subfolder). */
    public static final String BASE_DATA_PROPERTY = "motcua.baseData";
    public static final String RESET_SCENARIO = "scenario:";
    public static final String RESET_PACK = "pack:";
    static final String REQUEST_FILE = "reset.request";
    static final String NEXT_MODE_FILE = "next-mode";
    /** The exercise a new training workspace starts with. */
    static final String FIRST_SCENARIO = "khai-sinh";

    private TrainingMode() {
    }

    public static boolean active() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Leaves a reset request for the next start of the training workspace. */
    public static void requestReset(Path dataDir, String request) throws IOException {
        Files.writeString(dataDir.resolve(REQUEST_FILE), request, StandardCharsets.UTF_8);
    }

    /**
     * Before login, in training mode: carries out a pending reset request, or builds the first exercise in a new
     * training folder. Returns what was done (for the log), or null.
     */
    public static String prepare(Path dataDir) throws IOException, CacheException {
        Path request = dataDir.resolve(REQUEST_FILE);
        long seed = System.nanoTime();
        if (Files.exists(request)) {
            String r = Files.readString(request, StandardCharsets.UTF_8).strip();
            Files.delete(request);
            if (r.startsWith(RESET_PACK)) {
                TrainingWorkspace.installPack(Path.of(r.substring(RESET_PACK.length())), dataDir, Instant.now());
                return r;
            }
            Scenario s = Scenarios.byId(r.substring(RESET_SCENARIO.length())).orElse(Scenarios.byId(FIRST_SCENARIO).orElseThrow());
            TrainingWorkspace.reset(dataDir, s, seed, Instant.now());
            return r;
        }
        if (!CacheKeyRing.exists(dataDir)) {
            TrainingWorkspace.reset(dataDir, Scenarios.byId(FIRST_SCENARIO).orElseThrow(), seed, Instant.now());
            return RESET_SCENARIO + FIRST_SCENARIO;
        }
        return null;
    }

    /** Asks the launch script to start the other mode at the next restart (exit code 23). */
    public static void switchTo(Path dataDir, boolean training) throws IOException {
        Files.writeString(baseDataDir(dataDir).resolve(NEXT_MODE_FILE), training ? "training" : "normal", StandardCharsets.UTF_8);
    }

    /** The real data folder: the launch script's base folder, else the parent of a training folder. */
    public static Path baseDataDir(Path dataDir) {
        String base = System.getProperty(BASE_DATA_PROPERTY);
        if (base != null && !base.isBlank()) {
            return Path.of(base);
        }
        return active() && dataDir.getParent() != null ? dataDir.getParent() : dataDir;
    }
}
