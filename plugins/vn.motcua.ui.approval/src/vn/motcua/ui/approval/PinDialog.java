package vn.motcua.ui.approval;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import vn.motcua.sign.KeyToken;

/**
 * Asks which token (when several are plugged in) and its PIN, once for a whole batch. The PIN is read from the
 * field as a char array and the field is emptied; it is never kept in a String. An error of the last attempt (wrong
 * PIN with the tries left, locked token) is shown above the field.
 */
final class PinDialog extends Dialog {
    private final Texts text;
    private final List<KeyToken> tokens;
    private final int documents;
    private final String trainingPin;
    private final String error;
    private Combo tokenChoice;
    private Text pinField;
    private Label problem;
    private int chosen;
    private char[] pin;

    PinDialog(Shell parent, Texts text, List<KeyToken> tokens, int preferred, int documents, String trainingPin, String error) {
        super(parent);
        this.text = text;
        this.tokens = tokens;
        this.chosen = preferred;
        this.documents = documents;
        this.trainingPin = trainingPin;
        this.error = error;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(text.get("pin.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        problem = new Label(c, SWT.WRAP);
        problem.setData(ApprovalPart.ID_KEY, "sign.pinError");
        problem.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        problem.setText(error == null ? "" : error);
        GridDataFactory.fillDefaults().span(2, 1).hint(420, SWT.DEFAULT).exclude(error == null).applyTo(problem);
        problem.setVisible(error != null);
        new Label(c, SWT.NONE).setText(text.get("pin.token"));
        tokenChoice = new Combo(c, SWT.READ_ONLY);
        tokenChoice.setData(ApprovalPart.ID_KEY, "sign.token");
        for (int i = 0; i < tokens.size(); i++) {
            // SunPKCS11 tells tokens apart only after login: number them in slot order, with the library found.
            tokenChoice.add(text.get("pin.tokenN", i + 1, tokens.get(i).source()));
        }
        tokenChoice.select(Math.max(0, Math.min(chosen, tokens.size() - 1)));
        tokenChoice.setEnabled(tokens.size() > 1);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(tokenChoice);
        if (trainingPin != null) {
            Label hint = new Label(c, SWT.WRAP);
            hint.setText(text.get("pin.training", trainingPin));
            GridDataFactory.fillDefaults().span(2, 1).applyTo(hint);
        }
        new Label(c, SWT.NONE).setText(text.get("pin.prompt", documents));
        pinField = new Text(c, SWT.BORDER | SWT.PASSWORD);
        pinField.setData(ApprovalPart.ID_KEY, "sign.pin");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(pinField);
        pinField.setFocus();
        return c;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, text.get("pin.ok"), true);
        createButton(parent, IDialogConstants.CANCEL_ID, text.get("cancel"), false);
    }

    @Override
    protected void okPressed() {
        char[] typed = pinField.getTextChars();
        pinField.setText("");
        if (typed.length == 0) {
            problem.setText(text.get("pin.empty"));
            problem.setVisible(true);
            ((org.eclipse.swt.layout.GridData) problem.getLayoutData()).exclude = false;
            problem.getParent().layout(true);
            return;
        }
        pin = typed;
        chosen = tokenChoice.getSelectionIndex();
        super.okPressed();
    }

    /** The chosen token's index in the list given. */
    int token() {
        return chosen;
    }

    /** The PIN typed; the caller clears it after use. */
    char[] pin() {
        return pin;
    }
}
