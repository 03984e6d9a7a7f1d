package vn.motcua.update.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import vn.motcua.update.Digests;
import vn.motcua.update.ManifestEntry;
import vn.motcua.update.PackageException;
import vn.motcua.update.PackageHeader;
import vn.motcua.update.VerifiedPackage;
import vn.motcua.update.Versions;

/**
 * Makes a verified client package into a new version folder beside the running one, to start at the next launch:
 * every file of the signed manifest is either taken from the package or, unchanged, from the running version (a hard
 * link where the file system allows, else a copy), and each is checked against its SHA-256 before the folder is named
 * as the version and marked pending. The running version is never touched; a failure (read-only installation, full
 * disk, a file that does not match) leaves no new version behind.
 */
public final class Stager {
    private final Installation installation;

    public Stager(Installation installation) {
        this.installation = installation;
    }

    /**
     * Stages {@code pkg} for the installation running {@code runningHome}; returns its version. Refused: not a client
     * package for this product and platform, not newer than the running version, rolled back before, a changed-files
     * package for another base version.
     */
    public String stage(VerifiedPackage pkg, Path runningHome) throws PackageException {
        Properties running;
        try {
            running = Installation.versionInfo(runningHome);
        } catch (IOException e) {
            throw new PackageException(e, "install.noVersion", runningHome);
        }
        String runningVersion = running.getProperty("version", "");
        PackageHeader h = pkg.header();
        if (!h.client() || !PackageHeader.PRODUCT.equals(h.product())) {
            throw new PackageException("package.kind", h.kind() + "/" + h.product());
        }
        if (!h.platform().equals(running.getProperty("platform", ""))) {
            throw new PackageException("package.platform", h.platform(), running.getProperty("platform", "?"));
        }
        if (!Versions.newer(h.version(), runningVersion)) {
            throw new PackageException("package.notNewer", h.version(), runningVersion);
        }
        if (h.delta() && !h.base().equals(runningVersion)) {
            throw new PackageException("package.needsBase", h.version(), h.base(), runningVersion);
        }
        try {
            if (installation.state().hasFailed(h.version())) {
                throw new PackageException("package.failedBefore", h.version());
            }
            if (!installation.staged(h.version())) {
                build(pkg, runningHome);
            }
            installation.update(s -> {
                s.pending(h.version());
                return null;
            });
            return h.version();
        } catch (AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
            throw new PackageException(e, "install.readOnly", installation.root());
        } catch (FileSystemException e) {
            throw classify(e);
        } catch (IOException e) {
            throw new PackageException(e, "install.failed", e.getMessage());
        }
    }

    private void build(VerifiedPackage pkg, Path runningHome) throws IOException, PackageException {
        String version = pkg.header().version();
        Path versions = installation.versionsDir();
        Files.createDirectories(versions);
        Path staging = versions.resolve(version + ".staging");
        vn.motcua.update.FileTrees.delete(staging);
        long carried = 0;
        Set<String> listed = new HashSet<>();
        for (ManifestEntry e : pkg.manifest()) {
            listed.add(e.path());
            if (pkg.carries(e.path())) {
                carried += e.size();
            }
        }
        for (String f : pkg.files()) {
            if (!listed.contains(f)) {
                throw new PackageException("package.malformed", f);
            }
        }
        long free = Files.getFileStore(versions).getUsableSpace();
        if (free < carried + (32L << 20)) {
            throw new PackageException("install.diskFull", installation.root(), (carried >> 20) + 32, free >> 20);
        }
        Files.createDirectories(staging);
        boolean done = false;
        try {
            for (ManifestEntry e : pkg.manifest()) {
                Path target = staging.resolve(e.path());
                Files.createDirectories(target.getParent());
                String sha;
                if (pkg.carries(e.path())) {
                    try (InputStream in = pkg.open(e.path(), e.size()); OutputStream out = Files.newOutputStream(target)) {
                        sha = Digests.copy(in, out);
                    }
                } else {
                    Path source = runningHome.resolve(e.path());
                    if (!Files.isRegularFile(source)) {
                        throw new PackageException("package.needsBase", version, pkg.header().base(), runningHome);
                    }
                    sha = Digests.sha256(source);
                    if (sha.equals(e.sha256())) {
                        link(source, target);
                    }
                }
                if (!sha.equals(e.sha256()) || !Files.isRegularFile(target) || Files.size(target) != e.size()) {
                    throw new PackageException("package.fileMismatch", e.path());
                }
            }
            Properties info = Installation.versionInfo(staging);
            if (!version.equals(info.getProperty("version"))) {
                throw new PackageException("package.malformed", Installation.VERSION_FILE);
            }
            Files.writeString(staging.resolve(Installation.STAGED), "version=" + version + "\n", StandardCharsets.UTF_8);
            Path home = installation.home(version);
            vn.motcua.update.FileTrees.delete(home);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } finally {
            if (!done) {
                try {
                    vn.motcua.update.FileTrees.delete(staging);
                } catch (IOException ignored) {
                    // what is left is removed at the next staging or confirmation
                }
            }
        }
    }

    /** Unchanged files are shared with the running version: no space, no time; a copy where links are not possible. */
    private static void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private PackageException classify(FileSystemException e) {
        String why = String.valueOf(e.getReason()) + " " + e.getMessage();
        if (why.contains("Read-only") || why.contains("read-only")) {
            return new PackageException(e, "install.readOnly", installation.root());
        }
        if (why.contains("No space") || why.contains("not enough space") || why.contains("There is not enough space")) {
            return new PackageException(e, "install.diskFull", installation.root(), "?", "?");
        }
        return new PackageException(e, "install.failed", why);
    }
}
