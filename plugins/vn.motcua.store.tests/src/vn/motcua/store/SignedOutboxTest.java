package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.internal.db.Migrations;
import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.SyncJson;

/**
 * Outbox rows signed by their actor's key in the change's transaction; a change in the name of someone whose key is
 * not unlocked here is held (with every later change of its dossier); rows written before the upgrade are signed by
 * their actor's key when it is made.
 */
class SignedOutboxTest {
    private static final CacheKey KEY = CacheKey.generate();
    private static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");
    @TempDir
    Path dir;

    @Test
    void aChangeIsSignedByItsActorOrHeldWithEverythingAfterIt() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            List<Dossier> list = List.of(received(1), received(2));
            cache.dossierRepository().insertAll(list);
            // cv1 is logged in here; nobody unlocked the key of "cv9".
            UserKey cv1 = UserKey.generate("cv1", UUID.randomUUID().toString(), "PC-2", AT);
            cache.signCommandsWith(cv1);
            Dossier a = list.get(0);
            DossierEvent assign = Fixtures.next(a, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv1");
            cache.dossierRepository().save(a.record(assign, Dossier.Changes.NONE.withAssignee("cv1")), assign);

            Dossier b = list.get(1);
            DossierEvent impostor = new DossierEvent(2, DossierAction.ASSIGN, DossierStatus.RECEIVED, DossierStatus.ASSIGNED, "cv9",
                    vn.motcua.core.model.Role.HEAD, "PC-2", AT.plusSeconds(60), "", null, "cv1", null, null);
            b = b.record(impostor, Dossier.Changes.NONE.withAssignee("cv1"));
            cache.dossierRepository().save(b, impostor);
            DossierEvent start = Fixtures.next(b, DossierAction.START_PROCESSING, DossierStatus.IN_PROCESS, null);
            cache.dossierRepository().save(b.record(start, Dossier.Changes.NONE), start);

            SyncLedger ledger = cache.sync();
            assertEquals(3, ledger.pendingCount());
            List<SyncLedger.PendingChange> sendable = ledger.pending(100);
            assertEquals(1, sendable.size(), "only cv1's own change can go; the change on top of the held one waits with it");
            PushCommand signed = sendable.get(0).command();
            assertEquals(cv1.keyId(), signed.keyId());
            // What the server reads back from the JSON verifies with cv1's enrolled public key.
            PushCommand wire = new SyncJson().read(new SyncJson().write(signed), PushCommand.class);
            assertTrue(Attribution.verify(Attribution.publicKey(cv1.enrolment().publicKey()), Attribution.commandBytes(wire), wire.signature()));

            List<SyncLedger.HeldChange> held = ledger.held();
            assertEquals(1, held.size());
            assertEquals("cv9", held.get(0).actor());
            assertEquals(SyncLedger.HELD_UNSIGNED, held.get(0).held());

            // The server waits for a key: the row stays, with the reason.
            ledger.waiting(signed.mutationId(), "chưa đăng ký khóa");
            assertEquals("chưa đăng ký khóa", ledger.held().get(0).serverWaiting());
            assertEquals(1, ledger.pending(100).size(), "a waiting change is sent again");
            assertEquals(0, ledger.pending(100, sendable.get(0).id()).size());
        }
    }

    @Test
    void changesWrittenBeforeTheUpgradeAreSignedWhenTheirActorsKeyIsMade() throws Exception {
        // A cache as schema 11 wrote it, with two unsigned outbox rows (cv1's and canbo1's).
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(CacheOpener.DB_NAME).toAbsolutePath());
        ds.setUser("motcua");
        SyncJson json = new SyncJson();
        Dossier d = received(1);
        DossierEvent assign = Fixtures.next(d, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv1");
        PushCommand byCv1 = new PushCommand(UUID.randomUUID().toString(), d.code(), assign, d.record(assign, Dossier.Changes.NONE.withAssignee("cv1")));
        PushCommand byClerk = new PushCommand(UUID.randomUUID().toString(), d.code(), d.events().get(0), d);
        try (Connection c = ds.getConnection()) {
            Migrations.migrateTo(c, 11);
            for (PushCommand cmd : List.of(byClerk, byCv1)) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO sync_outbox (mutation_id, dossier_code, event_seq, payload) VALUES (?, ?, ?, ?)")) {
                    p.setString(1, cmd.mutationId());
                    p.setString(2, cmd.dossierCode());
                    p.setLong(3, cmd.event().sequence());
                    p.setString(4, json.writeString(cmd));
                    p.executeUpdate();
                }
            }
            c.createStatement().execute("SHUTDOWN");
        }
        CacheOpener.encryptInPlace(dir, KEY);
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            SyncLedger ledger = cache.sync();
            assertEquals(2, ledger.held().size());
            assertTrue(ledger.held().stream().allMatch(h -> SyncLedger.HELD_LEGACY.equals(h.held())));
            assertTrue(ledger.pending(100).isEmpty(), "nothing unsigned is sent");

            UserKey cv1 = UserKey.generate("cv1", UUID.randomUUID().toString(), "PC-2", AT);
            assertEquals(1, ledger.signLegacy(cv1), "only cv1's own row");
            assertTrue(ledger.pending(100).isEmpty(), "cv1's change follows canbo1's, still held");
            UserKey clerk = UserKey.generate("canbo1", UUID.randomUUID().toString(), "PC-1", AT);
            assertEquals(1, ledger.signLegacy(clerk));
            List<SyncLedger.PendingChange> now = ledger.pending(100);
            assertEquals(List.of(byClerk.mutationId(), byCv1.mutationId()), now.stream().map(SyncLedger.PendingChange::mutationId).toList());
            assertEquals(clerk.keyId(), now.get(0).command().keyId());
            assertTrue(Attribution.verify(Attribution.publicKey(cv1.enrolment().publicKey()), Attribution.commandBytes(now.get(1).command()),
                    now.get(1).command().signature()));
            assertTrue(ledger.held().isEmpty());
            assertTrue(cache.auditLog().verify().isEmpty(), "audit chain intact");
            assertEquals(0, ledger.signLegacy(cv1), "signed once");
        }
    }

    private static Dossier received(int i) {
        return Fixtures.received("000.00.10.H29-261120-000" + i, "1.001193", "Nguyễn Văn " + i, "00109001234" + i, "091234567" + i, AT,
                AT.plusSeconds(86_400));
    }
}
