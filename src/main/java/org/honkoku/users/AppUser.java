package org.honkoku.users;

import java.time.Instant;

/** A person who may sign in (the password hash stays in the repository). */
public record AppUser(String username, Role role, boolean enabled, Instant createdAt) {
}
