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
        return run(args, null);
    }

    /** {@code password} null: read from the console (not echoed), or the first line of standard input. */
    static int run(String[] args, char[] password) {
        Locale locale = null;
        Path dataDir = null;
        String user = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-nl") && i + 1 < args.length) {
                locale = Locale.forLanguageTag(args[++i]);
            } else if (args[i].equals("--user") && i + 1 < args.length) {
                user = args[++i];
            } else {
                dataDir = Path.of(args[i]);
            }
        }
        if (dataDir == null || user == null) {
            System.err.println(AuditLog.usage(locale));
            return 2;
        }
        Path file = CacheOpener.databaseFile(dataDir);
        if (!Files.isRegularFile(file) || !CacheKeyRing.exists(dataDir)) {
            System.err.println(AuditLog.cannotOpen(locale, file, "no such file"));
            return 2;
        }
        CacheKey key;
        try {
            char[] pw = password != null ? password : readPassword(locale);
            try {
                key = CacheKeyRing.load(dataDir).unlock(user, pw);
            } finally {
                java.util.Arrays.fill(pw, '\0');
            }
        } catch (CacheKeyRing.WrongPasswordException e) {
            System.err.println(AuditLog.wrongPassword(locale));
            return 2;
        } catch (java.io.IOException e) {
            System.err.println(AuditLog.cannotOpen(locale, file, e.getMessage()));
            return 2;
        }
        JdbcDataSource ds = new JdbcDataSource();
        // Read-only: a check must never change the evidence it checks.
        ds.setURL(CacheOpener.url(dataDir) + ";ACCESS_MODE_DATA=r");
        ds.setUser("motcua");
        ds.setPasswordChars(CacheOpener.h2Password(key));
        key.destroy();
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

    private static char[] readPassword(Locale locale) throws java.io.IOException {
        java.io.Console console = System.console();
        if (console != null) {
            char[] pw = console.readPassword("%s", AuditLog.passwordPrompt(locale));
            return pw == null ? new char[0] : pw;
        }
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
