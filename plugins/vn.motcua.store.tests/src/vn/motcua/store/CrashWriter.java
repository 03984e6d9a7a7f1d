package vn.motcua.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;

/**
 * The victim of {@link CrashSafetyTest}: a separate JVM that writes dossiers to the cache in {@code args[0]}
 * as fast as it can until it is killed, and prints {@code COMMITTED <code> <events>} after each transaction
 * returned. Alternates single saves (three events), batches of five through insertAll, and one more event on
 * a dossier written earlier, so a kill can land in any kind of write.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        // The key comes through the environment, not the command line other processes can read.
        try (LocalCache cache = CacheOpener.open(dir, CacheKey.fromHex(System.getenv("MOTCUA_TEST_CACHE_KEY")))) {
            if (cache.procedures().find("1.001193", 1).isEmpty()) {
                cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            }
            System.out.println("READY");
            System.out.flush();
            Instant t = Instant.parse("2026-11-20T02:00:00Z");
            List<Dossier> earlier = new ArrayList<>();
            for (int n = 1;; n++) {
                String code = "000.00.10.H29-R" + round + "-" + String.format("%06d", n);
                if (n % 3 == 0) {
                    List<Dossier> batch = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        batch.add(threeSteps(code + "-" + i, t));
                    }
                    cache.dossierRepository().insertAll(batch);
                    batch.forEach(d -> committed(d));
                    earlier.addAll(batch);
                } else if (n % 3 == 1) {
                    Dossier d = threeSteps(code, t);
                    cache.dossierRepository().saveWithoutEvent(d);
                    committed(d);
                    earlier.add(d);
                } else if (!earlier.isEmpty()) {
                    Dossier d = earlier.remove(0);
                    DossierEvent next = Fixtures.next(d, DossierAction.SUBMIT_FOR_APPROVAL, DossierStatus.PENDING_APPROVAL, null);
                    Dossier moved = d.record(next, Dossier.Changes.NONE);
                    cache.dossierRepository().save(moved, next);
                    committed(moved);
                }
            }
        }
    }

    private static Dossier threeSteps(String code, Instant t) {
        Dossier d = Fixtures.received(code, "1.001193", "Phạm Thị Hồng Nhung", "001190054321", "0987654321", t, t.plus(Duration.ofDays(3)));
        d = Fixtures.moved(d, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv1");
        return Fixtures.moved(d, DossierAction.START_PROCESSING, DossierStatus.IN_PROCESS, null);
    }

    private static void committed(Dossier d) {
        System.out.println("COMMITTED " + d.code() + " " + d.events().size());
        System.out.flush();
    }
}
