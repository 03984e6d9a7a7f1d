package vn.motcua.store;

import java.nio.file.Path;

/** The local cache cannot be opened; {@link #kind()} says why so the UI can offer the right way out. */
public class CacheException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why opening failed. */
    public enum Kind {
        /** Another MộtCửa Desk already uses this data folder. */
        LOCKED,
        /** The database file is damaged or not a cache at all; it can be set aside and a fresh cache opened. */
        DAMAGED,
        /** The cache was written by a newer version of the product. */
        TOO_NEW,
        /** The data folder cannot be written (permissions, disk full). */
        NOT_WRITABLE,
        /** The key does not open this cache file (a key ring copied from another folder); the file is kept. */
        WRONG_KEY
    }

    private final Kind kind;
    private final Path file;

    public CacheException(Kind kind, Path file, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.file = file;
    }

    public Kind kind() {
        return kind;
    }

    /** The file or folder concerned. */
    public Path file() {
        return file;
    }
}
