package org.honkoku.users;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.honkoku.CommandLine;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku users add NAME [--role reviewer|admin] [--password-stdin]} and {@code users list}.
 * The password is asked twice on the terminal (not echoed), or read as one line from standard input
 * with {@code --password-stdin} (scripts); it is never an argument, which would land in shell history.
 */
@Component
public class UsersCommand {

    static final int MIN_PASSWORD = 8;

    private final UserRepository users;
    private final PasswordEncoder encoder;

    UsersCommand(UserRepository users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
    }

    /** {@code line}: the subcommand and its arguments, options {@code --role}, flag {@code --password-stdin}. */
    public int run(CommandLine line, InputStream stdin, PrintStream out) throws IOException {
        List<String> args = line.positional();
        if (args.isEmpty()) {
            throw new IllegalArgumentException("users needs a subcommand: add NAME [--role R] [--password-stdin], list");
        }
        switch (args.get(0)) {
            case "add" -> add(args.subList(1, args.size()), line, stdin, out);
            case "list" -> users.all().forEach(u -> out.println(u.username() + "\t" + u.role().dbName()
                    + (u.enabled() ? "" : "\tdisabled")));
            default -> throw new IllegalArgumentException("unknown users subcommand '" + args.get(0) + "'");
        }
        return 0;
    }

    private void add(List<String> names, CommandLine line, InputStream stdin, PrintStream out) throws IOException {
        if (names.size() != 1) {
            throw new IllegalArgumentException("users add needs exactly one user name");
        }
        String name = names.get(0);
        Role role = Role.of(line.option("role", "reviewer"));
        char[] password = line.flag("password-stdin") ? firstLine(stdin) : askTwice();
        try {
            if (password.length < MIN_PASSWORD) {
                throw new IllegalArgumentException("the password needs at least " + MIN_PASSWORD + " characters");
            }
            users.add(name, encoder.encode(java.nio.CharBuffer.wrap(password)), role);
        } finally {
            Arrays.fill(password, '\0');
        }
        out.println("users: added " + name + " (" + role.dbName() + ")");
    }

    private static char[] firstLine(InputStream stdin) throws IOException {
        String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("--password-stdin: no password on standard input");
        }
        return line.toCharArray();
    }

    private static char[] askTwice() {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password on: use --password-stdin");
        }
        char[] first = console.readPassword("password: ");
        char[] second = console.readPassword("again: ");
        if (first == null || !Arrays.equals(first, second)) {
            throw new IllegalArgumentException("the passwords differ");
        }
        return first;
    }
}
