package vn.motcua.training.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

import vn.motcua.training.scenario.Scenario;
import vn.motcua.training.scenario.Scenarios;
import vn.motcua.training.scenario.TrainingWorkspace;

/**
 * {@code releng/bench training}: how long the one-click reset of a training workstation takes, per exercise,
 * against a same-run baseline: copying the resulting cache file and key ring into place (the least any reset
 * could cost). Target: ≤ 5 s per reset.
 */
public final class ResetBench {
    private ResetBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Files.createTempDirectory("motcua-reset-bench");
        System.out.printf("releng/bench training: %d rounds per exercise, Java %s, %d CPUs, max heap %d MB%n", rounds, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| exercise | reset p50 | reset max | baseline: copy the files p50 | cache file |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Scenario s : Scenarios.builtIn()) {
            Path ws = root.resolve(s.id());
            double[] reset = new double[rounds];
            double[] copy = new double[rounds];
            for (int i = 0; i < rounds + 1; i++) {
                long t0 = System.nanoTime();
                TrainingWorkspace.reset(ws, s, 1000 + i, Instant.now());
                long t1 = System.nanoTime();
                Path copyDir = root.resolve(s.id() + "-copy");
                Files.createDirectories(copyDir);
                long t2 = System.nanoTime();
                Files.copy(ws.resolve("motcua.mv.db"), copyDir.resolve("motcua.mv.db"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(ws.resolve("motcua.keys"), copyDir.resolve("motcua.keys"), StandardCopyOption.REPLACE_EXISTING);
                long t3 = System.nanoTime();
                if (i > 0) { // the first round warms the JIT up
                    reset[i - 1] = (t1 - t0) / 1e6;
                    copy[i - 1] = (t3 - t2) / 1e6;
                }
            }
            Arrays.sort(reset);
            Arrays.sort(copy);
            System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.1f ms | %.1f MB |%n", s.id(), reset[rounds / 2], reset[rounds - 1],
                    copy[rounds / 2], Files.size(ws.resolve("motcua.mv.db")) / 1e6);
        }
        try (Stream<Path> w = Files.walk(root)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
