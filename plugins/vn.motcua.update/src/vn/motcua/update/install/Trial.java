package vn.motcua.update.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The running version's side of a trial start ({@link StartSwitch}). */
public final class Trial {
    /** System property the launch scripts set to the home of the version they started. */
    public static final String HOME_PROPERTY = "motcua.home";

    private Trial() {
    }

    /**
     * The version started from {@code home} reached its first window: if it was on trial it becomes the current version
     * and the one before it the previous; folders of older versions are removed. True when a trial was confirmed.
     */
    public static boolean confirm(Installation installation, Path home) throws IOException {
        Path mine = home.toAbsolutePath().normalize();
        boolean confirmed = installation.update(s -> {
            if (s.trial().isEmpty() || !installation.home(s.trial()).equals(mine)) {
                return false;
            }
            s.previous(s.trialFrom());
            s.current(s.trial());
            s.endTrial();
            return true;
        });
        if (confirmed) {
            removeUnused(installation);
        }
        return confirmed;
    }

    /** Deletes version folders that are neither current, previous nor pending (and leftovers of interrupted staging). */
    public static void removeUnused(Installation installation) throws IOException {
        InstallState s = installation.state();
        Set<String> keep = new java.util.HashSet<>(java.util.List.of(s.current(), s.previous(), s.pending(), s.trial()));
        if (!Files.isDirectory(installation.versionsDir())) {
            return;
        }
        try (var dirs = Files.list(installation.versionsDir())) {
            for (Path d : dirs.toList()) {
                if (!keep.contains(d.getFileName().toString())) {
                    vn.motcua.update.FileTrees.delete(d);
                }
            }
        }
    }
}
