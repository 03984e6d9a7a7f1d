package vn.motcua.ui.dossiers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;
import vn.motcua.ui.testing.Grid;
import vn.motcua.ui.testing.Workbench;

/**
 * {@code releng/bench ui --dir DIR}: the dossier list of a big cache (built by {@code releng/bench store}) in the real
 * workbench under Xvfb, with the product's heap. Not part of the test suite (the name does not end in Test; it also
 * skips itself without {@code -Dmotcua.bench.dir}). Prints: time to open the list (count and first rows painted),
 * scrolling (jumps across the list and page-downs, each until the rows shown have their text), a status filter and a
 * typed search; then, as the same run's baseline, the store's own count and first page on the same file.
 */
class DossierListBench {
    @Test
    void dossierListOfABigCache() throws Exception {
        String dirProperty = System.getProperty("motcua.bench.dir");
        if (dirProperty == null || dirProperty.isBlank()) {
            System.out.println("DossierListBench: a benchmark, run by releng/bench ui --dir DIR");
            return;
        }
        Path dir = Path.of(dirProperty);
        CacheKey key = CacheKey.fromHex(Files.readString(dir.resolve("bench.key")).strip());
        if (!CacheKeyRing.exists(dir)) {
            // The benchmark cache as a demo data folder: the published demo accounts open it.
            DemoData.demoKeyRing(dir, key);
        }
        System.out.printf("ui bench: %s, heap max %d MB%n", dir, Runtime.getRuntime().maxMemory() >> 20);
        // An older cache is brought to the current schema first, so the timings below are the list's alone.
        long m0 = System.nanoTime();
        try (LocalCache cache = CacheOpener.open(dir, key)) {
            System.out.printf("  cache opened (schema %d) before the run   %8.0f ms%n", cache.schemaVersion(), ms(m0));
        }
        long t0 = System.nanoTime();
        Workbench wb = Workbench.launchAs("demo", dir);
        try {
            wb.awaitWindow();
            System.out.printf("  workbench window after login              %8.0f ms%n", ms(t0));
            long s0 = System.nanoTime();
            wb.showPart("vn.motcua.ui.dossiers.part.list");
            Grid table = wb.grid("dossiers.table");
            Label count = wb.find("dossiers.count", Label.class);
            wb.waitUntil("the first rows", () -> table.rowCount() > 0 && !table.text(0, 0).isEmpty(), Duration.ofSeconds(120));
            double open = ms(s0);
            System.out.printf("  dossier list open (count + first rows)    %8.0f ms   [%s]%n", open, wb.call(count::getText));
            int total = table.rowCount();
            int visible = Math.max(1, table.visibleRows() - 1);

            // Scrolling right after the window opens (SQL pages the list: the list memory is still being built), then
            // again once the list memory is ready (it walks the list in order: any page at once).
            scrolling(wb, table, total, visible, "memory building");
            wb.service(LocalCache.class).awaitListMemory(600_000);
            System.out.printf("  list memory ready (from the launch)        %8.0f ms%n", ms(t0));
            scrolling(wb, table, total, visible, "memory ready");


            // A status filter, as picked in the combo.
            Combo status = wb.find("dossiers.status", Combo.class);
            long f0 = System.nanoTime();
            wb.run(() -> {
                status.select(1);
                status.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            });
            double blocked = ms(f0);
            awaitList(wb, table);
            System.out.printf("  status filter '%s': UI blocked %6.0f ms, list shown after %6.0f ms   [%s]%n", wb.call(() -> status.getItem(1)), blocked,
                    ms(f0), wb.call(count::getText));
            wb.run(() -> {
                status.select(0);
                status.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            });
            awaitList(wb, table);

            // A search typed letter by letter (the list follows each keystroke).
            Text search = wb.find("dossiers.search", Text.class);
            for (String query : new String[] { "hung", "nguyen van hung" }) {
                wb.run(() -> search.setText(""));
                long q0 = System.nanoTime();
                double slowest = 0;
                for (int i = 1; i <= query.length(); i++) {
                    String typed = query.substring(0, i);
                    long k0 = System.nanoTime();
                    wb.run(() -> search.setText(typed));
                    slowest = Math.max(slowest, ms(k0));
                }
                long last = System.nanoTime();
                awaitList(wb, table);
                System.out.printf("  typing '%s': %d keystrokes, UI blocked at most %6.0f ms per keystroke; list shown %6.0f ms after the last"
                        + " (%6.0f ms from the first)   [%s]%n", query, query.length(), slowest, ms(last), ms(q0), wb.call(count::getText));
            }
            // Header clicks: the whole list ordered by due time, then by code, then newest first again.
            for (int column : new int[] { DossierTable.DUE, DossierTable.CODE, DossierTable.RECEIVED }) {
                long h0 = System.nanoTime();
                table.clickHeader(column);
                double headerBlocked = ms(h0);
                awaitList(wb, table);
                System.out.printf("  order by '%s' (header click): UI blocked %6.0f ms, list shown after %6.0f ms; first row %s%n", table.header(column),
                        headerBlocked, ms(h0), table.text(0, column));
            }
            wb.screenshot("bench-list-1m");
        } finally {
            wb.close();
        }

        // Baseline in the same run: the store's own count and first page of the same list, no UI.
        try (LocalCache cache = CacheOpener.open(dir, key)) {
            double[] runs = new double[5];
            for (int i = 0; i < runs.length; i++) {
                long b0 = System.nanoTime();
                cache.dossiers().listCount(DossierFilter.all());
                cache.dossiers().page(DossierFilter.all(), 0, 100);
                runs[i] = ms(b0);
            }
            Arrays.sort(runs);
            System.out.printf("  baseline: store count + first 100 rows    first %6.0f ms, then p50 %6.0f ms%n", runs[runs.length - 1], runs[2]);
        }
    }

    /** Scroll-bar jumps to 10 points across the list, then 60 page-downs from a third of it; prints both. */
    private static void scrolling(Workbench wb, Grid table, int total, int visible, String when) {
        // Jumps: the scroll bar dragged to points across the list.
        List<Double> jumps = new ArrayList<>();
        List<Double> jumpsBlocked = new ArrayList<>();
        for (double at : new double[] { 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 0.3, 0.6 }) {
            int index = (int) Math.min(total - 1L, (long) (total * at));
            double[] m = scrollTo(wb, table, index, visible);
            jumpsBlocked.add(m[0]);
            jumps.add(m[1]);
        }
        // Page-downs from a point in the middle: what holding the key or the wheel does.
        List<Double> pageDowns = new ArrayList<>();
        List<Double> pageDownsBlocked = new ArrayList<>();
        int from = total / 3;
        for (int i = 0; i < 60; i++) {
            double[] m = scrollTo(wb, table, Math.min(total - 1, from + i * visible), visible);
            pageDownsBlocked.add(m[0]);
            pageDowns.add(m[1]);
        }
        System.out.printf("  [%s] scroll jumps (10 points across the list)  rows shown p50 %6.0f ms, max %6.0f ms; UI blocked max %6.0f ms%n",
                when, pct(jumps, 50), pct(jumps, 100), pct(jumpsBlocked, 100));
        System.out.printf("  [%s] page-downs (60, %d rows each)         rows shown p50 %6.0f ms, p95 %6.0f ms, max %6.0f ms; UI blocked max %6.0f ms%n",
                when, visible, pct(pageDowns, 50), pct(pageDowns, 95), pct(pageDowns, 100), pct(pageDownsBlocked, 100));

    }

    /** Waits until the list shows the newest filter's rows (the part computes slow ones off the UI thread). */
    private static void awaitList(Workbench wb, Grid table) {
        wb.waitUntil("the list of the newest filter", () -> !Boolean.TRUE.equals(table.data(DossierListPart.PENDING_KEY))
                && (table.rowCount() == 0 || !table.text(0, 0).isEmpty()), Duration.ofSeconds(120));
    }

    /**
     * Scrolls so that {@code index} is the top row and returns {time the UI thread was busy, time until the rows
     * shown have their text} (a slow page fills its rows when read, off the UI thread).
     */
    private static double[] scrollTo(Workbench wb, Grid table, int index, int visible) {
        long t = System.nanoTime();
        int last = Math.min(table.rowCount(), index + visible);
        table.scrollTop(index); // paints the rows now on screen, reading what is read in time
        double blocked = ms(t);
        wb.waitUntil("the rows on screen", () -> {
            for (int i = index; i < last; i++) {
                if (table.text(i, 0).isEmpty()) {
                    return false;
                }
            }
            return true;
        }, Duration.ofSeconds(120));
        return new double[] { blocked, ms(t) };
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1 < 0 ? 0 : (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
