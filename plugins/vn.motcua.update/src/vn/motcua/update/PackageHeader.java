package vn.motcua.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * What a package says about itself ({@code package.properties}, inside the signed content, so it is as trustworthy as
 * the signature): a client version (all files, or only those changed since {@code base}) or a settings pack taking
 * effect on {@code effective}.
 *
 * @param kind     {@link #CLIENT} or {@link #SETTINGS}
 * @param product  {@link #PRODUCT}
 * @param platform e.g. {@code linux.gtk.x86_64}; {@code any} for settings packs
 * @param version  the product version, or the settings pack's version (e.g. {@code 2026.12.01})
 * @param base     for a client package holding only changed files: the version it applies to; empty = every file
 * @param effective for a settings pack: the first day it applies (Vietnam's calendar day); null for client packages
 */
public record PackageHeader(String kind, String product, String platform, String version, String base, LocalDate effective, String note) {
    public static final String FILE = "package.properties";
    public static final String CLIENT = "client";
    public static final String SETTINGS = "settings";
    public static final String PRODUCT = "vn.motcua.client";
    public static final String ANY_PLATFORM = "any";

    public PackageHeader {
        base = base == null ? "" : base;
        note = note == null ? "" : note;
    }

    public boolean client() {
        return CLIENT.equals(kind);
    }

    public boolean delta() {
        return !base.isEmpty();
    }

    public static PackageHeader read(InputStream in) throws PackageException {
        Properties p = new Properties();
        try {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new PackageException(e, "package.malformed", FILE);
        }
        String kind = p.getProperty("kind", "");
        String version = p.getProperty("version", "");
        String base = p.getProperty("base", "");
        LocalDate effective = null;
        if (!(CLIENT.equals(kind) || SETTINGS.equals(kind))) {
            throw new PackageException("package.malformed", FILE + ": kind=" + kind);
        }
        if (CLIENT.equals(kind) ? !Versions.valid(version) || !base.isEmpty() && !Versions.valid(base) : !version.matches("[0-9A-Za-z._-]{1,64}")) {
            throw new PackageException("package.malformed", FILE + ": version=" + version);
        }
        if (SETTINGS.equals(kind)) {
            try {
                effective = LocalDate.parse(p.getProperty("effective", ""));
            } catch (DateTimeParseException e) {
                throw new PackageException(e, "package.malformed", FILE + ": effective=" + p.getProperty("effective"));
            }
        }
        String platform = p.getProperty("platform", SETTINGS.equals(kind) ? ANY_PLATFORM : "");
        if (!platform.matches("[0-9A-Za-z._-]{1,40}")) {
            throw new PackageException("package.malformed", FILE + ": platform=" + platform);
        }
        return new PackageHeader(kind, p.getProperty("product", ""), platform, version, base, effective, p.getProperty("note", ""));
    }

    public void write(Writer w) throws IOException {
        Properties p = new Properties();
        p.setProperty("kind", kind);
        p.setProperty("product", product);
        p.setProperty("platform", platform);
        p.setProperty("version", version);
        if (!base.isEmpty()) {
            p.setProperty("base", base);
        }
        if (effective != null) {
            p.setProperty("effective", effective.toString());
        }
        if (!note.isEmpty()) {
            p.setProperty("note", note);
        }
        p.store(w, "MộtCửa Desk package");
    }
}
