package vn.motcua.core.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A staff member of one agency; one person may hold several roles there (small communes). */
public record User(String username, String fullName, String agencyCode, Set<Role> roles) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(agencyCode, "agencyCode");
        fullName = fullName == null ? "" : fullName;
        roles = roles == null || roles.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
