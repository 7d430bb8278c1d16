package org.honkoku.batch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.honkoku.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two machines on one PostgreSQL database, as an archive grows to several: two runs at once, in two JVMs, over
 * overlapping folders, on a real PostgreSQL server (Flyway's migrations and Spring Batch's schema made by the
 * first command). The same outcome as on H2 ({@link ConcurrentRunsTest#shareThePages}): every page registered
 * once, claimed once, its boxes written once, and both runs did work.
 */
class PostgresRunsTest {

    @BeforeAll
    static void postgresInstalled() {
        assumeTrue(PostgresServer.installed(), "no PostgreSQL server installed (.ci/run installs Debian's postgresql)");
    }

    @Test
    void twoRunsOnOnePostgresDatabaseShareThePagesWithoutDoingAnyTwice(@TempDir Path dir) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String url = postgres.createDatabase("honkoku");
            ConcurrentRunsTest.shareThePages(dir, url, new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")));
        }
    }
}
