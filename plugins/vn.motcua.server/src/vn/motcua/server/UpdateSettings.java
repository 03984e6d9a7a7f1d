package vn.motcua.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import vn.motcua.sync.api.UpdateProtocol;

/**
 * The server's update settings ({@code update.*} of {@code server.properties}, or {@code MOTCUA_UPDATE_*}):
 * {@code update.release.certificate}, the province's release certificate(s) as PEM (uploads signed by another key are
 * refused; without it the server accepts no packages), {@code update.max.package.mb}; packages are kept in
 * {@code <data.dir>/updates/}.
 */
public record UpdateSettings(Path releaseCertificate, long maxPackageBytes, Path storeDir) {

    public static UpdateSettings defaults(Path dataDir) {
        return new UpdateSettings(null, UpdateProtocol.MAX_PACKAGE, dataDir.resolve("updates"));
    }

    public static UpdateSettings load(Path file, Map<String, String> env, Path dataDir) throws IOException {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        Path base = file == null ? Path.of(".").toAbsolutePath() : file.toAbsolutePath().getParent();
        String cert = ServerConfig.value(p, env, "update.release.certificate", "");
        long mb = Long.parseLong(ServerConfig.value(p, env, "update.max.package.mb", Long.toString(UpdateProtocol.MAX_PACKAGE >> 20)));
        return new UpdateSettings(cert.isEmpty() ? null : base.resolve(cert), Math.min(mb, UpdateProtocol.MAX_PACKAGE >> 20) << 20,
                dataDir.resolve("updates"));
    }
}
