package vn.motcua.app.ui;

import java.util.Locale;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.AppMessages;
import vn.motcua.core.session.UserSession;

/** Status bar: who is logged in, in which roles, at which workstation — so nobody works under another's name. */
public class UserStatus {
    /** Widget id for the UI test harness. */
    public static final String ID = "status.user";

    @Inject
    UserSession session;

    @Inject
    @Optional
    @Named(TranslationService.LOCALE)
    Locale locale;

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 2;
        layout.marginWidth = 8;
        box.setLayout(layout);
        Label label = new Label(box, SWT.NONE);
        label.setData("motcua.id", ID);
        String roles = session.user().roles().stream().map(r -> r.displayName(locale)).collect(Collectors.joining(", "));
        label.setText(AppMessages.get(locale, "status.user", session.user().fullName(), session.user().username(), roles,
                session.workstationId()));
    }
}
