package org.honkoku.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.honkoku.classify.Candidate;
import org.honkoku.classify.Prediction;
import org.honkoku.segment.CharBox;
import org.honkoku.batch.JobContextTest;
import org.honkoku.ops.RunRecovery;
import org.honkoku.ops.RunRegistry;
import org.honkoku.remote.WorkerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Claims against the real H2 database: many threads racing for the same pages each get a page at most once
 * between them, and recovery gives back exactly the pages of dead runs (process gone from this host, or
 * silent past the lease on another), fails a page whose runs died too often, and leaves live runs alone.
 */
class PageClaimsTest extends JobContextTest {

    @Autowired
    PageClaims claims;
    @Autowired
    BoxRepository boxes;
    @Autowired
    RunRecovery recovery;
    @Autowired
    RunRegistry runs;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JobExplorer explorer;
    @Autowired
    WorkerRegistry workers;

    /** The shared database's other tests run real jobs: leave them no made-up pages to pick up. */
    @AfterEach
    void removeMadeUpPages() {
        jdbc.update("DELETE FROM page_failure WHERE page_id IN (SELECT id FROM page WHERE source_path LIKE '/claims-test/%')");
        jdbc.update("DELETE FROM page WHERE source_path LIKE '/claims-test/%'");
    }

    @Test
    void racingRunsNeverClaimTheSamePage() throws Exception {
        List<Long> pages = pendingPages(40);
        int runners = 8;
        CyclicBarrier start = new CyclicBarrier(runners);
        Map<Long, Long> claimedBy = new ConcurrentHashMap<>();
        List<Long> doubleClaims = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        List<Future<Integer>> results = new ArrayList<>();
        for (int r = 0; r < runners; r++) {
            long execution = 7_000_000 + r;
            results.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                for (long page : pages) {
                    if (claims.claim(page, execution)) {
                        mine++;
                        if (claimedBy.putIfAbsent(page, execution) != null) {
                            doubleClaims.add(page);
                        }
                    }
                }
                return mine;
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        pool.shutdown();

        assertThat(doubleClaims).isEmpty();
        assertThat(total).isEqualTo(pages.size());
        for (long page : pages) {
            Map<String, Object> row = jdbc.queryForMap("SELECT status, claimed_by, attempts FROM page WHERE id = ?", page);
            assertThat(row.get("STATUS")).isEqualTo(PageClaims.RUNNING);
            assertThat(((Number) row.get("CLAIMED_BY")).longValue()).isEqualTo(claimedBy.get(page));
            assertThat(((Number) row.get("ATTEMPTS")).intValue()).isEqualTo(1);
        }
    }

    @Test
    void aRunThatLostItsClaimWritesNothing() {
        long page = pendingPages(1).get(0);
        long mine = 7_100_001;
        long other = 7_100_002;
        assertThat(claims.claim(page, mine)).isTrue();
        TranscribedPage result = resultFor(page);

        assertThat(boxes.save(result, other)).isFalse();
        assertThat(pageStatus(page)).isEqualTo(PageClaims.RUNNING);
        assertThat(count("SELECT COUNT(*) FROM box WHERE page_id = ?", page)).isZero();

        assertThat(boxes.save(result, mine)).isTrue();
        assertThat(pageStatus(page)).isEqualTo(PageRepository.DONE);
        assertThat(count("SELECT COUNT(*) FROM box WHERE page_id = ?", page)).isEqualTo(1);
        jdbc.update("DELETE FROM box WHERE page_id = ?", page);
    }

    @Test
    void aDeadWorkersPagesGoBackWithinTheRunAndItsLateWriteIsRefused() throws Exception {
        JobExecution run = startedExecution();
        runs.register(run.getId(), "claims-test", "key");
        List<Long> pages = pendingPages(2);
        String dead = "claims-test-dead-" + UUID.randomUUID();
        String alive = "claims-test-alive-" + UUID.randomUUID();
        jdbc.update("""
                INSERT INTO worker (id, host, pid, broker, threads, started_at, heartbeat_at)
                VALUES (?, ?, ?, 'tcp://test:1', 1, ?, ?)""", dead, RunRegistry.HOST, deadPid(),
                Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        workers.register(alive, "tcp://test:1", 1);
        claimAs(pages.get(0), run, 1);
        claimAs(pages.get(1), run, 1);
        jdbc.update("UPDATE page SET claimed_worker = ? WHERE id = ?", dead, pages.get(0));
        jdbc.update("UPDATE page SET claimed_worker = ? WHERE id = ?", alive, pages.get(1));

        assertThat(workers.deadHolding(run.getId())).containsExactly(dead);
        PageClaims.Recovered recovered = claims.recoverFromDeadWorkers(run.getId(), workers.deadHolding(run.getId()), 3);
        assertThat(recovered.requeued()).isEqualTo(1);
        assertThat(pageStatus(pages.get(0))).isEqualTo(PageRepository.PENDING);
        assertThat(pageStatus(pages.get(1))).as("a live worker's page").isEqualTo(PageClaims.RUNNING);

        // another worker of the same run (here: this process) claims it; the dead one's late write is refused
        assertThat(claims.claim(pages.get(0), run.getId())).isTrue();
        TranscribedPage result = resultFor(pages.get(0));
        assertThat(new BoxRepository(jdbc, new Claimant(dead)).save(result, run.getId())).isFalse();
        assertThat(new PageRepository(jdbc, new Claimant(dead)).markFailed(pages.get(0), run.getId(), "late"))
                .isFalse();
        assertThat(pageStatus(pages.get(0))).isEqualTo(PageClaims.RUNNING);
        assertThat(boxes.save(result, run.getId())).isTrue();
        assertThat(count("SELECT attempts FROM page WHERE id = ?", pages.get(0))).isEqualTo(2);
        assertThat(count("SELECT crashes FROM page WHERE id = ?", pages.get(0))).isEqualTo(1);

        jdbc.update("DELETE FROM box WHERE page_id IN (?, ?)", pages.get(0), pages.get(1));
        jdbc.update("DELETE FROM worker WHERE id IN (?, ?)", dead, alive);
        JobExecution done = explorer.getJobExecution(run.getId());
        done.setStatus(BatchStatus.COMPLETED);
        done.setEndTime(LocalDateTime.now());
        jobRepository.update(done);
    }

    private TranscribedPage resultFor(long page) {
        StoredPage source = jdbc.queryForObject("SELECT source_path, image_id, sha256 FROM page WHERE id = ?",
                (rs, i) -> new StoredPage(page, rs.getString(1), rs.getString(2), rs.getString(3), 1, 1), page);
        Prediction reading = new Prediction(List.of(new Candidate("U+306E", 0.9f), new Candidate("rare", 0.1f)));
        return new TranscribedPage(source, 100, 200, List.of(new Glyph(new CharBox(0, 0, 10, 10, 30, 30), reading)),
                "test-model", new TranscribedPage.StageTimes(1, 2, 3));
    }

    @Test
    void recoveryTakesBackThePagesOfDeadRunsOnly() throws Exception {
        JobExecution crashedHere = startedExecution();
        JobExecution liveHere = startedExecution();
        JobExecution silentElsewhere = startedExecution();
        JobExecution liveElsewhere = startedExecution();
        registerProcess(crashedHere, RunRegistry.HOST, deadPid(), Instant.now());
        runs.register(liveHere.getId(), "claims-test", "key");
        registerProcess(silentElsewhere, "another-host", 4242, Instant.now().minus(Duration.ofMinutes(10)));
        registerProcess(liveElsewhere, "another-host", 4243, Instant.now());
        List<Long> pages = pendingPages(5);
        claimAs(pages.get(0), crashedHere, 1);
        claimAs(pages.get(1), silentElsewhere, 1);
        claimAs(pages.get(2), liveHere, 1);
        claimAs(pages.get(3), liveElsewhere, 1);
        claimAs(pages.get(4), crashedHere, 3);   // its third run to die with it: a page that kills the process
        jdbc.update("UPDATE page SET crashes = 2 WHERE id = ?", pages.get(4));

        recovery.recover();

        assertThat(status(crashedHere)).isEqualTo(BatchStatus.FAILED);
        assertThat(explorer.getJobExecution(crashedHere.getId()).getExitStatus().getExitDescription())
                .contains("abandoned").contains("is gone");
        assertThat(status(silentElsewhere)).isEqualTo(BatchStatus.FAILED);
        assertThat(explorer.getJobExecution(silentElsewhere.getId()).getExitStatus().getExitDescription())
                .contains("no heartbeat");
        assertThat(status(liveHere)).isEqualTo(BatchStatus.STARTED);
        assertThat(status(liveElsewhere)).isEqualTo(BatchStatus.STARTED);
        assertThat(pageStatus(pages.get(0))).isEqualTo(PageRepository.PENDING);
        assertThat(pageStatus(pages.get(1))).isEqualTo(PageRepository.PENDING);
        assertThat(pageStatus(pages.get(2))).isEqualTo(PageClaims.RUNNING);
        assertThat(pageStatus(pages.get(3))).isEqualTo(PageClaims.RUNNING);
        assertThat(pageStatus(pages.get(4))).isEqualTo(PageRepository.FAILED);
        assertThat(jdbc.queryForObject("SELECT f.reason FROM page p JOIN page_failure f ON f.id = p.failure_id"
                + " WHERE p.id = ?", String.class, pages.get(4))).contains("died 3 times");
        assertThat(count("SELECT crashes FROM page WHERE id = ?", pages.get(0))).isEqualTo(1);
        assertThat(count("SELECT crashes FROM page WHERE id = ?", pages.get(2))).isZero();
        // and a page given back is claimed afresh, its attempts counted on
        assertThat(claims.claim(pages.get(0), 8_000_001L)).isTrue();
        assertThat(count("SELECT attempts FROM page WHERE id = ?", pages.get(0))).isEqualTo(2);

        for (JobExecution live : List.of(liveHere, liveElsewhere)) {
            JobExecution done = explorer.getJobExecution(live.getId());
            done.setStatus(BatchStatus.COMPLETED);
            done.setEndTime(LocalDateTime.now());
            jobRepository.update(done);
        }
    }

    private JobExecution startedExecution() throws Exception {
        JobExecution execution = jobRepository.createJobExecution("claims-test",
                new JobParametersBuilder().addString("run", UUID.randomUUID().toString()).toJobParameters());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now());
        jobRepository.update(execution);
        return execution;
    }

    private void registerProcess(JobExecution execution, String host, long pid, Instant heartbeat) {
        jdbc.update("""
                INSERT INTO job_run (job_execution_id, job_name, input_key, host, pid, started_at, heartbeat_at)
                VALUES (?, 'claims-test', 'key', ?, ?, ?, ?)""", execution.getId(), host, pid,
                Timestamp.from(heartbeat), Timestamp.from(heartbeat));
    }

    /** The pid of a process that has ended: one started and waited for. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private void claimAs(long page, JobExecution execution, int attempts) {
        jdbc.update("UPDATE page SET status = 'RUNNING', claimed_by = ?, attempts = ? WHERE id = ?",
                execution.getId(), attempts, page);
    }

    private BatchStatus status(JobExecution execution) {
        return explorer.getJobExecution(execution.getId()).getStatus();
    }

    private String pageStatus(long page) {
        return jdbc.queryForObject("SELECT status FROM page WHERE id = ?", String.class, page);
    }

    /** Pending pages of a manuscript of their own, as registration leaves them. */
    private List<Long> pendingPages(int n) {
        String folder = "/claims-test/" + UUID.randomUUID();
        jdbc.update("INSERT INTO manuscript (source_path, kind, name) VALUES (?, 'FOLDER', 'claims')", folder);
        long manuscript = jdbc.queryForObject("SELECT id FROM manuscript WHERE source_path = ?", Long.class, folder);
        Map<Integer, Long> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String sha = String.format("%064x", new java.math.BigInteger(128, new java.util.Random()).add(
                    java.math.BigInteger.valueOf(i)));
            jdbc.update("""
                    INSERT INTO page (manuscript_id, source_path, image_id, sha256, page_no, byte_size, status)
                    VALUES (?, ?, ?, ?, 1, 1, 'PENDING')""", manuscript, folder + "/p" + i + ".png", "p" + i, sha);
            ids.put(i, jdbc.queryForObject("SELECT id FROM page WHERE sha256 = ?", Long.class, sha));
        }
        return new ArrayList<>(ids.values());
    }
}
