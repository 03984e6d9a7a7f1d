package vn.motcua.excel;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.store.JpaProcedureRepository;

/**
 * Imports a procedure list: {@link #read} (streaming, never writes), {@link #preview} against the store, then
 * {@link #commit} of the whole preview in one transaction. Any failure while reading ends as an
 * {@link ExcelImportException}; nothing is written before {@code commit}.
 */
public final class CatalogueImporter {
    /** What to do with stored procedures the file does not list. */
    public enum MissingPolicy {
        KEEP, MARK_INACTIVE
    }

    private final MappingMemory memory;

    /** @param memory where corrected column mappings are remembered; null to remember nothing */
    public CatalogueImporter(MappingMemory memory) {
        this.memory = memory;
    }

    public ParsedCatalogue read(Path file) throws ExcelImportException {
        return read(file, null, () -> false, rows -> {
        });
    }

    /**
     * @param mapping   the user's column mapping (remembered for this header shape), null to recognise/recall
     * @param cancelled polled between rows
     * @param progress  told the number of rows read so far
     */
    public ParsedCatalogue read(Path file, ColumnMapping mapping, BooleanSupplier cancelled, LongConsumer progress)
            throws ExcelImportException {
        FileSniffer.Kind kind = FileSniffer.sniff(file);
        CatalogueReader reader = new CatalogueReader(file.getFileName().toString(), mapping == null ? null : mapping.columns(),
                memory, cancelled, progress);
        WorkbookStreamer.read(file, kind, reader);
        ParsedCatalogue parsed = reader.result();
        if (mapping != null && memory != null) {
            try {
                memory.remember(parsed.mapping());
            } catch (java.io.IOException e) {
                // Only the convenience is lost; the import itself goes on.
            }
        }
        return parsed;
    }

    public ImportPreview preview(ParsedCatalogue parsed, JpaProcedureRepository store) {
        return preview(parsed, store.latestVersions());
    }

    /** Compares with the newest stored version of every code ({@code existing}). */
    public static ImportPreview preview(ParsedCatalogue parsed, List<Procedure> existing) {
        Map<String, Procedure> stored = new HashMap<>();
        for (Procedure p : existing) {
            stored.put(p.code(), p);
        }
        List<ImportPreview.Change> changes = new ArrayList<>();
        java.util.Set<String> inFile = new java.util.HashSet<>();
        for (ParsedCatalogue.Entry e : parsed.entries()) {
            Procedure imp = e.procedure();
            inFile.add(imp.code());
            Procedure old = stored.get(imp.code());
            if (old == null) {
                changes.add(new ImportPreview.Change(ImportPreview.Kind.NEW, imp.code(), null, imp, List.of()));
                continue;
            }
            List<ImportPreview.FieldDiff> diffs = diff(old, imp);
            changes.add(new ImportPreview.Change(diffs.isEmpty() ? ImportPreview.Kind.UNCHANGED : ImportPreview.Kind.CHANGED,
                    imp.code(), old, imp, diffs));
        }
        for (Procedure p : existing) {
            if (!inFile.contains(p.code()) && p.active()) {
                changes.add(new ImportPreview.Change(ImportPreview.Kind.NOT_IN_FILE, p.code(), p, null, List.of()));
            }
        }
        return new ImportPreview(parsed, List.copyOf(changes));
    }

    /**
     * Field-by-field comparison of what an import sets; papers are not in lists and stay, and so does a cut-off the
     * list's time text does not state.
     */
    static List<ImportPreview.FieldDiff> diff(Procedure a, Procedure b) {
        List<ImportPreview.FieldDiff> d = new ArrayList<>();
        add(d, "name", a.name(), b.name());
        add(d, "fieldName", a.fieldName(), b.fieldName());
        add(d, "level", a.level(), b.level());
        if (b.cutOffTime() != null) {
            add(d, "cutOffTime", a.cutOffTime(), b.cutOffTime());
        }
        if (!sameTimes(a.processingTimes(), b.processingTimes())) {
            add(d, "processingTimes", a.processingTimes(), b.processingTimes());
        }
        if (!sameFees(a.fees(), b.fees())) {
            add(d, "fees", a.fees(), b.fees());
        }
        add(d, "implementingAgency", a.implementingAgency(), b.implementingAgency());
        add(d, "legalBasis", a.legalBasis(), b.legalBasis());
        add(d, "onlineLevel", a.onlineLevel(), b.onlineLevel());
        add(d, "active", a.active(), b.active());
        return d;
    }

    /**
     * Same amount and unit, and the same text, where an empty text equals the text the export writes for it
     * ("3 ngày làm việc"): a stored time without catalogue wording re-imports unchanged.
     */
    static boolean sameTimes(Map<Channel, ProcessingTime> a, Map<Channel, ProcessingTime> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Channel c : a.keySet()) {
            ProcessingTime x = a.get(c);
            ProcessingTime y = b.get(c);
            if (!Objects.equals(x.amount(), y.amount()) || x.unit() != y.unit()
                    || !CatalogueExporter.timeText(x).equals(CatalogueExporter.timeText(y))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameFees(Map<Channel, Fee> a, Map<Channel, Fee> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Channel c : a.keySet()) {
            Fee x = a.get(c);
            Fee y = b.get(c);
            if (!Objects.equals(x.amountVnd(), y.amountVnd()) || !CatalogueExporter.feeText(x).equals(CatalogueExporter.feeText(y))) {
                return false;
            }
        }
        return true;
    }

    private static void add(List<ImportPreview.FieldDiff> d, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            d.add(new ImportPreview.FieldDiff(field, String.valueOf(a), String.valueOf(b)));
        }
    }

    /**
     * Writes every new and changed procedure (and, by {@code missing}, inactive versions of those not in the
     * file) as new versions in one transaction. Refuses a preview with errors. Returns the number of versions
     * written; 0 when the file matches the store.
     */
    public static int commit(ImportPreview preview, MissingPolicy missing, JpaProcedureRepository store, LocalDate effective)
            throws ExcelImportException {
        if (!preview.canCommit()) {
            throw new ExcelImportException("import.HAS_ERRORS", preview.parsed().fileName());
        }
        List<Procedure> writes = new ArrayList<>();
        for (ImportPreview.Change c : preview.changes()) {
            switch (c.kind()) {
                case NEW -> writes.add(version(c.imported(), null, 1, true, effective));
                case CHANGED -> writes.add(version(c.imported(), c.existing(), c.existing().version() + 1, true, effective));
                case NOT_IN_FILE -> {
                    if (missing == MissingPolicy.MARK_INACTIVE) {
                        writes.add(version(c.existing(), c.existing(), c.existing().version() + 1, false, effective));
                    }
                }
                case UNCHANGED -> {
                }
            }
        }
        if (!writes.isEmpty()) {
            store.saveAll(writes);
        }
        return writes.size();
    }

    private static Procedure version(Procedure p, Procedure old, int version, boolean active, LocalDate effective) {
        return new Procedure(p.code(), p.name(), p.fieldName(), p.level(), p.processingTimes(),
                p.cutOffTime() != null || old == null ? p.cutOffTime() : old.cutOffTime(), p.fees(), old == null ? p.requiredDocuments() : old.requiredDocuments(),
                p.legalBasis(), p.implementingAgency(), p.onlineLevel(), active, version, effective);
    }
}
