package org.honkoku.users;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.honkoku.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Repository;

/** The people who may sign in, in table {@code app_user}. */
@Repository
public class UserRepository {

    /** Names end up in the audit log and in exports' provenance: keep them plain. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final JdbcTemplate jdbc;

    public UserRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a user with an already hashed password; refuses a name that is taken. */
    public void add(String username, String passwordHash, Role role) {
        if (!NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        try {
            jdbc.update("INSERT INTO app_user (username, password_hash, role) VALUES (?, ?, ?)",
                    username, passwordHash, role.dbName());
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("user '" + username + "' exists already");
        }
    }

    /** Spring Security's view of a user, for sign-in. */
    public Optional<UserDetails> details(String username) {
        return jdbc.query("SELECT username, password_hash, role, enabled FROM app_user WHERE username = ?",
                (rs, i) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .authorities(Role.of(rs.getString(3)).authorities())
                        .disabled(!rs.getBoolean(4))
                        .build(),
                username).stream().findFirst();
    }

    public List<AppUser> all() {
        return jdbc.query("SELECT username, role, enabled, created_at FROM app_user ORDER BY username",
                (rs, i) -> new AppUser(rs.getString(1), Role.of(rs.getString(2)), rs.getBoolean(3),
                        Timestamps.instant(rs.getTimestamp(4))));
    }
}
