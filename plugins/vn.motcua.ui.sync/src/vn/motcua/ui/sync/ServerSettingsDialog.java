package vn.motcua.ui.sync;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncException;
import vn.motcua.sync.SyncSettings;

/**
 * The workstation's sync server, for admins: the address (saved to {@code sync.properties} in the data folder; the
 * training workspace's own {@code training.server.url} in training mode), a connection test against the server's
 * health answer (which also says whether it is a training server), and a note that it applies from the next start.
 */
final class ServerSettingsDialog extends Dialog {
    private final Path dataDir;
    private final boolean training;
    private final Locale locale;
    private Text url;
    private Label result;

    ServerSettingsDialog(Shell parent, Path dataDir, boolean training, Locale locale) {
        super(parent);
        this.dataDir = dataDir;
        this.training = training;
        this.locale = locale;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(SyncText.get(locale, "settings.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        Label l = new Label(c, SWT.WRAP);
        l.setText(SyncText.get(locale, training ? "settings.urlTraining" : "settings.url"));
        GridDataFactory.fillDefaults().span(2, 1).hint(460, SWT.DEFAULT).applyTo(l);
        url = new Text(c, SWT.BORDER);
        url.setData("motcua.id", "sync.settings.url");
        try {
            url.setText(SyncSettings.savedUrl(dataDir, training));
        } catch (IOException e) {
            url.setText("");
        }
        GridDataFactory.fillDefaults().grab(true, false).applyTo(url);
        Button test = new Button(c, SWT.PUSH);
        test.setText(SyncText.get(locale, "settings.test"));
        test.setData("motcua.id", "sync.settings.test");
        test.addListener(SWT.Selection, e -> test());
        result = new Label(c, SWT.WRAP);
        result.setData("motcua.id", "sync.settings.result");
        GridDataFactory.fillDefaults().span(2, 1).hint(460, SWT.DEFAULT).applyTo(result);
        Label note = new Label(c, SWT.WRAP);
        note.setText(SyncText.get(locale, "settings.restart"));
        GridDataFactory.fillDefaults().span(2, 1).hint(460, SWT.DEFAULT).applyTo(note);
        return c;
    }

    private void test() {
        String u = url.getText().strip();
        String bad = SyncSettings.check(u);
        if (bad != null || u.isEmpty()) {
            show(SyncText.get(locale, u.isEmpty() ? "settings.empty" : bad, u, SyncSettings.httpsSuggestion(u)));
            return;
        }
        BusyIndicator.showWhile(getShell().getDisplay(), () -> {
            try {
                Map<String, Object> h = new SyncClient(URI.create(u.endsWith("/") ? u : u + "/"), locale).health();
                boolean isTraining = Boolean.TRUE.equals(h.get("training"));
                String key = isTraining ? "settings.okTraining" : "settings.ok";
                show(training && !isTraining ? SyncText.get(locale, "settings.notTraining", u) : SyncText.get(locale, key, h.get("serverId")));
            } catch (SyncException e) {
                show(SyncText.get(locale, "settings.failed", e.getMessage()));
            }
        });
    }

    private void show(String text) {
        result.setText(text);
        result.getParent().layout(true);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, SyncText.get(locale, "settings.save"), true);
        createButton(parent, IDialogConstants.CANCEL_ID, SyncText.get(locale, "settings.cancel"), false);
    }

    @Override
    protected void okPressed() {
        String u = url.getText().strip();
        String bad = SyncSettings.check(u);
        if (bad != null) {
            show(SyncText.get(locale, bad, u, SyncSettings.httpsSuggestion(u)));
            return;
        }
        try {
            SyncSettings.saveUrl(dataDir, training, u);
        } catch (IOException e) {
            show(SyncText.get(locale, "settings.saveFailed", dataDir.resolve(SyncSettings.FILE), e.getMessage()));
            return;
        }
        super.okPressed();
    }
}
