package vn.motcua.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.MessageDialog;

import vn.motcua.store.JournalRecovery;

/**
 * Tells the user, before any screen shows data, that the cache came back older than what this workstation acknowledged
 * (vn.motcua.store.ChangeJournal) and what was done about it; a cache that only looks whole must not pass for whole.
 */
final class DurabilityNotice {
    private static final System.Logger LOG = System.getLogger("vn.motcua.app");

    private DurabilityNotice() {
    }

    static void show(JournalRecovery r, Locale locale) {
        if (r == null || r.clean()) {
            return;
        }
        String text = text(r, locale);
        LOG.log(System.Logger.Level.WARNING, text);
        MessageDialog.openWarning(null, AppMessages.get(locale, "recovery.title"), text);
    }

    static String text(JournalRecovery r, Locale locale) {
        List<String> parts = new ArrayList<>();
        if (r.olderThanJournal()) {
            parts.add(AppMessages.get(locale, "recovery.older", Long.toString(r.cacheSeq()), Long.toString(r.journalSeq())));
        }
        if (!r.restored().isEmpty()) {
            parts.add(AppMessages.get(locale, "recovery.restored", r.restored().size(), list(r.restored().stream().map(c -> named(c, locale)).toList())));
        }
        if (!r.notRestored().isEmpty()) {
            parts.add(AppMessages.get(locale, "recovery.notRestored", r.notRestored().size(), list(r.notRestored())));
        }
        if (r.missingBeyondJournal()) {
            parts.add(AppMessages.get(locale, "recovery.beyond"));
        }
        if (r.ignoredBytes() > 0) {
            parts.add(AppMessages.get(locale, "recovery.torn", Long.toString(r.ignoredBytes()), String.valueOf(r.keptAside())));
        }
        return String.join("\n\n", parts);
    }

    /** "RECEIVE 000.00.21.H43-261208-0002" in the user's words: "Tiếp nhận 000.00.21.H43-261208-0002". */
    private static String named(String change, Locale locale) {
        int space = change.indexOf(' ');
        String what = space < 0 ? change : change.substring(0, space);
        String rest = space < 0 ? "" : change.substring(space);
        if (what.equals("DOCUMENT")) {
            return AppMessages.get(locale, "recovery.document") + rest;
        }
        try {
            return vn.motcua.core.model.DossierAction.valueOf(what).displayName(locale) + rest;
        } catch (IllegalArgumentException e) {
            return change;
        }
    }

    /** At most 20 lines: a long outage's list belongs in the log, the dialog only has to say it happened. */
    private static String list(List<String> items) {
        List<String> shown = items.size() > 20 ? new ArrayList<>(items.subList(0, 20)) : new ArrayList<>(items);
        if (items.size() > 20) {
            shown.add("… (" + (items.size() - 20) + ")");
        }
        return "• " + String.join("\n• ", shown);
    }
}
