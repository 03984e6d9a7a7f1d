package vn.motcua.sync.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Updates through the provincial server (docs/sync-protocol.md, "Updates"): workstations report what they run and ask
 * what to install; they download signed packages (client versions and settings packs) by their SHA-256, resumably;
 * administrators upload packages, stage a client version by agency and percentage, and see every workstation's version.
 * Packages are verified by the workstation against its own release certificate, never on the server's word.
 */
public final class UpdateProtocol {
    /** {@code POST} an {@link UpdateCheck}: answers an {@link UpdateAnswer}. */
    public static final String CHECK = Protocol.BASE + "/updates/check";
    /** {@code GET …/packages/<sha256>}: the signed package; {@code Range: bytes=N-} resumes (206). */
    public static final String PACKAGES = Protocol.BASE + "/updates/packages/";
    /** {@code PUT} a signed package as the body (admin): answers its {@link PackageInfo}; {@code GET}: the list. */
    public static final String ADMIN_PACKAGES = Protocol.BASE + "/admin/updates/packages";
    /** {@code PUT} a {@link Rollout} (admin); {@code GET}: the list. */
    public static final String ADMIN_ROLLOUTS = Protocol.BASE + "/admin/updates/rollouts";
    /** {@code GET} (admin): every workstation's last report, {@link WorkstationList}. */
    public static final String ADMIN_WORKSTATIONS = Protocol.BASE + "/admin/updates/workstations";
    /** Client packages carry every file of a version (~80 MB) or only the changed ones; settings packs are small. */
    public static final long MAX_PACKAGE = 400L << 20;
    public static final String CLIENT = "client";
    public static final String SETTINGS = "settings";

    private UpdateProtocol() {
    }

    /**
     * What a workstation runs, reported at each check. {@code problem}: the last thing that went wrong with an update
     * (rolled back, disk full…), in plain words, or null.
     */
    public record UpdateCheck(String workstationId, String platform, String version, String settingsVersion, String problem) {
    }

    /** A package the server holds; {@code id} is the SHA-256 of the signed file. */
    public record PackageInfo(String id, String kind, String platform, String version, String base, LocalDate effective, long size,
            String signer, String uploadedBy, Instant uploadedAt) {
    }

    /** The client package to install (null: stay), and the settings packs newer than the workstation's, oldest first. */
    public record UpdateAnswer(PackageInfo install, List<PackageInfo> settingsPacks) {
    }

    /**
     * A client version released to the workstations of {@code agencies} (empty: every agency) and, among them, to
     * {@code percent} % (a stable share: the same workstations stay in as the percentage grows).
     */
    public record Rollout(String platform, String version, List<String> agencies, int percent, String stagedBy, Instant stagedAt) {
    }

    public record PackageList(List<PackageInfo> packages) {
    }

    public record RolloutList(List<Rollout> rollouts) {
    }

    /** A workstation's last report. */
    public record WorkstationVersion(String workstationId, String agencyCode, String username, String platform, String version,
            String settingsVersion, String problem, Instant reportedAt) {
    }

    public record WorkstationList(List<WorkstationVersion> workstations) {
    }
}
