package vn.motcua.app.commands;

import java.util.Locale;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;
import vn.motcua.app.ui.AgencySettingsDialog;
import vn.motcua.core.model.Role;
import vn.motcua.core.session.UserSession;
import vn.motcua.store.LocalCache;

/** Quản trị › Cơ quan: office hours and the official schedule the due dates are computed with (admins only). */
public class AgencySettingsHandler {
    @CanExecute
    boolean canExecute(@Optional UserSession session) {
        return session != null && session.hasRole(Role.ADMIN);
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, LocalCache cache, @Optional @Named(TranslationService.LOCALE) Locale locale) {
        new AgencySettingsDialog(shell, cache, locale).open();
    }
}
