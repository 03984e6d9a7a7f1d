package vn.motcua.core.lifecycle;

import java.util.Objects;

import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;

/**
 * Who performs a command: the user, the role they act in now (a commune officer may be clerk and specialist)
 * and the workstation, which every event records.
 */
public record Actor(User user, Role role, String workstationId) {
    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        workstationId = workstationId == null ? "" : workstationId;
    }

    public String username() {
        return user.username();
    }

    public String agencyCode() {
        return user.agencyCode();
    }
}
