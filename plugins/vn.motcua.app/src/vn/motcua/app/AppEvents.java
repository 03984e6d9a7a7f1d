package vn.motcua.app;

/** Event-broker topics the screens share. */
public final class AppEvents {
    /** Dossiers in the cache changed behind the screens' back (a sync round stored the server's versions). */
    public static final String DOSSIERS_CHANGED = "vn/motcua/dossiers/changed";

    private AppEvents() {
    }
}
