package vn.motcua.desk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.LifecycleMessage;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Dossier;
import vn.motcua.store.DossierDocuments.NewDocument;
import vn.motcua.store.JpaDossierRepository;

/**
 * The one path of every use case: the lifecycle decides (and refuses with its reason), the legal form of the step
 * is rendered from the dossier after it, then the dossier, its event, its sync outbox command and the documents the
 * step brought (scans) are saved in one transaction, and only then the form is written and the change announced.
 * A refusal, a form that cannot be made or a failed save leave nothing behind.
 */
final class CommandRunner {
    private final Lifecycle lifecycle = Lifecycle.standard();
    private final JpaDossierRepository dossiers;
    private final DossierForms forms;
    private final DeskEvents events;
    private final Clock clock;

    CommandRunner(JpaDossierRepository dossiers, DossierForms forms, DeskEvents events, Clock clock) {
        this.dossiers = dossiers;
        this.forms = forms;
        this.events = events;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    Dossier load(String code) {
        return dossiers.findByCode(code).orElseThrow(() -> new DeskException("notFound", code));
    }

    java.util.Optional<Dossier> loadIfPresent(String code) {
        return code == null || code.isBlank() ? java.util.Optional.empty() : dossiers.findByCode(code.strip());
    }

    Outcome run(Dossier before, Command command, ActingAs by, DossierForms.Extras extras) {
        return run(before, List.of(command), by, extras, code -> List.of());
    }

    /**
     * Applies {@code commands} one after the other at the same instant (e.g. the supplement that completes a dossier,
     * then its reception); the form is the last step's.
     *
     * @param documents the documents to store with the steps, given the dossier's code (known once the lifecycle ran)
     */
    Outcome run(Dossier before, List<Command> commands, ActingAs by, DossierForms.Extras extras, Function<String, List<NewDocument>> documents) {
        Instant now = clock.instant();
        List<Transition> steps = new ArrayList<>();
        List<LifecycleMessage> warnings = new ArrayList<>();
        Dossier d = before;
        for (Command c : commands) {
            Transition t = lifecycle.apply(d, c, by.actor(), now);
            steps.add(t);
            warnings.addAll(t.warnings());
            d = t.dossier();
        }
        Transition last = steps.get(steps.size() - 1);
        Dossier beforeLast = steps.size() == 1 ? before : steps.get(steps.size() - 2).dossier();
        Optional<DossierForms.Rendered> form = forms.render(beforeLast, last.dossier(), last.event(), extras, by.training());
        List<NewDocument> docs = documents.apply(last.dossier().code());
        if (steps.size() == 1) {
            dossiers.save(last.dossier(), last.event(), docs);
        } else {
            dossiers.saveSteps(steps, docs);
        }
        Optional<PrintedForm> printed = form.map(forms::write);
        events.changed(new DossierChange(last.dossier().code(), last.event().action(), last.dossier().status()));
        return new Outcome(last.dossier(), last.event(), warnings, printed);
    }
}
