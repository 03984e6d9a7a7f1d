package vn.motcua.desk;

import java.util.Objects;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.model.Role;
import vn.motcua.core.session.UserSession;

/**
 * Who does a step: the logged-in session and the role they act in (a user may hold several). The event records the
 * user, the role and the workstation; training sessions print the training mark on every form.
 */
public record ActingAs(UserSession session, Role role) {
    public ActingAs {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(role, "role");
    }

    public Actor actor() {
        return session.actor(role);
    }

    public boolean training() {
        return session.training();
    }
}
