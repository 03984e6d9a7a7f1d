package vn.motcua.app.ui;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import vn.motcua.app.AppMessages;

/** The keyboard shortcuts active now: key, and what it does. */
public class KeysDialog extends Dialog {
    /** Widget id of the table, for the UI tests. */
    public static final String TABLE_ID = "keys.table";
    private final List<String[]> rows;
    private final Locale locale;

    public KeysDialog(Shell parent, List<String[]> rows, Locale locale) {
        super(parent);
        this.rows = rows;
        this.locale = locale;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(AppMessages.get(locale, "keys.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Table table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        table.setData("motcua.id", TABLE_ID);
        table.setHeaderVisible(true);
        new TableColumn(table, SWT.LEFT).setText(AppMessages.get(locale, "keys.key"));
        new TableColumn(table, SWT.LEFT).setText(AppMessages.get(locale, "keys.action"));
        for (String[] r : rows) {
            new TableItem(table, SWT.NONE).setText(r);
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(480, Math.min(420, 24 * (rows.size() + 2))).applyTo(table);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, AppMessages.get(locale, "dialog.close"), true);
    }
}
