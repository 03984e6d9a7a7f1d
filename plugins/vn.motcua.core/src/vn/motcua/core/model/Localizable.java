package vn.motcua.core.model;

import java.util.Locale;

/** Something with a user-visible name in the UI language ({@code null} locale = Vietnamese). */
public interface Localizable {
    String displayName(Locale locale);
}
