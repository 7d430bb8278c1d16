package org.honkoku.users;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a person may do: a reviewer reviews; an admin also reads the audit log and the user list. */
public enum Role {
    REVIEWER, ADMIN;

    /** The name stored in the database and typed on the command line. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String name) {
        for (Role r : values()) {
            if (r.dbName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (expected reviewer or admin)");
    }

    /** An admin is a reviewer too, so pages for reviewers need only one role check. */
    List<GrantedAuthority> authorities() {
        return this == ADMIN
                ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_REVIEWER"))
                : List.of(new SimpleGrantedAuthority("ROLE_REVIEWER"));
    }
}
