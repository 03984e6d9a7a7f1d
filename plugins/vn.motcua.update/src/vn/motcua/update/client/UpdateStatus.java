package vn.motcua.update.client;

/**
 * What the status bar shows about updates: the running version and, when there is something to say, one line.
 *
 * @param kind    what the last check found
 * @param running the version this workstation runs
 * @param version the version concerned (offered, ready, rolled back), or null
 * @param message one line in the user's language, or null when there is nothing to say
 * @param problem the stable key of a problem ({@code install.diskFull}, …), or null
 */
public record UpdateStatus(Kind kind, String running, String version, String message, String problem) {
    public enum Kind {
        /** Nothing to do (or not checked yet). */
        CURRENT,
        /** A package is being downloaded and checked. */
        DOWNLOADING,
        /** A new version is staged; it starts at the next launch. */
        READY,
        /** The last start of a new version failed and the previous one runs again. */
        ROLLED_BACK,
        /** Something stands in the way (read-only installation, full disk, no package, refused package); nothing changed. */
        PROBLEM
    }
}
