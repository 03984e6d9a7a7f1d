package vn.motcua.update;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip of a package whose signature {@link SignedPackage#open} verified: its header, its manifest (client versions)
 * and the files it carries ({@code files/<path>}), each read with a size cap so a zip's own size fields are never
 * trusted. Close it to release the zip.
 */
public final class VerifiedPackage implements AutoCloseable {
    private static final String FILES = "files/";
    private final Path zip;
    private final ZipFile file;
    private final PackageHeader header;
    private final List<ManifestEntry> manifest;
    private final Map<String, ZipEntry> files;
    private final X509Certificate signer;

    private VerifiedPackage(Path zip, ZipFile file, PackageHeader header, List<ManifestEntry> manifest, Map<String, ZipEntry> files,
            X509Certificate signer) {
        this.zip = zip;
        this.file = file;
        this.header = header;
        this.manifest = manifest;
        this.files = files;
        this.signer = signer;
    }

    static VerifiedPackage read(Path zip, X509Certificate signer) throws PackageException {
        ZipFile z;
        try {
            z = new ZipFile(zip.toFile());
        } catch (IOException e) {
            throw new PackageException(e, "package.malformed", "zip");
        }
        try {
            if (z.size() > SignedPackage.MAX_ENTRIES) {
                throw new PackageException("package.tooLarge", SignedPackage.MAX_ENTRIES);
            }
            ZipEntry h = z.getEntry(PackageHeader.FILE);
            if (h == null) {
                throw new PackageException("package.malformed", PackageHeader.FILE);
            }
            PackageHeader header;
            try (InputStream in = capped(z.getInputStream(h), 64 * 1024)) {
                header = PackageHeader.read(in);
            }
            List<ManifestEntry> manifest = List.of();
            if (header.client()) {
                ZipEntry m = z.getEntry(ManifestEntry.FILE);
                if (m == null) {
                    throw new PackageException("package.malformed", ManifestEntry.FILE);
                }
                try (InputStream in = capped(z.getInputStream(m), 8L << 20)) {
                    manifest = ManifestEntry.read(in);
                }
            }
            Map<String, ZipEntry> files = new LinkedHashMap<>();
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || name.equals(PackageHeader.FILE) || name.equals(ManifestEntry.FILE)) {
                    continue;
                }
                if (!name.startsWith(FILES) || !ManifestEntry.safePath(name.substring(FILES.length()))) {
                    throw new PackageException("package.badPath", name);
                }
                files.put(name.substring(FILES.length()), entry);
            }
            return new VerifiedPackage(zip, z, header, manifest, files, signer);
        } catch (PackageException e) {
            closeQuietly(z);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(z);
            throw new PackageException(e, "package.malformed", e.getMessage());
        }
    }

    public PackageHeader header() {
        return header;
    }

    /** Every file of the client version (empty for a settings pack). */
    public List<ManifestEntry> manifest() {
        return manifest;
    }

    /** The paths this package carries. */
    public java.util.Set<String> files() {
        return files.keySet();
    }

    public boolean carries(String path) {
        return files.containsKey(path);
    }

    public X509Certificate signer() {
        return signer;
    }

    /** A carried file, read at most {@code maxBytes} (more is a refusal, not a truncation). */
    public InputStream open(String path, long maxBytes) throws PackageException {
        ZipEntry e = files.get(path);
        if (e == null) {
            throw new PackageException("package.malformed", path);
        }
        try {
            return capped(file.getInputStream(e), maxBytes);
        } catch (IOException x) {
            throw new PackageException(x, "package.malformed", path);
        }
    }

    @Override
    public void close() {
        closeQuietly(file);
        SignedPackage.deleteQuietly(zip);
    }

    private static void closeQuietly(ZipFile z) {
        try {
            z.close();
        } catch (IOException ignored) {
            // read-only use
        }
    }

    /** A stream that fails (rather than stops) past {@code max} bytes. */
    static InputStream capped(InputStream in, long max) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++read > max) {
                    throw new ZipException("entry larger than " + max + " bytes");
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0 && (read += n) > max) {
                    throw new ZipException("entry larger than " + max + " bytes");
                }
                return n;
            }
        };
    }
}
