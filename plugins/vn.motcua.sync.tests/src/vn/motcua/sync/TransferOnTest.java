package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.HEAD;
import static vn.motcua.sync.testing.SyncWorld.SPECIALIST;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.sync.testing.SyncWorld;

/**
 * A dossier the commune transferred to agency B, took back and transferred on to agency C: B's workstations keep
 * receiving its changes (server schema 6). Before, it left B's pull feed and B kept a copy frozen at the transfer.
 * A real server process on loopback, three workstations of three agencies.
 */
class TransferOnTest {
    private static final String B = "000.00.31.H43";
    private static final String C = "000.00.32.H43";

    @Test
    void anAgencyThatHeldADossierKeepsReceivingItsChanges(@TempDir Path dir) throws Exception {
        try (SyncWorld world = new SyncWorld(dir, Map.of())) {
            world.addStaff(List.of(new Agency(B, "Phòng Tư pháp (thử nghiệm)", Level.PROVINCE, null),
                    new Agency(C, "Sở Tư pháp (thử nghiệm)", Level.PROVINCE, null)),
                    List.of(new User("chuyenvien.b", "Chuyên viên B", B, Set.of(Role.SPECIALIST)),
                            new User("chuyenvien.c", "Chuyên viên C", C, Set.of(Role.SPECIALIST))));
            SyncWorld.Client commune = world.client("commune", CLERK, Clock.systemUTC());
            SyncWorld.Client b = world.client("b", "chuyenvien.b", Clock.systemUTC());
            SyncWorld.Client c = world.client("c", "chuyenvien.c", Clock.systemUTC());

            String code = commune.receive(CLERK);
            commune.act(code, new Command.Assign(SPECIALIST), HEAD, Role.HEAD);
            commune.act(code, new Command.StartProcessing(), SPECIALIST, Role.SPECIALIST);
            commune.act(code, new Command.Transfer(B, "Liên thông"), SPECIALIST, Role.SPECIALIST);
            commune.sync();
            b.sync();
            assertEquals(DossierStatus.TRANSFERRED, b.dossier(code).status(), "transferred to B: B has it");

            // The commune takes it back and sends it on to C, then extends it.
            commune.act(code, new Command.StartProcessing(), SPECIALIST, Role.SPECIALIST);
            commune.act(code, new Command.Transfer(C, "Chuyển tiếp"), SPECIALIST, Role.SPECIALIST);
            commune.act(code, new Command.Extend(commune.dossier(code).dueAt().plus(Duration.ofDays(3)), "Cần xác minh"), SPECIALIST,
                    Role.SPECIALIST);
            byte[] scan = "%PDF-1.4 ban chup giay to".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            commune.cache.documents().add(new vn.motcua.store.DossierDocuments.NewDocument(code, vn.motcua.store.DossierDocuments.Kind.ATTACHMENT,
                    "Bản chụp.pdf", "application/pdf", scan, SPECIALIST, "scan"));
            commune.sync();
            c.sync();
            b.sync();
            assertEquals(1, b.engine.fetchDocuments(code), "B still reads the dossier's documents");
            assertSameHistory(commune.dossier(code), c.dossier(code), "C, the current holder, has the latest state");
            assertSameHistory(commune.dossier(code), b.dossier(code), "B, which held it before, is not left with a frozen copy");
            assertEquals(7, b.dossier(code).events().size());

            // Nothing else of the commune reaches B: a dossier never transferred stays with the commune.
            String other = commune.receive(CLERK);
            commune.sync();
            b.sync();
            assertTrue(b.cache.dossierRepository().findByCode(other).isEmpty());
        }
    }

    /** Same events (times within H2's microsecond, {@link SyncEquality}) and status. */
    private static void assertSameHistory(Dossier expected, Dossier actual, String what) {
        assertEquals(expected.status(), actual.status(), what);
        assertEquals(expected.events().size(), actual.events().size(), what);
        for (int i = 0; i < expected.events().size(); i++) {
            assertTrue(vn.motcua.sync.api.SyncEquality.sameEvent(expected.events().get(i), actual.events().get(i)), what + ": event " + (i + 1));
        }
    }
}
