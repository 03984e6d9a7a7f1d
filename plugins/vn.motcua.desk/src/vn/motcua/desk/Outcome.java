package vn.motcua.desk;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import vn.motcua.core.lifecycle.LifecycleMessage;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;

/**
 * What a use case did, once committed: the dossier after it, the (last) event it recorded, the lifecycle's warnings
 * (a second supplement request makes the dossier late), and the paper it gave the applicant, if any.
 */
public record Outcome(Dossier dossier, DossierEvent event, List<LifecycleMessage> warnings, Optional<PrintedForm> form) {
    public Outcome {
        warnings = List.copyOf(warnings);
    }

    public String code() {
        return dossier.code();
    }

    /** The warnings worded for the user, one per line; empty when there are none. */
    public String warningText(Locale locale) {
        return String.join("\n", warnings.stream().map(w -> w.format(locale)).toList());
    }
}
