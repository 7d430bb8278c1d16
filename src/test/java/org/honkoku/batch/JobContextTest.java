package org.honkoku.batch;

import java.nio.file.Path;

import org.honkoku.TempFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command-line application's Spring context against a fresh H2 file database: real pages through
 * real OpenCV, the shipped DL4J model and Flyway's schema. Subclasses share one context and so one
 * database: each test looks only at its own paths (or its own job executions).
 */
@SpringBootTest
public abstract class JobContextTest {

    private static final Path DB_DIR = TempFolders.make("honkoku-job-test");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DB_DIR.resolve("honkoku"));
    }

    @Autowired
    protected JdbcTemplate jdbc;

    protected int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    protected int boxesOf(Path source) {
        return count("SELECT COUNT(*) FROM box b JOIN page p ON p.id = b.page_id WHERE p.source_path = ?",
                source.toString());
    }
}
