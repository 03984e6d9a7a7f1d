package vn.motcua.core.model;

import java.util.Locale;

/** What a user may do; one user may hold several roles in one agency. */
public enum Role implements Localizable {
    /** Cán bộ một cửa: reception, delivery, and issuing when acting as records clerk. */
    CLERK,
    /** Chuyên viên: processing. */
    SPECIALIST,
    /** Lãnh đạo: approval, assignment. */
    HEAD,
    /** Configuration and users; no dossier actions. */
    ADMIN,
    /** Runs training workshops on sandbox data; no actions on real dossiers. */
    TRAINER;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
