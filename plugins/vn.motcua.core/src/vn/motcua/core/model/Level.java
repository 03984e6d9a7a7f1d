package vn.motcua.core.model;

import java.util.Locale;

/**
 * Level of government that applies a procedure or owns an agency. Since 01/07/2025 local government has
 * two tiers (province, commune); {@link #DISTRICT} exists only to read dossiers and catalogues from before.
 */
public enum Level implements Localizable {
    PROVINCE, COMMUNE,
    /** District level, abolished 01/07/2025: kept for old data only, never offered for new records. */
    DISTRICT;

    /** Whether new catalogue entries and agencies may use this level. */
    public boolean isCurrent() {
        return this != DISTRICT;
    }

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
