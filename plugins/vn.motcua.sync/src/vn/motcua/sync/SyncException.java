package vn.motcua.sync;

/** A sync attempt that failed; the kind says whether retrying later can help. */
public final class SyncException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No connection, a timeout, a dropped connection: retry with backoff. */
        UNREACHABLE,
        /** Token expired or refused: log in again. */
        UNAUTHORISED,
        /** The server speaks another protocol version: update the software. */
        PROTOCOL,
        /** The server failed or refused the request as a whole: retry with backoff. */
        SERVER,
        /** The address would carry passwords and data unencrypted (http:// to another machine): fix it; retrying cannot help. */
        INSECURE
    }

    private final Kind kind;

    public SyncException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
