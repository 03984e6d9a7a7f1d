package vn.motcua.ui.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.nebula.widgets.nattable.NatTable;
import org.eclipse.nebula.widgets.nattable.grid.GridRegion;
import org.eclipse.nebula.widgets.nattable.layer.CompositeLayer;
import org.eclipse.nebula.widgets.nattable.layer.ILayer;
import org.eclipse.nebula.widgets.nattable.selection.SelectionLayer;
import org.eclipse.nebula.widgets.nattable.viewport.ViewportLayer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;

/**
 * Drives a NatTable grid as a user would read and use it: its rows' texts (as the data behind the painted cells),
 * selecting a row, Enter on it, scrolling one into view. Grids are expected in NatTable's usual shape: a composite
 * with a column header region and a body region made of a viewport over a selection layer. Every method may be
 * called from the test thread or, inside {@link Workbench#call}/{@link Workbench#waitUntil}, from the UI thread.
 */
public final class Grid {
    private final Workbench wb;
    private final NatTable nat;

    Grid(Workbench wb, NatTable nat) {
        this.wb = wb;
        this.nat = nat;
    }

    public NatTable control() {
        return nat;
    }

    /** Rows of the list (all of them, not only those on screen). */
    public int rowCount() {
        return wb.call(() -> body().getRowCount());
    }

    /** The header text of column {@code column}. */
    public String header(int column) {
        return wb.call(() -> {
            ILayer header = ((CompositeLayer) nat.getLayer()).getChildLayerByRegionName(GridRegion.COLUMN_HEADER);
            return String.valueOf(header.getDataValueByPosition(column, 0));
        });
    }

    /**
     * The text of a cell; a row still being read (blank on screen) is waited for when called from the test thread,
     * and is "" when called on the UI thread (which must run for the read to arrive).
     */
    public String text(int row, int column) {
        if (Display.getCurrent() != null) {
            Object v = body().getDataValueByPosition(column, row);
            return v == null ? "" : v.toString();
        }
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Object v = wb.call(() -> body().getDataValueByPosition(column, row));
            if (v != null) {
                return v.toString();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("row " + row + " was not read within 10 s");
            }
            sleep();
        }
    }

    /** Texts of column {@code column} of the first {@code maxRows} rows. */
    public List<String> column(int column, int maxRows) {
        int n = Math.min(maxRows, rowCount());
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(text(i, column));
        }
        return out;
    }

    /** All cells of a row, tab-separated (for "the row says …" assertions). */
    public String rowText(int row) {
        int columns = wb.call(() -> body().getColumnCount());
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            b.append(c == 0 ? "" : "\t").append(text(row, c));
        }
        return b.toString();
    }

    /** Scrolls row {@code row} into view, as dragging the scroll bar there would. */
    public void show(int row) {
        wb.run(() -> viewport().moveRowPositionIntoViewport(row));
        wb.settle();
    }

    /** Scrolls so that row {@code row} is the top one, as dragging the scroll bar there would, and paints at once. */
    public void scrollTop(int row) {
        wb.run(() -> {
            viewport().setOriginY(body().getStartYOfRowPosition(row));
            nat.update();
        });
    }

    /** How many rows the grid shows at once. */
    public int visibleRows() {
        return wb.call(() -> viewport().getRowCount());
    }

    /** Selects a row as a click on it would (the grid takes the focus). */
    public void select(int row) {
        wb.run(() -> {
            nat.setFocus();
            viewport().moveRowPositionIntoViewport(row);
            body().selectRow(0, row, false, false);
        });
        wb.settle();
    }

    /** Selects a row and presses Enter on it. */
    public void open(int row) {
        select(row);
        wb.run(() -> {
            Event e = new Event();
            e.keyCode = SWT.CR;
            e.character = '\r';
            nat.notifyListeners(SWT.KeyDown, e);
            nat.notifyListeners(SWT.KeyUp, e);
        });
        wb.settle();
    }

    /** Clicks the header of column {@code column} (a mouse press and release in its middle). */
    public void clickHeader(int column) {
        wb.run(() -> {
            Event e = new Event();
            e.button = 1;
            e.count = 1;
            e.x = nat.getStartXOfColumnPosition(column) + nat.getColumnWidthByPosition(column) / 2;
            e.y = nat.getRowHeightByPosition(0) / 2;
            nat.notifyListeners(SWT.MouseDown, e);
            nat.notifyListeners(SWT.MouseUp, e);
        });
        wb.settle();
    }

    /** The grid's widget data under {@code key}. */
    public Object data(String key) {
        return wb.call(() -> nat.getData(key));
    }

    private ViewportLayer viewport() {
        return (ViewportLayer) ((CompositeLayer) nat.getLayer()).getChildLayerByRegionName(GridRegion.BODY);
    }

    private SelectionLayer body() {
        return (SelectionLayer) viewport().getScrollableLayer();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
