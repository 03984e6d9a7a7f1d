package vn.motcua.desk;

import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;

/** A dossier a use case just changed (committed): which one, by which step, and where it stands now. */
public record DossierChange(String code, DossierAction action, DossierStatus status) {
}
