package vn.motcua.core.model;

import java.util.Locale;

/**
 * What can happen to a dossier. The rules (from-states, roles, reasons, forms) live in
 * {@code vn.motcua.core.lifecycle.Lifecycle}; this enum is here so events and storage do not depend on them.
 */
public enum DossierAction implements Localizable {
    /** The national portal handed an online submission over (first event of an online dossier). */
    SUBMIT_ONLINE,
    RECEIVE, REFUSE, REQUEST_SUPPLEMENT, RECEIVE_SUPPLEMENT, ASSIGN, START_PROCESSING, REQUEST_PAYMENT,
    CONFIRM_PAYMENT, SUBMIT_FOR_APPROVAL, APPROVE, SEND_BACK, ISSUE, RETURN_DOSSIER, TRANSFER, STOP, WITHDRAW,
    MARK_RESULT_READY, DELIVER_RESULT, EXTEND;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
