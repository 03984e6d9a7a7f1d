package vn.motcua.core.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Looks up user-visible text of one message bundle ({@code <base>.properties} holds Vietnamese, the
 * default UI language; {@code <base>_en.properties} English). Plain Java so core and the server share it;
 * the UI layer passes the workbench locale.
 */
public final class Localizer {
    /** The product's default UI language. */
    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    private final String baseName;
    private final ClassLoader loader;

    /** @param anchor a class next to the bundle, e.g. {@code Localizer.of(Foo.class, "messages")} */
    public static Localizer of(Class<?> anchor, String simpleName) {
        return new Localizer(anchor.getPackageName() + "." + simpleName, anchor.getClassLoader());
    }

    private Localizer(String baseName, ClassLoader loader) {
        this.baseName = baseName;
        this.loader = loader;
    }

    /** Formats {@code key} in {@code locale} ({@code null} = Vietnamese); a missing key shows as {@code !key!}. */
    public String format(Locale locale, String key, Object... args) {
        Locale l = locale == null ? VIETNAMESE : locale;
        String pattern;
        try {
            // The base file is Vietnamese, so never fall back to the JVM's default locale.
            pattern = ResourceBundle.getBundle(baseName, l, loader,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, l).format(args);
    }
}
