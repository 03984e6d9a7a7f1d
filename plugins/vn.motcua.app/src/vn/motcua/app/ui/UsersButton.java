package vn.motcua.app.ui;

import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.AppMessages;
import vn.motcua.app.login.UsersDialog;
import vn.motcua.core.model.Role;
import vn.motcua.core.session.UserSession;
import vn.motcua.store.CacheKey;
import vn.motcua.store.LocalCache;

/** Status-bar buttons for admins: the workstation's users and the agency settings. Nothing for other roles. */
public class UsersButton {
    public static final String ID = "status.users";
    public static final String AGENCY_ID = "status.agency";

    @Inject
    LocalCache cache;

    @Inject
    CacheKey key;

    @Inject
    UserSession session;

    @Inject
    @Optional
    @Named(TranslationService.LOCALE)
    Locale locale;

    @PostConstruct
    void create(Composite parent) {
        if (!session.hasRole(Role.ADMIN)) {
            return;
        }
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 0;
        box.setLayout(layout);
        Button b = new Button(box, SWT.PUSH | SWT.FLAT);
        b.setData("motcua.id", ID);
        b.setText(AppMessages.get(locale, "users.button"));
        b.addListener(SWT.Selection, e -> new UsersDialog(b.getShell(), cache, key, session, locale).open());
        layout.numColumns = 2;
        Button agency = new Button(box, SWT.PUSH | SWT.FLAT);
        agency.setData("motcua.id", AGENCY_ID);
        agency.setText(AppMessages.get(locale, "agency.button"));
        agency.setToolTipText(AppMessages.get(locale, "agency.tooltip"));
        agency.addListener(SWT.Selection, e -> new AgencySettingsDialog(agency.getShell(), cache, locale).open());
    }
}
