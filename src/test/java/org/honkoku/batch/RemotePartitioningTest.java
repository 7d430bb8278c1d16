package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.honkoku.PostgresServer;
import org.honkoku.remote.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A distributed run as an archive sets it up, on this machine: a manager ({@code transcribe --broker
 * embedded:PORT}) and worker JVMs ({@code worker --broker tcp://...}) on one PostgreSQL database that the test
 * starts. Every page must be done exactly once (one claim, one write of its boxes), by workers, and listed as
 * one run; a worker killed with SIGKILL mid-partition must not lose or double a page (there with a standalone
 * broker, {@code ./honkoku broker}); a worker that cannot reach its broker or its database must say so, exit
 * non-zero and write nothing; a manager without workers must say so and fail after its timeout.
 */
class RemotePartitioningTest {

    private final List<ChildJvm> children = new ArrayList<>();

    @BeforeAll
    static void postgresInstalled() {
        assumeTrue(PostgresServer.installed(), "no PostgreSQL server installed (.ci/run installs Debian's postgresql)");
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        for (ChildJvm child : children) {
            child.kill();
        }
    }

    @Test
    void aManagerAndTwoWorkersDoEveryPageOnceAndJobsListsOneRun(@TempDir Path dir) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String url = postgres.createDatabase("honkoku");
            JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
            List<Path> pages = ChildJvm.pages(dir.resolve("scans"), 4);
            Path settings = settings(dir, 2);
            int port = freePort();

            ChildJvm manager = start(dir, "manager", "transcribe", dir.resolve("scans").toString(), "--db", url,
                    "--broker", "embedded:" + port, "--config", settings.toString());
            awaitPort(port, manager);
            ChildJvm a = start(dir, "worker-a", "worker", "--db", url, "--broker", "tcp://127.0.0.1:" + port,
                    "--config", settings.toString());
            ChildJvm b = start(dir, "worker-b", "worker", "--db", url, "--broker", "tcp://127.0.0.1:" + port,
                    "--config", settings.toString());

            assertThat(manager.exitCode(600)).as(manager.output()).isZero();
            assertThat(manager.output()).contains("transcribe completed: " + pages.size() + " pages transcribed");
            assertEveryPageDoneOnce(db, pages.size());
            assertThat(db.queryForObject("SELECT COUNT(*) FROM page WHERE attempts = 1", Integer.class))
                    .as("pages claimed once").isEqualTo(pages.size());
            // both workers did some of the pages, and the manager none
            List<Map<String, Object>> byWorker = db.queryForList(
                    "SELECT claimed_worker, COUNT(*) AS n FROM page GROUP BY claimed_worker");
            assertThat(byWorker).hasSize(2).allSatisfy(w -> {
                assertThat(w.get("claimed_worker")).isNotNull();
                assertThat(((Number) w.get("n")).intValue()).isPositive();
            });
            assertThat(byWorker).extracting(w -> (String) w.get("claimed_worker"))
                    .anySatisfy(w -> assertThat(w).contains("-" + a.process().pid() + "-"))
                    .anySatisfy(w -> assertThat(w).contains("-" + b.process().pid() + "-"));
            assertThat(db.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE"
                    + " 'transcribeWorker:%' AND STATUS = 'COMPLETED'", Integer.class)).isEqualTo(pages.size() / 2);

            String jobs = CrashRestartTest.jobsListing(url);
            assertThat(jobs.lines().filter(l -> l.contains(" transcribe ")).count()).as(jobs).isEqualTo(1);
            assertThat(jobs).contains("COMPLETED").contains("distributed: " + pages.size() / 2 + " partitions in 1 rounds,"
                    + " over 2 workers");
            assertThat(jobs.lines().filter(l -> l.trim().startsWith("worker ") && l.contains("(alive)")
                    && l.contains("pages/s")).count()).as(jobs).isEqualTo(2);

            // SIGTERM: a worker records its end and exits
            a.process().destroy();
            b.process().destroy();
            assertThat(a.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(b.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(db.queryForObject("SELECT COUNT(*) FROM worker WHERE ended_at IS NOT NULL", Integer.class))
                    .isEqualTo(2);
        }
    }

    @Test
    void aWorkerKilledMidPartitionLosesNoPageAndDoublesNone(@TempDir Path dir) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String url = postgres.createDatabase("honkoku");
            JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
            List<Path> pages = ChildJvm.pages(dir.resolve("scans"), 4);
            Path settings = settings(dir, 3);
            // the database is migrated, as on any night but the first (the test reads it from the start)
            assertThat(CrashRestartTest.jobsListing(url)).contains("(no runs yet)");
            int port = freePort();

            // here the broker is a standalone one, in a process of its own, as on a real site
            ChildJvm broker = start(dir, "broker", "broker", "--port", String.valueOf(port), "--data",
                    dir.resolve("broker").toString());
            awaitPort(port, broker);
            ChildJvm manager = start(dir, "manager", "transcribe", dir.resolve("scans").toString(), "--db", url,
                    "--broker", "tcp://127.0.0.1:" + port, "--config", settings.toString());
            ChildJvm doomed = start(dir, "worker-killed", "worker", "--db", url, "--broker",
                    "tcp://127.0.0.1:" + port, "--config", settings.toString());
            // the second worker starts once the first is at work: the first is killed with a page in hand
            String pattern = "%-" + doomed.process().pid() + "-%";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (db.queryForObject("SELECT COUNT(*) FROM page WHERE status = 'RUNNING' AND claimed_worker LIKE ?",
                    Integer.class, pattern) == 0) {
                assertThat(System.nanoTime()).as("the worker never took a page:\n" + doomed.output()).isLessThan(until);
                assertThat(doomed.process().isAlive()).as(doomed.output()).isTrue();
                Thread.sleep(100);
            }
            doomed.kill();
            ChildJvm survivor = start(dir, "worker-survivor", "worker", "--db", url, "--broker",
                    "tcp://127.0.0.1:" + port, "--config", settings.toString());

            assertThat(manager.exitCode(600)).as(manager.output() + "\n" + survivor.output()).isZero();
            assertThat(manager.output()).contains("transcribe completed: " + pages.size() + " pages transcribed")
                    .contains("held by dead workers");
            assertEveryPageDoneOnce(db, pages.size());
            // the page in the killed worker's hands was claimed again, with the crash counted against it
            assertThat(db.queryForObject("SELECT COUNT(*) FROM page WHERE attempts = 2 AND crashes = 1", Integer.class))
                    .isPositive();
            assertThat(db.queryForObject("SELECT COUNT(*) FROM page WHERE claimed_worker LIKE ?", Integer.class,
                    "%-" + survivor.process().pid() + "-%")).isPositive();
            assertThat(db.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE"
                    + " 'transcribeWorker:%' AND STATUS <> 'COMPLETED'", Integer.class)).isZero();
        }
    }

    @Test
    void aWorkerThatCannotReachItsBrokerOrItsDatabaseSaysSoAndWritesNothing(@TempDir Path dir) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String url = postgres.createDatabase("honkoku");
            JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
            assertThat(CrashRestartTest.jobsListing(url)).contains("(no runs yet)");
            int deadPort = freePort();

            ChildJvm noBroker = start(dir, "no-broker", "worker", "--db", url, "--broker",
                    "tcp://127.0.0.1:" + deadPort);
            assertThat(noBroker.exitCode(120)).as(noBroker.output()).isEqualTo(1);
            assertThat(noBroker.output()).contains("cannot reach the broker at tcp://127.0.0.1:" + deadPort);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM worker", Integer.class)).isZero();
            assertThat(db.queryForObject("SELECT COUNT(*) FROM page", Integer.class)).isZero();

            int brokerPort = freePort();
            try (EmbeddedBroker broker = EmbeddedBroker.start(brokerPort)) {
                String noSuchDatabase = "jdbc:postgresql://127.0.0.1:" + freePort() + "/honkoku";
                ChildJvm noDatabase = start(dir, "no-database", "worker", "--db", noSuchDatabase, "--broker",
                        "tcp://127.0.0.1:" + brokerPort);
                assertThat(noDatabase.exitCode(120)).as(noDatabase.output()).isEqualTo(1);
                assertThat(noDatabase.output()).contains("cannot start on the database " + noSuchDatabase)
                        .contains("Connection").doesNotContain("taking partitions");
            }
        }
    }

    @Test
    void aManagerWithoutWorkersSaysSoAndFailsAfterItsTimeoutWithThePagesStillPending(@TempDir Path dir)
            throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/honkoku");
        List<Path> pages = ChildJvm.pages(dir.resolve("scans"), 1);
        ChildJvm manager = start(dir, "manager", "transcribe", dir.resolve("scans").toString(), "--db", url,
                "--broker", "embedded:" + freePort(), "--worker-timeout", "6s");
        assertThat(manager.exitCode(300)).as(manager.output()).isEqualTo(1);
        assertThat(manager.output()).contains("no worker is alive").contains("start workers with ./honkoku worker --db "
                + url).contains("no live worker for 6 s").contains("transcribe failed: 0 pages transcribed");
        try (var held = ChildJvm.holdDatabase(url)) {
            JdbcTemplate db = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(held,
                    true));
            assertThat(db.queryForObject("SELECT COUNT(*) FROM page WHERE status = 'PENDING'", Integer.class))
                    .as("registered, waiting for the resumed run").isEqualTo(pages.size());
        }
    }

    private static void assertEveryPageDoneOnce(JdbcTemplate db, int pages) {
        assertThat(db.queryForObject("SELECT COUNT(*) FROM page", Integer.class)).isEqualTo(pages);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM page WHERE status = 'DONE'", Integer.class))
                .isEqualTo(pages);
        ConcurrentRunsTest.assertBoxesWrittenOnce(db);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class)).as("one run")
                .isEqualTo(1);
    }

    /** One page thread per worker (three JVMs share two cores), small partitions to spread the pages. */
    private static Path settings(Path dir, int pagesPerPartition) throws Exception {
        return Files.writeString(dir.resolve("distributed.properties"), """
                honkoku.transcribe.threads=1
                honkoku.remote.pages-per-partition=%d
                honkoku.remote.worker-timeout=3m
                honkoku.progress.mode=off
                """.formatted(pagesPerPartition));
    }

    private ChildJvm start(Path dir, String name, String... args) throws Exception {
        ChildJvm child = ChildJvm.start(dir.resolve(name + ".log"), args);
        children.add(child);
        return child;
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** Waits until the broker (embedded in {@code owner}, or {@code owner} itself) accepts connections. */
    private static void awaitPort(int port, ChildJvm owner) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (java.io.IOException notYet) {
                assertThat(owner.process().isAlive()).as(owner.output()).isTrue();
                assertThat(System.nanoTime()).as("no broker on port " + port).isLessThan(until);
                Thread.sleep(200);
            }
        }
    }
}
