package vn.motcua.core.model;

import java.util.Locale;

/** How far a procedure can be done online (Decree 42/2022: DVC trực tuyến toàn trình / một phần). */
public enum OnlineLevel implements Localizable {
    FULL, PARTIAL, NONE;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
