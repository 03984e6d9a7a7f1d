package vn.motcua.ui.sync;

import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.update.AppUpdates;
import vn.motcua.update.UpdateText;
import vn.motcua.update.client.UpdateStatus;

/**
 * Status bar: the version this workstation runs and, when there is something to say about updates, one line — a new
 * version ready (with "Restart to update"), a rollback, or what stands in the way (read-only installation, full disk,
 * no package on the server). One line, replaced by the next round's: never a dialog, never repeated.
 */
public class UpdateStatusControl {
    public static final String ID = "status.update";

    @Inject
    @Optional
    AppUpdates updates;

    @Inject
    @Optional
    IWorkbench workbench;

    @Inject
    @Optional
    @Named(TranslationService.LOCALE)
    Locale locale;

    private Label label;
    private Link restart;
    private Consumer<UpdateStatus> listener;

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginHeight = 0;
        layout.marginWidth = 8;
        box.setLayout(layout);
        label = new Label(box, SWT.NONE);
        label.setData("motcua.id", ID);
        // A link, not a button: as tall as the text, so the status bar keeps its height when it appears.
        restart = new Link(box, SWT.NONE);
        restart.setText("<a>" + SyncText.get(locale, "update.restart") + "</a>");
        restart.setToolTipText(SyncText.get(locale, "update.restartTip"));
        restart.setData("motcua.id", "status.update.restart");
        // Exit code 23: the launch script starts the program again, on the new version.
        restart.addListener(SWT.Selection, e -> {
            if (workbench != null) {
                workbench.restart();
            }
        });
        if (updates == null) {
            show(null, "?");
            return;
        }
        if (updates.schedule().isEmpty()) {
            show(null, updates.version());
            return;
        }
        listener = s -> {
            if (!label.isDisposed()) {
                label.getDisplay().asyncExec(() -> show(s, s.running()));
            }
        };
        updates.schedule().get().addListener(listener);
        show(updates.schedule().get().status(), updates.version());
    }

    private void show(UpdateStatus s, String version) {
        if (label.isDisposed()) {
            return;
        }
        // Started outside an installation (the IDE, UI tests): no version to show.
        String v = "?".equals(version) ? "" : UpdateText.get(locale, "status.version", version);
        label.setText(s == null || s.message() == null ? v : v.isEmpty() ? s.message() : v + " · " + s.message());
        label.setToolTipText(s == null ? null : s.message());
        boolean ready = s != null && s.kind() == UpdateStatus.Kind.READY;
        restart.setVisible(ready);
        ((org.eclipse.swt.layout.GridData) layoutData(restart)).exclude = !ready;
        // The line's width changed: the whole trim (it may wrap to another row) and the window's content follow.
        label.getShell().layout(true, true);
    }

    private static Object layoutData(Link b) {
        if (!(b.getLayoutData() instanceof org.eclipse.swt.layout.GridData)) {
            b.setLayoutData(new org.eclipse.swt.layout.GridData());
        }
        return b.getLayoutData();
    }

    @PreDestroy
    void dispose() {
        if (updates != null && listener != null) {
            updates.schedule().ifPresent(s -> s.removeListener(listener));
        }
    }
}
