package vn.motcua.ui.sync;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.LocalCache;
import vn.motcua.store.SyncLedger.Conflict;

/** The local changes the server refused, each with what the server has instead; the user marks them seen. */
final class ConflictsDialog extends Dialog {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private final LocalCache cache;
    private final Locale locale;
    private Table table;
    private List<Conflict> shown;

    ConflictsDialog(Shell parent, LocalCache cache, Locale locale) {
        super(parent);
        this.cache = cache;
        this.locale = locale;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(SyncText.get(locale, "conflicts.title"));
        shell.setData("motcua.id", "sync.conflicts");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(1, false));
        Label intro = new Label(area, SWT.WRAP);
        intro.setText(SyncText.get(locale, "conflicts.intro"));
        GridDataFactory.fillDefaults().grab(true, false).hint(900, SWT.DEFAULT).applyTo(intro);
        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.setData("motcua.id", "sync.conflicts.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        String[] cols = { "dossier", "action", "by", "at", "reason", "server" };
        int[] widths = { 170, 160, 120, 120, 420, 200 };
        for (int i = 0; i < cols.length; i++) {
            TableColumn c = new TableColumn(table, SWT.NONE);
            c.setText(SyncText.get(locale, "conflicts.col." + cols[i]));
            c.setWidth(widths[i]);
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 260).applyTo(table);
        fill();
        return area;
    }

    private void fill() {
        table.removeAll();
        shown = cache.sync().conflicts(false);
        for (Conflict c : shown) {
            TableItem item = new TableItem(table, SWT.NONE);
            String server = c.serverStatus() == null ? "" : DossierStatus.valueOf(c.serverStatus()).displayName(locale);
            item.setText(new String[] { c.dossierCode(), DossierAction.valueOf(c.action()).displayName(locale), c.actor(),
                    SHOWN.format(c.localAt()), c.reason(), server });
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.DETAILS_ID, SyncText.get(locale, "conflicts.acknowledge"), false)
                .setData("motcua.id", "sync.conflicts.acknowledge");
        createButton(parent, IDialogConstants.CLOSE_ID, SyncText.get(locale, "conflicts.close"), true);
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == IDialogConstants.DETAILS_ID) {
            int[] selected = table.getSelectionIndices();
            for (int i : selected.length == 0 ? java.util.stream.IntStream.range(0, shown.size()).toArray() : selected) {
                cache.sync().acknowledge(shown.get(i).id());
            }
            fill();
            return;
        }
        close();
    }
}
