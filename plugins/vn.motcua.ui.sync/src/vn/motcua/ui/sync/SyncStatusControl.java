package vn.motcua.ui.sync;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.store.LocalCache;
import vn.motcua.sync.SyncJob;
import vn.motcua.sync.SyncStatus;

/**
 * Status bar: when this workstation last synced, how many changes wait to be sent, the last error in plain
 * words, refused changes (opens the list), and "Sync now". Without a configured server it says so. The status line is
 * kept to about {@value #MAX_STATUS_CHARS} characters' width (a long error is shortened, whole in the tooltip), so the
 * sync area with its buttons always fits in the window — a 1024-pixel one too — instead of being pushed out of it.
 */
public class SyncStatusControl {
    public static final String ID = "status.sync";
    static final int MAX_STATUS_CHARS = 80;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Inject
    @Optional
    SyncJob job;

    @Inject
    LocalCache cache;

    @Inject
    @Optional
    @Named(TranslationService.LOCALE)
    Locale locale;

    private Label label;
    private Link conflicts;
    private Consumer<SyncStatus> listener;

    @PostConstruct
    void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(4, false);
        layout.marginHeight = 0;
        layout.marginWidth = 8;
        box.setLayout(layout);
        label = new Label(box, SWT.NONE);
        label.setData("motcua.id", ID);
        conflicts = new Link(box, SWT.NONE);
        conflicts.setData("motcua.id", "status.sync.conflicts");
        conflicts.addListener(SWT.Selection, e -> {
            new ConflictsDialog(box.getShell(), cache, locale).open();
            if (job != null) {
                show(job.status());
            } else {
                showConflicts(cache.sync().conflicts(false).size());
            }
        });
        if (job == null) {
            // Refused changes stay to be seen even when sync is off (no server now, a training sandbox).
            label.setText(SyncText.get(locale, "status.offlineOnly"));
            showConflicts(cache.sync().conflicts(false).size());
            return;
        }
        Button now = new Button(box, SWT.PUSH);
        now.setText(SyncText.get(locale, "syncNow"));
        now.setData("motcua.id", "status.sync.now");
        now.addListener(SWT.Selection, e -> job.syncNow());
        listener = s -> {
            if (!label.isDisposed()) {
                label.getDisplay().asyncExec(() -> show(s));
            }
        };
        job.addListener(listener);
        show(job.status());
    }

    private void show(SyncStatus s) {
        if (label.isDisposed()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(s.running() ? (s.activity() != null ? s.activity() : SyncText.get(locale, "status.running"))
                : s.lastSuccess() == null ? SyncText.get(locale, "status.never") : SyncText.get(locale, "status.last", SHOWN.format(s.lastSuccess())));
        parts.add(SyncText.get(locale, "status.pending", s.pending()));
        if (s.held() > 0) {
            // Changes that cannot go yet (their actor's key is not enrolled, or they are not signed): the tooltip says why.
            parts.add(SyncText.get(locale, "status.held", s.held()));
        }
        if (s.lastError() != null) {
            parts.add(SyncText.get(locale, "status.error", s.lastError()));
        }
        if (s.notice() != null) {
            parts.add(s.notice());
        }
        String full = String.join(" · ", parts);
        label.setText(fitted(full));
        label.setToolTipText(s.lastError() != null ? s.lastError() : s.heldReason() != null ? s.heldReason() : s.notice() != null ? s.notice() : full);
        showConflicts(s.conflicts());
    }

    private void showConflicts(long n) {
        conflicts.setText(n == 0 ? "" : "<a>" + SyncText.get(locale, "status.conflicts", n) + "</a>");
        // The status bar may need another row (or one less): the whole window's layout is asked for, not only the bar's.
        label.getParent().requestLayout();
    }

    /** {@code text}, shortened with "…" to the status line's width. */
    private String fitted(String text) {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(label);
        try {
            double max = gc.getFontMetrics().getAverageCharacterWidth() * MAX_STATUS_CHARS;
            if (gc.textExtent(text).x <= max) {
                return text;
            }
            int lo = 0;
            int hi = text.length();
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (gc.textExtent(text.substring(0, mid).strip() + "…").x <= max) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return text.substring(0, lo).strip() + "…";
        } finally {
            gc.dispose();
        }
    }

    @PreDestroy
    void dispose() {
        if (job != null && listener != null) {
            job.removeListener(listener);
        }
    }
}
