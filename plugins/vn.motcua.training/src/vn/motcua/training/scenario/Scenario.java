package vn.motcua.training.scenario;

import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/**
 * One workshop exercise: its starting state (built by {@link #setUp}) and the automatic check that tells the
 * trainee when it is done. Title and instructions come from {@code messages.properties} by id.
 */
public interface Scenario {
    Localizer TEXT = Localizer.of(Scenario.class, "messages");

    /** Stable id, also the pack file's name. */
    String id();

    default String title(Locale locale) {
        return TEXT.format(locale, id() + ".title");
    }

    /** What the trainee must do, step by step, in plain words. */
    default String instructions(Locale locale) {
        return TEXT.format(locale, id() + ".instructions");
    }

    /** Writes the exercise's own dossiers into a cache that already holds the demo commune. */
    void setUp(ScenarioContext context);

    /** Inspects the cache: done, or what is still missing. */
    CheckResult check(ScenarioContext context, Locale locale);
}
