package vn.motcua.excel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import vn.motcua.core.code.ProcedureCode;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.text.VietnameseText;

/** Turns the rows of a catalogue workbook into procedures: header detection, sections, cell parsing. */
final class CatalogueReader implements RowHandler {
    /** Real lists put title rows above the header; it is always within the first rows. */
    static final int HEADER_SEARCH_ROWS = 25;
    private static final Pattern SECTION = Pattern.compile("^\\s*([IVXLC]+|[A-Z]|\\d+)\\s*[.)/]\\s*\\S.*", Pattern.DOTALL);
    private static final Pattern NUMBERING = Pattern.compile("\\(?\\d{1,2}\\)?");
    private static final Pattern FORMULA_ERROR = Pattern.compile("#(DIV/0!|N/A|NAME\\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)");

    private final String fileName;
    private final Map<Integer, ColumnKind> override;
    private final MappingMemory memory;
    private final BooleanSupplier cancelled;
    private final LongConsumer progress;
    private final List<ParsedCatalogue.Entry> entries = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Code → index in {@code entries} of the row that first used it. */
    private final Map<String, Integer> seenCodes = new HashMap<>();
    /**
     * Values that repeat down a list (field, agency, time and fee texts, legal basis) are shared, not copied
     * per row: a 200,000-row list then fits in a small heap. Capped so unique values cannot grow it.
     */
    private final Map<Object, Object> shared = new HashMap<>();
    private final LocalDate today = LocalDate.now();
    private ColumnMapping firstMapping;
    private long rowsRead;
    private boolean anyCell;

    // Per sheet.
    private String sheet;
    /** A row read before the header was found: its index and its cells. */
    private record BufferedRow(int index, String[] cells) {
    }

    private List<BufferedRow> buffer;
    private ColumnMapping mapping;
    private int dataFrom;
    private String sectionField;
    private Level sectionLevel;

    CatalogueReader(String fileName, Map<Integer, ColumnKind> override, MappingMemory memory, BooleanSupplier cancelled,
            LongConsumer progress) {
        this.fileName = fileName;
        this.override = override;
        this.memory = memory;
        this.cancelled = cancelled;
        this.progress = progress;
    }

    ParsedCatalogue result() throws ExcelImportException {
        if (!anyCell) {
            throw new ExcelImportException("file.EMPTY_WORKBOOK", fileName);
        }
        if (firstMapping == null) {
            throw new ExcelImportException("file.NO_HEADER", fileName, HEADER_SEARCH_ROWS);
        }
        return new ParsedCatalogue(fileName, List.copyOf(entries), List.copyOf(problems), firstMapping);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }

    @Override
    public void startSheet(String name) {
        sheet = name;
        buffer = new ArrayList<>();
        mapping = null;
        sectionField = null;
        sectionLevel = null;
    }

    @Override
    public void row(int rowIndex, String[] raw) throws ExcelImportException {
        if (++rowsRead % 1000 == 0) {
            progress.accept(rowsRead);
        }
        String[] cells = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != null) {
                if (raw[i].length() > WorkbookStreamer.MAX_CELL) {
                    problems.add(new Problem(Problem.Severity.ERROR, sheet, rowIndex, i, "cell.HUGE", raw[i].length()));
                    cells[i] = null;
                    anyCell = true;
                    continue;
                }
                String c = VietnameseText.clean(raw[i]);
                if (!c.isEmpty()) {
                    cells[i] = c;
                    anyCell = true;
                }
            }
        }
        if (mapping == null) {
            buffer.add(new BufferedRow(rowIndex, cells));
            if (buffer.size() >= HEADER_SEARCH_ROWS) {
                detectHeader();
            }
            return;
        }
        if (rowIndex >= dataFrom) {
            dataRow(rowIndex, cells);
        }
    }

    @Override
    public void endSheet() throws ExcelImportException {
        if (mapping == null) {
            detectHeader();
        }
    }

    private void detectHeader() throws ExcelImportException {
        List<BufferedRow> rows = buffer;
        buffer = new ArrayList<>();
        int best = -1;
        int bestScore = 1;
        String[] bestHeaders = null;
        int bestSpan = 1;
        for (int i = 0; i < rows.size(); i++) {
            String[] a = rows.get(i).cells();
            String[] single = a;
            int s1 = score(single);
            if (s1 > bestScore) {
                best = i;
                bestScore = s1;
                bestHeaders = single;
                bestSpan = 1;
            }
            if (i + 1 < rows.size() && rows.get(i + 1).index() == rows.get(i).index() + 1) {
                String[] two = combine(a, rows.get(i + 1).cells());
                int s2 = score(two);
                if (s2 > bestScore) {
                    best = i;
                    bestScore = s2;
                    bestHeaders = two;
                    bestSpan = 2;
                }
            }
        }
        if (best < 0 || !hasName(bestHeaders)) {
            return;
        }
        List<String> headers = new ArrayList<>();
        Map<Integer, ColumnKind> cols = new TreeMap<>();
        for (int c = 0; c < bestHeaders.length; c++) {
            headers.add(bestHeaders[c] == null ? "" : bestHeaders[c]);
            ColumnKind k = ColumnKind.recognise(bestHeaders[c]);
            if (k != null && !cols.containsValue(k)) {
                cols.put(c, k);
            }
        }
        String signature = ColumnMapping.signatureOf(headers);
        if (override != null) {
            cols = new TreeMap<>(override);
        } else if (memory != null) {
            Optional<Map<Integer, ColumnKind>> remembered = memory.find(signature);
            if (remembered.isPresent()) {
                cols = new TreeMap<>(remembered.get());
            }
        }
        mapping = new ColumnMapping(signature, headers, cols);
        if (firstMapping == null) {
            firstMapping = mapping;
        }
        int headerRow = rows.get(best).index();
        dataFrom = headerRow + bestSpan;
        for (int i = best + bestSpan; i < rows.size(); i++) {
            dataRow(rows.get(i).index(), rows.get(i).cells());
        }
    }

    private static boolean hasName(String[] headers) {
        for (String h : headers) {
            if (ColumnKind.recognise(h) == ColumnKind.NAME) {
                return true;
            }
        }
        return false;
    }

    private static int score(String[] headers) {
        java.util.Set<ColumnKind> kinds = java.util.EnumSet.noneOf(ColumnKind.class);
        for (String h : headers) {
            ColumnKind k = h == null || h.length() > 200 ? null : ColumnKind.recognise(h);
            if (k != null) {
                kinds.add(k);
            }
        }
        return kinds.size();
    }

    /** Two-row header: a merged group heading (text only in its first cell) over sub-columns. */
    private static String[] combine(String[] top, String[] sub) {
        String[] out = new String[Math.max(top.length, sub.length)];
        String group = null;
        for (int c = 0; c < out.length; c++) {
            String t = c < top.length ? top[c] : null;
            String s = c < sub.length ? sub[c] : null;
            if (t != null) {
                group = t;
            }
            if (s == null) {
                out[c] = t;
                group = t == null ? null : group;
            } else {
                out[c] = (t != null ? t : group == null ? "" : group) + " " + s;
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T> T share(Object key, java.util.function.Supplier<T> make) {
        Object v = shared.get(key);
        if (v == null) {
            v = make.get();
            if (shared.size() < 20_000) {
                shared.put(key, v);
            }
        }
        return (T) v;
    }

    private String cell(String[] cells, ColumnKind kind) {
        int c = mapping.columnOf(kind);
        return c >= 0 && c < cells.length ? cells[c] : null;
    }

    private void dataRow(int row, String[] cells) {
        int filled = 0;
        boolean numbering = true;
        String first = null;
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] != null) {
                filled++;
                first = first == null ? cells[c] : first;
                // Cheap first-character checks before the patterns: this runs for every cell of every row.
                numbering = numbering && cells[c].length() <= 4 && NUMBERING.matcher(cells[c]).matches();
                if (cells[c].startsWith("#") && FORMULA_ERROR.matcher(cells[c]).matches() && mapping.columns().containsKey(c)) {
                    problems.add(new Problem(Problem.Severity.ERROR, sheet, row, c, "cell.FORMULA_ERROR", cells[c]));
                    return;
                }
            }
        }
        if (filled == 0 || numbering) {
            return; // empty rows in the middle, and the "(1) (2) (3)" row under decision headers
        }
        String codeText = cell(cells, ColumnKind.CODE);
        String name = cell(cells, ColumnKind.NAME);
        if (codeText == null && (filled == 1 || SECTION.matcher(first).matches() && (name == null || name.equals(first)))) {
            section(first);
            return;
        }
        if (name == null) {
            problems.add(new Problem(Problem.Severity.ERROR, sheet, row, mapping.columnOf(ColumnKind.NAME), "row.NO_NAME"));
            return;
        }
        int codeCol = mapping.columnOf(ColumnKind.CODE);
        if (codeText == null) {
            problems.add(new Problem(Problem.Severity.ERROR, sheet, row, codeCol, "row.NO_CODE", name));
            return;
        }
        Optional<ProcedureCode.Recovery> rec = ProcedureCode.recover(codeText);
        if (rec.isEmpty()) {
            problems.add(new Problem(Problem.Severity.ERROR, sheet, row, codeCol, "row.BAD_CODE", codeText));
            return;
        }
        String code = rec.get().code().format();
        if (rec.get().recovered()) {
            problems.add(new Problem(Problem.Severity.WARNING, sheet, row, codeCol, "row.CODE_RECOVERED", codeText, code));
        }
        Integer earlier = seenCodes.putIfAbsent(code, entries.size());
        if (earlier != null) {
            ParsedCatalogue.Entry firstUse = entries.get(earlier);
            problems.add(new Problem(Problem.Severity.ERROR, sheet, row, codeCol, "row.DUPLICATE_CODE", code, firstUse.sheet(), firstUse.row() + 1));
            return;
        }
        String fieldCell = cell(cells, ColumnKind.FIELD);
        String field = fieldCell == null ? sectionField : share(fieldCell, () -> fieldCell);
        Level level = sectionLevel == null ? Level.COMMUNE : sectionLevel;
        String levelText = cell(cells, ColumnKind.LEVEL);
        if (levelText != null) {
            Optional<Level> l = CellParsers.level(levelText);
            if (l.isPresent()) {
                level = l.get();
            } else {
                problems.add(new Problem(Problem.Severity.WARNING, sheet, row, mapping.columnOf(ColumnKind.LEVEL), "row.BAD_LEVEL", levelText));
            }
        }
        Map<Channel, ProcessingTime> times = new EnumMap<>(Channel.class);
        Map<Channel, Fee> fees = new EnumMap<>(Channel.class);
        java.util.Set<Channel> notOffered = EnumSet.noneOf(Channel.class);
        java.time.LocalTime cutOff = null;
        for (Map.Entry<Integer, ColumnKind> e : mapping.columns().entrySet()) {
            int c = e.getKey();
            ColumnKind k = e.getValue();
            if (c >= cells.length || cells[c] == null || !(k.isTime() || k.isFee())) {
                continue;
            }
            Channel fallback = k.channel() == null ? Channel.IN_PERSON : k.channel();
            for (Map.Entry<Channel, String> part : CellParsers.perChannel(cells[c], fallback).entrySet()) {
                if (part.getValue().isEmpty()) {
                    continue;
                }
                if (CellParsers.notApplicable(part.getValue())) {
                    // "Không áp dụng": the procedure is not offered on this channel (no time, no fee).
                    notOffered.add(part.getKey());
                    continue;
                }
                if (k.isTime()) {
                    if (cutOff == null) {
                        cutOff = CellParsers.cutOff(part.getValue()).orElse(null);
                    }
                    Optional<ProcessingTime> t = share(List.of("time", part.getValue()), () -> CellParsers.processingTime(part.getValue()));
                    if (t.isEmpty()) {
                        problems.add(new Problem(Problem.Severity.WARNING, sheet, row, c, "row.TIME_NOT_UNDERSTOOD", part.getValue()));
                    }
                    times.put(part.getKey(), t.orElse(ProcessingTime.noDueDate(part.getValue())));
                } else {
                    fees.put(part.getKey(), share(List.of("fee", part.getValue()), () -> CellParsers.fee(part.getValue())));
                }
            }
        }
        String basisText = cell(cells, ColumnKind.LEGAL_BASIS);
        List<String> basis = basisText == null ? List.of() : share(List.of("basis", basisText), () -> legalBasis(basisText));
        String online = cell(cells, ColumnKind.ONLINE_LEVEL);
        String agencyCell = cell(cells, ColumnKind.AGENCY);
        String agency = agencyCell == null ? null : share(agencyCell, () -> agencyCell);
        notOffered.forEach(c -> {
            times.remove(c);
            fees.remove(c);
        });
        Procedure p = new Procedure(code, name, field, level, times, cutOff, fees, List.of(), basis, agency,
                CellParsers.onlineLevel(online), true, 1, today);
        entries.add(new ParsedCatalogue.Entry(sheet, row, p));
    }

    private static final java.util.regex.Pattern BULLET = java.util.regex.Pattern.compile("^[-+•]\\s+");

    /** One basis per line, without bullets ("- ", "+ ", "• "). */
    private static List<String> legalBasis(String basisText) {
        List<String> basis = new ArrayList<>();
        // Lines split by hand (\r\n, \n, \r and the Unicode separators \R knows): a pattern per cell showed in profiles.
        int start = 0;
        int n = basisText.length();
        for (int i = 0; i <= n; i++) {
            char ch = i < n ? basisText.charAt(i) : '\n';
            if (ch == '\n' || ch == '\r' || ch == '\u000B' || ch == '\f' || ch == '\u0085' || ch == '\u2028' || ch == '\u2029') {
                String l = basisText.substring(start, i).strip();
                if (!l.isEmpty() && "-+•".indexOf(l.charAt(0)) >= 0) {
                    l = BULLET.matcher(l).replaceFirst("");
                }
                if (!l.isEmpty()) {
                    basis.add(l);
                }
                if (ch == '\r' && i + 1 < n && basisText.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return List.copyOf(basis);
    }

    /** "A. THỦ TỤC HÀNH CHÍNH CẤP XÃ" sets the level, "I. Lĩnh vực Hộ tịch" the field, of the rows below. */
    private void section(String text) {
        String f = Folding.words(text);
        Optional<Level> level = CellParsers.level(text);
        if (f.contains("linh vuc") || level.isEmpty()) {
            String field = text.replaceFirst("^\\s*([IVXLC]+|[A-Z]|\\d+)\\s*[.)/]\\s*", "");
            field = field.replaceFirst("(?iu)^lĩnh vực\\s*:?\\s*", "").strip();
            sectionField = field.isEmpty() ? sectionField : Character.toUpperCase(field.charAt(0)) + field.substring(1);
        } else {
            sectionLevel = level.get();
            sectionField = null;
        }
    }
}
