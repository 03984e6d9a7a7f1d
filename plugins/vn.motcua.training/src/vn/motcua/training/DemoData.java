package vn.motcua.training;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import vn.motcua.core.calendar.WorkingTimeCalendar;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.LocalCache;

/** Seeds a new, empty cache with the demo commune so a newcomer sees a working screen, not an empty window. */
public final class DemoData {
    /** Seed of the data every new installation shows. */
    public static final long DEFAULT_SEED = 20251001L;
    /** Dossiers in the demo commune. */
    public static final int DEFAULT_DOSSIERS = 360;

    private DemoData() {
    }

    /** Seeds when the cache holds no procedure yet; returns how many dossiers were created (0 if none). */
    public static int seedIfEmpty(LocalCache cache, long seed) {
        if (cache.procedures().count() > 0) {
            return 0;
        }
        return seed(cache, seed, DEFAULT_DOSSIERS, Instant.now());
    }

    /** Writes the demo agency, catalogue and {@code dossiers} dossiers "as of" {@code now}. */
    public static int seed(LocalCache cache, long seed, int dossiers, Instant now) {
        List<Procedure> procedures = seedCatalogue(cache);
        List<Dossier> list = new DemoDataGenerator(WorkingTimeCalendar.defaults()).dossiers(seed, dossiers, procedures,
                DemoCatalogue.COMMUNE.code(), now);
        // In chunks: one unit of work holding 100,000 dossiers does not fit a 2 GB heap.
        for (int i = 0; i < list.size(); i += 10_000) {
            cache.dossierRepository().insertAll(list.subList(i, Math.min(list.size(), i + 10_000)));
        }
        return list.size();
    }

    /**
     * The demo commune's staff: clerk, specialist, head, and an all-roles account for a newcomer trying every
     * screen (small communes really give one officer several roles).
     */
    public static List<User> demoUsers() {
        String agency = DemoCatalogue.COMMUNE.code();
        return List.of(
                new User(DemoDataGenerator.CLERK, "Nguyễn Thị Thu Hà", agency, Set.of(Role.CLERK)),
                new User(DemoDataGenerator.SPECIALIST, "Trần Văn Minh", agency, Set.of(Role.SPECIALIST)),
                new User(DemoDataGenerator.HEAD, "Phạm Quốc Hưng", agency, Set.of(Role.HEAD)),
                new User(ALL_ROLES_USER, "Lê Thị Mai", agency, EnumSet.of(Role.CLERK, Role.SPECIALIST, Role.HEAD, Role.ADMIN)));
    }

    /** Password of every account of a demo or training cache; published in the user guide. */
    public static final String DEMO_PASSWORD = "demo";

    /**
     * The key ring of a new demo or training data folder: each demo account gets its wrapped copy of {@code key}
     * under the published password (the ring is marked demo, so automatic login is allowed).
     */
    public static CacheKeyRing demoKeyRing(java.nio.file.Path dataDir, CacheKey key) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dataDir);
        CacheKeyRing ring = CacheKeyRing.create(dataDir, true);
        for (User u : demoUsers()) {
            ring.addUser(u.username(), DEMO_PASSWORD.toCharArray(), key);
        }
        return ring;
    }

    /** The demo agency and catalogue, without dossiers. */
    public static List<Procedure> seedCatalogue(LocalCache cache) {
        cache.agencies().save(DemoCatalogue.PROVINCE);
        cache.agencies().save(DemoCatalogue.COMMUNE);
        List<Procedure> procedures = DemoCatalogue.procedures();
        procedures.forEach(cache.procedures()::save);
        demoUsers().forEach(cache.users()::save);
        return procedures;
    }

    /** Code of the demo commune. */
    public static String communeCode() {
        return DemoCatalogue.COMMUNE.code();
    }

    /** Username of the demo account holding every staff role. */
    public static final String ALL_ROLES_USER = "demo";

    /** The demo commune's display name. */
    public static String communeName() {
        return DemoCatalogue.COMMUNE.name();
    }
}
