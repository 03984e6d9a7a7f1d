package vn.motcua.core.code;

/** A dossier code handed out, and where its number came from. */
public record CodeAllocation(DossierCode code, Source source) {
    public enum Source {
        /** A block reserved from the server while online. */
        RESERVED_BLOCK,
        /** The workstation's fixed offline slice ({@link OfflineFallbackPolicy}); final, never renumbered. */
        OFFLINE_FALLBACK
    }
}
