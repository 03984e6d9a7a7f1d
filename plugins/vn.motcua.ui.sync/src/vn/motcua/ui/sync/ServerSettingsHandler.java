package vn.motcua.ui.sync;

import java.util.Locale;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;
import vn.motcua.core.model.Role;
import vn.motcua.core.session.UserSession;
import vn.motcua.store.LocalCache;

/** Quản trị › Máy chủ đồng bộ: the provincial server this workstation syncs with (admins only). */
public class ServerSettingsHandler {
    @CanExecute
    boolean canExecute(@Optional UserSession session) {
        return session != null && session.hasRole(Role.ADMIN);
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, LocalCache cache, UserSession session,
            @Optional @Named(TranslationService.LOCALE) Locale locale) {
        new ServerSettingsDialog(shell, cache.dataDir(), session.training(), locale).open();
    }
}
