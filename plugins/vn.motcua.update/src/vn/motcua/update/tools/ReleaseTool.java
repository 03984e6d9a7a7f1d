package vn.motcua.update.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vn.motcua.update.ManifestEntry;
import vn.motcua.update.PackageException;
import vn.motcua.update.PackageHeader;
import vn.motcua.update.ReleaseTrust;
import vn.motcua.update.SignedPackage;
import vn.motcua.update.VerifiedPackage;

/**
 * The release manager's command line (run by the build and by {@code releng/release-tool}):
 *
 * <pre>
 * keygen   --key FILE.p12 --subject "CN=…" [--years 10]            a release key and its certificate (FILE.pem)
 * dev-key  --key FILE.p12                                          the development key: made once if missing
 * client   --product DIR --out FILE.p7m --key FILE.p12 [--base OLD.p7m --cert CERT.pem | --base-product OLD-DIR]
 *                                                                  a client version; with a base only the changed files
 * upload   --server URL --package FILE.p7m [--user admin]         to the provincial server (password: MOTCUA_ADMIN_PASSWORD)
 * release  --server URL --platform P --version V [--agencies A,B] [--percent N]
 * list     packages|rollouts|workstations --server URL
 * settings --files DIR --version V --effective YYYY-MM-DD --out FILE.p7m --key FILE.p12 [--note TEXT]
 * verify   FILE.p7m --cert release-certificate.pem               checks a package and prints what it holds
 * </pre>
 *
 * The key's password comes from the environment variable named by {@code --password-env} (default
 * {@code MOTCUA_RELEASE_KEY_PASSWORD}); {@code --dev true} uses the development key's, {@value #DEV_PASSWORD}.
 */
public final class ReleaseTool {
    /** Password of development keys only (made on the fly by local builds and tests; worthless by design). */
    public static final String DEV_PASSWORD = "motcua-dev";

    private ReleaseTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> o = options(args);
        switch (args[0]) {
        case "keygen" -> {
            ReleaseKeys k = ReleaseKeys.generate(Path.of(req(o, "key")), password(o), req(o, "subject"), Integer.parseInt(o.getOrDefault("years", "10")));
            Path pem = pemOf(Path.of(req(o, "key")));
            Files.writeString(pem, k.certificatePem(), StandardCharsets.US_ASCII);
            System.out.println("release key " + req(o, "key") + ", certificate " + pem + ", SHA-256 " + ReleaseTrust.fingerprint(k.certificate()));
        }
        case "dev-key" -> {
            Path key = Path.of(req(o, "key"));
            ReleaseKeys k = Files.isRegularFile(key) ? ReleaseKeys.load(key, DEV_PASSWORD.toCharArray())
                    : ReleaseKeys.generate(key, DEV_PASSWORD.toCharArray(), "CN=MotCua Desk DEVELOPMENT release key - not for a province,O=local build", 30);
            Files.writeString(pemOf(key), k.certificatePem(), StandardCharsets.US_ASCII);
            System.out.println("development release key " + key + " (SHA-256 " + ReleaseTrust.fingerprint(k.certificate()) + ")");
        }
        case "client" -> {
            ReleaseKeys k = ReleaseKeys.load(Path.of(req(o, "key")), password(o));
            List<ManifestEntry> base = null;
            String baseVersion = null;
            if (o.containsKey("base-product")) {
                Path b = Path.of(o.get("base-product"));
                base = PackageBuilder.manifest(b);
                baseVersion = vn.motcua.update.install.Installation.versionInfo(b).getProperty("version");
            } else if (o.containsKey("base")) {
                try (VerifiedPackage b = SignedPackage.open(Path.of(o.get("base")), ReleaseTrust.load(Path.of(req(o, "cert"))),
                        Files.createTempFile("motcua-base", ".zip"))) {
                    base = b.manifest();
                    baseVersion = b.header().version();
                }
            }
            PackageHeader h = PackageBuilder.client(Path.of(req(o, "product")), base, baseVersion, Path.of(req(o, "out")), k);
            System.out.println("client package " + req(o, "out") + ": " + h.platform() + " " + h.version() + (h.delta() ? " (changes since " + h.base() + ")" : ""));
        }
        case "settings" -> {
            ReleaseKeys k = ReleaseKeys.load(Path.of(req(o, "key")), password(o));
            PackageHeader h = PackageBuilder.settings(Path.of(req(o, "files")), req(o, "version"), LocalDate.parse(req(o, "effective")),
                    o.getOrDefault("note", ""), Path.of(req(o, "out")), k);
            System.out.println("settings pack " + req(o, "out") + ": " + h.version() + " effective " + h.effective());
        }
        case "upload" -> {
            ServerAdmin admin = admin(o);
            var info = admin.upload(Path.of(req(o, "package")));
            System.out.println("uploaded " + info.kind() + " " + info.platform() + " " + info.version()
                    + (info.base().isEmpty() ? "" : " (changes since " + info.base() + ")") + ", id " + info.id());
        }
        case "release" -> {
            List<String> agencies = o.getOrDefault("agencies", "").isBlank() ? List.of() : List.of(o.get("agencies").split(","));
            admin(o).release(req(o, "platform"), req(o, "version"), agencies, Integer.parseInt(o.getOrDefault("percent", "100")));
            System.out.println("released " + req(o, "version") + " for " + req(o, "platform") + " to "
                    + (agencies.isEmpty() ? "every agency" : String.join(", ", agencies)) + ", " + o.getOrDefault("percent", "100") + " % of workstations");
        }
        case "list" -> {
            String what = args.length > 1 ? args[1] : "";
            if (!ServerAdmin.LISTS.containsKey(what)) {
                usage();
            }
            System.out.println(admin(o).list(ServerAdmin.LISTS.get(what)));
        }
        case "verify" -> {
            if (args.length < 2) {
                usage();
            }
            try (VerifiedPackage p = SignedPackage.open(Path.of(args[1]), ReleaseTrust.load(Path.of(req(o, "cert"))),
                    Files.createTempFile("motcua-verify", ".zip"))) {
                PackageHeader h = p.header();
                System.out.println("OK: " + h.kind() + " " + h.platform() + " " + h.version() + (h.delta() ? " base " + h.base() : "")
                        + (h.effective() != null ? " effective " + h.effective() : "") + ", " + p.files().size() + " files carried, signed by "
                        + p.signer().getSubjectX500Principal().getName());
            } catch (PackageException e) {
                System.err.println("REFUSED: " + e.message(java.util.Locale.ENGLISH));
                System.exit(1);
            }
        }
        default -> usage();
        }
    }

    private static ServerAdmin admin(Map<String, String> o) throws java.io.IOException {
        String env = o.getOrDefault("password-env", "MOTCUA_ADMIN_PASSWORD");
        String p = System.getenv(env);
        if (p == null) {
            System.err.println("release-tool: set the administrator's password in the environment variable " + env);
            System.exit(2);
        }
        String url = req(o, "server");
        return new ServerAdmin(java.net.URI.create(url.endsWith("/") ? url : url + "/"), o.getOrDefault("user", "admin"), p.toCharArray());
    }

    private static Path pemOf(Path key) {
        String n = key.getFileName().toString();
        return key.resolveSibling((n.endsWith(".p12") ? n.substring(0, n.length() - 4) : n) + ".pem");
    }

    private static char[] password(Map<String, String> o) {
        if ("true".equals(o.get("dev"))) {
            return DEV_PASSWORD.toCharArray();
        }
        String env = o.getOrDefault("password-env", "MOTCUA_RELEASE_KEY_PASSWORD");
        String p = System.getenv(env);
        if (p == null) {
            System.err.println("release-tool: set the key's password in the environment variable " + env);
            System.exit(2);
        }
        return p.toCharArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                o.put(args[i].substring(2), args[++i]);
            }
        }
        return o;
    }

    private static String req(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            System.err.println("release-tool: --" + name + " is required");
            usage();
        }
        return v;
    }

    private static void usage() {
        System.err.println("""
                usage: release-tool keygen   --key FILE.p12 --subject "CN=…,O=…" [--years 10]
                       release-tool dev-key  --key FILE.p12
                       release-tool client   --product DIR --out FILE.p7m --key FILE.p12 [--base OLD.p7m --cert CERT.pem | --base-product DIR]
                       release-tool settings --files DIR --version V --effective YYYY-MM-DD --out FILE.p7m --key FILE.p12 [--note TEXT]
                       release-tool verify   FILE.p7m --cert release-certificate.pem
                       release-tool upload   --server URL --package FILE.p7m [--user admin]
                       release-tool release  --server URL --platform linux.gtk.x86_64 --version V [--agencies A,B] [--percent N]
                       release-tool list     packages|rollouts|workstations --server URL [--user admin]
                (the key's password: MOTCUA_RELEASE_KEY_PASSWORD; the server administrator's: MOTCUA_ADMIN_PASSWORD;
                 or the variable named by --password-env)""");
        System.exit(2);
    }
}
