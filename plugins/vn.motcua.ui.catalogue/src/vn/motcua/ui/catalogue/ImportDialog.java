package vn.motcua.ui.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CCombo;
import org.eclipse.swt.custom.TableEditor;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.excel.AnnotatedCopy;
import vn.motcua.excel.CatalogueImporter;
import vn.motcua.excel.ColumnKind;
import vn.motcua.excel.ColumnMapping;
import vn.motcua.excel.ExcelImportException;
import vn.motcua.excel.ImportPreview;
import vn.motcua.excel.MappingMemory;
import vn.motcua.excel.ParsedCatalogue;
import vn.motcua.excel.Problem;
import vn.motcua.store.LocalCache;

/**
 * Import of a procedure list: choose the file → check/correct the column mapping (remembered per header
 * shape) → preview (new / changed with field diff / unchanged / not in file, with the decision for the
 * missing ones) → commit in one transaction. Reading and committing run as Eclipse Jobs; the dialog shows
 * their progress and its Cancel stops them.
 */
public class ImportDialog extends Dialog {
    private static final Localizer TEXT = Localizer.of(ImportDialog.class, "messages");
    private static final String ID = CataloguePart.ID_KEY;

    private final LocalCache cache;
    private final Locale locale;
    private final CatalogueImporter importer;
    private Text file;
    private Table mappingTable;
    private TabFolder tabs;
    private Table previewTable;
    private Table problemsTable;
    private Label summary;
    private Combo missing;
    private ProgressBar progress;
    private Button annotate;
    private Button read;
    private ColumnMapping mapping;
    private Path mappingFile;
    private final Map<Integer, ColumnKind> edited = new TreeMap<>();
    private ImportPreview preview;
    private Job running;
    private int written = -1;

    public ImportDialog(Shell parent, LocalCache cache, Locale locale) {
        super(parent);
        this.cache = cache;
        this.locale = locale;
        this.importer = new CatalogueImporter(new MappingMemory(cache.dataDir()));
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
    }

    private String t(String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    /** Versions written by the commit; -1 when the dialog was closed without one. */
    public int written() {
        return written;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(t("import.title"));
        shell.setSize(1100, 720);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.fillDefaults().margins(10, 10).spacing(6, 6).applyTo(area);
        Composite row = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        new Label(row, SWT.NONE).setText(t("import.file"));
        file = new Text(row, SWT.BORDER);
        file.setData(ID, "import.file");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(file);
        Button browse = new Button(row, SWT.PUSH);
        browse.setText(t("import.browse"));
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.xlsx;*.xls", "*.*" });
            // A training sandbox keeps its exercise files in bai-tap/: open there.
            java.nio.file.Path exercises = cache.dataDir().resolve("bai-tap");
            if (java.nio.file.Files.isDirectory(exercises)) {
                d.setFilterPath(exercises.toString());
            }
            String f = d.open();
            if (f != null) {
                file.setText(f);
                startRead();
            }
        });
        read = new Button(row, SWT.PUSH);
        read.setText(t("import.read"));
        read.setData(ID, "import.read");
        read.addListener(SWT.Selection, e -> startRead());

        tabs = new TabFolder(area, SWT.NONE);
        tabs.setData(ID, "import.tabs");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        previewTable = table(tabs, "import.preview", t("tab.preview"), "col.change", 150, "col.code", 90, "col.name", 360, "col.diff", 420);
        mappingTable = table(tabs, "import.mapping", t("tab.mapping"), "col.column", 70, "col.header", 420, "col.meaning", 260);
        problemsTable = table(tabs, "import.problems", t("tab.problems"), "col.severity", 90, "col.where", 260, "col.reason", 620);

        Composite bottom = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(bottom);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bottom);
        summary = new Label(bottom, SWT.WRAP);
        summary.setData(ID, "import.summary");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        new Label(bottom, SWT.NONE).setText(t("import.missing"));
        missing = new Combo(bottom, SWT.READ_ONLY);
        missing.setData(ID, "import.missingPolicy");
        missing.setItems(t("missing.KEEP"), t("missing.MARK_INACTIVE"));
        missing.select(0);
        annotate = new Button(bottom, SWT.PUSH);
        annotate.setText(t("import.annotate"));
        annotate.setData(ID, "import.annotate");
        annotate.setEnabled(false);
        annotate.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.SAVE);
            d.setOverwrite(true);
            Path src = Path.of(file.getText().strip());
            String name = src.getFileName().toString();
            int dot = name.lastIndexOf('.');
            d.setFileName(name.substring(0, dot) + "-ghi-chu" + name.substring(dot));
            String target = d.open();
            if (target != null) {
                saveAnnotated(Path.of(target));
            }
        });
        progress = new ProgressBar(area, SWT.HORIZONTAL | SWT.INDETERMINATE);
        progress.setVisible(false);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progress);
        summary.setText(t("import.start"));
        return area;
    }

    private Table table(TabFolder tabs, String id, String title, Object... columns) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(title);
        Table table = new Table(tabs, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setData(ID, id);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < columns.length; i += 2) {
            TableColumn c = new TableColumn(table, SWT.NONE);
            c.setText(t((String) columns[i]));
            c.setWidth((Integer) columns[i + 1]);
        }
        item.setControl(table);
        return table;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button ok = createButton(parent, IDialogConstants.OK_ID, t("import.commit"), false);
        ok.setData(ID, "import.commit");
        ok.setEnabled(false);
        createButton(parent, IDialogConstants.CANCEL_ID, t("import.cancel"), false);
    }

    /** Saves the annotated copy; public for the UI test, which cannot drive the native file dialog. */
    public void saveAnnotated(Path target) {
        try {
            AnnotatedCopy.write(Path.of(file.getText().strip()), preview.parsed().problems(), target, locale);
            summary.setText(t("import.annotated", target));
        } catch (ExcelImportException ex) {
            summary.setText(ex.message(locale));
        }
    }

    private void startRead() {
        Path path = Path.of(file.getText().strip());
        if (!path.equals(mappingFile)) {
            edited.clear();
        }
        ColumnMapping override = mapping != null && path.equals(mappingFile) && !edited.isEmpty() ? withEdits(mapping) : null;
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        annotate.setEnabled(false);
        summary.setText(t("import.reading", path.getFileName()));
        run(t("job.read", path.getFileName()), monitor -> {
            monitor.beginTask(t("job.read", path.getFileName()), IProgressMonitor.UNKNOWN);
            if (!Files.isRegularFile(path)) {
                throw new ExcelImportException("file.CANNOT_READ", path.getFileName().toString(), t("import.noSuchFile"));
            }
            ParsedCatalogue parsed = importer.read(path, override, monitor::isCanceled, rows -> monitor.subTask(t("job.rows", rows)));
            ImportPreview p = importer.preview(parsed, cache.procedures());
            return () -> showPreview(path, p);
        });
    }

    private ColumnMapping withEdits(ColumnMapping m) {
        ColumnMapping out = m;
        for (Map.Entry<Integer, ColumnKind> e : edited.entrySet()) {
            out = out.with(e.getKey(), e.getValue());
        }
        return out;
    }

    interface Work {
        Runnable run(IProgressMonitor monitor) throws ExcelImportException;
    }

    /** Runs {@code work} as a Job; its result runs on the UI thread; errors show in the summary line. */
    private void run(String name, Work work) {
        progress.setVisible(true);
        read.setEnabled(false);
        Job job = Job.create(name, (IProgressMonitor monitor) -> {
            Runnable done;
            try {
                done = work.run(monitor);
            } catch (ExcelImportException ex) {
                done = () -> summary.setText(ex.message(locale));
            }
            Runnable finish = done;
            getShell().getDisplay().asyncExec(() -> {
                if (getShell() == null || getShell().isDisposed()) {
                    return;
                }
                running = null;
                progress.setVisible(false);
                read.setEnabled(true);
                finish.run();
            });
            return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
        });
        job.setUser(true);
        running = job;
        job.schedule();
    }

    private void showPreview(Path path, ImportPreview p) {
        preview = p;
        mapping = p.parsed().mapping();
        mappingFile = path;
        fillMapping();
        previewTable.removeAll();
        for (ImportPreview.Change c : p.changes()) {
            TableItem item = new TableItem(previewTable, SWT.NONE);
            String name = c.imported() != null ? c.imported().name() : c.existing().name();
            StringBuilder diff = new StringBuilder();
            for (ImportPreview.FieldDiff d : c.diffs()) {
                diff.append(t("field." + d.field())).append(": ").append(d.before()).append(" → ").append(d.after()).append("; ");
            }
            item.setText(new String[] { t("kind." + c.kind()), c.code(), name, diff.toString() });
        }
        problemsTable.removeAll();
        for (Problem pr : p.parsed().problems()) {
            TableItem item = new TableItem(problemsTable, SWT.NONE);
            String where = pr.message(locale);
            where = where.substring(0, where.length() - pr.reason(locale).length() - 2);
            item.setText(new String[] { t("severity." + pr.severity()), where, pr.reason(locale) });
            item.setForeground(getShell().getDisplay().getSystemColor(pr.isError() ? SWT.COLOR_RED : SWT.COLOR_DARK_YELLOW));
        }
        long errors = p.parsed().problems().stream().filter(Problem::isError).count();
        summary.setText(t("import.summary", p.count(ImportPreview.Kind.NEW), p.count(ImportPreview.Kind.CHANGED),
                p.count(ImportPreview.Kind.UNCHANGED), p.count(ImportPreview.Kind.NOT_IN_FILE), errors,
                p.parsed().problems().size() - errors));
        getButton(IDialogConstants.OK_ID).setEnabled(p.canCommit());
        annotate.setEnabled(!p.parsed().problems().isEmpty());
        // Errors block the commit, so they are what the admin needs to see first.
        tabs.setSelection(errors > 0 ? 2 : 0);
    }

    private void fillMapping() {
        for (Control c : mappingTable.getChildren()) {
            c.dispose();
        }
        mappingTable.removeAll();
        ColumnKind[] kinds = ColumnKind.values();
        List<String> names = new ArrayList<>();
        for (ColumnKind k : kinds) {
            names.add(k.displayName(locale));
        }
        List<String> headers = mapping.headers();
        for (int col = 0; col < headers.size(); col++) {
            TableItem item = new TableItem(mappingTable, SWT.NONE);
            ColumnKind k = withEdits(mapping).columns().getOrDefault(col, ColumnKind.IGNORED);
            item.setText(new String[] { columnLetters(col),
                    headers.get(col).replace('\n', ' '), "" });
            TableEditor editor = new TableEditor(mappingTable);
            CCombo combo = new CCombo(mappingTable, SWT.READ_ONLY | SWT.FLAT);
            combo.setData(ID, "import.mapping." + col);
            combo.setItems(names.toArray(new String[0]));
            combo.select(k.ordinal());
            int column = col;
            combo.addListener(SWT.Selection, e -> {
                edited.put(column, kinds[combo.getSelectionIndex()]);
                summary.setText(t("import.mappingChanged"));
                getButton(IDialogConstants.OK_ID).setEnabled(false);
            });
            editor.grabHorizontal = true;
            editor.setEditor(combo, item, 2);
        }
    }

    @Override
    protected void okPressed() {
        if (preview == null || !preview.canCommit()) {
            return;
        }
        CatalogueImporter.MissingPolicy policy = missing.getSelectionIndex() == 1 ? CatalogueImporter.MissingPolicy.MARK_INACTIVE
                : CatalogueImporter.MissingPolicy.KEEP;
        ImportPreview p = preview;
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        summary.setText(t("import.committing"));
        run(t("job.commit"), monitor -> {
            monitor.beginTask(t("job.commit"), IProgressMonitor.UNKNOWN);
            int n = CatalogueImporter.commit(p, policy, cache.procedures(), LocalDate.now());
            return () -> {
                written = n;
                close();
            };
        });
    }

    @Override
    protected void cancelPressed() {
        Job j = running;
        if (j != null) {
            // First Cancel stops the running read; the dialog stays so the user can pick another file.
            j.cancel();
            return;
        }
        super.cancelPressed();
    }

    /** Spreadsheet column letters: 0 → A, 26 → AA. */
    static String columnLetters(int col) {
        StringBuilder b = new StringBuilder();
        for (int n = col + 1; n > 0; n = (n - 1) / 26) {
            b.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return b.toString();
    }
}
