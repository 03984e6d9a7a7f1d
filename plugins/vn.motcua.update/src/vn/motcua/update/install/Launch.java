package vn.motcua.update.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The launch scripts' job in plain Java, for the Windows installer (its start-menu entries run this class on the
 * installed runtime; {@code motcua.cmd} does too): picks the version that starts (updates, trial, rollback —
 * {@link StartSwitch}), reads its {@code motcua.ini}, starts the application in a child JVM of the same runtime with user
 * data outside the installation, and starts it again on exit code 23 (restart after an update or a language change).
 * Linux keeps {@code motcua.sh}, which needs no extra JVM.
 *
 * <pre>java -Dmotcua.install=DIR -cp DIR/plugins/vn.motcua.update_*.jar vn.motcua.update.install.Launch [--training] [--data DIR] [-nl en] …</pre>
 */
public final class Launch {
    private final Installation installation;
    private final Path java;

    Launch(Installation installation, Path java) {
        this.installation = installation;
        this.java = java;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty(Installation.PROPERTY, ".")).toAbsolutePath().normalize();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path java = windows && Files.isRegularFile(bin.resolve("javaw.exe")) ? bin.resolve("javaw.exe") : bin.resolve(windows ? "java.exe" : "java");
        System.exit(new Launch(new Installation(root), java).run(List.of(args), dataFolder(windows)));
    }

    /** {@code MOTCUA_DATA}, else %LOCALAPPDATA%\MotCua Desk (Windows) or $XDG_DATA_HOME/motcua-desk. */
    static Path dataFolder(boolean windows) {
        String env = System.getenv("MOTCUA_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getProperty("user.home");
        if (windows) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "MotCua Desk");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.local/share", "motcua-desk");
    }

    int run(List<String> args, Path data) throws IOException, InterruptedException {
        boolean training = false;
        List<String> rest = new ArrayList<>();
        List<String> userVm = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--training")) {
                training = true;
            } else if (a.equals("--data") && i + 1 < args.size()) {
                data = Path.of(args.get(++i));
            } else if (a.equals("--user") && i + 1 < args.size()) {
                userVm.add("-Dmotcua.user=" + args.get(++i));
            } else {
                rest.add(a);
            }
        }
        Files.createDirectories(data);
        while (true) {
            Path nextMode = data.resolve("next-mode");
            if (Files.isRegularFile(nextMode)) {
                String m = Files.readString(nextMode).strip();
                training = m.equals("training") || !m.equals("normal") && training;
                Files.delete(nextMode);
            }
            Path runData = training ? data.resolve("training") : data;
            Files.createDirectories(runData.resolve("configuration"));
            InstallState state = installation.state();
            Path home = installation.currentHome(state);
            boolean trial = false;
            if (!state.pending().isEmpty() || !state.trial().isEmpty()) {
                StartSwitch.Start s = new StartSwitch(installation, System.err).before(runData);
                home = s.home();
                trial = s.trial();
            }
            int rc = start(home, runData, data, training, userVm, rest);
            if (trial && new StartSwitch(installation, System.err).after(runData, rc)) {
                continue;
            }
            if (rc != 23) {
                return rc;
            }
        }
    }

    private int start(Path home, Path runData, Path data, boolean training, List<String> userVm, List<String> rest)
            throws IOException, InterruptedException {
        Path launcher;
        try (var plugins = Files.list(home.resolve("plugins"))) {
            launcher = plugins.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_")).findFirst()
                    .orElseThrow(() -> new IOException("no org.eclipse.equinox.launcher in " + home.resolve("plugins")));
        }
        List<String> prog = new ArrayList<>();
        List<String> vm = new ArrayList<>();
        Path ini = Files.isRegularFile(home.resolve("motcua.ini")) ? home.resolve("motcua.ini") : installation.root().resolve("motcua.ini");
        boolean inVm = false;
        for (String line : Files.readAllLines(ini, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.equals("-vmargs")) {
                inVm = true;
            } else {
                (inVm ? vm : prog).add(l);
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(vm);
        cmd.addAll(userVm);
        // The AOT cache made for the installed runtime: the version's own, else the installation's (MOTCUA_AOT=off: none;
        // record=FILE: write one at exit, as the Windows recipe does once).
        String aot = System.getenv("MOTCUA_AOT") == null ? "" : System.getenv("MOTCUA_AOT");
        if (aot.startsWith("record=")) {
            cmd.add("-XX:AOTCacheOutput=" + aot.substring("record=".length()));
        } else if (!aot.equals("off")) {
            for (Path f : List.of(home.resolve("motcua.aot"), installation.root().resolve("motcua.aot"))) {
                if (Files.isRegularFile(f)) {
                    cmd.add("-XX:AOTCache=" + f);
                    break;
                }
            }
        }
        if (training) {
            cmd.add("-Dmotcua.training=true");
        }
        cmd.add("-Dmotcua.launchedAt=" + System.currentTimeMillis());
        cmd.add("-Dmotcua.data=" + runData);
        cmd.add("-Dmotcua.baseData=" + data);
        cmd.add("-D" + Installation.PROPERTY + "=" + installation.root());
        cmd.add("-D" + Trial.HOME_PROPERTY + "=" + home);
        cmd.add("-Dosgi.configuration.cascaded=true");
        cmd.add("-Dosgi.sharedConfiguration.area=" + home.resolve("configuration").toUri());
        cmd.addAll(List.of("-jar", launcher.toString(), "-install", home.toString(), "-configuration", runData.resolve("configuration").toString(),
                "-data", runData.resolve("workspace").toString()));
        // Another version than at the last start: the per-user framework state of the old one is discarded.
        Path stamp = runData.resolve("configuration").resolve(".motcua-home");
        if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(home.toString())) {
            cmd.add("-clean");
            Files.writeString(stamp, home.toString());
        }
        cmd.addAll(prog);
        cmd.addAll(rest);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
