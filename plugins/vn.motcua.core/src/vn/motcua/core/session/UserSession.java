package vn.motcua.core.session;

import java.util.Objects;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;

/**
 * Who is working at this workstation right now. The application puts one into the e4 context after login;
 * screens take it by injection and build the {@link Actor} of each command from it, so every event records
 * the real user, the role they acted in and the workstation.
 *
 * @param user        the logged-in user with their roles in their agency
 * @param workstationId the workstation's name as events record it (e.g. {@code QUAY-01})
 * @param training    true in the training workspace: nothing done here has legal value
 */
public record UserSession(User user, String workstationId, boolean training) {
    public UserSession {
        Objects.requireNonNull(user, "user");
        workstationId = workstationId == null || workstationId.isBlank() ? "WS" : workstationId;
    }

    public boolean hasRole(Role role) {
        return user.hasRole(role);
    }

    /** The actor for a command done in {@code role}; the user must hold it. */
    public Actor actor(Role role) {
        if (!user.hasRole(role)) {
            throw new IllegalArgumentException(user.username() + " does not hold the role " + role);
        }
        return new Actor(user, role, workstationId);
    }

    public String agencyCode() {
        return user.agencyCode();
    }
}
