package vn.motcua.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import vn.motcua.update.tools.ReleaseKeys;

/** Test releases: keys made per test run (never a real key) and small but complete client version folders. */
final class Releases {
    static final String PLATFORM = "linux.gtk.x86_64";

    private Releases() {
    }

    static ReleaseKeys key(Path dir, String name) throws IOException {
        return ReleaseKeys.generate(dir.resolve(name + ".p12"), "test-pw".toCharArray(), "CN=" + name + " test release key", 1);
    }

    /**
     * A client version folder: a library that never changes (256 KB), an application bundle whose name and content
     * carry the version, the configuration naming it, the version file and the release certificate {@code trusted}.
     */
    static Path version(Path dir, String version, ReleaseKeys trusted) throws IOException {
        Path v = dir.resolve("product-" + version);
        Files.createDirectories(v.resolve("plugins"));
        Files.createDirectories(v.resolve("configuration"));
        byte[] library = new byte[256 * 1024];
        Arrays.fill(library, (byte) 7);
        Files.write(v.resolve("plugins/org.library_1.0.0.jar"), library);
        Files.writeString(v.resolve("plugins/vn.motcua.app_" + version + ".jar"), "application " + version, StandardCharsets.UTF_8);
        Files.writeString(v.resolve("configuration/config.ini"), "osgi.bundles=reference:file:vn.motcua.app_" + version + ".jar@4\n");
        Files.writeString(v.resolve("motcua.ini"), "-nl\nvi\n-vmargs\n-Xmx768m\n");
        Files.writeString(v.resolve("motcua-version.properties"), "version=" + version + "\nplatform=" + PLATFORM + "\n");
        Files.writeString(v.resolve(ReleaseTrust.FILE), trusted.certificatePem(), StandardCharsets.US_ASCII);
        // Installation-level files a version package never carries.
        Files.writeString(v.resolve("motcua.sh"), "#!/bin/sh\n");
        return v;
    }

    /** An installation of {@code product}: a copy of its folder, as the archive unpacks. */
    static Path install(Path product, Path where) throws IOException {
        try (var all = Files.walk(product)) {
            for (Path p : all.toList()) {
                Path t = where.resolve(product.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return where;
    }

    static ReleaseTrust trust(ReleaseKeys k) {
        return new ReleaseTrust(java.util.List.of(k.certificate()));
    }
}
