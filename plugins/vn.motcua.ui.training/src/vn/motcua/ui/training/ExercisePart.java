package vn.motcua.ui.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import vn.motcua.app.training.TrainingMode;
import vn.motcua.app.ui.Fonts;
import vn.motcua.core.i18n.Localizer;
import vn.motcua.store.LocalCache;
import vn.motcua.training.scenario.CheckResult;
import vn.motcua.training.scenario.Scenario;
import vn.motcua.training.scenario.Scenarios;
import vn.motcua.training.scenario.TrainingWorkspace;

/**
 * The trainee's exercise: what to do, "check my work", and for the trainer: start an exercise again (a reset of
 * the training workspace, a few seconds), save the current data as a pack, open a colleague's pack.
 */
public class ExercisePart {
    /** Widget ids for the UI test harness. */
    public static final String ID_KEY = "motcua.id";
    private static final Localizer TEXT = Localizer.of(ExercisePart.class, "messages");

    private final LocalCache cache;
    private final Locale locale;
    private final IWorkbench workbench;
    private Label result;

    @Inject
    public ExercisePart(LocalCache cache, @Named(TranslationService.LOCALE) Locale locale, IWorkbench workbench) {
        this.cache = cache;
        this.locale = locale;
        this.workbench = workbench;
    }

    private String text(String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().numColumns(3).margins(14, 12).spacing(10, 8).applyTo(parent);
        Optional<TrainingWorkspace.State> state = state();
        Optional<Scenario> scenario = state.flatMap(s -> Scenarios.byId(s.scenarioId()));

        Label title = new Label(parent, SWT.WRAP);
        title.setData(ID_KEY, "training.title");
        title.setText(scenario.map(s -> s.title(locale)).orElse(state.map(TrainingWorkspace.State::title).orElse(text("noExercise"))));
        Fonts.bold(title, 1.3f);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(title);

        Text instructions = new Text(parent, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL | SWT.BORDER);
        instructions.setData(ID_KEY, "training.instructions");
        instructions.setText(scenario.map(s -> s.instructions(locale)).orElse(state.map(s -> packInstructions()).orElse("")));
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(600, 220).applyTo(instructions);

        Button check = new Button(parent, SWT.PUSH);
        check.setData(ID_KEY, "training.check");
        check.setText(text("check"));
        result = new Label(parent, SWT.WRAP);
        result.setData(ID_KEY, "training.result");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(result);
        check.addListener(SWT.Selection, e -> check());

        Label sep = new Label(parent, SWT.SEPARATOR | SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(sep);
        Label trainer = new Label(parent, SWT.NONE);
        trainer.setText(text("trainer"));
        Fonts.bold(trainer, 1.0f);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(trainer);

        Combo choice = new Combo(parent, SWT.READ_ONLY);
        choice.setData(ID_KEY, "training.choice");
        List<Scenario> all = Scenarios.builtIn();
        all.forEach(s -> choice.add(s.title(locale)));
        choice.select(Math.max(0, scenario.map(all::indexOf).orElse(0)));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(choice);
        Button reset = new Button(parent, SWT.PUSH);
        reset.setData(ID_KEY, "training.reset");
        reset.setText(text("reset"));
        reset.addListener(SWT.Selection, e -> {
            Scenario s = all.get(choice.getSelectionIndex());
            if (MessageDialog.openConfirm(parent.getShell(), text("reset.title"), text("reset.confirm", s.title(locale)))) {
                restartWith(TrainingMode.RESET_SCENARIO + s.id());
            }
        });
        new Label(parent, SWT.NONE);

        Button save = new Button(parent, SWT.PUSH);
        save.setData(ID_KEY, "training.savePack");
        save.setText(text("savePack"));
        save.addListener(SWT.Selection, e -> savePack(parent));
        Button open = new Button(parent, SWT.PUSH);
        open.setData(ID_KEY, "training.openPack");
        open.setText(text("openPack"));
        open.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(parent.getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.motcua-pack", "*" });
            String file = d.open();
            if (file != null) {
                try {
                    TrainingWorkspace.packInfo(Path.of(file)); // says "not a pack" before anything is reset
                    restartWith(TrainingMode.RESET_PACK + file);
                } catch (IOException ex) {
                    MessageDialog.openError(parent.getShell(), text("openPack"), text("notAPack", file));
                }
            }
        });
    }

    private Optional<TrainingWorkspace.State> state() {
        try {
            return TrainingWorkspace.state(cache.dataDir());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String packInstructions() {
        try {
            Path f = cache.dataDir().resolve(TrainingWorkspace.PACK_INSTRUCTIONS);
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs the exercise's automatic check on the data as it is now. */
    void check() {
        Optional<TrainingWorkspace.State> state = state();
        Optional<CheckResult> r = state.flatMap(s -> TrainingWorkspace.check(cache, s, locale));
        if (r.isEmpty()) {
            result.setText(text("noCheck"));
        } else if (r.get().done()) {
            result.setText(Scenario.TEXT.format(locale, "check.done"));
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN));
        } else {
            result.setText(text("notYet") + "\n• " + String.join("\n• ", r.get().missing()));
            result.setForeground(result.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
        result.getParent().layout(true, true);
    }

    private void savePack(Composite parent) {
        FileDialog d = new FileDialog(parent.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.motcua-pack" });
        d.setFileName("bai-tap.motcua-pack");
        d.setOverwrite(true);
        String file = d.open();
        if (file == null) {
            return;
        }
        Optional<TrainingWorkspace.State> state = state();
        Optional<Scenario> scenario = state.flatMap(s -> Scenarios.byId(s.scenarioId()));
        try {
            TrainingWorkspace.savePack(cache, cache.dataDir(), Path.of(file),
                    scenario.map(s -> s.title(locale)).orElse(state.map(TrainingWorkspace.State::title).orElse("")),
                    scenario.map(s -> s.instructions(locale)).orElse(packInstructions()), state.map(TrainingWorkspace.State::checkId).orElse(""));
            MessageDialog.openInformation(parent.getShell(), text("savePack"), text("saved", file));
        } catch (IOException ex) {
            MessageDialog.openError(parent.getShell(), text("savePack"), text("saveFailed", file, ex.getMessage()));
        }
    }

    /** The reset happens at the next start, before the cache is opened: write the request, restart. */
    private void restartWith(String request) {
        try {
            TrainingMode.requestReset(cache.dataDir(), request);
            workbench.restart();
        } catch (IOException e) {
            MessageDialog.openError(null, text("reset.title"), e.getMessage());
        }
    }
}
