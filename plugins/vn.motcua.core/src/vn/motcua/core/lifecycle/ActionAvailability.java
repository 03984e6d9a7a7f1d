package vn.motcua.core.lifecycle;

import java.util.List;
import java.util.Optional;

import vn.motcua.core.model.DossierAction;

/**
 * Whether an action can be offered to an actor now; the UI shows disabled commands with {@code whyDisabled}.
 *
 * @param whyDisabled empty when enabled
 * @param warnings    shown before confirming an enabled action (e.g. a second supplement request)
 */
public record ActionAvailability(DossierAction action, Optional<LifecycleMessage> whyDisabled,
        List<LifecycleMessage> warnings) {
    public ActionAvailability {
        warnings = List.copyOf(warnings);
    }

    public boolean enabled() {
        return whyDisabled.isEmpty();
    }
}
