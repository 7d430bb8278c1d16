package org.honkoku.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.honkoku.Timestamps;
import org.honkoku.ingest.SourceInspector;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The project's side of the job history: the input of each job instance ({@code job_input}: its paths,
 * however many) and the process behind each job execution with its heartbeat ({@code job_run}), which
 * tells a crashed run from a live one.
 */
@Repository
public class RunRegistry {

    /** This machine's name, as recorded with the runs it starts. */
    public static final String HOST = hostName();

    private final JdbcTemplate jdbc;

    public RunRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a job's input once and returns its key: the SHA-256 of the job's name and its paths. */
    public String saveInput(String jobName, List<String> paths) {
        String joined = String.join("\n", paths);
        String key = inputKey(jobName, paths);
        if (input(key).isEmpty()) {
            try {
                jdbc.update("INSERT INTO job_input (input_key, job_name, paths) VALUES (?, ?, ?)", key, jobName, joined);
            } catch (DuplicateKeyException raced) {
                // another run recorded the same input at the same moment
            }
        }
        return key;
    }

    /** The key of a job's input (absolute paths, as {@link RunLauncher} records them), recorded or not. */
    public static String inputKey(String jobName, List<String> paths) {
        return SourceInspector.sha256((jobName + "\n" + String.join("\n", paths)).getBytes(StandardCharsets.UTF_8));
    }

    public Optional<List<String>> input(String key) {
        return jdbc.queryForList("SELECT paths FROM job_input WHERE input_key = ?", String.class, key).stream()
                .findFirst().map(p -> p.isEmpty() ? List.<String>of() : Arrays.asList(p.split("\n")));
    }

    public void register(long jobExecutionId, String jobName, String inputKey) {
        Timestamp now = Timestamp.from(Instant.now());
        ProcessHandle self = ProcessHandle.current();
        Timestamp processStarted = self.info().startInstant().map(Timestamp::from).orElse(null);
        jdbc.update("""
                INSERT INTO job_run (job_execution_id, job_name, input_key, host, pid, process_started, started_at,
                                     heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                jobExecutionId, jobName, inputKey, HOST, self.pid(), processStarted, now, now);
    }

    public void heartbeat(long jobExecutionId) {
        jdbc.update("UPDATE job_run SET heartbeat_at = ? WHERE job_execution_id = ?", Timestamp.from(Instant.now()),
                jobExecutionId);
    }

    public void end(long jobExecutionId) {
        jdbc.update("UPDATE job_run SET ended_at = ? WHERE job_execution_id = ?", Timestamp.from(Instant.now()),
                jobExecutionId);
    }

    /** The latest execution of a job over the same input, if any. */
    public Optional<Long> lastExecution(String jobName, String inputKey) {
        return jdbc.queryForList("""
                SELECT job_execution_id FROM job_run WHERE job_name = ? AND input_key = ?
                ORDER BY job_execution_id DESC FETCH FIRST 1 ROWS ONLY""", Long.class, jobName, inputKey)
                .stream().findFirst();
    }

    public Optional<RunProcess> process(long jobExecutionId) {
        return jdbc.query("""
                SELECT host, pid, process_started, heartbeat_at, ended_at FROM job_run WHERE job_execution_id = ?""",
                (rs, i) -> new RunProcess(rs.getString(1), rs.getLong(2), Timestamps.instant(rs.getTimestamp(3)),
                        Timestamps.instant(rs.getTimestamp(4)), Timestamps.instant(rs.getTimestamp(5))), jobExecutionId)
                .stream().findFirst();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }

    /** The process that ran a job execution, as it last reported. */
    public record RunProcess(String host, long pid, Instant processStarted, Instant heartbeatAt, Instant endedAt) {
    }
}
