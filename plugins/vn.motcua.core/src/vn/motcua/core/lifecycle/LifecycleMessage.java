package vn.motcua.core.lifecycle;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.model.Localizable;

/**
 * A user-visible lifecycle message kept as key + arguments, so the same denial renders in Vietnamese on the
 * client and in English in a log. Arguments that are {@link Localizable} (statuses, roles, actions) are named
 * in the requested language; collections are joined with ", ".
 */
public record LifecycleMessage(String key, List<Object> args) {
    private static final Localizer TEXT = Localizer.of(LifecycleMessage.class, "messages");

    public LifecycleMessage {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    public static LifecycleMessage of(String key, Object... args) {
        return new LifecycleMessage(key, List.of(args));
    }

    /** Text in {@code locale}; {@code null} = Vietnamese. */
    public String format(Locale locale) {
        Object[] a = args.stream().map(o -> render(o, locale)).toArray();
        return TEXT.format(locale, key, a);
    }

    private static Object render(Object o, Locale locale) {
        if (o instanceof Localizable l) {
            return l.displayName(locale);
        }
        if (o instanceof Verb v) {
            return TEXT.format(locale, "verb." + v.action().name());
        }
        if (o instanceof Collection<?> c) {
            return c.stream().map(x -> String.valueOf(render(x, locale))).collect(Collectors.joining(", "));
        }
        return o;
    }

    /** An action as a lower-case verb inside a sentence ("phê duyệt"), not as a command label. */
    record Verb(vn.motcua.core.model.DossierAction action) {
    }

    @Override
    public String toString() {
        return format(null);
    }
}
