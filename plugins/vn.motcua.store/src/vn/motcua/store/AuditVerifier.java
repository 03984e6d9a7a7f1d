package vn.motcua.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import org.h2.jdbcx.JdbcDataSource;

/**
 * Command-line check of a data folder's audit log, for administrators:
 *
 * <pre>
 * java -cp "vn.motcua.store_*.jar:vn.motcua.core_*.jar:h2-*.jar" vn.motcua.store.AuditVerifier [-nl en] DATA_FOLDER
 * </pre>
 *
 * (the three jars are in the product's {@code plugins/} folder; see the store bundle's README). Opens the H2
 * file read-only and changes nothing. Prints the result in Vietnamese (default) or English; exit code 0 =
 * intact, 1 = broken (the first broken sequence is printed), 2 = the cache cannot be opened (e.g. MộtCửa Desk
 * is running on it) or wrong arguments.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Locale locale = null;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-nl") && i + 1 < args.length) {
                locale = Locale.forLanguageTag(args[++i]);
            } else {
                dataDir = Path.of(args[i]);
            }
        }
        if (dataDir == null) {
            System.err.println(AuditLog.usage(locale));
            return 2;
        }
        Path file = CacheOpener.databaseFile(dataDir);
        if (!Files.isRegularFile(file)) {
            System.err.println(AuditLog.cannotOpen(locale, file, "no such file"));
            return 2;
        }
        JdbcDataSource ds = new JdbcDataSource();
        // Read-only: a check must never change the evidence it checks.
        ds.setURL("jdbc:h2:file:" + dataDir.resolve(CacheOpener.DB_NAME).toAbsolutePath() + ";ACCESS_MODE_DATA=r");
        ds.setUser("motcua");
        ds.setPassword("");
        try (Connection c = ds.getConnection()) {
            Optional<AuditLog.Break> broken = AuditLog.verify(c);
            if (broken.isPresent()) {
                System.out.println(broken.get().message(locale));
                return 1;
            }
            System.out.println(AuditLog.intactMessage(locale, AuditLog.rows(c)));
            return 0;
        } catch (SQLException e) {
            System.err.println(AuditLog.cannotOpen(locale, file, e.getMessage()));
            return 2;
        }
    }
}
