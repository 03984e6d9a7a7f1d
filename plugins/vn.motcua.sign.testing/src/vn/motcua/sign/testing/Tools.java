package vn.motcua.sign.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools the tests rely on; a missing tool fails with the Debian package to install. */
public final class Tools {
    private Tools() {
    }

    public static Path testDir() {
        return Path.of(System.getProperty("motcua.sign.testdir", System.getProperty("java.io.tmpdir")));
    }

    public static void require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail("'" + tool + "' is missing: install the Debian package '" + debianPackage + "' (apt-get install " + debianPackage + ")");
    }

    public record Out(int code, String text) {
    }

    public static Out run(String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timeout: " + String.join(" ", cmd));
        }
        return new Out(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    public static String ok(String... cmd) throws IOException, InterruptedException {
        Out o = run(cmd);
        if (o.code() != 0) {
            fail(String.join(" ", cmd) + " exited " + o.code() + ":\n" + o.text());
        }
        return o.text();
    }

    /** pdfsig's output split per signature ("Signature #1:", …). */
    public static List<String> pdfsig(Path pdf) throws IOException, InterruptedException {
        require("pdfsig", "poppler-utils");
        Out o = run("pdfsig", "-no-ocsp", pdf.toString());
        List<String> blocks = new ArrayList<>();
        String[] parts = o.text().split("(?m)^Signature #\\d+:");
        for (int i = 1; i < parts.length; i++) {
            blocks.add(parts[i]);
        }
        if (blocks.isEmpty()) {
            fail("pdfsig found no signature:\n" + o.text());
        }
        return blocks;
    }
}
