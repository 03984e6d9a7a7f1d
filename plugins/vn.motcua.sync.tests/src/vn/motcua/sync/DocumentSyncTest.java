package vn.motcua.sync;

import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.HEAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.DossierDocuments.Kind;
import vn.motcua.store.DossierDocuments.NewDocument;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.UploadState;
import vn.motcua.sync.api.Protocol;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;

/**
 * A dossier's documents through a real server on loopback: uploaded in chunks after the dossier's changes, resumed
 * from the server's offset after an interruption, checked against their SHA-256, fetched by another workstation of the
 * agency byte for byte, and refused to a workstation of another agency.
 */
@ExtendWith(SyncWorldExtension.class)
class DocumentSyncTest {
    static SyncWorld world;

    @BeforeAll
    static void start(SyncWorld w) {
        world = w;
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aDocumentTravelsInChunksAndResumesAfterAnInterruption() throws Exception {
        SyncWorld.Client a = world.client("da", HEAD, Clock.systemUTC());
        SyncWorld.Client b = world.client("db", CLERK, Clock.systemUTC());
        String code = a.receive(CLERK);
        a.sync(); // an upload names a dossier the server has
        // A 2.5 MB scan (three chunks) and a small draft result, made on A. (Signed results and approval records do not
        // travel this way: they go with their approval, checked by the server — ApprovalProofSyncTest.)
        byte[] scan = randomBytes(Protocol.MAX_CHUNK * 2 + 500_000, 1);
        byte[] draft = "%PDF-1.7 dự thảo".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        a.cache.documents().add(new NewDocument(code, Kind.ATTACHMENT, "Bản chụp.pdf", "application/pdf", scan, HEAD, "scan"));
        a.cache.documents().add(new NewDocument(code, Kind.DRAFT_RESULT, "Dự thảo.pdf", "application/pdf", draft, HEAD, ""));
        // The connection drops after the first chunk of the scan: the server keeps what arrived.
        String sha = DossierDocuments.sha256(scan);
        a.http.login(HEAD, SyncWorld.PASSWORD.toCharArray(), "WS-da");
        UploadState partial = a.http.putChunk(sha, code, 0, scan.length, Arrays.copyOf(scan, Protocol.MAX_CHUNK));
        assertEquals(Protocol.MAX_CHUNK, partial.received());
        assertFalse(partial.complete());
        // A chunk at the wrong offset is refused, not appended.
        assertThrows(SyncException.class, () -> a.http.putChunk(sha, code, 0, scan.length, Arrays.copyOf(scan, 10)));
        a.sync(); // the documents, the scan from where it stopped
        assertTrue(a.cache.documents().unsynced(10).isEmpty());
        assertTrue(a.http.uploadState(sha, code).complete());

        b.sync();
        assertEquals(2, b.engine.fetchDocuments(code));
        DossierDocuments.Document got = b.cache.documents().latest(code, Kind.ATTACHMENT).orElseThrow();
        assertArrayEquals(scan, b.cache.documents().content(got));
        assertEquals("scan", got.note());
        assertEquals(0, b.engine.fetchDocuments(code), "nothing fetched twice");
        assertTrue(b.cache.documents().unsynced(10).isEmpty(), "fetched documents are not uploaded back");
    }

    @Test
    void bytesThatDoNotMatchTheirHashAreRefused() throws Exception {
        SyncWorld.Client a = world.client("dc", HEAD, Clock.systemUTC());
        String code = a.receive(CLERK);
        a.sync(); // an upload is for a dossier the server has
        byte[] real = randomBytes(1000, 2);
        String sha = DossierDocuments.sha256(real);
        byte[] other = randomBytes(1000, 3);
        SyncException e = assertThrows(SyncException.class, () -> a.http.putChunk(sha, code, 0, other.length, other));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(0, a.http.uploadState(sha, code).received(), "the bad upload is dropped; it starts again from 0");
        assertTrue(a.http.putChunk(sha, code, 0, real.length, real).complete());
    }

    @Test
    void anotherAgencyCannotListOrFetchTheDocuments() throws Exception {
        SyncWorld.Client a = world.client("dd", HEAD, Clock.systemUTC());
        String code = a.receive(CLERK);
        byte[] pdf = randomBytes(5000, 4);
        a.cache.documents().add(new NewDocument(code, Kind.ATTACHMENT, "Kết quả.pdf", "application/pdf", pdf, HEAD, ""));
        a.sync();
        // An account of the province (another agency), created by the admin.
        SyncClient admin = new SyncClient(world.server.uri(), java.util.Locale.ENGLISH);
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        try (var seed = vn.motcua.store.CacheOpener.open(world.dir.resolve("seed-agencies"), vn.motcua.store.CacheKey.generate())) {
            vn.motcua.training.DemoData.seedCatalogue(seed);
            String province = seed.agencies().all().stream().map(x -> x.code()).filter(c -> !c.equals(vn.motcua.training.DemoData.communeCode()))
                    .findFirst().orElseThrow();
            User stranger = new User("canbo.tinh", "Cán bộ tỉnh", province, Set.of(Role.CLERK));
            admin.putReference(new vn.motcua.sync.api.Messages.AdminReference(world.catalogue, seed.agencies().all(),
                    java.util.stream.Stream.concat(world.users.stream(), java.util.stream.Stream.of(stranger))
                            .map(u -> new vn.motcua.sync.api.Messages.UserAccount(u, SyncWorld.PASSWORD, true)).toList(),
                    SyncWorld.builtInSchedules()));
        }
        SyncClient other = new SyncClient(world.server.uri(), java.util.Locale.ENGLISH);
        other.login("canbo.tinh", SyncWorld.PASSWORD.toCharArray(), "WS-x");
        assertThrows(SyncException.class, () -> other.documents(code));
        assertThrows(SyncException.class, () -> other.file(DossierDocuments.sha256(pdf)));
        List<DocumentInfo> mine = a.http.documents(code);
        assertEquals(1, mine.size());
        assertEquals("ATTACHMENT", mine.get(0).kind());
    }
}
