package vn.motcua.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A real small or read-only file system for "full disk" and "read-only installation" cases: a tmpfs of a few MB mounted
 * on a test folder (as root, or with password-less sudo, which the test command needs for its packages anyway).
 * Permission bits are no test of read-only here: root writes through them.
 */
final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** A tmpfs of {@code kilobytes} on {@code dir} (created). */
    static SmallDisk mount(Path dir, long kilobytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs", dir.toString()),
                "needs root or password-less sudo to mount a tmpfs");
        return new SmallDisk(dir);
    }

    Path dir() {
        return dir;
    }

    /** From now on the file system refuses every write (EROFS), as a read-only installation share does. */
    SmallDisk readOnly() throws IOException, InterruptedException {
        if (!run("mount", "-o", "remount,ro", dir.toString())) {
            throw new IOException("cannot remount " + dir + " read-only");
        }
        return this;
    }

    /** Fills the file system but {@code leaveKilobytes}. */
    SmallDisk fill(long leaveKilobytes) throws IOException {
        Path filler = dir.resolve("filler");
        long free = Files.getFileStore(dir).getUsableSpace() - leaveKilobytes * 1024;
        if (free > 0) {
            try (var out = Files.newOutputStream(filler)) {
                byte[] buf = new byte[64 * 1024];
                for (long n = 0; n < free; n += buf.length) {
                    out.write(buf, 0, (int) Math.min(buf.length, free - n));
                }
            }
        }
        return this;
    }

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            c.addAll(List.of("sudo", "-n"));
        }
        c.addAll(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor() == 0;
        if (!ok) {
            System.out.println("SmallDisk: " + String.join(" ", c) + ": " + out.strip());
        }
        return ok;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", dir.toString());
    }
}
