package vn.motcua.sync.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.motcua.core.code.DossierCode;
import vn.motcua.core.model.Dossier;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.store.SyncLedger;

/**
 * After a product was killed: compares what its log says the user was told (every {@code Saved ACTION of dossier CODE}
 * line, every {@code Sync round: …; cursor N; last success T} line) with what its data folder holds when opened again. Prints one line
 * per loss and a summary; exit code 1 when anything acknowledged is missing or the audit chain does not verify.
 *
 * <pre>echo PASSWORD | java -cp … vn.motcua.sync.testing.AcknowledgedCheck DATA_FOLDER USER PRODUCT_LOG</pre>
 */
public final class AcknowledgedCheck {
    private static final Pattern SAVED = Pattern.compile("Saved ([A-Z_]+) of dossier (\\S+)");
    private static final Pattern ROUND = Pattern.compile("Sync round: .*; cursor (\\d+)(?:; last success (\\S+))?");

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: AcknowledgedCheck DATA_FOLDER USER PRODUCT_LOG   (password on standard input)");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        Map<String, List<String>> saved = new LinkedHashMap<>();
        long cursor = 0;
        java.time.Instant lastSuccess = null;
        int rounds = 0;
        for (String line : Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8)) {
            Matcher m = SAVED.matcher(line);
            if (m.find()) {
                saved.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(1));
            }
            m = ROUND.matcher(line);
            if (m.find()) {
                cursor = Math.max(cursor, Long.parseLong(m.group(1)));
                if (m.group(2) != null && !m.group(2).equals("-")) {
                    java.time.Instant t = java.time.Instant.parse(m.group(2));
                    lastSuccess = lastSuccess == null || t.isAfter(lastSuccess) ? t : lastSuccess;
                }
                rounds++;
            }
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        char[] password = line == null ? new char[0] : line.toCharArray();
        CacheKey key = CacheKeyRing.load(dataDir).unlock(args[1], password);
        java.util.Arrays.fill(password, '\0');
        List<String> lost = new ArrayList<>();
        try (LocalCache cache = CacheOpener.open(dataDir, key)) {
            for (Map.Entry<String, List<String>> e : saved.entrySet()) {
                Optional<Dossier> d = cache.dossierRepository().findByCode(e.getKey());
                List<String> actions = d.map(x -> x.events().stream().map(ev -> ev.action().name()).toList()).orElse(List.of());
                if (!actions.containsAll(e.getValue())) {
                    lost.add("lost: " + e.getKey() + " " + e.getValue() + " (reopened with " + actions + ")");
                }
                if (!issued(cache, e.getKey())) {
                    lost.add("number free again: " + e.getKey() + " is not among the issued numbers");
                }
            }
            long reopened = cache.sync().cursor();
            if (reopened < cursor) {
                lost.add("lost sync rounds: cursor " + cursor + " acknowledged, reopened at " + reopened + " (last success "
                        + cache.sync().state(SyncLedger.LAST_SUCCESS).orElse("-") + ")");
            }
            java.time.Instant reopenedSuccess = cache.sync().state(SyncLedger.LAST_SUCCESS).map(java.time.Instant::parse).orElse(null);
            if (lastSuccess != null && (reopenedSuccess == null || reopenedSuccess.isBefore(lastSuccess))) {
                lost.add("lost the last sync round's commit: last success " + lastSuccess + " acknowledged, reopened with " + reopenedSuccess);
            }
            cache.auditLog().verify().ifPresent(b -> lost.add("audit chain broken: " + b));
            lost.forEach(System.out::println);
            // H2 itself must have kept them: a change restored from the journal means the cache came back older.
            System.out.println("journal: " + (cache.recovery().clean() ? "the cache held every acknowledged change"
                    : "the cache came back older; restored " + cache.recovery().restored()));
            System.out.println("acknowledged: " + saved.size() + " dossier changes, " + rounds + " sync rounds up to cursor " + cursor
                    + "; reopened at cursor " + reopened + "; missing " + lost.size());
        } finally {
            key.destroy();
        }
        System.exit(lost.isEmpty() ? 0 : 1);
    }

    /** Whether the dossier's number is recorded as issued here (or the code is not from the number blocks). */
    private static boolean issued(LocalCache cache, String code) throws java.sql.SQLException {
        Optional<DossierCode> parsed = DossierCode.parse(code);
        if (parsed.isEmpty()) {
            return true;
        }
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM issued_number WHERE agency_code = ? AND issue_day = ? AND seq = ?")) {
            p.setString(1, parsed.get().agencyCode());
            p.setDate(2, java.sql.Date.valueOf(parsed.get().receptionDate()));
            p.setInt(3, parsed.get().sequence());
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) == 1;
            }
        }
    }

    private AcknowledgedCheck() {
    }
}
