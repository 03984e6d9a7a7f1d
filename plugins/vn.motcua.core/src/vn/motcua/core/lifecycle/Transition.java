package vn.motcua.core.lifecycle;

import java.util.List;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;

/** The result of a successful command: the new dossier, the event to append, and warnings to show. */
public record Transition(Dossier dossier, DossierEvent event, List<LifecycleMessage> warnings) {
    public Transition {
        warnings = List.copyOf(warnings);
    }
}
