package vn.motcua.app.login;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import vn.motcua.app.AppMessages;

/**
 * Asks for username and password before the cache is opened. The password leaves the text field as a
 * {@code char[]} straight into {@code attempt} and is cleared right after; it is never kept in a String.
 * {@code attempt} returns null when the login worked, or the message to show (and the dialog stays).
 */
public final class LoginDialog extends Dialog {
    /** Widget ids for the UI test harness. */
    public static final String ID_KEY = "motcua.id";

    private final Locale locale;
    private final String suggestedUser;
    private final String hint;
    private final BiFunction<String, char[], String> attempt;
    private Text username;
    private Text password;
    private Label message;

    public LoginDialog(Shell parent, Locale locale, String suggestedUser, String hint, BiFunction<String, char[], String> attempt) {
        super(parent);
        this.locale = locale;
        this.suggestedUser = suggestedUser;
        this.hint = hint;
        this.attempt = attempt;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(AppMessages.get(locale, "login.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(16, 12).spacing(10, 8).applyTo(area);
        Label heading = new Label(area, SWT.WRAP);
        heading.setText(AppMessages.get(locale, "login.heading"));
        GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(heading);

        new Label(area, SWT.NONE).setText(AppMessages.get(locale, "login.username"));
        username = new Text(area, SWT.BORDER | SWT.SINGLE);
        username.setData(ID_KEY, "login.username");
        username.setText(suggestedUser == null ? "" : suggestedUser);
        GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(username);

        new Label(area, SWT.NONE).setText(AppMessages.get(locale, "login.password"));
        password = new Text(area, SWT.BORDER | SWT.SINGLE | SWT.PASSWORD);
        password.setData(ID_KEY, "login.password");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);

        message = new Label(area, SWT.WRAP);
        message.setData(ID_KEY, "login.message");
        message.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(message);

        if (hint != null) {
            Label h = new Label(area, SWT.WRAP);
            h.setData(ID_KEY, "login.hint");
            h.setText(hint);
            h.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(h);
        }
        (username.getText().isEmpty() ? username : password).setFocus();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, AppMessages.get(locale, "login.ok"), true);
        createButton(parent, IDialogConstants.CANCEL_ID, AppMessages.get(locale, "login.quit"), false);
    }

    @Override
    protected void okPressed() {
        String user = username.getText().strip().toLowerCase(Locale.ROOT);
        char[] pw = password.getTextChars();
        String[] outcome = new String[1];
        try {
            // Argon2 and opening the cache take a second or more on an old PC: say so and show the busy cursor meanwhile
            // (painted now: the work below holds the UI thread).
            message.setForeground(message.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            message.setText(AppMessages.get(locale, "login.opening"));
            message.getParent().layout(true);
            getShell().update();
            BusyIndicator.showWhile(getShell().getDisplay(), () -> outcome[0] = attempt.apply(user, pw));
        } finally {
            Arrays.fill(pw, '\0');
        }
        if (outcome[0] == null) {
            password.setText("");
            super.okPressed();
        } else {
            message.setForeground(message.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            message.setText(outcome[0]);
            message.getParent().layout(true);
            password.setText("");
            password.setFocus();
            getShell().pack();
        }
    }
}
