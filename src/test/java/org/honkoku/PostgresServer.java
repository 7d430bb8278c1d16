package org.honkoku;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the tests: Debian's {@code postgresql} package (installed by
 * {@code .ci/run}), a fresh cluster in a temporary folder on a free port of the loopback, user {@code sa}
 * without a password (trust, on 127.0.0.1 only), as the tests' H2 databases have it. As root (CI) the server
 * runs as the package's {@code postgres} user, since PostgreSQL refuses to run as root. Stopped and removed by
 * {@link #close()}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");

    private final Path dir;
    private final int port;
    private final Process server;
    private final boolean root;
    private final Path bin;

    private PostgresServer(Path dir, int port, Process server, boolean root, Path bin) {
        this.dir = dir;
        this.port = port;
        this.server = server;
        this.root = root;
        this.bin = bin;
    }

    /** Whether a PostgreSQL server is installed where Debian's package puts it. */
    public static boolean installed() {
        try {
            binaries();
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    public static PostgresServer start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("honkoku-postgres");
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        Path data = dir.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "sa", "--auth=trust",
                "-E", "UTF8", "--no-locale"), root);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server = new ProcessBuilder(as(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "max_connections=60")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        PostgresServer started = new PostgresServer(dir, port, server, root, bin);
        started.awaitConnections();
        return started;
    }

    /** A new, empty database on this server; its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", dir.resolve("data").toString(), "-m", "fast",
                "-w"), root);
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        Folders.deleteTree(dir);
    }

    private void awaitConnections() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = DriverManager.getConnection(url("postgres"), "sa", "")) {
                return;
            } catch (SQLException notYet) {
                if (!server.isAlive() || System.nanoTime() > until) {
                    throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(dir.resolve("server.log")),
                            notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** The newest installed major version's programs. */
    private static Path binaries() throws IOException {
        if (!Files.isDirectory(INSTALLED)) {
            throw new IllegalStateException("no PostgreSQL under " + INSTALLED
                    + ": install Debian's postgresql package (.ci/run does)");
        }
        try (Stream<Path> versions = Files.list(INSTALLED)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server program under " + INSTALLED));
        }
    }

    private static List<String> as(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        all.addAll(command);
        return all;
    }

    private static void run(List<String> command, boolean root) throws Exception {
        Process p = new ProcessBuilder(as(root, command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
