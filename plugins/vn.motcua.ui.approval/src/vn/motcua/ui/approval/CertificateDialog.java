package vn.motcua.ui.approval;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import vn.motcua.sign.SigningCertificate;

/**
 * Lists the certificates of the logged-in token: holder, agency, issuer, serial, validity; expired or otherwise
 * unusable ones are shown greyed with the reason and cannot be chosen. The certificate used last time (remembered
 * by thumbprint) is preselected.
 */
final class CertificateDialog extends Dialog {
    private final Texts text;
    private final List<SigningCertificate> certificates;
    private final int documents;
    private String chosen;
    private Table table;

    CertificateDialog(Shell parent, Texts text, List<SigningCertificate> certificates, String remembered, int documents) {
        super(parent);
        this.text = text;
        this.certificates = certificates;
        this.documents = documents;
        this.chosen = certificates.stream().filter(SigningCertificate::usable).filter(c -> c.thumbprint().equalsIgnoreCase(remembered)).findFirst()
                .or(() -> certificates.stream().filter(SigningCertificate::usable).findFirst()).map(SigningCertificate::thumbprint).orElse(null);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(text.get("cert.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(c);
        new Label(c, SWT.NONE).setText(text.get("cert.prompt", documents));
        table = new Table(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setData(ApprovalPart.ID_KEY, "sign.certificates");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String col : new String[] { "holder", "agency", "issuer", "serial", "validity", "state" }) {
            new TableColumn(table, SWT.LEFT).setText(text.get("cert.col." + col));
        }
        int select = -1;
        for (SigningCertificate cert : certificates) {
            TableItem it = new TableItem(table, SWT.NONE);
            it.setText(new String[] { cert.holder(), cert.agency(), cert.issuer(), cert.serialHex(),
                    Texts.date(cert.notBefore()) + " – " + Texts.date(cert.notAfter()),
                    cert.usable() ? text.get("cert.usable") : cert.whyNotUsable(text.locale) });
            it.setData(cert);
            if (!cert.usable()) {
                it.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            }
            if (cert.thumbprint().equals(chosen)) {
                select = table.getItemCount() - 1;
            }
        }
        for (TableColumn col : table.getColumns()) {
            col.pack();
        }
        if (select >= 0) {
            table.select(select);
        }
        table.addListener(SWT.Selection, e -> {
            SigningCertificate cert = (SigningCertificate) ((TableItem) e.item).getData();
            chosen = cert.usable() ? cert.thumbprint() : null;
            getButton(IDialogConstants.OK_ID).setEnabled(chosen != null);
        });
        GridDataFactory.fillDefaults().grab(true, true).hint(760, 140).applyTo(table);
        return c;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, text.get("cert.ok", documents), true).setEnabled(chosen != null);
        createButton(parent, IDialogConstants.CANCEL_ID, text.get("cancel"), false);
    }

    /** Thumbprint of the chosen certificate. */
    String thumbprint() {
        return chosen;
    }
}
