package vn.motcua.ui.approval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import vn.motcua.sign.pdf.Stamp;

/**
 * This workstation's signing settings, in {@code signing.properties} of the data folder (next to
 * {@code sync.properties}, so an admin can also prepare it by hand): the PKCS#11 module (empty = detect the token
 * vendors' modules), the timestamp authority (empty = PAdES B-B), where the visible stamp goes, and per user the
 * certificate chosen last time — by thumbprint, never by slot, because slot numbers change when tokens move — and
 * whether revocation is asked online ({@link vn.motcua.sign.trust.OnlineRevocation}, set by an admin).
 * {@code -Dmotcua.pkcs11.module} overrides the module (used by tests and by admins trying a module).
 */
public final class SigningSettings {
    public static final String FILE = "signing.properties";
    public static final String MODULE = "pkcs11.module";
    public static final String TSA = "tsa.url";
    public static final String STAMP = "stamp.position";

    /** Where the stamp goes on the last page. */
    public enum StampPlace {
        BOTTOM_RIGHT, BOTTOM_LEFT, TOP_RIGHT;

        Stamp stamp() {
            return switch (this) {
                case BOTTOM_RIGHT -> Stamp.defaultPlace();
                case BOTTOM_LEFT -> new Stamp(-1, 56, 40, 220, 70, null);
                case TOP_RIGHT -> new Stamp(-1, 340, 740, 220, 70, null);
            };
        }
    }

    private final Path file;
    private final Properties props = new Properties();

    public SigningSettings(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                System.getLogger(SigningSettings.class.getName()).log(System.Logger.Level.WARNING, "Ignoring unreadable " + file + ": " + e);
            }
        }
    }

    /** The configured module, or null to detect. */
    public Path module() {
        String v = System.getProperty("motcua.pkcs11.module", props.getProperty(MODULE, "")).strip();
        return v.isEmpty() ? null : Path.of(v);
    }

    public String moduleText() {
        return props.getProperty(MODULE, "");
    }

    /** The TSA, or null; a malformed URL is reported by {@link #check}. */
    public URI tsa() {
        String v = props.getProperty(TSA, "").strip();
        return v.isEmpty() ? null : URI.create(v);
    }

    public String tsaText() {
        return props.getProperty(TSA, "");
    }

    public StampPlace stampPlace() {
        try {
            return StampPlace.valueOf(props.getProperty(STAMP, StampPlace.BOTTOM_RIGHT.name()));
        } catch (IllegalArgumentException e) {
            return StampPlace.BOTTOM_RIGHT;
        }
    }

    /** The organisation's seal stamp: beside the head's, on the other side of the page. */
    public StampPlace issuingPlace() {
        return stampPlace() == StampPlace.BOTTOM_LEFT ? StampPlace.BOTTOM_RIGHT : StampPlace.BOTTOM_LEFT;
    }

    /** Whether OCSP/CRL services are asked online (default yes); see {@link vn.motcua.sign.trust.OnlineRevocation}. */
    public boolean revocationOnline() {
        return !"false".equalsIgnoreCase(props.getProperty(vn.motcua.sign.trust.OnlineRevocation.KEY, "true").strip());
    }

    /** An admin turns asking revocation services online on or off for this workstation. */
    public void revocationOnline(boolean on) throws IOException {
        props.setProperty(vn.motcua.sign.trust.OnlineRevocation.KEY, Boolean.toString(on));
        save();
    }

    public String thumbprintOf(String username) {
        return props.getProperty("certificate." + username, "");
    }

    /** Null when the values can be saved, else which field is wrong (for the dialog to name). */
    public static String check(String module, String tsa) {
        if (!module.isBlank() && !Files.isRegularFile(Path.of(module.strip()))) {
            return MODULE;
        }
        if (!tsa.isBlank()) {
            try {
                URI u = URI.create(tsa.strip());
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                    return TSA;
                }
            } catch (IllegalArgumentException e) {
                return TSA;
            }
        }
        return null;
    }

    public void update(String module, String tsa, StampPlace place) throws IOException {
        props.setProperty(MODULE, module.strip());
        props.setProperty(TSA, tsa.strip());
        props.setProperty(STAMP, place.name());
        save();
    }

    public void rememberCertificate(String username, String thumbprint) throws IOException {
        props.setProperty("certificate." + username, thumbprint);
        save();
    }

    private void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".signing", ".properties");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), "MộtCửa Desk signing settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
