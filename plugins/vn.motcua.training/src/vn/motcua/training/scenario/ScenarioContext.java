package vn.motcua.training.scenario;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import vn.motcua.core.calendar.WorkingTimeCalendar;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;
import vn.motcua.training.DemoDataGenerator;

/** What a scenario works with: the cache, the moment the exercise started, the demo staff, a seeded random. */
public final class ScenarioContext {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private final LocalCache cache;
    private final Instant startedAt;
    private final Random random;
    private final Lifecycle lifecycle = Lifecycle.standard();
    private final DemoDataGenerator generator = new DemoDataGenerator(WorkingTimeCalendar.defaults());

    public ScenarioContext(LocalCache cache, Instant startedAt, long seed) {
        this.cache = cache;
        this.startedAt = startedAt;
        this.random = new Random(seed);
    }

    public LocalCache cache() {
        return cache;
    }

    public Instant startedAt() {
        return startedAt;
    }

    Random random() {
        return random;
    }

    DemoDataGenerator generator() {
        return generator;
    }

    Procedure procedure(String code) {
        return cache.procedures().find(code, 1).orElseThrow(() -> new IllegalStateException("Demo procedure missing: " + code));
    }

    /** The demo account {@code username} acting in {@code role}. */
    Actor actor(String username, Role role) {
        User u = DemoData.demoUsers().stream().filter(x -> x.username().equals(username)).findFirst().orElseThrow();
        return new Actor(u, role, "DAOTAO");
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    /** Applies a lifecycle command and stores the dossier with its new event. */
    Dossier apply(Dossier d, Command c, Actor actor, Instant at) {
        Transition t = lifecycle.apply(d, c, actor, at);
        cache.dossierRepository().save(t.dossier(), t.event());
        return t.dossier();
    }

    /** An exercise dossier's code: the commune's, dated today, numbered from 8001 (never a real day's range). */
    String exerciseCode(int n) {
        return DemoData.communeCode() + "-" + LocalDateTime.ofInstant(startedAt, VIETNAM).format(DateTimeFormatter.ofPattern("yyMMdd"))
                + "-" + (8000 + n);
    }

    Optional<Dossier> dossier(String code) {
        return cache.dossierRepository().findByCode(code);
    }

    /** Every dossier of the demo commune (training caches are small). */
    List<Dossier> all() {
        return cache.dossierRepository().findByAgencyAndStatus(DemoData.communeCode(), EnumSet.allOf(DossierStatus.class));
    }
}
