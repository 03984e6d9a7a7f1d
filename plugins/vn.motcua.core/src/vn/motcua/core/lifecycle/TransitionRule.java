package vn.motcua.core.lifecycle;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;
import vn.motcua.core.rules.FormKind;

/**
 * One row of the lifecycle table.
 *
 * @param toStatus null when the action keeps the current status (extension)
 * @param form     the form the action produces, numbered by the dossier's rule pack; null when none
 */
public record TransitionRule(DossierAction action, Set<DossierStatus> fromStatuses, DossierStatus toStatus,
        Set<Role> roles, boolean reasonRequired, FormKind form) {

    public TransitionRule {
        fromStatuses = Collections.unmodifiableSet(EnumSet.copyOf(fromStatuses));
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    public boolean allowsFrom(DossierStatus status) {
        return fromStatuses.contains(status);
    }

    /** The status after the action, given the current one. */
    public DossierStatus target(DossierStatus current) {
        return toStatus == null ? current : toStatus;
    }

    public Optional<FormKind> producedForm() {
        return Optional.ofNullable(form);
    }
}
