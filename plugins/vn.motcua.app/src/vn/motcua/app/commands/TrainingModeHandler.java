package vn.motcua.app.commands;

import java.io.IOException;
import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;
import vn.motcua.app.AppMessages;
import vn.motcua.app.training.TrainingMode;
import vn.motcua.store.LocalCache;

/** Hệ thống › Chế độ đào tạo: to the training workspace, or back to real work (a restart of a few seconds). */
public class TrainingModeHandler {
    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, LocalCache cache, IWorkbench workbench,
            @Optional @Named(TranslationService.LOCALE) Locale locale) {
        boolean training = TrainingMode.active();
        String title = AppMessages.get(locale, training ? "training.leave" : "training.enter");
        String question = AppMessages.get(locale, training ? "training.leave.confirm" : "training.enter.confirm");
        MessageDialog ask = new MessageDialog(shell, title, null, question, MessageDialog.CONFIRM, 0,
                AppMessages.get(locale, "dialog.yes"), AppMessages.get(locale, "dialog.no"));
        if (ask.open() != 0) {
            return;
        }
        try {
            TrainingMode.switchTo(cache.dataDir(), !training);
            workbench.restart();
        } catch (IOException ex) {
            MessageDialog.openError(shell, title, ex.getMessage());
        }
    }
}
