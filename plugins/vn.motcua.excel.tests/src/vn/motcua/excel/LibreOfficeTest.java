package vn.motcua.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Procedure;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;

/**
 * Interoperability with an independent writer and reader: LibreOffice (Debian's libreoffice-calc-nogui,
 * installed by releng/deps.sh) re-saves our test workbooks as .xlsx/.xls, which we import; and it opens our
 * export and writes it as CSV, which must hold exactly what we exported.
 */
class LibreOfficeTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    @TempDir
    Path dir;

    @Test
    void workbooksWrittenByLibreOfficeImportLikeOursAndOurExportOpensInLibreOffice() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path decision = Workbooks.save(Workbooks.decision(false), src.resolve("quyet-dinh.xlsx"));
        try (LocalCache cache = CacheOpener.open(dir.resolve("data"), KEY)) {
            DemoData.seed(cache, DemoData.DEFAULT_SEED, 0, Instant.parse("2026-01-05T02:00:00Z"));
            List<Procedure> catalogue = cache.procedures().activeCatalogue();
            Path export = src.resolve("danh-muc.xlsx");
            CatalogueExporter.write(catalogue, export);

            Path loXlsx = soffice("xlsx", dir.resolve("lo-xlsx"), decision, export);
            Path loXls = soffice("xls", dir.resolve("lo-xls"), decision, export);
            Path loCsv = soffice("csv:Text - txt - csv (StarCalc):44,34,76,1", dir.resolve("lo-csv"), export);

            CatalogueImporter importer = new CatalogueImporter(null);
            ParsedCatalogue ours = importer.read(decision);
            for (Path lo : List.of(loXlsx.resolve("quyet-dinh.xlsx"), loXls.resolve("quyet-dinh.xls"))) {
                ParsedCatalogue theirs = importer.read(lo);
                assertFalse(theirs.hasErrors(), () -> lo + ": " + theirs.problems());
                assertEquals(ours.entries().stream().map(e -> e.procedure().code() + "|" + e.procedure().name() + "|" + e.procedure().fieldName()
                        + "|" + e.procedure().level() + "|" + e.procedure().processingTimes() + "|" + e.procedure().fees()).toList(),
                        theirs.entries().stream().map(e -> e.procedure().code() + "|" + e.procedure().name() + "|" + e.procedure().fieldName()
                                + "|" + e.procedure().level() + "|" + e.procedure().processingTimes() + "|" + e.procedure().fees()).toList(),
                        lo.toString());
                assertEquals(ours.problems().stream().map(p -> p.key() + "@" + p.row() + ":" + p.column()).toList(),
                        theirs.problems().stream().map(p -> p.key() + "@" + p.row() + ":" + p.column()).toList());
            }
            // Our export, re-saved by LibreOffice in both formats, still matches the store.
            for (Path lo : List.of(loXlsx.resolve("danh-muc.xlsx"), loXls.resolve("danh-muc.xls"))) {
                ImportPreview p = importer.preview(importer.read(lo), cache.procedures());
                assertEquals(catalogue.size(), p.count(ImportPreview.Kind.UNCHANGED), () -> lo + ": " + p.changes());
            }
            // And LibreOffice reads what we wrote: the CSV holds our cells.
            List<List<String>> csv = parseCsv(Files.readString(loCsv.resolve("danh-muc.csv"), StandardCharsets.UTF_8));
            assertEquals(catalogue.size() + 1, csv.size());
            assertEquals("Mã TTHC", csv.get(0).get(1));
            for (int i = 0; i < catalogue.size(); i++) {
                Procedure p = catalogue.get(i);
                List<String> row = csv.get(i + 1);
                assertEquals(String.valueOf(i + 1), row.get(0));
                assertEquals(p.code(), row.get(1), "code stays text, trailing zeros kept");
                assertEquals(p.name(), row.get(2));
                assertEquals(p.fieldName(), row.get(3));
                assertEquals(CatalogueExporter.timeText(p.processingTimes().get(vn.motcua.core.model.Channel.IN_PERSON)), row.get(5));
                assertEquals(String.join("\n", p.legalBasis()), row.get(12));
            }
        }
    }

    /** One soffice run converting all {@code files} (a private profile so parallel runs do not collide). */
    private Path soffice(String format, Path outDir, Path... files) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        List<String> cmd = new ArrayList<>(List.of("soffice", "-env:UserInstallation=" + dir.resolve("lo-profile").toUri(), "--headless",
                "--convert-to", format, "--outdir", outDir.toString()));
        for (Path f : files) {
            cmd.add(f.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "soffice did not finish");
        assertEquals(0, p.exitValue(), () -> {
            try {
                return Files.readString(dir.resolve("soffice.log"));
            } catch (IOException e) {
                return e.toString();
            }
        });
        return outDir;
    }

    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
