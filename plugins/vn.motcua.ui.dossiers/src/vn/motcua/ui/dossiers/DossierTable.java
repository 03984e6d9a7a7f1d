package vn.motcua.ui.dossiers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.eclipse.nebula.widgets.nattable.NatTable;
import org.eclipse.nebula.widgets.nattable.config.AbstractRegistryConfiguration;
import org.eclipse.nebula.widgets.nattable.config.CellConfigAttributes;
import org.eclipse.nebula.widgets.nattable.config.DefaultNatTableStyleConfiguration;
import org.eclipse.nebula.widgets.nattable.config.IConfigRegistry;
import org.eclipse.nebula.widgets.nattable.data.IDataProvider;
import org.eclipse.nebula.widgets.nattable.grid.GridRegion;
import org.eclipse.nebula.widgets.nattable.grid.data.DefaultColumnHeaderDataProvider;
import org.eclipse.nebula.widgets.nattable.grid.layer.ColumnHeaderLayer;
import org.eclipse.nebula.widgets.nattable.layer.CompositeLayer;
import org.eclipse.nebula.widgets.nattable.layer.DataLayer;
import org.eclipse.nebula.widgets.nattable.layer.event.RowStructuralRefreshEvent;
import org.eclipse.nebula.widgets.nattable.painter.cell.TextPainter;
import org.eclipse.nebula.widgets.nattable.painter.cell.decorator.PaddingDecorator;
import org.eclipse.nebula.widgets.nattable.reorder.ColumnReorderLayer;
import org.eclipse.nebula.widgets.nattable.selection.SelectionLayer;
import org.eclipse.nebula.widgets.nattable.selection.config.RowOnlySelectionBindings;
import org.eclipse.nebula.widgets.nattable.selection.config.RowOnlySelectionConfiguration;
import org.eclipse.nebula.widgets.nattable.selection.event.ISelectionEvent;
import org.eclipse.nebula.widgets.nattable.sort.ISortModel;
import org.eclipse.nebula.widgets.nattable.sort.SortDirectionEnum;
import org.eclipse.nebula.widgets.nattable.sort.SortHeaderLayer;
import org.eclipse.nebula.widgets.nattable.sort.config.SingleClickSortConfiguration;
import org.eclipse.nebula.widgets.nattable.style.CellStyleAttributes;
import org.eclipse.nebula.widgets.nattable.style.DisplayMode;
import org.eclipse.nebula.widgets.nattable.style.HorizontalAlignmentEnum;
import org.eclipse.nebula.widgets.nattable.style.Style;
import org.eclipse.nebula.widgets.nattable.ui.binding.UiBindingRegistry;
import org.eclipse.nebula.widgets.nattable.ui.matcher.KeyEventMatcher;
import org.eclipse.nebula.widgets.nattable.ui.matcher.MouseEventMatcher;
import org.eclipse.nebula.widgets.nattable.viewport.ViewportLayer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.DossierRow;

/**
 * The dossier list's grid, on NatTable: rows are drawn, not created, so a list of a million dossiers costs what
 * its visible rows cost (SWT's virtual table on GTK keeps a native row per item: ~2.8 s of UI thread per million
 * at every count change, measured). The grid holds no rows itself: it asks {@code rows} for the row at an index,
 * which answers null while that row's page is being read (the cell stays blank until {@link #redraw()}).
 * Clicking the code, received or due header orders the list by it (through the store, so it covers every row).
 */
final class DossierTable {
    static final int CODE = 0, APPLICANT = 1, PROCEDURE = 2, FIELD = 3, RECEIVED = 4, DUE = 5, STATUS = 6, DEADLINE = 7;
    private static final String DEADLINE_LABEL = "deadline.";
    /** On every cell: its styles come before the selection layer's defaults, which paint a selected row near white on GTK. */
    private static final String ROW_LABEL = "dossier";
    /** Red, amber, green: readable on white and not the only signal (the column also says it in words). */
    private static final Map<DeadlineClass, Color> DEADLINE_COLOURS = vn.motcua.app.ui.DeadlineColours.COLOURS;
    /** The list orders a header click can choose, by column; the others are not orders the store keeps indexed. */
    private static final Map<Integer, DossierFilter.Sort> ORDERS = Map.of(CODE, DossierFilter.Sort.CODE, RECEIVED,
            DossierFilter.Sort.RECEIVED_NEWEST, DUE, DossierFilter.Sort.DUE_SOONEST);

    private final UiText text;
    private final IntFunction<DossierRow> rows;
    private final List<Column> columns;
    private final RowData data;
    private final DataLayer bodyData;
    private final SelectionLayer selection;
    private final ViewportLayer viewport;
    private final NatTable nat;
    private DossierFilter.Sort order = DossierFilter.Sort.RECEIVED_NEWEST;

    /**
     * @param rows      the list's row at an index, or null while it is being read
     * @param selected  told the selected row (null: none) when the user selects one
     * @param opened    Enter or a double-click on a row
     * @param reordered a header click chose another order for the list
     */
    DossierTable(Composite parent, UiText text, IntFunction<DossierRow> rows, Consumer<DossierRow> selected, Runnable opened,
            Consumer<DossierFilter.Sort> reordered) {
        GridRuntime.prepare();
        this.text = text;
        this.rows = rows;
        this.columns = columns();
        this.data = new RowData();
        bodyData = new DataLayer(data);
        // Widths share the grid by weight, with a minimum, so the list fits a 1366-pixel counter screen.
        bodyData.setColumnPercentageSizing(true);
        for (int i = 0; i < columns.size(); i++) {
            bodyData.setColumnWidthPercentageByPosition(i, columns.get(i).weight());
            bodyData.setMinColumnWidth(i, columns.get(i).minWidth());
        }
        bodyData.setConfigLabelAccumulator((labels, column, row) -> {
            labels.addLabel(ROW_LABEL);
            if (column == DEADLINE) {
                DeadlineClass c = deadlineOf(rows.apply(row));
                if (c != null) {
                    labels.addLabel(DEADLINE_LABEL + c.name());
                }
            }
        });
        ColumnReorderLayer reorder = new ColumnReorderLayer(bodyData);
        selection = new SelectionLayer(reorder, false);
        // Whole rows (a click selects the row; a single-selection model would keep only one cell of it).
        selection.addConfiguration(new RowOnlySelectionConfiguration());
        viewport = new ViewportLayer(selection);

        DataLayer headerData = new DataLayer(new DefaultColumnHeaderDataProvider(columns.stream().map(c -> text.get(c.key())).toArray(String[]::new)));
        ColumnHeaderLayer header = new ColumnHeaderLayer(headerData, viewport, selection);
        SortHeaderLayer<DossierRow> sortHeader = new SortHeaderLayer<>(header, new HeaderOrder(reordered), false);
        CompositeLayer grid = new CompositeLayer(1, 2);
        grid.setChildLayer(GridRegion.COLUMN_HEADER, sortHeader, 0, 0);
        grid.setChildLayer(GridRegion.BODY, viewport, 0, 1);

        nat = new NatTable(parent, SWT.NO_BACKGROUND | SWT.NO_REDRAW_RESIZE | SWT.DOUBLE_BUFFERED | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER,
                grid, false);
        nat.addConfiguration(new DefaultNatTableStyleConfiguration());
        nat.addConfiguration(new RowOnlySelectionBindings());
        nat.addConfiguration(new SingleClickSortConfiguration());
        nat.addConfiguration(new AbstractRegistryConfiguration() {
            @Override
            public void configureRegistry(IConfigRegistry registry) {
                // Texts from the left, as in every list the clerk knows (NatTable centres them by default).
                Style body = new Style();
                body.setAttributeValue(CellStyleAttributes.HORIZONTAL_ALIGNMENT, HorizontalAlignmentEnum.LEFT);
                // The widget's font: NatTable's default is the system font of the first Display of the process,
                // disposed with it (a second workbench in the same JVM, as in the UI tests, painted blank rows).
                body.setAttributeValue(CellStyleAttributes.FONT, parent.getFont());
                registry.registerConfigAttribute(CellConfigAttributes.CELL_STYLE, body, DisplayMode.NORMAL, ROW_LABEL);
                // A little air between the column lines and the text.
                registry.registerConfigAttribute(CellConfigAttributes.CELL_PAINTER, new PaddingDecorator(new TextPainter(), 0, 4, 0, 4),
                        DisplayMode.NORMAL, ROW_LABEL);
                // The selected row in the system's selection colours.
                Style selected = new Style();
                selected.setAttributeValue(CellStyleAttributes.BACKGROUND_COLOR, parent.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION));
                selected.setAttributeValue(CellStyleAttributes.FOREGROUND_COLOR, parent.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION_TEXT));
                selected.setAttributeValue(CellStyleAttributes.FONT, parent.getFont());
                registry.registerConfigAttribute(CellConfigAttributes.CELL_STYLE, selected, DisplayMode.SELECT, ROW_LABEL);
                for (Map.Entry<DeadlineClass, Color> e : DEADLINE_COLOURS.entrySet()) {
                    Style style = new Style();
                    style.setAttributeValue(CellStyleAttributes.FOREGROUND_COLOR, e.getValue());
                    registry.registerConfigAttribute(CellConfigAttributes.CELL_STYLE, style, DisplayMode.NORMAL, DEADLINE_LABEL + e.getKey().name());
                }
            }

            @Override
            public void configureUiBindings(UiBindingRegistry bindings) {
                // Before the selection bindings, which would move down on Enter as a spreadsheet does.
                bindings.registerFirstKeyBinding(new KeyEventMatcher(SWT.NONE, SWT.CR), (t, e) -> opened.run());
                bindings.registerFirstKeyBinding(new KeyEventMatcher(SWT.NONE, SWT.KEYPAD_CR), (t, e) -> opened.run());
                bindings.registerFirstDoubleClickBinding(MouseEventMatcher.bodyLeftClick(SWT.NONE), (t, e) -> opened.run());
            }
        });
        nat.configure();
        // Rows as tall as the font needs (a HiDPI screen or a larger system font), not NatTable's fixed 20 pixels.
        GC gc = new GC(nat);
        try {
            int height = gc.getFontMetrics().getHeight() + 8;
            bodyData.setDefaultRowHeight(height);
            headerData.setDefaultRowHeight(height + 2);
        } finally {
            gc.dispose();
        }
        selection.addLayerListener(event -> {
            if (event instanceof ISelectionEvent) {
                selected.accept(selectedRow());
            }
        });
    }

    private record Column(String key, int weight, int minWidth, Function<DossierRow, String> value) {
    }

    private List<Column> columns() {
        return List.of(new Column("col.code", 16, 205, DossierRow::code), new Column("col.applicant", 13, 140, DossierRow::applicantName),
                new Column("col.procedure", 26, 200, DossierRow::procedureName), new Column("col.field", 8, 85, DossierRow::fieldName),
                new Column("col.received", 10, 130, r -> text.dateTime(r.receivedAt())), new Column("col.due", 10, 130, r -> text.dateTime(r.dueAt())),
                new Column("col.status", 11, 120, r -> text.status(r.status())), new Column("col.deadline", 6, 90, r -> {
                    DeadlineClass c = deadlineOf(r);
                    return c == null ? "" : c.displayName(text.locale());
                }));
    }

    private static DeadlineClass deadlineOf(DossierRow r) {
        return r == null ? null : DossierListPart.deadlineClass(r, Instant.now());
    }

    NatTable control() {
        return nat;
    }

    /** Orders the list as a click on that column's header would; the caller reads the rows again. */
    void order(DossierFilter.Sort sort) {
        order = sort;
    }

    /** The order a header click chose (received, newest first, until one is clicked). */
    DossierFilter.Sort order() {
        return order;
    }

    /** A new list of {@code count} rows: nothing selected, scrolled to its top, every row asked for again. */
    void showNewList(int count) {
        selection.clear(false);
        data.count = count;
        bodyData.fireLayerEvent(new RowStructuralRefreshEvent(bodyData));
        viewport.setOriginY(0);
        nat.redraw();
    }

    /** Paints again, with the rows whose pages came in meanwhile. */
    void redraw() {
        if (!nat.isDisposed()) {
            nat.redraw();
        }
    }

    int rowCount() {
        return data.count;
    }

    /** Selects row {@code index} (the selection listener is told, as for a click). */
    void select(int index) {
        selection.selectRow(0, index, false, false);
    }

    /** Keyboard focus into the list, on its first row when none is selected: arrows and Enter go on from there. */
    void focus() {
        nat.setFocus();
        if (selectedRow() == null && data.count > 0) {
            viewport.moveRowPositionIntoViewport(0);
            select(0);
        }
    }

    /** The row last clicked or moved to (the selection's anchor), if it is selected. */
    DossierRow selectedRow() {
        int index = selection.getSelectionAnchor().getRowPosition();
        return index < 0 || index >= data.count || !selection.isRowPositionSelected(index) ? null : rows.apply(index);
    }

    /** The cells: texts of the row at an index, null (blank) while its page is being read. */
    private final class RowData implements IDataProvider {
        int count;

        @Override
        public Object getDataValue(int column, int row) {
            DossierRow r = rows.apply(row);
            return r == null ? null : UiText.orDash(columns.get(column).value().apply(r));
        }

        @Override
        public void setDataValue(int column, int row, Object value) {
            throw new UnsupportedOperationException("the dossier list is read-only");
        }

        @Override
        public int getColumnCount() {
            return columns.size();
        }

        @Override
        public int getRowCount() {
            return count;
        }
    }

    /** Header clicks choose the list's order among those the store keeps indexed; the header shows which. */
    private final class HeaderOrder implements ISortModel {
        private final Consumer<DossierFilter.Sort> reordered;

        HeaderOrder(Consumer<DossierFilter.Sort> reordered) {
            this.reordered = reordered;
        }

        private int sortedColumn() {
            return switch (order) {
                case CODE -> CODE;
                case DUE_SOONEST -> DUE;
                default -> RECEIVED;
            };
        }

        @Override
        public List<Integer> getSortedColumnIndexes() {
            return List.of(sortedColumn());
        }

        @Override
        public boolean isColumnIndexSorted(int column) {
            return column == sortedColumn();
        }

        @Override
        public SortDirectionEnum getSortDirection(int column) {
            if (column != sortedColumn()) {
                return SortDirectionEnum.NONE;
            }
            return order == DossierFilter.Sort.RECEIVED_NEWEST ? SortDirectionEnum.DESC : SortDirectionEnum.ASC;
        }

        @Override
        public int getSortOrder(int column) {
            return column == sortedColumn() ? 0 : -1;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List<java.util.Comparator> getComparatorsForColumnIndex(int column) {
            return List.of();
        }

        @Override
        public java.util.Comparator<?> getColumnComparator(int column) {
            return null;
        }

        @Override
        public void sort(int column, SortDirectionEnum direction, boolean accumulate) {
            // One order per column (the one with an index); clicking the column already sorted keeps it.
            DossierFilter.Sort chosen = ORDERS.get(column);
            if (chosen != null && chosen != order) {
                order = chosen;
                reordered.accept(chosen);
            }
        }

        @Override
        public void clear() {
            order = DossierFilter.Sort.RECEIVED_NEWEST;
        }
    }
}
