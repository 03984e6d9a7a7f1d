package vn.motcua.sync;

import vn.motcua.sync.testing.ClientProcess;
import vn.motcua.sync.testing.PostgresCluster;
import vn.motcua.sync.testing.ServerProcess;
import vn.motcua.sync.testing.SyncWorld;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.lifecycle.ActionAvailability;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.TransitionException;
import vn.motcua.core.lifecycle.TransitionRule;
import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.FeePayment;
import vn.motcua.core.model.ResultDocument;
import vn.motcua.core.model.Role;
import vn.motcua.store.DossierFilter;

/**
 * Randomised soak: several workstations make random legal changes, offline and online, the server is killed
 * and restarted at random, workstations restart; at the end all workstations and a fresh one agree exactly
 * and every audit chain verifies. Runs {@code motcua.soak.seconds} (default 25 s here; the long form is
 * {@code releng/bench sync --soak}).
 */
class SoakTest {
    static final String USER = "demo"; // holds every staff role, so any legal action is possible
    @TempDir
    Path dir;

    @Test
    void workstationsAgreeExactlyAfterRandomWorkAndKills() throws Exception {
        long seconds = Long.getLong("motcua.soak.seconds", 25);
        long seed = Long.getLong("motcua.soak.seed", System.nanoTime());
        Random random = new Random(seed);
        try (SyncWorld world = new SyncWorld(dir, Map.of())) {
            List<SyncWorld.Client> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                clients.add(world.client("s" + i, USER, Clock.systemUTC()));
            }
            Instant end = Instant.now().plusSeconds(seconds);
            int changes = 0;
            int syncs = 0;
            int failedSyncs = 0;
            int serverKills = 0;
            int restarts = 0;
            boolean serverUp = true;
            while (Instant.now().isBefore(end)) {
                SyncWorld.Client c = clients.get(random.nextInt(clients.size()));
                if (!serverUp && random.nextInt(100) < 20) {
                    world.server.start(); // back after a few operations: workstations keep working meanwhile
                    serverUp = true;
                }
                int roll = random.nextInt(100);
                if (roll < 15) {
                    c.receive(USER);
                    changes++;
                } else if (roll < 70) {
                    changes += actRandomly(c, random) ? 1 : 0;
                } else if (roll < 93) {
                    try {
                        c.sync();
                        syncs++;
                    } catch (SyncException e) {
                        failedSyncs++;
                        if (e.kind() == SyncException.Kind.UNAUTHORISED) {
                            c.login(USER);
                        }
                    }
                } else if (roll < 96) {
                    c.reopen();
                    restarts++;
                } else if (serverUp && random.nextInt(100) < 40) {
                    world.server.kill();
                    serverUp = false;
                    serverKills++;
                }
            }
            if (!serverUp) {
                world.server.start();
            }
            // Quiesce: everyone syncs until nobody has anything pending and a full round pulls nothing new.
            for (SyncWorld.Client c : clients) {
                c.login(USER);
            }
            for (int round = 0; round < 10; round++) {
                int moved = 0;
                for (SyncWorld.Client c : clients) {
                    SyncEngine.Report r = c.sync();
                    moved += r.applied() + r.refused() + r.pulled();
                }
                if (moved == 0) {
                    break;
                }
            }
            SyncWorld.Client fresh = world.client("fresh", USER, Clock.systemUTC());
            fresh.sync();
            Set<String> codes = new TreeSet<>();
            for (SyncWorld.Client c : clients) {
                assertEquals(0, c.cache.sync().pendingCount(), c.name + " has nothing left to send");
                c.cache.dossiers().page(DossierFilter.all(), 0, 100_000).forEach(r -> codes.add(r.code()));
                assertTrue(c.cache.auditLog().verify().isEmpty(), c.name + " audit chain");
            }
            String summary = "seed " + seed + ": " + codes.size() + " dossiers, " + changes + " changes, " + syncs + " syncs (" + failedSyncs
                    + " failed), " + serverKills + " server kills, " + restarts + " workstation restarts";
            System.out.println("SoakTest " + summary);
            assertTrue(codes.size() > 5, summary);
            for (String code : codes) {
                Dossier truth = fresh.dossier(code);
                for (SyncWorld.Client c : clients) {
                    SyncTest.assertSameHistory(truth, c.dossier(code));
                }
            }
            assertTrue(fresh.cache.auditLog().verify().isEmpty());
        }
    }

    /** One random legal action on a random local dossier; false when none was possible. */
    private static boolean actRandomly(SyncWorld.Client c, Random random) {
        List<vn.motcua.store.DossierRow> rows = c.cache.dossiers().page(DossierFilter.all(), 0, 200);
        if (rows.isEmpty()) {
            return false;
        }
        Dossier d = c.dossier(rows.get(random.nextInt(rows.size())).code());
        Instant now = c.clock.instant();
        List<DossierAction> possible = new ArrayList<>();
        for (Role role : Role.values()) {
            for (ActionAvailability a : SyncWorld.LIFECYCLE.allowedActions(d, c.actor(USER, role), now)) {
                if (a.whyDisabled().isEmpty() && a.action() != DossierAction.TRANSFER && !possible.contains(a.action())) {
                    possible.add(a.action());
                }
            }
        }
        if (possible.isEmpty()) {
            return false;
        }
        DossierAction action = possible.get(random.nextInt(possible.size()));
        TransitionRule rule = SyncWorld.LIFECYCLE.rule(action).orElseThrow();
        Role role = rule.roles().iterator().next();
        try {
            c.act(d.code(), command(action, d, now), USER, role);
            return true;
        } catch (TransitionException e) {
            return false; // the command's data did not fit (e.g. an extension after the due time)
        }
    }

    private static Command command(DossierAction action, Dossier d, Instant now) {
        return switch (action) {
            case RECEIVE -> new Command.Receive(null, now.plus(Duration.ofDays(3)));
            case REFUSE -> new Command.Refuse("Không thuộc thẩm quyền", null);
            case REQUEST_SUPPLEMENT -> new Command.RequestSupplement("Thiếu giấy tờ", null);
            case RECEIVE_SUPPLEMENT -> new Command.ReceiveSupplement(null);
            case ASSIGN -> new Command.Assign(USER);
            case START_PROCESSING -> new Command.StartProcessing();
            case REQUEST_PAYMENT -> new Command.RequestPayment("Lệ phí");
            case CONFIRM_PAYMENT -> new Command.ConfirmPayment(new FeePayment("Lệ phí", 8000, now, "BL-1", false));
            case SUBMIT_FOR_APPROVAL -> new Command.SubmitForApproval();
            case APPROVE -> new Command.Approve();
            case SEND_BACK -> new Command.SendBack("Xem lại");
            case ISSUE -> new Command.Issue(new ResultDocument("Kết quả", "1/KQ", LocalDate.now(), null));
            case RETURN_DOSSIER -> new Command.ReturnDossier("Không đủ điều kiện");
            case TRANSFER -> new Command.Transfer("H21", "Liên thông");
            case STOP -> new Command.Stop("Theo đề nghị");
            case WITHDRAW -> new Command.Withdraw("Công dân rút");
            case MARK_RESULT_READY -> new Command.MarkResultReady();
            case DELIVER_RESULT -> new Command.DeliverResult(Delivery.planned(DeliveryMethod.AT_COUNTER, ""));
            case EXTEND -> new Command.Extend(d.dueAt() == null ? now.plus(Duration.ofDays(5)) : d.dueAt().plus(Duration.ofDays(3)), "Cần xác minh");
            case SUBMIT_ONLINE -> throw new IllegalArgumentException();
        };
    }
}
