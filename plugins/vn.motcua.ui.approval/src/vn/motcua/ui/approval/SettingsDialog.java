package vn.motcua.ui.approval;

import java.io.IOException;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import vn.motcua.sign.Pkcs11KeySource;
import vn.motcua.ui.approval.SigningSettings.StampPlace;

/**
 * The workstation's signing settings: token library (and which one detection finds), TSA, stamp place, and — changed by
 * an admin only — whether revocation (OCSP/CRL) is asked online.
 */
final class SettingsDialog extends Dialog {
    private final Texts text;
    private final SigningSettings settings;
    private final java.nio.file.Path file;
    private Text module;
    private Text tsa;
    private Combo stamp;
    private Button online;
    private final boolean admin;

    SettingsDialog(Shell parent, Texts text, SigningSettings settings, java.nio.file.Path file, boolean admin) {
        super(parent);
        this.text = text;
        this.settings = settings;
        this.file = file;
        this.admin = admin;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(text.get("settings.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        Label l = new Label(c, SWT.NONE);
        l.setText(text.get("settings.module"));
        GridDataFactory.fillDefaults().span(2, 1).applyTo(l);
        module = new Text(c, SWT.BORDER);
        module.setData(ApprovalPart.ID_KEY, "settings.module");
        module.setText(settings.moduleText());
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(module);
        Button browse = new Button(c, SWT.PUSH);
        browse.setText(text.get("settings.browse"));
        browse.addListener(SWT.Selection, e -> {
            FileDialog fd = new FileDialog(getShell(), SWT.OPEN);
            String f = fd.open();
            if (f != null) {
                module.setText(f);
            }
        });
        Label detected = new Label(c, SWT.WRAP);
        detected.setData(ApprovalPart.ID_KEY, "settings.detected");
        detected.setText(Pkcs11KeySource.findModule(System.getProperty("os.name", "")).map(p -> text.get("settings.detected", p))
                .orElse(text.get("settings.notDetected")));
        GridDataFactory.fillDefaults().span(2, 1).applyTo(detected);
        Label t = new Label(c, SWT.NONE);
        t.setText(text.get("settings.tsa"));
        GridDataFactory.fillDefaults().span(2, 1).applyTo(t);
        tsa = new Text(c, SWT.BORDER);
        tsa.setData(ApprovalPart.ID_KEY, "settings.tsa");
        tsa.setText(settings.tsaText());
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(tsa);
        new Label(c, SWT.NONE).setText(text.get("settings.stamp"));
        stamp = new Combo(c, SWT.READ_ONLY);
        stamp.setData(ApprovalPart.ID_KEY, "settings.stamp");
        for (StampPlace p : StampPlace.values()) {
            stamp.add(text.get("stamp." + p.name()));
        }
        stamp.select(settings.stampPlace().ordinal());
        online = new Button(c, SWT.CHECK);
        online.setData(ApprovalPart.ID_KEY, "settings.revocationOnline");
        online.setText(text.get("settings.revocationOnline"));
        online.setSelection(settings.revocationOnline());
        online.setEnabled(admin);
        if (!admin) {
            online.setToolTipText(text.get("settings.revocationOnline.adminOnly"));
        }
        GridDataFactory.fillDefaults().span(2, 1).applyTo(online);
        return c;
    }

    @Override
    protected void okPressed() {
        String bad = SigningSettings.check(module.getText(), tsa.getText());
        if (bad != null) {
            MessageDialog.openError(getShell(), text.get("settings.title"),
                    text.get("settings.bad." + bad, bad.equals(SigningSettings.MODULE) ? module.getText().strip() : tsa.getText().strip()));
            return;
        }
        try {
            settings.update(module.getText(), tsa.getText(), StampPlace.values()[stamp.getSelectionIndex()]);
            if (admin && online.getSelection() != settings.revocationOnline()) {
                settings.revocationOnline(online.getSelection());
            }
        } catch (IOException e) {
            MessageDialog.openError(getShell(), text.get("settings.title"), text.get("settings.saveFailed", file, e.getMessage()));
            return;
        }
        super.okPressed();
    }
}
