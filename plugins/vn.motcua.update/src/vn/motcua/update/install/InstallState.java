package vn.motcua.update.install;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Which version of an installation starts ({@code updates/state.properties}); plain Java, read by the launch step
 * before any OSGi exists:
 * <ul>
 * <li>{@code current}: the version under {@code updates/versions/} that starts; empty = the installation's own files;</li>
 * <li>{@code previous}: the one before it, kept for a rollback;</li>
 * <li>{@code pending}: staged and verified, starts at the next launch;</li>
 * <li>{@code trial}, {@code trialFrom}, {@code attempts}: a new version on its first starts, until it reaches its first
 * window (then it becomes {@code current}); if it fails, {@code trialFrom} starts again;</li>
 * <li>{@code failed}: versions rolled back, never installed again automatically;</li>
 * <li>{@code notice}, {@code noticeVersion}: what the next start should tell the user once (rolled back, postponed).</li>
 * </ul>
 */
public final class InstallState {
    private final Properties p = new Properties();

    public static InstallState read(Reader r) throws IOException {
        InstallState s = new InstallState();
        s.p.load(r);
        return s;
    }

    public void write(Writer w) throws IOException {
        p.store(w, "MộtCửa Desk: which version starts (written by the program; see docs/operations.md)");
    }

    private String get(String key) {
        return p.getProperty(key, "").strip();
    }

    private void set(String key, String value) {
        if (value == null || value.isEmpty()) {
            p.remove(key);
        } else {
            p.setProperty(key, value);
        }
    }

    public String current() {
        return get("current");
    }

    public void current(String v) {
        set("current", v);
    }

    public String previous() {
        return get("previous");
    }

    public void previous(String v) {
        set("previous", v);
    }

    public String pending() {
        return get("pending");
    }

    public void pending(String v) {
        set("pending", v);
    }

    public String trial() {
        return get("trial");
    }

    public String trialFrom() {
        return get("trialFrom");
    }

    public int attempts() {
        try {
            return Integer.parseInt(get("attempts"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void attempts(int n) {
        set("attempts", n == 0 ? "" : Integer.toString(n));
    }

    /** Starts {@code version} on trial; {@code from} starts again if it fails. */
    public void beginTrial(String version, String from) {
        set("trial", version);
        set("trialFrom", from);
        attempts(1);
        pending("");
    }

    public void endTrial() {
        set("trial", "");
        set("trialFrom", "");
        attempts(0);
    }

    public List<String> failed() {
        String f = get("failed");
        return f.isEmpty() ? List.of() : Arrays.asList(f.split(" +"));
    }

    public boolean hasFailed(String version) {
        return failed().contains(version);
    }

    public void addFailed(String version) {
        List<String> f = new ArrayList<>(failed());
        if (!f.contains(version)) {
            f.add(version);
        }
        // The newest few are enough: an older version is refused anyway (never a downgrade).
        set("failed", String.join(" ", f.subList(Math.max(0, f.size() - 10), f.size())));
    }

    /** What the user should be told once: {@code rolledBack} or {@code postponed}, about {@code version}. */
    public void notice(String kind, String version, String reason) {
        set("notice", kind);
        set("noticeVersion", version);
        set("noticeReason", reason);
        set("noticeAt", kind == null || kind.isEmpty() ? "" : Instant.now().toString());
    }

    public String notice() {
        return get("notice");
    }

    public String noticeVersion() {
        return get("noticeVersion");
    }

    public String noticeReason() {
        return get("noticeReason");
    }
}
