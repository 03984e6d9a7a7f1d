package vn.motcua.ui.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ISeries.SeriesType;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Level;
import vn.motcua.core.session.UserSession;
import vn.motcua.excel.ReportWorkbook;
import vn.motcua.forms.FormRenderer;
import vn.motcua.reports.DossierFacts.Outcome;
import vn.motcua.reports.IndexRules;
import vn.motcua.reports.IndicatorScore;
import vn.motcua.reports.Report;
import vn.motcua.reports.ReportPdf;
import vn.motcua.reports.ReportPeriod;
import vn.motcua.reports.ReportTable;
import vn.motcua.reports.Reports;
import vn.motcua.store.LocalCache;

/**
 * Reports for heads and admins: pick a period, make the report in a background job, read it as tables and charts
 * (national report form by field, Decision 766 indicators with the dossiers pulling each down, late dossiers, by
 * procedure, statuses and processing time), export to Excel or print to PDF. Thin: the figures are
 * {@link Reports}'.
 */
public class ReportsPart {
    static final String ID_KEY = "motcua.id";
    public static final String PART_KEY = "reports.part";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final LocalCache cache;
    private final UserSession session;
    private final Texts text;
    private Report report;

    private Composite root;
    private Combo periodChoice;
    private Text from;
    private Text to;
    private Label status;
    private Label summary;
    private Table byField;
    private Chart monthChart;
    private Table index;
    private Label culpritsTitle;
    private Table culprits;
    private Chart groupChart;
    private Table late;
    private Table byProcedure;
    private Table byStatus;
    private Table average;
    private Font bold;
    /** The date fields are being filled from a preset: typing in them is what switches the choice to "custom". */
    private boolean presetting;

    /** The reports' read model of the open cache (a DS service of the store). */
    private final vn.motcua.store.ReportFacts facts;

    @Inject
    public ReportsPart(LocalCache cache, vn.motcua.store.ReportFacts facts, UserSession session,
            @Named(org.eclipse.e4.core.services.translation.TranslationService.LOCALE) Locale locale) {
        this.cache = cache;
        this.facts = facts;
        this.session = session;
        this.text = new Texts(locale);
    }

    @PostConstruct
    public void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(root);
        FontData fd = parent.getFont().getFontData()[0];
        bold = new Font(parent.getDisplay(), fd.getName(), fd.getHeight(), SWT.BOLD);

        Composite bar = new Composite(root, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(8).applyTo(bar);
        new Label(bar, SWT.NONE).setText(text.get("period.label"));
        periodChoice = new Combo(bar, SWT.READ_ONLY);
        periodChoice.setData(ID_KEY, "reports.period");
        for (String k : List.of("thisMonth", "lastMonth", "thisQuarter", "lastQuarter", "thisYear", "lastYear", "custom")) {
            periodChoice.add(text.get("period." + k));
        }
        from = dateField(bar, "reports.from", text.get("field.from"));
        new Label(bar, SWT.NONE).setText(text.get("period.to"));
        to = dateField(bar, "reports.to", text.get("field.to"));
        periodChoice.addListener(SWT.Selection, e -> choosePeriod(periodChoice.getSelectionIndex()));
        periodChoice.select(0);
        choosePeriod(0);
        Button run = button(bar, "reports.run", text.get("run"));
        run.setToolTipText(text.get("run.tooltip"));
        run.addListener(SWT.Selection, e -> make());
        run.setData(PART_KEY, this); // the UI test calls the exports: it cannot drive the native file dialog
        Button excel = button(bar, "reports.excel", text.get("excel"));
        excel.addListener(SWT.Selection, e -> choose("xlsx").ifPresent(this::exportExcel));
        Button pdf = button(bar, "reports.pdf", text.get("pdf"));
        pdf.addListener(SWT.Selection, e -> choose("pdf").ifPresent(this::exportPdf));
        status = new Label(root, SWT.NONE);
        status.setData(ID_KEY, "reports.status");
        status.setText(text.get("nothing"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

        summary = new Label(root, SWT.WRAP);
        summary.setData(ID_KEY, "reports.summary");
        summary.setFont(bold);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(summary);

        CTabFolder tabs = new CTabFolder(root, SWT.BORDER);
        tabs.setData(ID_KEY, "reports.tabs");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);

        SashForm first = new SashForm(tabs, SWT.VERTICAL);
        byField = table(first, "reports.byField");
        monthChart = new Chart(first, SWT.NONE);
        monthChart.setData(ID_KEY, "reports.chart.months");
        first.setWeights(55, 45);
        tab(tabs, text.get("tab.summary"), first);

        SashForm second = new SashForm(tabs, SWT.VERTICAL);
        SashForm top = new SashForm(second, SWT.HORIZONTAL);
        index = table(top, "reports.index");
        groupChart = new Chart(top, SWT.NONE);
        groupChart.setData(ID_KEY, "reports.chart.groups");
        // Horizontal bars: the group names read along the axis instead of overlapping under narrow columns.
        groupChart.setOrientation(SWT.VERTICAL);
        top.setWeights(62, 38);
        Composite bottom = new Composite(second, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(0, 4).applyTo(bottom);
        culpritsTitle = new Label(bottom, SWT.NONE);
        culpritsTitle.setData(ID_KEY, "reports.culprits.title");
        culpritsTitle.setText(text.get("culprits.pick"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(culpritsTitle);
        culprits = table(bottom, "reports.culprits");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(culprits);
        second.setWeights(60, 40);
        index.addListener(SWT.Selection, e -> showCulprits());
        tab(tabs, text.get("tab.index"), second);

        late = table(tabs, "reports.late");
        tab(tabs, text.get("tab.late"), late);
        byProcedure = table(tabs, "reports.byProcedure");
        tab(tabs, text.get("tab.procedures"), byProcedure);
        SashForm more = new SashForm(tabs, SWT.HORIZONTAL);
        byStatus = table(more, "reports.byStatus");
        average = table(more, "reports.average");
        tab(tabs, text.get("tab.more"), more);
        tabs.setSelection(0);

        root.getDisplay().addFilter(SWT.KeyDown, f5);
        make();
    }

    /** F5 makes the report again while this screen is showing. */
    private final org.eclipse.swt.widgets.Listener f5 = e -> {
        if (e.keyCode == SWT.F5 && root != null && !root.isDisposed() && root.isVisible()) {
            make();
        }
    };

    @PreDestroy
    public void dispose() {
        if (root != null && !root.isDisposed()) {
            root.getDisplay().removeFilter(SWT.KeyDown, f5);
        }
        if (bold != null) {
            bold.dispose();
        }
    }

    private Text dateField(Composite bar, String id, String label) {
        Text t = new Text(bar, SWT.BORDER);
        t.setData(ID_KEY, id);
        t.setMessage("dd/MM/yyyy");
        t.setToolTipText(label);
        GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).applyTo(t);
        t.addListener(SWT.Modify, e -> {
            if (!presetting) {
                periodChoice.select(periodChoice.getItemCount() - 1);
            }
        });
        t.addListener(SWT.DefaultSelection, e -> make());
        return t;
    }

    private static Button button(Composite bar, String id, String label) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(label);
        b.setData(ID_KEY, id);
        return b;
    }

    private static Table table(Composite parent, String id) {
        Table t = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.VIRTUAL);
        t.setData(ID_KEY, id);
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        return t;
    }

    private static void tab(CTabFolder tabs, String label, Control content) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(label);
        item.setControl(content);
    }

    /** Fills the date fields for a preset period (the last entry, custom, leaves them as typed). */
    private void choosePeriod(int choice) {
        LocalDate today = LocalDate.now(ReportPeriod.VIETNAM);
        YearMonth month = YearMonth.from(today);
        int quarter = (today.getMonthValue() - 1) / 3 + 1;
        ReportPeriod p = switch (choice) {
            case 0 -> ReportPeriod.month(month);
            case 1 -> ReportPeriod.month(month.minusMonths(1));
            case 2 -> ReportPeriod.quarter(today.getYear(), quarter);
            case 3 -> quarter == 1 ? ReportPeriod.quarter(today.getYear() - 1, 4) : ReportPeriod.quarter(today.getYear(), quarter - 1);
            case 4 -> ReportPeriod.year(today.getYear());
            case 5 -> ReportPeriod.year(today.getYear() - 1);
            default -> null;
        };
        if (p != null) {
            presetting = true;
            try {
                from.setText(DAY.format(p.from()));
                to.setText(DAY.format(p.to()));
            } finally {
                presetting = false;
            }
        }
    }

    /** The period typed, or null after naming the bad field in the status line. */
    private ReportPeriod period() {
        LocalDate a = date(from, text.get("field.from"));
        LocalDate b = a == null ? null : date(to, text.get("field.to"));
        if (b == null) {
            return null;
        }
        if (b.isBefore(a)) {
            say(text.get("period.reversed", DAY.format(a), DAY.format(b)));
            return null;
        }
        return new ReportPeriod(a, b);
    }

    private LocalDate date(Text field, String name) {
        try {
            return LocalDate.parse(field.getText().strip(), DAY);
        } catch (DateTimeParseException e) {
            say(text.get("period.badDate", name, field.getText()));
            field.setFocus();
            return null;
        }
    }

    private void say(String message) {
        status.setText(message);
        status.setToolTipText(message);
        status.getParent().layout();
    }

    /** Makes the report of the typed period in a background job; the screen fills in when it is ready. Public for tests. */
    public Job make() {
        ReportPeriod p = period();
        if (p == null) {
            return null;
        }
        say(text.get("job.running"));
        Display display = root.getDisplay();
        Job job = Job.create(text.get("job", p.days()), monitor -> {
            Report r;
            try {
                r = new Reports(facts, IndexRules.forDataFolder(cache.dataDir())).compute(p, session.agencyCode(), Instant.now(), text.locale);
            } catch (IOException | RuntimeException e) {
                String m = text.get("job.failed", String.valueOf(e.getMessage()));
                display.asyncExec(() -> {
                    if (!root.isDisposed()) {
                        say(m);
                    }
                });
                return;
            }
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    show(r);
                }
            });
        });
        job.setUser(false);
        job.schedule();
        return job;
    }

    private void show(Report r) {
        report = r;
        Report.Counts t = r.totals();
        summary.setText(text.get("summary", t.total, t.finished(), t.get(Outcome.EARLY) + t.get(Outcome.ON_TIME), t.get(Outcome.LATE),
                t.open(), t.get(Outcome.OVERDUE), t.get(Outcome.STOPPED), r.cell(Math.round(r.points() * 10) / 10.0),
                r.cell((long) r.computablePoints())));
        fill(byField, r.byFieldTable(), r);
        fill(index, r.indexTable(), r);
        fill(late, r.lateTable(), r);
        fill(byProcedure, r.byProcedureTable(), r);
        fill(byStatus, r.byStatusTable(), r);
        fill(average, r.averageTable(), r);
        culpritsTitle.setText(text.get("culprits.pick"));
        culprits.removeAll();
        monthsChart(r);
        groupsChart(r);
        say(text.get("ready", r.period().days(), agency().name(), Texts.dateTime(r.computedAt())));
        root.layout(true, true);
    }

    /** Shows a report table: columns from its header and widths, rows on demand (virtual), the total row bold. */
    private void fill(Table table, ReportTable t, Report r) {
        table.setRedraw(false);
        try {
            table.removeAll();
            for (TableColumn c : table.getColumns()) {
                c.dispose();
            }
            float sum = 0;
            for (float w : t.widths()) {
                sum += w;
            }
            int width = Math.max(600, table.getParent().getClientArea().width - 30);
            List<Object> sample = t.rows().isEmpty() ? List.of() : t.rows().get(0);
            for (int i = 0; i < t.header().size(); i++) {
                // Figures right-aligned, words left-aligned, as on the printed form.
                boolean figure = i < sample.size() && sample.get(i) instanceof Number;
                TableColumn c = new TableColumn(table, figure ? SWT.RIGHT : SWT.LEFT);
                c.setText(t.header().get(i));
                c.setToolTipText(t.header().get(i));
                c.setWidth(Math.max(48, Math.round(width * t.widths().get(i) / sum)));
            }
            for (org.eclipse.swt.widgets.Listener old : table.getListeners(SWT.SetData)) {
                table.removeListener(SWT.SetData, old);
            }
            List<List<Object>> rows = t.rows();
            table.addListener(SWT.SetData, e -> {
                TableItem item = (TableItem) e.item;
                int row = table.indexOf(item);
                List<Object> cells = rows.get(row);
                for (int i = 0; i < cells.size(); i++) {
                    item.setText(i, r.cell(cells.get(i)));
                }
                if (t.total() && row == rows.size() - 1) {
                    item.setFont(bold);
                }
            });
            table.setItemCount(rows.size());
            // Figure columns as wide as their title (rows are short numbers); word columns share the rest.
            int used = 0;
            List<TableColumn> words = new ArrayList<>();
            for (int i = 0; i < table.getColumnCount(); i++) {
                TableColumn c = table.getColumn(i);
                if ((c.getStyle() & SWT.RIGHT) != 0) {
                    c.pack();
                    // A long title is cut (its tooltip has it all) rather than squeezing the names.
                    c.setWidth(Math.min(118, Math.max(56, c.getWidth() + 8)));
                    used += c.getWidth();
                } else {
                    words.add(c);
                }
            }
            float wordWeights = 0;
            for (TableColumn c : words) {
                wordWeights += t.widths().get(table.indexOf(c));
            }
            for (TableColumn c : words) {
                c.setWidth(Math.max(words.size() == 1 ? 220 : 110, Math.round((width - used) * t.widths().get(table.indexOf(c)) / wordWeights)));
            }
        } finally {
            table.setRedraw(true);
        }
    }

    private void showCulprits() {
        int i = index.getSelectionIndex();
        if (report == null || i < 0 || i >= report.index().size()) {
            return;
        }
        IndicatorScore s = report.index().get(i);
        culpritsTitle.setText(text.get("culprits.of", s.rule().id(), report.indicatorName(s), s.culprits().size()));
        List<List<Object>> rows = new ArrayList<>();
        for (IndicatorScore.Culprit c : s.culprits()) {
            rows.add(List.of(c.code(), c.name(), c.reason()));
        }
        ReportTable all = report.culpritsTable();
        fill(culprits, new ReportTable("culprits", "", all.header().subList(1, 4), all.widths().subList(1, 4), rows, false), report);
        culpritsTitle.getParent().layout();
    }

    private void monthsChart(Report r) {
        clear(monthChart, text.get("chart.months"));
        List<Report.MonthCount> months = r.byMonth();
        boolean oneYear = months.stream().map(m -> m.month().getYear()).distinct().count() == 1;
        String[] labels = months.stream().map(m -> oneYear ? "T" + m.month().getMonthValue()
                : String.format("%02d/%02d", m.month().getMonthValue(), m.month().getYear() % 100)).toArray(String[]::new);
        bars(monthChart, "received", text.get("chart.received"), months.stream().mapToDouble(Report.MonthCount::received).toArray(), SWT.COLOR_DARK_BLUE);
        bars(monthChart, "inTime", text.get("chart.inTime"), months.stream().mapToDouble(Report.MonthCount::finishedInTime).toArray(),
                SWT.COLOR_DARK_GREEN);
        bars(monthChart, "late", text.get("chart.late"), months.stream().mapToDouble(Report.MonthCount::finishedLate).toArray(), SWT.COLOR_RED);
        // Three bars a month: their figures would overlap; the table above has them.
        for (var series : monthChart.getSeriesSet().getSeries()) {
            series.getLabel().setVisible(false);
        }
        categories(monthChart, labels);
    }

    private void groupsChart(Report r) {
        clear(groupChart, text.get("chart.groups"));
        Map<String, double[]> groups = new LinkedHashMap<>();
        for (IndicatorScore s : r.index()) {
            if (s.computed()) {
                double[] g = groups.computeIfAbsent(r.groupName(s), k -> new double[2]);
                g[0] += s.points();
                g[1] += s.rule().maxPoints();
            }
        }
        bars(groupChart, "points", text.get("chart.points"), groups.values().stream().mapToDouble(g -> g[0]).toArray(), SWT.COLOR_DARK_GREEN);
        bars(groupChart, "max", text.get("chart.max"), groups.values().stream().mapToDouble(g -> g[1]).toArray(), SWT.COLOR_GRAY);
        categories(groupChart, groups.keySet().toArray(String[]::new));
    }

    private static void clear(Chart chart, String title) {
        for (var s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        chart.getTitle().setText(title);
        chart.getAxisSet().getXAxis(0).getTitle().setVisible(false);
        chart.getAxisSet().getYAxis(0).getTitle().setVisible(false);
    }

    private static void bars(Chart chart, String id, String label, double[] values, int color) {
        IBarSeries<?> s = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, id);
        s.setDescription(label);
        s.setYSeries(values);
        s.setBarColor(chart.getDisplay().getSystemColor(color));
        s.getLabel().setVisible(true);
        s.getLabel().setFormat("#,##0.#");
    }

    private static void categories(Chart chart, String[] labels) {
        IAxis x = chart.getAxisSet().getXAxis(0);
        x.enableCategory(true);
        x.setCategorySeries(labels);
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    private java.util.Optional<Path> choose(String extension) {
        if (report == null) {
            say(text.get("export.first"));
            return java.util.Optional.empty();
        }
        FileDialog d = new FileDialog(root.getShell(), SWT.SAVE);
        d.setOverwrite(true);
        d.setFilterExtensions(new String[] { "*." + extension });
        d.setFileName("bao-cao-" + report.period().from().format(DateTimeFormatter.ofPattern("dd-MM-yyyy")) + "-den-"
                + report.period().to().format(DateTimeFormatter.ofPattern("dd-MM-yyyy")) + "." + extension);
        String target = d.open();
        return java.util.Optional.ofNullable(target).map(Path::of);
    }

    /** The report shown to .xlsx, in a job. Public for the UI test, which cannot drive the native file dialog. */
    public Job exportExcel(Path target) {
        Report r = report;
        String agencyName = agency().name();
        return export(text.get("export.excel.job", target.getFileName()), target, () -> ReportWorkbook.write(r, agencyName, target));
    }

    /** The report shown as a PDF (landscape, the forms' style), in a job. Public for the UI test. */
    public Job exportPdf(Path target) {
        Report r = report;
        Agency agency = agency();
        String parent = agency.parentCode() == null ? "" : cache.agencies().findByCode(agency.parentCode()).map(Agency::name).orElse("");
        String author = session.user().fullName();
        return export(text.get("export.pdf.job", target.getFileName()), target, () -> {
            byte[] pdf = ReportPdf.render(r, new FormRenderer(cache.dataDir().resolve("templates")), agency.name(), parent,
                    vn.motcua.forms.ReceiptForm.place(agency.name()), author, LocalDate.now(ReportPeriod.VIETNAM), session.training());
            // Written next to the target and moved in place: a failed print never replaces a good file.
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".report", ".pdf");
            try {
                Files.write(tmp, pdf);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
    }

    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    private Job export(String name, Path target, Work work) {
        if (report == null) {
            say(text.get("export.first"));
            return null;
        }
        Display display = root.getDisplay();
        Job job = Job.create(name, monitor -> {
            String m;
            try {
                work.run();
                m = text.get("export.done", target);
            } catch (IOException | RuntimeException e) {
                m = text.get("export.failed", target.getFileName(), String.valueOf(e.getMessage()));
            }
            String message = m;
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    say(message);
                }
            });
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    private Agency agency() {
        String code = session.agencyCode();
        return cache.agencies().findByCode(code).orElse(new Agency(code, code, Level.COMMUNE, null));
    }
}
