package vn.motcua.app.login;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import vn.motcua.app.AppMessages;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.core.session.UserSession;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.LocalCache;

/**
 * The admin's list of the workstation's staff: add a user (roles, first password: their own wrapped copy of the
 * cache key), set a new password, deactivate. Passwords are read as char[] and cleared at once.
 */
public final class UsersDialog extends Dialog {
    public static final String ID_KEY = "motcua.id";
    private final LocalCache cache;
    private final CacheKey key;
    private final UserSession session;
    private final Locale locale;
    private Table table;
    private Text username;
    private Text fullName;
    private Text password;
    private final java.util.Map<Role, Button> roleBoxes = new java.util.EnumMap<>(Role.class);
    private Label message;

    public UsersDialog(Shell parent, LocalCache cache, CacheKey key, UserSession session, Locale locale) {
        super(parent);
        this.cache = cache;
        this.key = key;
        this.session = session;
        this.locale = locale;
    }

    private String text(String k, Object... args) {
        return AppMessages.get(locale, k, args);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(text("users.title"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 10).applyTo(area);
        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        table.setData(ID_KEY, "users.table");
        table.setHeaderVisible(true);
        for (String c : new String[] { "users.username", "users.fullName", "users.roles" }) {
            org.eclipse.swt.widgets.TableColumn col = new org.eclipse.swt.widgets.TableColumn(table, SWT.NONE);
            col.setText(text(c));
            col.setWidth(c.equals("users.roles") ? 260 : 160);
        }
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(600, 180).applyTo(table);
        username = field(area, "users.username", "users.new.username");
        fullName = field(area, "users.fullName", "users.new.fullName");
        new Label(area, SWT.NONE).setText(text("users.password"));
        password = new Text(area, SWT.BORDER | SWT.PASSWORD);
        password.setData(ID_KEY, "users.new.password");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);
        new Label(area, SWT.NONE).setText(text("users.roles"));
        Composite roles = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(roles);
        for (Role r : Role.values()) {
            Button b = new Button(roles, SWT.CHECK);
            b.setText(r.displayName(locale));
            b.setData(ID_KEY, "users.role." + r.name());
            roleBoxes.put(r, b);
        }
        Composite buttons = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(buttons);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(buttons);
        Button save = new Button(buttons, SWT.PUSH);
        save.setText(text("users.save"));
        save.setData(ID_KEY, "users.save");
        save.addListener(SWT.Selection, e -> save());
        Button deactivate = new Button(buttons, SWT.PUSH);
        deactivate.setText(text("users.deactivate"));
        deactivate.setData(ID_KEY, "users.deactivate");
        deactivate.addListener(SWT.Selection, e -> deactivate());
        message = new Label(area, SWT.WRAP);
        message.setData(ID_KEY, "users.message");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(message);
        table.addListener(SWT.Selection, e -> {
            if (table.getSelectionIndex() >= 0) {
                User u = (User) table.getItem(table.getSelectionIndex()).getData();
                username.setText(u.username());
                fullName.setText(u.fullName());
                roleBoxes.forEach((r, b) -> b.setSelection(u.hasRole(r)));
            }
        });
        refresh();
        // The form starts empty with the cursor in it: a new user is the common case.
        username.setFocus();
        return area;
    }

    private Text field(Composite area, String label, String id) {
        new Label(area, SWT.NONE).setText(text(label));
        Text t = new Text(area, SWT.BORDER);
        t.setData(ID_KEY, id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(t);
        return t;
    }

    private void refresh() {
        table.removeAll();
        for (User u : cache.users().all()) {
            TableItem it = new TableItem(table, SWT.NONE);
            it.setText(new String[] { u.username(), u.fullName(),
                    u.roles().stream().map(r -> r.displayName(locale)).collect(Collectors.joining(", ")) });
            it.setData(u);
        }
    }

    /** Adds or updates the user; a password given becomes their (new) password on this workstation. */
    void save() {
        String name = username.getText().strip().toLowerCase(Locale.ROOT);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleBoxes.forEach((r, b) -> {
            if (b.getSelection()) {
                roles.add(r);
            }
        });
        char[] pw = password.getTextChars();
        try {
            if (!name.matches("[a-z0-9][a-z0-9._-]{0,59}")) {
                message.setText(text("users.badName", name));
                return;
            }
            if (roles.isEmpty()) {
                message.setText(text("users.noRole"));
                return;
            }
            CacheKeyRing ring = CacheKeyRing.load(cache.dataDir());
            if (!ring.hasUser(name) && pw.length < 8) {
                message.setText(text("users.shortPassword"));
                return;
            }
            if (pw.length > 0) {
                if (pw.length < 8) {
                    message.setText(text("users.shortPassword"));
                    return;
                }
                ring.addUser(name, pw, key);
            }
            cache.users().save(new User(name, fullName.getText().strip(), session.agencyCode(), roles));
            message.setText(text("users.saved", name));
            password.setText("");
            refresh();
        } catch (IOException | RuntimeException e) {
            message.setText(text("users.failed", String.valueOf(e.getMessage())));
        } finally {
            Arrays.fill(pw, '\0');
            message.getParent().layout(true);
        }
    }

    /** Deactivates the selected user: their key copy is removed, their history keeps their name. */
    void deactivate() {
        String name = username.getText().strip();
        if (name.equals(session.user().username())) {
            message.setText(text("users.notYourself"));
            return;
        }
        try {
            CacheKeyRing.load(cache.dataDir()).removeUser(name);
            cache.users().deactivate(name);
            message.setText(text("users.deactivated", name));
            refresh();
        } catch (IOException | RuntimeException e) {
            message.setText(text("users.failed", String.valueOf(e.getMessage())));
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, text("users.close"), true);
    }

}
