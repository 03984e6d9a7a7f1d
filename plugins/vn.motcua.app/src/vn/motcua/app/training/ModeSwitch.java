package vn.motcua.app.training;

import java.io.IOException;
import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.AppMessages;
import vn.motcua.store.LocalCache;

/** Status-bar button: go to the training workspace, or back to real work (a restart of a few seconds). */
public class ModeSwitch {
    /** Widget id for the UI test harness. */
    public static final String ID = "training.switch";

    @Inject
    LocalCache cache;

    @Inject
    IWorkbench workbench;

    @Inject
    @Optional
    @Named(TranslationService.LOCALE)
    Locale locale;

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 0;
        box.setLayout(layout);
        boolean training = TrainingMode.active();
        Button b = new Button(box, SWT.PUSH | SWT.FLAT);
        b.setData("motcua.id", ID);
        b.setText(AppMessages.get(locale, training ? "training.leave" : "training.enter"));
        b.addListener(SWT.Selection, e -> {
            String question = AppMessages.get(locale, training ? "training.leave.confirm" : "training.enter.confirm");
            if (!MessageDialog.openConfirm(b.getShell(), b.getText(), question)) {
                return;
            }
            try {
                TrainingMode.switchTo(cache.dataDir(), !training);
                workbench.restart();
            } catch (IOException ex) {
                MessageDialog.openError(b.getShell(), b.getText(), ex.getMessage());
            }
        });
    }
}
