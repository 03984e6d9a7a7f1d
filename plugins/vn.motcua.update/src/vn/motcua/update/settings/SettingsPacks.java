package vn.motcua.update.settings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import vn.motcua.core.calendar.OfficialSchedule;
import vn.motcua.update.PackageException;
import vn.motcua.update.PackageHeader;
import vn.motcua.update.ReleaseTrust;
import vn.motcua.update.SignedPackage;
import vn.motcua.update.VerifiedPackage;

/**
 * Central settings in a workstation's data folder: signed settings packs from the provincial server, each taking effect
 * on its date, so a new holiday schedule, root certificate, form template or set of Decision 766 weights needs no
 * release. A pack carries files the product already reads from the data folder — {@code official-schedules.txt},
 * {@code index-766.txt}, {@code templates/<pack>/<form>.xml}, {@code trust/<name>.pem|.crt|.cer|.der} and the
 * province's keys of {@code signing.properties} ({@code tsa.url}, {@code stamp.position}, {@code pkcs11.module}; the
 * users' own keys are kept). Each file is checked by what reads it before anything is written; a pack is applied whole
 * or not at all, and the files it replaced are kept in {@code settings-packs/previous/}.
 * <p>
 * Layout: {@code settings-packs/received/<version>.p7m} (verified, waiting for their date),
 * {@code settings-packs/applied.properties} (the version in force and the files packs wrote),
 * {@code settings-packs/previous/} (the files as they were before it).
 */
public final class SettingsPacks {
    public static final String DIR = "settings-packs";
    static final String APPLIED = "applied.properties";
    private static final long MAX_FILE = 4L << 20;
    private static final Pattern TEMPLATE = Pattern.compile("templates/[0-9A-Za-z_-]{1,40}/[0-9A-Za-z_-]{1,40}\\.xml");
    private static final Pattern TRUST = Pattern.compile("trust/[0-9A-Za-z._-]{1,80}\\.(pem|crt|cer|der)");
    private static final Set<String> FILES = Set.of("official-schedules.txt", "index-766.txt", "signing.properties");
    private static final Set<String> SIGNING_KEYS = Set.of("tsa.url", "stamp.position", "pkcs11.module");

    private final Path dataDir;
    private final ReleaseTrust trust;

    public SettingsPacks(Path dataDir, ReleaseTrust trust) {
        this.dataDir = dataDir;
        this.trust = trust;
    }

    private Path dir() {
        return dataDir.resolve(DIR);
    }

    /** The version of the pack in force ("" before the first). */
    public String applied() {
        return applied(dir()).getProperty("version", "");
    }

    /** The newest version received (applied or waiting for its date): what the server need not send again. */
    public String newestReceived() {
        String newest = applied();
        for (String v : received()) {
            if (v.compareTo(newest) > 0) {
                newest = v;
            }
        }
        return newest;
    }

    private List<String> received() {
        Path r = dir().resolve("received");
        if (!Files.isDirectory(r)) {
            return List.of();
        }
        try (var files = Files.list(r)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".p7m")).map(n -> n.substring(0, n.length() - 4)).sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Verifies a downloaded pack (signature, kind, every file) and keeps it until its date; the download is moved, not
     * copied. Returns its header.
     */
    public PackageHeader receive(Path downloaded) throws PackageException {
        PackageHeader h;
        try (VerifiedPackage pkg = open(downloaded)) {
            h = pkg.header();
            contents(pkg);
        }
        try {
            Path target = dir().resolve("received").resolve(h.version() + ".p7m");
            Files.createDirectories(target.getParent());
            Files.move(downloaded, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PackageException(e, "install.failed", e.getMessage());
        }
        return h;
    }

    private VerifiedPackage open(Path p7m) throws PackageException {
        VerifiedPackage pkg = SignedPackage.open(p7m, trust, dataDir.resolve(DIR).resolve("unpack-" + UUID.randomUUID() + ".zip"));
        PackageHeader h = pkg.header();
        if (!PackageHeader.SETTINGS.equals(h.kind()) || !PackageHeader.PRODUCT.equals(h.product())) {
            pkg.close();
            throw new PackageException("package.kind", h.kind() + "/" + h.product());
        }
        return pkg;
    }

    /**
     * Applies, oldest first, every received pack newer than the one in force whose date has come ({@code today}, Vietnam);
     * returns the versions applied.
     */
    public List<String> applyDue(LocalDate today) throws PackageException {
        List<String> done = new ArrayList<>();
        for (String v : received()) {
            if (v.compareTo(applied()) <= 0) {
                continue;
            }
            Path p7m = dir().resolve("received").resolve(v + ".p7m");
            try (VerifiedPackage pkg = open(p7m)) {
                if (pkg.header().effective().isAfter(today)) {
                    // Packs are dated in order: a later one waits for this one.
                    break;
                }
                apply(pkg, contents(pkg));
                done.add(v);
            }
        }
        return done;
    }

    /** Every file of the pack, checked by what reads it; refused whole at the first that does not pass. */
    private static Map<String, byte[]> contents(VerifiedPackage pkg) throws PackageException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        long total = 0;
        for (String path : pkg.files()) {
            if (!FILES.contains(path) && !TEMPLATE.matcher(path).matches() && !TRUST.matcher(path).matches()) {
                throw new PackageException("settings.file", path);
            }
            byte[] bytes;
            try (InputStream in = pkg.open(path, MAX_FILE)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new PackageException(e, "settings.invalid", path, e.getMessage());
            }
            total += bytes.length;
            if (total > 8 * MAX_FILE) {
                throw new PackageException("package.tooLarge", 8 * MAX_FILE);
            }
            check(path, bytes);
            out.put(path, bytes);
        }
        if (out.isEmpty()) {
            throw new PackageException("package.malformed", "files/");
        }
        return out;
    }

    static void check(String path, byte[] bytes) throws PackageException {
        try {
            if (path.equals("official-schedules.txt")) {
                OfficialSchedule.parse(text(bytes), path);
            } else if (path.equals("index-766.txt")) {
                checkIndexRules(text(bytes));
            } else if (path.equals("signing.properties")) {
                Properties p = new Properties();
                p.load(new StringReader(text(bytes)));
                for (String k : p.stringPropertyNames()) {
                    if (!SIGNING_KEYS.contains(k)) {
                        throw new IllegalArgumentException("key " + k + " (allowed: " + String.join(", ", SIGNING_KEYS) + ")");
                    }
                }
            } else if (path.startsWith("trust/")) {
                if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).isEmpty()) {
                    throw new IllegalArgumentException("no certificate");
                }
            } else {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            }
        } catch (IOException | CertificateException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException
                | RuntimeException e) {
            throw new PackageException(e, "settings.invalid", path, String.valueOf(e.getMessage()));
        }
    }

    private static String text(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    /** The shape the reports read ({@code id ; group ; max points ; full-at percent ; measure}). */
    private static void checkIndexRules(String text) {
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split(";", -1);
            if (f.length != 5) {
                throw new IllegalArgumentException("line " + n + ": 5 fields expected, found " + f.length);
            }
            Double.parseDouble(f[2].strip());
            if (!f[3].isBlank()) {
                Double.parseDouble(f[3].strip());
            }
        }
    }

    private void apply(VerifiedPackage pkg, Map<String, byte[]> files) throws PackageException {
        Properties before = applied(dir());
        try {
            Path previous = dir().resolve("previous");
            Path previousTmp = dir().resolve("previous.tmp");
            vn.motcua.update.FileTrees.delete(previousTmp);
            Files.createDirectories(previousTmp);
            // The files as they are now, so the pack in force before this one can be seen and put back by hand.
            for (String path : files.keySet()) {
                Path current = dataDir.resolve(path);
                if (Files.isRegularFile(current)) {
                    Path copy = previousTmp.resolve(path);
                    Files.createDirectories(copy.getParent());
                    Files.copy(current, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (Writer w = Files.newBufferedWriter(previousTmp.resolve(APPLIED), StandardCharsets.UTF_8)) {
                before.store(w, "the pack in force before");
            }
            vn.motcua.update.FileTrees.delete(previous);
            Files.move(previousTmp, previous, StandardCopyOption.ATOMIC_MOVE);
            List<String> written = new ArrayList<>();
            try {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    byte[] bytes = f.getKey().equals("signing.properties") ? mergeSigning(f.getValue()) : f.getValue();
                    write(dataDir.resolve(f.getKey()), bytes);
                    written.add(f.getKey());
                }
            } catch (IOException e) {
                // Whole or not at all: what was written goes back to what it was.
                for (String path : written) {
                    Path saved = previous.resolve(path);
                    if (Files.isRegularFile(saved)) {
                        Files.copy(saved, dataDir.resolve(path), StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.deleteIfExists(dataDir.resolve(path));
                    }
                }
                throw e;
            }
            Properties now = new Properties();
            now.setProperty("version", pkg.header().version());
            now.setProperty("effective", pkg.header().effective().toString());
            now.setProperty("files", String.join(" ", files.keySet()));
            now.setProperty("appliedAt", Instant.now().toString());
            now.setProperty("signer", pkg.signer().getSubjectX500Principal().getName());
            Path tmp = dir().resolve(APPLIED + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                now.store(w, "MộtCửa Desk: the settings pack in force");
            }
            Files.move(tmp, dir().resolve(APPLIED), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PackageException(e, "install.failed", e.getMessage());
        }
    }

    /** The province's signing keys over the workstation's file, which keeps each user's chosen certificate. */
    private byte[] mergeSigning(byte[] pack) throws IOException {
        Properties p = new Properties();
        Path file = dataDir.resolve("signing.properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        Properties mine = new Properties();
        mine.load(new StringReader(new String(pack, StandardCharsets.UTF_8)));
        mine.forEach(p::put);
        java.io.StringWriter w = new java.io.StringWriter();
        p.store(w, "MộtCửa Desk signing settings");
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".pack-tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties applied(Path dir) {
        Properties p = new Properties();
        Path f = dir.resolve(APPLIED);
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // unreadable: as if none was applied; the next pack rewrites it
            }
        }
        return p;
    }
}
