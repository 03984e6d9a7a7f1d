package vn.motcua.sync.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.DossierRow;
import vn.motcua.store.LocalCache;

/**
 * What a workstation's data folder holds, for the two-product sync smoke ({@code releng/sync-smoke.sh}): one line
 * per dossier ({@code code|applicant|status}, in code order), then {@code pending N} (changes not yet answered by
 * the server) and {@code conflicts N}. The folder is unlocked with a user's password read from standard input, as
 * the product does; the product must not be running on it.
 *
 * <pre>echo PASSWORD | java -cp … vn.motcua.sync.testing.DataFolderDossiers DATA_FOLDER USER</pre>
 */
public final class DataFolderDossiers {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DataFolderDossiers DATA_FOLDER USER   (password on standard input)");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        char[] password = line == null ? new char[0] : line.toCharArray();
        CacheKey key = CacheKeyRing.load(dataDir).unlock(args[1], password);
        java.util.Arrays.fill(password, '\0');
        try (LocalCache cache = CacheOpener.open(dataDir, key)) {
            int total = (int) cache.dossiers().count(DossierFilter.all());
            for (DossierRow r : cache.dossiers().page(DossierFilter.all().withSort(DossierFilter.Sort.CODE), 0, total)) {
                System.out.println(r.code() + "|" + r.applicantName() + "|" + r.status());
            }
            try (Connection c = cache.connection(); Statement s = c.createStatement()) {
                System.out.println("pending " + count(s, "SELECT COUNT(*) FROM sync_outbox"));
                System.out.println("conflicts " + count(s, "SELECT COUNT(*) FROM sync_conflict"));
            }
        } finally {
            key.destroy();
        }
    }

    private static long count(Statement s, String sql) throws java.sql.SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private DataFolderDossiers() {
    }
}
