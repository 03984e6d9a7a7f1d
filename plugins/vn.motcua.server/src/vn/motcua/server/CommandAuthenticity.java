package vn.motcua.server;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.Outcome;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushResult;
import vn.motcua.sync.api.SyncJson;

/**
 * Whether a pushed change is provably its actor's (docs/sync-protocol.md, "Who did it"): signed over
 * {@link Attribution#commandBytes} by an enrolled, unrevoked key of the event's actor, made on the workstation the event
 * names; the actor an active user of the dossier's agency (or the agency it is transferred to), acting in a role the
 * server's records give them. The session that carries the change only carries it: a colleague may push a shared
 * workstation's outbox, never make a change in another's name. A change whose key the server does not know yet waits
 * (the actor worked offline before their key reached the server). Nothing is written for a change that is not proven,
 * so a forged copy of a pending change cannot spoil the answer its genuine mutation id will get.
 */
final class CommandAuthenticity {
    private final Clock clock;
    private final SyncJson json;

    CommandAuthenticity(Clock clock, SyncJson json) {
        this.clock = clock;
        this.json = json;
    }

    /**
     * Empty when {@code cmd} is proven its actor's (its proof is then written in {@code c}'s transaction, to commit with
     * the answer); otherwise the answer, REJECTED or WAITING, with the reason in the caller's language.
     */
    Optional<PushResult> check(Connection c, SyncService.Caller caller, PushCommand cmd, Locale locale) throws SQLException, IOException {
        DossierEvent event = cmd.event();
        if (event == null || cmd.dossierCode() == null || cmd.mutationId() == null) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.incomplete"));
        }
        String actor = event.actorUsername();
        if (!Attribution.isSigned(cmd)) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.unsigned", event.action().displayName(locale), actor));
        }
        Optional<SyncService.StoredUser> account = SyncService.user(c, actor);
        if (account.isEmpty() || !account.get().active()) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.actorInactive", actor));
        }
        Optional<UserKeys.Stored> key = UserKeys.find(c, cmd.keyId());
        if (key.isEmpty()) {
            return Optional.of(waiting(cmd, SyncService.text(locale, "wait.key", actor, event.workstationId())));
        }
        UserKeys.Stored k = key.get();
        if (!k.username().equals(actor)) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.keyOfOther", actor, k.username()));
        }
        if (k.revokedAt() != null) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.keyRevoked", actor, SyncService.shown(k.revokedAt()), k.revokedBy()));
        }
        byte[] canonical = Attribution.commandBytes(cmd);
        if (k.publicKey() == null || canonical.length > 20_000 || !Attribution.verify(k.publicKey(), canonical, cmd.signature())) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.signature", event.action().displayName(locale), cmd.dossierCode(), actor));
        }
        if (!k.workstation().isEmpty() && !k.workstation().equals(event.workstationId())) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.keyWorkstation", actor, k.workstation(), event.workstationId()));
        }
        if (!account.get().user().roles().contains(event.actorRole())) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.role", actor, event.actorRole().displayName(locale)));
        }
        String agency = account.get().user().agencyCode();
        Optional<String[]> holders = holders(c, cmd.dossierCode());
        boolean ofAgency = holders.isPresent() ? agency.equals(holders.get()[0]) || agency.equals(holders.get()[1])
                : cmd.after() != null && agency.equals(cmd.after().agencyCode());
        if (!ofAgency) {
            return refuse(c, caller, cmd, SyncService.text(locale, "reject.actorAgency", actor, agency, cmd.dossierCode()));
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO signed_command (mutation_id, username, key_id, signature, canonical, pushed_by, "
                + "pushed_from, verified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, cmd.mutationId());
            s.setString(2, actor);
            s.setString(3, k.keyId());
            s.setString(4, cmd.signature());
            s.setString(5, Attribution.text(canonical));
            s.setString(6, caller.user().username());
            s.setString(7, caller.workstation());
            s.setTimestamp(8, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
        return Optional.empty();
    }

    /** The answer to a change that follows a waiting change of the same dossier in one request. */
    PushResult behindWaiting(PushCommand cmd, Locale locale) {
        return waiting(cmd, SyncService.text(locale, "wait.behind", cmd.dossierCode()));
    }

    private static PushResult waiting(PushCommand cmd, String reason) {
        return new PushResult(cmd.mutationId(), Outcome.WAITING, Outcome.WAITING, reason, null, 0);
    }

    /** A refusal, with the server's dossier when the caller's agency may see it (the workstation puts it back). */
    private Optional<PushResult> refuse(Connection c, SyncService.Caller caller, PushCommand cmd, String reason) throws SQLException, IOException {
        Dossier current = null;
        if (cmd.dossierCode() != null) {
            try (PreparedStatement s = c.prepareStatement("SELECT agency_code, transferred_to, body FROM dossier WHERE code = ?")) {
                s.setString(1, cmd.dossierCode());
                try (ResultSet r = s.executeQuery()) {
                    String agency = caller.user().agencyCode();
                    if (r.next() && (agency.equals(r.getString(1)) || agency.equals(r.getString(2)))) {
                        current = json.read(r.getString(3), Dossier.class);
                    }
                }
            }
        }
        return Optional.of(new PushResult(cmd.mutationId(), Outcome.REJECTED, Outcome.REJECTED, reason, current, 0));
    }

    /** {owning agency, agency it is transferred to (or null)} of a dossier the server has. */
    private static Optional<String[]> holders(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT agency_code, transferred_to FROM dossier WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new String[] { r.getString(1), r.getString(2) }) : Optional.empty();
            }
        }
    }
}
