package vn.motcua.sync.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link ClientMain} in its own JVM and kills it with SIGKILL once it prints a given line. */
public final class ClientProcess {
    private static final List<String> BUNDLES = List.of("vn.motcua.sync", "vn.motcua.sync.testing", "vn.motcua.store", "vn.motcua.core",
            "vn.motcua.sync.api", "com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-annotations", "com.fasterxml.jackson.datatype.jackson-datatype-jsr310",
            "jakarta.persistence-api", "org.eclipse.persistence.core", "org.eclipse.persistence.jpa", "org.eclipse.persistence.jpa.jpql",
            "org.objectweb.asm", "org.objectweb.asm.commons", "org.objectweb.asm.tree", "com.h2database", "bcprov", "vn.motcua.training");

    /** The class path of a workstation's store and sync in a JVM of its own (ClientMain, StormWorkstation), from the test runtime. */
    public static String classPath() throws java.io.IOException {
        return ServerProcess.classPath(BUNDLES);
    }

    private ClientProcess() {
    }

    /**
     * @return whether it was killed (false: it finished before printing {@code killAfter})
     */
    public static boolean runAndKill(Path data, String keyHex, SyncWorld world, String user, int pushBatch, int pullPage, String killAfter)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classPath(), ClientMain.class.getName(), data.toString(), keyHex,
                world.server.uri().toString(), user, SyncWorld.PASSWORD, Integer.toString(pushBatch), Integer.toString(pullPage)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith(killAfter)) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                    return true;
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("client process failed:\n" + out);
        }
        return false;
    }
}
