package vn.motcua.sign.trust;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Whether this workstation asks revocation services online: {@code revocation.online} in the data folder's
 * {@code signing.properties} (default true). The addresses asked are written inside certificates — for the verification
 * screen, inside anyone's PDF — so an admin can turn the asking off where PCs must not reach out; verification then says
 * plainly that revocation could not be checked, and signing warns as when a responder is unreachable.
 */
public final class OnlineRevocation {
    public static final String FILE = "signing.properties";
    public static final String KEY = "revocation.online";

    private OnlineRevocation() {
    }

    public static boolean enabled(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return true;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | RuntimeException e) {
            return true;
        }
        return !"false".equalsIgnoreCase(p.getProperty(KEY, "true").strip());
    }

    /** The online checker within the standard limits, or null when an admin turned asking off. */
    public static RevocationChecker checker(Path dataDir) {
        return enabled(dataDir) ? new RevocationChecker(RevocationChecker.Limits.standard()) : null;
    }
}
