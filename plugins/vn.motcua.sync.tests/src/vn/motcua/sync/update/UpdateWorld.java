package vn.motcua.sync.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.update.tools.PackageBuilder;
import vn.motcua.update.tools.ReleaseKeys;

/**
 * A sync world whose server hosts updates: a release key made for the run (never a real one), the server configured
 * with its certificate, and small client versions signed with it.
 */
final class UpdateWorld implements AutoCloseable {
    static final String PLATFORM = "linux.gtk.x86_64";
    final Path dir;
    final ReleaseKeys province;
    final ReleaseKeys stranger;
    final SyncWorld world;

    UpdateWorld(Path dir, Map<String, String> serverSettings) throws Exception {
        this.dir = dir;
        province = ReleaseKeys.generate(dir.resolve("province.p12"), "pw".toCharArray(), "CN=Tinh thu nghiem release key", 1);
        stranger = ReleaseKeys.generate(dir.resolve("stranger.p12"), "pw".toCharArray(), "CN=stranger", 1);
        Path cert = dir.resolve("release-certificate.pem");
        Files.writeString(cert, province.certificatePem(), StandardCharsets.US_ASCII);
        Map<String, String> settings = new java.util.HashMap<>(serverSettings);
        settings.put("update.release.certificate", cert.toString());
        world = new SyncWorld(dir.resolve("world"), settings);
    }

    /** A client version folder (an unchanged 512 KB library, a versioned application bundle). */
    Path version(String version) throws IOException {
        Path v = dir.resolve("product-" + version);
        Files.createDirectories(v.resolve("plugins"));
        Files.createDirectories(v.resolve("configuration"));
        byte[] library = new byte[512 * 1024];
        new java.util.Random(7).nextBytes(library);
        Files.write(v.resolve("plugins/org.library_1.0.0.jar"), library);
        Files.writeString(v.resolve("plugins/vn.motcua.app_" + version + ".jar"), "application " + version);
        Files.writeString(v.resolve("configuration/config.ini"), "osgi.bundles=reference:file:vn.motcua.app_" + version + ".jar@4\n");
        Files.writeString(v.resolve("motcua-version.properties"), "version=" + version + "\nplatform=" + PLATFORM + "\n");
        Files.writeString(v.resolve("release-certificate.pem"), province.certificatePem(), StandardCharsets.US_ASCII);
        return v;
    }

    /** The signed package of {@code version} (every file; with {@code base}, the changes since it). */
    Path clientPackage(String version, String base, ReleaseKeys key) throws IOException {
        Path out = dir.resolve(version + (base == null ? "" : "-from-" + base) + "-" + key.certificate().getSerialNumber() + ".p7m");
        PackageBuilder.client(version(version), base == null ? null : PackageBuilder.manifest(version(base)), base, out, key);
        return out;
    }

    @Override
    public void close() throws Exception {
        world.close();
    }
}
