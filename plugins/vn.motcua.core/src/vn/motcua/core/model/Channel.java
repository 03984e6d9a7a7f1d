package vn.motcua.core.model;

import java.util.Locale;

/** How a dossier was submitted (kênh nộp); durations and fees may differ per channel. */
public enum Channel implements Localizable {
    IN_PERSON(1), ONLINE(2), POSTAL(3);

    private final int nationalCode;

    Channel(int nationalCode) {
        this.nationalCode = nationalCode;
    }

    /** {@code KenhThucHien} of the national portal: 1 in person, 2 online, 3 postal. */
    public int nationalCode() {
        return nationalCode;
    }

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
