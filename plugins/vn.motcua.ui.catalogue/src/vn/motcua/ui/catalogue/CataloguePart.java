package vn.motcua.ui.catalogue;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.ui.Fonts;
import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.text.VietnameseText;
import vn.motcua.store.LocalCache;

/**
 * The procedure catalogue the agency applies: search as you type (ignoring diacritics), and for the
 * selected procedure its required papers, time and fee per channel, and legal basis. A commune's catalogue
 * (hundreds, a province's ~2,000) fits in memory, so filtering happens here without a query per key.
 */
public class CataloguePart {
    public static final String ID_KEY = "motcua.id";
    private static final Localizer TEXT = Localizer.of(CataloguePart.class, "messages");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final LocalCache cache;
    private final Locale locale;
    private List<Procedure> all = List.of();
    private List<String> keys = List.of();
    private TableViewer viewer;
    private Text search;
    private Label count;
    private StyledText details;

    @Inject
    public CataloguePart(LocalCache cache, @Named(TranslationService.LOCALE) Locale locale) {
        this.cache = cache;
        this.locale = locale;
    }

    private String t(String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    @PostConstruct
    void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(8, 8).spacing(6, 6).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).spacing(8, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        Label title = new Label(bar, SWT.NONE);
        title.setText(t("title"));
        Fonts.bold(title, 1.25f);
        search = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage(t("search.hint"));
        search.setData(ID_KEY, "catalogue.search");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(search);
        search.addModifyListener(e -> applyFilter());
        search.addListener(SWT.DefaultSelection, e -> viewer.getTable().setFocus());
        count = new Label(bar, SWT.RIGHT);
        count.setData(ID_KEY, "catalogue.count");
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(count);
        org.eclipse.swt.widgets.Button importButton = new org.eclipse.swt.widgets.Button(bar, SWT.PUSH);
        importButton.setText(t("import.button"));
        importButton.setData(ID_KEY, "catalogue.import");
        importButton.addListener(SWT.Selection, e -> openImport());
        org.eclipse.swt.widgets.Button exportButton = new org.eclipse.swt.widgets.Button(bar, SWT.PUSH);
        exportButton.setText(t("export.button"));
        exportButton.setData(ID_KEY, "catalogue.export");
        exportButton.addListener(SWT.Selection, e -> {
            org.eclipse.swt.widgets.FileDialog d = new org.eclipse.swt.widgets.FileDialog(bar.getShell(), SWT.SAVE);
            d.setOverwrite(true);
            d.setFilterExtensions(new String[] { "*.xlsx" });
            d.setFileName("danh-muc-tthc.xlsx");
            String target = d.open();
            if (target != null) {
                exportTo(java.nio.file.Path.of(target));
            }
        });

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        Composite holder = new Composite(sash, SWT.NONE);
        TableColumnLayout columns = new TableColumnLayout();
        holder.setLayout(columns);
        viewer = new TableViewer(holder, SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        viewer.getTable().setData(ID_KEY, "catalogue.table");
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column(columns, "col.code", 9, 90, Procedure::code);
        column(columns, "col.name", 42, 260, Procedure::name);
        column(columns, "col.field", 14, 110, Procedure::fieldName);
        column(columns, "col.level", 8, 80, p -> p.level().displayName(locale));
        column(columns, "col.time", 10, 100, p -> p.processingTime(Channel.IN_PERSON).map(this::time).orElse(t("none")));
        column(columns, "col.fee", 10, 100, p -> p.fee(Channel.IN_PERSON).map(this::fee).orElse(t("none")));
        column(columns, "col.online", 7, 80, p -> p.onlineLevel().displayName(locale));
        viewer.addSelectionChangedListener(e -> show((Procedure) ((IStructuredSelection) e.getSelection()).getFirstElement()));

        details = new StyledText(sash, SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        details.setData(ID_KEY, "catalogue.details");
        details.setMargins(8, 6, 8, 6);
        sash.setWeights(55, 45);

        reload();
    }

    private void reload() {
        all = cache.procedures().activeCatalogue();
        keys = all.stream().map(p -> VietnameseText.fold(p.code() + " " + p.name() + " " + p.fieldName())).toList();
        applyFilter();
    }

    /** Opens the Excel import; the list reloads after a commit. */
    void openImport() {
        ImportDialog d = new ImportDialog(viewer.getTable().getShell(), cache, locale);
        d.setBlockOnOpen(false);
        d.open();
        d.getShell().addDisposeListener(e -> {
            if (d.written() >= 0 && !viewer.getTable().isDisposed()) {
                reload();
                count.setText(t("count", viewer.getTable().getItemCount()) + " · " + t("import.done", d.written()));
                count.getParent().layout();
            }
        });
    }

    /** Writes the active catalogue in the canonical layout (an Eclipse Job; the result shows in the count line). */
    void exportTo(java.nio.file.Path target) {
        List<Procedure> list = all;
        org.eclipse.core.runtime.jobs.Job.create(t("export.button"), monitor -> {
            String message;
            try {
                vn.motcua.excel.CatalogueExporter.write(list, target);
                message = t("export.done", list.size(), target.getFileName());
            } catch (java.io.IOException | RuntimeException ex) {
                message = t("export.failed", ex.getMessage());
            }
            String m = message;
            count.getDisplay().asyncExec(() -> {
                if (!count.isDisposed()) {
                    count.setToolTipText(m);
                    count.setText(m);
                    count.getParent().layout();
                }
            });
        }).schedule();
    }

    private void column(TableColumnLayout layout, String key, int weight, int min, Function<Procedure, String> value) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(t(key));
        layout.setColumnData(c.getColumn(), new ColumnWeightData(weight, min));
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return value.apply((Procedure) element);
            }
        });
    }

    /** Every word typed must start a word of the code, name or field (prefix match, diacritics ignored). */
    private void applyFilter() {
        String[] words = VietnameseText.fold(search.getText()).split(" ");
        List<Procedure> shown = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String k = " " + keys.get(i);
            boolean match = true;
            for (String w : words) {
                if (!w.isEmpty() && !k.contains(" " + w)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                shown.add(all.get(i));
            }
        }
        viewer.setInput(shown);
        count.setText(t("count", shown.size()));
        show(null);
    }

    private String time(ProcessingTime pt) {
        if (!pt.hasDueDate()) {
            return pt.originalText().isBlank() ? t("none") : pt.originalText();
        }
        return pt.isSameDay() ? t("time.sameDay") : pt.amount().toPlainString() + " " + pt.unit().displayName(locale);
    }

    private String fee(Fee f) {
        if (f.isFree()) {
            return f.originalText().isBlank() ? "0" : f.originalText();
        }
        return f.originalText().isBlank() ? String.format("%,d đ", f.amountVnd()).replace(',', '.') : f.originalText();
    }

    private void show(Procedure p) {
        if (p == null) {
            details.setText(t("details.empty"));
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(p.code()).append(" – ").append(p.name()).append('\n');
        b.append(t("details.version", p.version(), DATE.format(p.effectiveDate()))).append("\n\n");
        b.append(t("details.documents")).append(":\n");
        int i = 1;
        for (RequiredDocument d : p.requiredDocuments()) {
            b.append("  ").append(i++).append(". ").append(d.name()).append(" – ")
                    .append(t("doc.count", d.count(), d.kind().displayName(locale)));
            if (d.optional()) {
                b.append(' ').append(t("doc.optional"));
            }
            b.append('\n');
        }
        b.append('\n').append(t("details.channels")).append(":\n");
        for (Channel c : Channel.values()) {
            String time = p.processingTime(c).map(this::time).orElse(null);
            if (time != null) {
                b.append("  • ").append(c.displayName(locale)).append(": ").append(time);
                p.fee(c).ifPresent(f -> b.append("; ").append(fee(f)));
                b.append('\n');
            }
        }
        p.cutOff().ifPresent(c -> b.append("  ").append(t("details.cutOff", c)).append('\n'));
        b.append('\n').append(t("details.agency")).append(": ").append(p.implementingAgency()).append('\n');
        b.append(t("details.legalBasis")).append(":\n");
        p.legalBasis().forEach(l -> b.append("  – ").append(l).append('\n'));
        details.setText(b.toString());
    }

    @Focus
    void setFocus() {
        search.setFocus();
    }

}
