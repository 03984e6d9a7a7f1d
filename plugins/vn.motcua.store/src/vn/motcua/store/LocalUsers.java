package vn.motcua.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;

/**
 * Staff accounts known to this workstation: who they are, their agency and roles. Their passwords live only as
 * wrapped keys in the {@link CacheKeyRing}; an inactive user keeps their history but cannot log in.
 */
public final class LocalUsers {
    private final LocalCache cache;

    public LocalUsers(LocalCache cache) {
        this.cache = cache;
    }

    public Optional<User> find(String username) {
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT username, full_name, agency_code, roles FROM local_user WHERE username = ? AND active")) {
            p.setString(1, username);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(user(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Active users, by username. */
    public List<User> all() {
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT username, full_name, agency_code, roles FROM local_user WHERE active ORDER BY username");
                ResultSet r = p.executeQuery()) {
            List<User> out = new ArrayList<>();
            while (r.next()) {
                out.add(user(r));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds or updates a user (active). */
    public void save(User user) {
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "MERGE INTO local_user(username, full_name, agency_code, roles, active, updated_at) KEY(username)"
                        + " VALUES (?, ?, ?, ?, TRUE, CURRENT_TIMESTAMP)")) {
            p.setString(1, user.username());
            p.setString(2, user.fullName());
            p.setString(3, user.agencyCode());
            p.setString(4, user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks a user inactive: they can no longer log in here; their events keep their name. */
    public void deactivate(String username) {
        try (Connection c = cache.connection(); PreparedStatement p = c.prepareStatement(
                "UPDATE local_user SET active = FALSE, updated_at = CURRENT_TIMESTAMP WHERE username = ?")) {
            p.setString(1, username);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static User user(ResultSet r) throws SQLException {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(r.getString(4).split(",")).filter(s -> !s.isBlank()).map(Role::valueOf).forEach(roles::add);
        return new User(r.getString(1), r.getString(2), r.getString(3), roles);
    }
}
