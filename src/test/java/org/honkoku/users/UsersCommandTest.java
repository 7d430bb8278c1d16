package org.honkoku.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.honkoku.Honkoku;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** {@code ./honkoku users add/list} through the command line, against a fresh H2 file. */
class UsersCommandTest {

    @Test
    void anAdminAddsUsersFromTheCommandLineWithHashedPasswords(@TempDir Path dir) throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("users");

        assertThat(run("secret-password-1\n", "users", "add", "alice", "--role", "admin", "--password-stdin", "--db", db))
                .isEqualTo(new Result(0, "users: added alice (admin)\n", ""));
        assertThat(run("secret-password-2\n", "users", "add", "bob", "--password-stdin", "--db", db).code()).isZero();
        // refused with one clear line: a name taken, a short password, an unknown role, no password at all
        assertThat(run("another-password\n", "users", "add", "bob", "--password-stdin", "--db", db))
                .isEqualTo(new Result(2, "", "honkoku users: user 'bob' exists already\n"));
        assertThat(run("short\n", "users", "add", "carol", "--password-stdin", "--db", db).err())
                .contains("at least 8 characters");
        assertThat(run("secret-password-3\n", "users", "add", "carol", "--role", "boss", "--password-stdin", "--db", db)
                .err()).contains("unknown role 'boss'");
        assertThat(run("", "users", "add", "carol", "--password-stdin", "--db", db).err())
                .contains("no password on standard input");
        assertThat(run("", "users", "list", "--db", db).out()).isEqualTo("alice\tadmin\nbob\treviewer\n");

        try (Connection c = DriverManager.getConnection(db, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT username, password_hash FROM app_user ORDER BY username")) {
            var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).startsWith("{bcrypt}").doesNotContain("secret-password-1");
            assertThat(encoder.matches("secret-password-1", rs.getString(2))).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(encoder.matches("secret-password-2", rs.getString(2))).isTrue();
            assertThat(rs.next()).isFalse();
        }
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = Honkoku.run(args);
            return new Result(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }
}
