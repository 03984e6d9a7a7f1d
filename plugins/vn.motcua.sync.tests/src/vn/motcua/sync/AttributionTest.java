package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Role;
import vn.motcua.store.UserKey;
import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.SyncJson;

/** The canonical bytes a command's signature covers: defined once, unambiguous, and covering every field that matters. */
class AttributionTest {
    private static final Instant AT = Instant.parse("2026-12-07T02:03:04.123456789Z");
    private final SyncJson json = new SyncJson();
    private final UserKey key = UserKey.generate("canbo.motcua", UUID.randomUUID().toString(), "QUAY-01", AT);

    @Test
    void theCanonicalTextIsFixedLinesWithEscapedValues() {
        PushCommand c = command("Thiếu giấy tờ\\nghi chú\r\nhết").signed(key.keyId(), null);
        String text = new String(Attribution.commandBytes(c), StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\n", -1));
        assertEquals("format=motcua-command/1", lines.get(0));
        assertEquals("mutationId=" + c.mutationId(), lines.get(1));
        assertEquals("dossierCode=H21.17-000001", lines.get(2));
        assertEquals("keyId=" + key.keyId(), lines.get(3));
        assertTrue(lines.contains("sequence=2"));
        assertTrue(lines.contains("action=REQUEST_SUPPLEMENT"));
        assertTrue(lines.contains("actor=canbo.motcua"));
        assertTrue(lines.contains("role=CLERK"));
        assertTrue(lines.contains("workstation=QUAY-01"));
        assertTrue(lines.contains("at=2026-12-07T02:03:04.123456789Z"));
        assertTrue(lines.contains("reason=Thiếu giấy tờ\\\\nghi chú\\r\\nhết"), text);
        assertTrue(lines.contains("assignee="), "null is empty");
        assertEquals("after=" + Attribution.afterHash(c.after()), lines.get(lines.size() - 2));
        assertEquals("", lines.get(lines.size() - 1), "ends with a line break");
        assertEquals(64, Attribution.afterHash(c.after()).length());
    }

    @Test
    void aSignatureSurvivesTheWireAndCoversEveryField() throws Exception {
        PushCommand signed = key.sign(command("Thiếu bản sao"));
        PushCommand wire = json.read(json.write(signed), PushCommand.class);
        PublicKey pub = Attribution.publicKey(key.enrolment().publicKey());
        assertTrue(Attribution.verify(pub, Attribution.commandBytes(wire), wire.signature()), "verifies after a JSON round trip");

        List<UnaryOperator<PushCommand>> alterations = List.of(
                c -> new PushCommand(UUID.randomUUID().toString(), c.dossierCode(), c.event(), c.after(), c.keyId(), c.signature()),
                c -> new PushCommand(c.mutationId(), "H21.17-000002", c.event(), c.after(), c.keyId(), c.signature()),
                c -> new PushCommand(c.mutationId(), c.dossierCode(), event(c.event(), "lanhdao.ubnd", Role.CLERK, "Thiếu bản sao"), c.after(),
                        c.keyId(), c.signature()),
                c -> new PushCommand(c.mutationId(), c.dossierCode(), event(c.event(), "canbo.motcua", Role.HEAD, "Thiếu bản sao"), c.after(),
                        c.keyId(), c.signature()),
                c -> new PushCommand(c.mutationId(), c.dossierCode(), event(c.event(), "canbo.motcua", Role.CLERK, "Thiếu bản chính"), c.after(),
                        c.keyId(), c.signature()),
                c -> new PushCommand(c.mutationId(), c.dossierCode(), c.event(), dossier("Người Khác"), c.keyId(), c.signature()),
                c -> new PushCommand(c.mutationId(), c.dossierCode(), c.event(), c.after(), "another-key", c.signature()));
        for (UnaryOperator<PushCommand> alter : alterations) {
            PushCommand changed = alter.apply(wire);
            assertFalse(Attribution.verify(pub, Attribution.commandBytes(changed), changed.signature()), "altered: " + changed);
        }
        // Another user's key does not verify it either.
        UserKey other = UserKey.generate("lanhdao.ubnd", UUID.randomUUID().toString(), "QUAY-01", AT);
        assertFalse(Attribution.verify(Attribution.publicKey(other.enrolment().publicKey()), Attribution.commandBytes(wire), wire.signature()));
        assertNotEquals(key.keyId(), other.keyId());
        assertFalse(Attribution.verify(pub, Attribution.commandBytes(wire), "not base64!"));
    }

    @Test
    void theEnrolmentProofBindsTheUsername() throws Exception {
        var e = key.enrolment();
        PublicKey pub = Attribution.publicKey(e.publicKey());
        assertTrue(Attribution.verify(pub, Attribution.enrolmentBytes(e), e.proof()));
        var claimed = new vn.motcua.sync.api.Messages.UserKeyEnrolment("lanhdao.ubnd", e.keyId(), e.algorithm(), e.publicKey(), e.cacheId(),
                e.workstationId(), e.createdAt(), e.proof());
        assertFalse(Attribution.verify(pub, Attribution.enrolmentBytes(claimed), claimed.proof()));
        assertEquals(43, e.keyId().length());
    }

    private PushCommand command(String reason) {
        Dossier d = dossier("Nguyễn Văn An");
        DossierEvent e = new DossierEvent(2, DossierAction.REQUEST_SUPPLEMENT, DossierStatus.RECEIVED, DossierStatus.AWAITING_SUPPLEMENT,
                "canbo.motcua", Role.CLERK, "QUAY-01", AT, reason, "02", null, AT.plusSeconds(86_400), null);
        return new PushCommand(UUID.randomUUID().toString(), "H21.17-000001", e, d);
    }

    private static DossierEvent event(DossierEvent e, String actor, Role role, String reason) {
        return new DossierEvent(e.sequence(), e.action(), e.fromStatus(), e.toStatus(), actor, role, e.workstationId(), e.at(), reason, e.formNumber(),
                e.assignee(), e.newDueAt(), e.targetAgencyCode());
    }

    private static Dossier dossier(String name) {
        DossierEvent receive = new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED, "canbo.motcua", Role.CLERK,
                "QUAY-01", AT.minusSeconds(60), "", "01", null, null, null);
        return new Dossier("H21.17-000001", "1.001193", 1, "2025", Channel.IN_PERSON,
                new PersonApplicant(name, LocalDate.of(1990, 5, 17), "001090012345", "Thôn Đông", "0912345678", ""), List.of(), AT.minusSeconds(60),
                AT.plusSeconds(86_400), DossierStatus.RECEIVED, null, "H21.17", List.of(receive), List.of(), List.of(), List.of(), null);
    }
}
