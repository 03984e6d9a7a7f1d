package vn.motcua.update.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import vn.motcua.update.Digests;
import vn.motcua.update.ManifestEntry;
import vn.motcua.update.PackageHeader;
import vn.motcua.update.SignedPackage;
import vn.motcua.update.install.Installation;

/**
 * Builds signed packages: a client version from a product folder (every file, or only those changed since a base
 * version's manifest), or a settings pack from a folder of settings files.
 */
public final class PackageBuilder {
    private PackageBuilder() {
    }

    /** The files of a client version in a product folder (what {@link ManifestEntry#clientPath} admits), sorted. */
    public static List<ManifestEntry> manifest(Path product) throws IOException {
        List<ManifestEntry> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(product)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                String rel = product.relativize(f).toString().replace('\\', '/');
                if (ManifestEntry.clientPath(rel)) {
                    out.add(new ManifestEntry(Digests.sha256(f), Files.size(f), rel));
                }
            }
        }
        return out;
    }

    /**
     * The client package of {@code product} into {@code out}, signed with {@code keys}: every file, or, with a
     * {@code base} manifest, only the files that differ from it (the base's version is named in the header).
     */
    public static PackageHeader client(Path product, List<ManifestEntry> base, String baseVersion, Path out, ReleaseKeys keys)
            throws IOException {
        Properties info = Installation.versionInfo(product);
        PackageHeader h = new PackageHeader(PackageHeader.CLIENT, PackageHeader.PRODUCT, info.getProperty("platform"), info.getProperty("version"),
                base == null ? "" : baseVersion, null, "");
        List<ManifestEntry> manifest = manifest(product);
        Set<String> unchanged = base == null ? Set.of() : base.stream().map(e -> e.sha256() + " " + e.path()).collect(Collectors.toSet());
        Map<String, Path> carried = new TreeMap<>();
        for (ManifestEntry e : manifest) {
            if (!unchanged.contains(e.sha256() + " " + e.path())) {
                carried.put(e.path(), product.resolve(e.path()));
            }
        }
        sign(h, manifest, carried, out, keys);
        return h;
    }

    /** A settings pack of the files under {@code folder} (relative paths as in a data folder). */
    public static PackageHeader settings(Path folder, String version, java.time.LocalDate effective, String note, Path out, ReleaseKeys keys)
            throws IOException {
        PackageHeader h = new PackageHeader(PackageHeader.SETTINGS, PackageHeader.PRODUCT, PackageHeader.ANY_PLATFORM, version, "", effective, note);
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(f).toString().replace('\\', '/'), f);
            }
        }
        sign(h, null, files, out, keys);
        return h;
    }

    private static void sign(PackageHeader h, List<ManifestEntry> manifest, Map<String, Path> files, Path out, ReleaseKeys keys)
            throws IOException {
        Path zip = out.resolveSibling(out.getFileName() + ".zip.tmp");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o, StandardCharsets.UTF_8)) {
            z.putNextEntry(new ZipEntry(PackageHeader.FILE));
            Writer w = new OutputStreamWriter(z, StandardCharsets.UTF_8);
            h.write(w);
            w.flush();
            z.closeEntry();
            if (manifest != null) {
                z.putNextEntry(new ZipEntry(ManifestEntry.FILE));
                ManifestEntry.write(manifest, w);
                w.flush();
                z.closeEntry();
            }
            for (Map.Entry<String, Path> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry("files/" + f.getKey()));
                try (InputStream in = Files.newInputStream(f.getValue())) {
                    in.transferTo(z);
                }
                z.closeEntry();
            }
        }
        try {
            SignedPackage.sign(zip, out, keys.key(), keys.certificate());
        } finally {
            Files.deleteIfExists(zip);
        }
    }
}
