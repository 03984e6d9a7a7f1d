package vn.motcua.desk;

/**
 * Told after a use case committed its change, so lists and details showing the dossier refresh. In the product the
 * DS component {@link EventAdminDeskEvents} posts each change on the OSGi event admin under {@link #TOPIC}, the topic
 * the screens already follow for sync; tests record them.
 */
public interface DeskEvents {
    /** The event topic of a dossier change (the same as the application's "dossiers changed"). */
    String TOPIC = "vn/motcua/dossiers/changed";

    /** Nobody listens (tools, benchmarks). */
    DeskEvents NONE = change -> {
    };

    void changed(DossierChange change);
}
