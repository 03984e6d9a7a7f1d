package vn.motcua.core.lifecycle;

import java.util.List;
import java.util.Locale;

import vn.motcua.core.model.DossierAction;

/**
 * A command that the lifecycle refuses. {@link #getMessage()} is Vietnamese; use {@link #message(Locale)} for
 * the UI language. {@link #allowedActions()} lists what the current state allows.
 */
public final class TransitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient LifecycleMessage detail;
    private final transient List<DossierAction> allowedActions;

    TransitionException(LifecycleMessage detail, List<DossierAction> allowedActions) {
        super(detail.format(null));
        this.detail = detail;
        this.allowedActions = List.copyOf(allowedActions);
    }

    public LifecycleMessage detail() {
        return detail;
    }

    public String message(Locale locale) {
        return detail.format(locale);
    }

    @Override
    public String getLocalizedMessage() {
        return getMessage();
    }

    public List<DossierAction> allowedActions() {
        return allowedActions;
    }
}
