package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.DossierDocuments;
import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.training.DemoData;

/**
 * Files and documents between two agencies — the commune and a province department — against a real server: a file
 * is never read by naming its hash, never attached to one's own dossier without its bytes, chunks are never uploaded
 * for another agency's dossier; a document's creator and name are the server's; kinds follow roles; abandoned
 * uploads and expired tokens are cleaned.
 */
class DocumentAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STRANGER = "canbo.tinh";
    @TempDir
    static Path dir;
    static SyncWorld world;
    static RawHttp raw;
    static String communeDossier;
    static String provinceDossier;
    static byte[] scan;
    static String scanSha;
    static String clerk;
    static String stranger;

    @BeforeAll
    static void start() throws Exception {
        world = Worlds.start(dir, Map.of("housekeeping.seconds", "1"));
        raw = world.raw();
        String province;
        try (var seed = vn.motcua.store.CacheOpener.open(dir.resolve("seed-agencies"), vn.motcua.store.CacheKey.generate())) {
            DemoData.seedCatalogue(seed);
            province = seed.agencies().all().stream().map(a -> a.code()).filter(c -> !c.equals(DemoData.communeCode())).findFirst().orElseThrow();
        }
        world.addStaff(List.of(), List.of(new User(STRANGER, "Cán bộ tỉnh", province, Set.of(Role.CLERK))));
        // The commune's dossier with a scan, uploaded by its workstation.
        SyncWorld.Client a = world.client("doc-a", SyncWorld.CLERK, Clock.systemUTC());
        communeDossier = a.receive(SyncWorld.CLERK);
        scan = ("%PDF-1.7\n% giấy khai sinh của công dân " + communeDossier + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);
        scanSha = DossierDocuments.sha256(scan);
        a.cache.documents().add(new DossierDocuments.NewDocument(communeDossier, DossierDocuments.Kind.ATTACHMENT, "Giấy khai sinh.pdf",
                "application/pdf", scan, SyncWorld.CLERK, ""));
        a.sync();
        assertTrue(a.cache.documents().unsynced(10).isEmpty(), "the scan is on the server");
        // The province department's own dossier.
        SyncWorld.Client b = world.client("doc-b", STRANGER, Clock.systemUTC());
        provinceDossier = receive(b, province);
        b.sync();
        clerk = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-doc-a");
        stranger = raw.login(STRANGER, SyncWorld.PASSWORD, "WS-doc-b");
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    /** A dossier of {@code agency} received by the client's user (SyncWorld.Client.receive is the commune's). */
    private static String receive(SyncWorld.Client c, String agency) {
        Procedure p = world.catalogue.get(0);
        List<ReceivedPaper> papers = p.requiredDocuments().stream().filter(d -> !d.optional())
                .map(d -> new ReceivedPaper(d.id(), d.count(), d.kind() == null ? PaperKind.ORIGINAL : d.kind(), false, false, false)).toList();
        Dossier draft = Dossier.draft(p.code(), p.version(), "2025", Channel.IN_PERSON,
                new PersonApplicant("Lê Văn Tỉnh", java.time.LocalDate.of(1980, 2, 2), null, "TP Pleiku", "0905111222", ""), papers, agency);
        Instant now = Instant.now();
        String code = agency + "-ATTACK-00001";
        Transition t = SyncWorld.LIFECYCLE.apply(draft, new Command.Receive(code, now.plus(Duration.ofDays(5))),
                new Actor(world.user(STRANGER), Role.CLERK, "WS-doc-b"), now);
        c.cache.dossierRepository().save(t.dossier(), t.event());
        return code;
    }

    private static RawHttp.Reply putChunk(String token, String sha, String dossier, long offset, long total, byte[] chunk) throws Exception {
        return raw.send("PUT", "/v1/files/" + sha + (dossier == null ? "?" : "?dossier=" + dossier + "&") + "offset=" + offset + "&total=" + total,
                token, Map.of("Content-Type", "application/octet-stream"), BodyPublishers.ofByteArray(chunk));
    }

    private static RawHttp.Reply postDocument(String token, Map<String, Object> document) throws Exception {
        return raw.json("POST", "/v1/documents", token, document);
    }

    private static Map<String, Object> document(String dossier, String kind, String sha, String name) {
        Map<String, Object> d = new HashMap<>();
        d.put("dossierCode", dossier);
        d.put("kind", kind);
        d.put("sha256", sha);
        d.put("size", 0);
        d.put("name", name);
        d.put("note", "");
        return d;
    }

    @Test
    void anotherAgencysFileCannotBeReadByItsHash() throws Exception {
        DatabaseDump before = world.dump();
        assertEquals(200, raw.get("/v1/files/" + scanSha, clerk).status(), "its own agency reads it");
        RawHttp.Reply file = raw.get("/v1/files/" + scanSha, stranger);
        assertEquals(404, file.status(), file.toString());
        assertEquals("fileMissing", file.code());
        assertFalse(file.body().contains("PDF"));
        RawHttp.Reply state = raw.get("/v1/files/" + scanSha + "/state?dossier=" + communeDossier, stranger);
        assertEquals(403, state.status(), state.toString());
        // Asked for its own dossier, the server says nothing about whether it holds the file.
        RawHttp.Reply own = raw.get("/v1/files/" + scanSha + "/state?dossier=" + provinceDossier, stranger);
        assertEquals(200, own.status(), own.toString());
        assertEquals("0", own.field("received"));
        assertEquals("false", own.field("complete"));
        RawHttp.Reply list = raw.get("/v1/documents?dossier=" + communeDossier, stranger);
        assertEquals(403, list.status(), list.toString());
        before.assertSameAs(world.dump(), "reading another agency's file");
    }

    @Test
    void knowingAHashIsNotEnoughToAttachTheFileToOnesOwnDossier() throws Exception {
        DatabaseDump before = world.dump();
        RawHttp.Reply r = postDocument(stranger, document(provinceDossier, "ATTACHMENT", scanSha, "lay-cap.pdf"));
        assertEquals(409, r.status(), r.toString());
        assertEquals("fileMissing", r.code());
        assertEquals(404, raw.get("/v1/files/" + scanSha, stranger).status());
        RawHttp.Reply theirs = postDocument(stranger, document(communeDossier, "ATTACHMENT", scanSha, "lay-cap.pdf"));
        assertEquals(403, theirs.status(), theirs.toString());
        before.assertSameAs(world.dump(), "attaching a file by its hash");
    }

    @Test
    void chunksAreNotTakenForAnotherAgencysDossierNorForNone() throws Exception {
        DatabaseDump before = world.dump();
        byte[] junk = "rác".repeat(100).getBytes(StandardCharsets.UTF_8);
        String sha = DossierDocuments.sha256(junk);
        RawHttp.Reply r = putChunk(stranger, sha, communeDossier, 0, junk.length, junk);
        assertEquals(403, r.status(), r.toString());
        assertEquals("agency", r.code());
        RawHttp.Reply none = putChunk(stranger, sha, null, 0, junk.length, junk);
        assertEquals(400, none.status(), none.toString());
        assertEquals("dossierParam", none.code());
        RawHttp.Reply stateOfNone = raw.get("/v1/files/" + sha + "/state", stranger);
        assertEquals(400, stateOfNone.status(), stateOfNone.toString());
        before.assertSameAs(world.dump(), "chunks for another agency's dossier");
    }

    @Test
    void theCreatorTimeNameAndTypeOfADocumentAreTheServers() throws Exception {
        byte[] pdf = ("%PDF-1.4\nbiên bản " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String sha = DossierDocuments.sha256(pdf);
        assertEquals("true", putChunk(clerk, sha, communeDossier, 0, pdf.length, pdf).field("complete"));
        Map<String, Object> forged = document(communeDossier, "ATTACHMENT", sha, "../../../etc/cron.d/x\u202Efdp.exe");
        forged.put("createdBy", SyncWorld.HEAD);
        forged.put("createdAt", "2001-01-01T00:00:00Z");
        forged.put("mediaType", "application/x-msdownload");
        Instant before = Instant.now().minusSeconds(5);
        RawHttp.Reply r = postDocument(clerk, forged);
        assertEquals(200, r.status(), r.toString());
        JsonNode doc = null;
        for (JsonNode d : JSON.readTree(raw.get("/v1/documents?dossier=" + communeDossier, clerk).body()).get("documents")) {
            if (d.get("sha256").asText().equals(sha)) {
                doc = d;
            }
        }
        assertEquals(SyncWorld.CLERK, doc.get("createdBy").asText(), "the caller, not the body's head");
        assertEquals("xfdp.exe", doc.get("name").asText(), "no folders, no bidi override");
        assertEquals("application/pdf", doc.get("mediaType").asText(), "by the bytes");
        assertTrue(Instant.parse(doc.get("createdAt").asText()).isAfter(before), "the server's time: " + doc.get("createdAt"));
    }

    @Test
    void documentKindsFollowTheCallersRoles() throws Exception {
        byte[] draft = ("%PDF-1.4\ndự thảo " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String sha = DossierDocuments.sha256(draft);
        assertEquals(200, putChunk(clerk, sha, communeDossier, 0, draft.length, draft).status());
        DatabaseDump before = world.dump();
        RawHttp.Reply r = postDocument(clerk, document(communeDossier, "DRAFT_RESULT", sha, "Dự thảo.pdf"));
        assertEquals(403, r.status(), r.toString());
        assertEquals("document.kind", r.code());
        assertTrue(r.message().contains("dự thảo kết quả"), r.message());
        RawHttp.Reply unknown = postDocument(clerk, document(communeDossier, "EXECUTABLE", sha, "x.exe"));
        assertEquals(400, unknown.status(), unknown.toString());
        before.assertSameAs(world.dump(), "a document kind the role may not send");
    }

    @Test
    void abandonedUploadsAndExpiredTokensAreCleanedAway() throws Exception {
        byte[] big = new byte[(1 << 20) + 1000];
        new java.util.Random(7).nextBytes(big);
        String sha = DossierDocuments.sha256(big);
        RawHttp.Reply half = putChunk(clerk, sha, communeDossier, 0, big.length, java.util.Arrays.copyOf(big, 1 << 20));
        assertEquals(String.valueOf(1 << 20), half.field("received"), half.toString());
        String old = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-old");
        try (Connection c = Worlds.h2(dir)) {
            try (PreparedStatement s = c.prepareStatement("UPDATE upload_chunk SET received_at = ? WHERE sha256 = ?")) {
                s.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofHours(25))));
                s.setString(2, sha);
                assertEquals(1, s.executeUpdate());
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE session_token SET expires_at = ? WHERE token_hash = ?")) {
                s.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))));
                s.setString(2, vn.motcua.store.DossierDocuments.sha256(old.getBytes(StandardCharsets.UTF_8)));
                assertEquals(1, s.executeUpdate());
            }
        }
        world.server.awaitOutput("1 abandoned upload chunks removed", Duration.ofSeconds(30));
        world.server.awaitOutput("1 expired tokens", Duration.ofSeconds(30));
        assertEquals("0", raw.get("/v1/files/" + sha + "/state?dossier=" + communeDossier, clerk).field("received"), "the upload starts over");
        assertEquals(401, raw.get("/v1/reference", old).status());
    }
}
