package org.honkoku.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Locale;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.honkoku.ExportApplication;
import org.honkoku.Honkoku;
import org.honkoku.WebAppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * {@code ./honkoku export} runs in a context of its own ({@link ExportApplication}): the database and the exporters,
 * without the batch jobs or the web application. What it writes must be what the application's own exporters write.
 */
class ExportCommandLineTest extends WebAppTest {

    @Autowired
    private ExportCommand applicationExport;
    @Value("${spring.datasource.url}")
    private String url;

    @Test
    void theCommandWritesWhatTheApplicationsExportersWrite(@TempDir Path dir) throws Exception {
        for (String format : List.of("kaggle", "csv", "text")) {
            Path command = dir.resolve("command." + format);
            assertThat(Honkoku.run(new String[] {"export", "--format", format, "--out", command.toString(),
                    "--db", url})).isZero();
            Path application = dir.resolve("application." + format);
            int pages = applicationExport.run(format, application.toString(), false);
            assertThat(pages).isGreaterThanOrEqualTo(2);
            assertThat(Files.readString(command)).as(format).isEqualTo(Files.readString(application))
                    .contains("100241706_00004_2");
        }
        for (String format : List.of("page", "alto", "tei")) {
            Path command = dir.resolve("command-" + format);
            assertThat(Honkoku.run(new String[] {"export", "--format", format, "--out", command.toString(),
                    "--db", url})).isZero();
            Path application = dir.resolve("application-" + format);
            applicationExport.run(format, application.toString(), false);
            List<String> files = names(application);
            assertThat(names(command)).as(format).isEqualTo(files).isNotEmpty();
            for (String file : files) {
                assertThat(Files.readString(command.resolve(file))).as(file)
                        .isEqualTo(Files.readString(application.resolve(file)));
            }
        }
        Path iiif = dir.resolve("iiif");
        assertThat(Honkoku.run(new String[] {"export", "--format", "iiif", "--out", iiif.toString(), "--db", url}))
                .isZero();
        try (Stream<Path> manifests = Files.walk(iiif)) {
            assertThat(manifests.filter(p -> p.getFileName().toString().equals("manifest.json")).count())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void itsContextHoldsTheDatabaseAndTheExportersOnly() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ExportApplication.class)
                .registerShutdownHook(false)
                .run("--spring.datasource.url=jdbc:h2:mem:export-context", "--spring.main.lazy-initialization=true")) {
            assertThat(context.getBean(ExportCommand.class)).isNotNull();
            assertThat(context.getBean(CropExporter.class)).isNotNull();
            assertThat(context.getBean(IiifExport.class)).isNotNull();
            // Flyway made the tables of a new database
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM page", Integer.class))
                    .isZero();
            assertThat(context.getBeanNamesForType(Job.class)).isEmpty();
            assertThat(context.getBeanNamesForType(JobRepository.class)).isEmpty();
            assertThat(context.getBeanNamesForType(DispatcherServlet.class)).isEmpty();
        }
    }

    @Test
    void exportingANewDatabaseMakesItsTablesButNotTheBatchJobsTables(@TempDir Path dir) throws Exception {
        String fresh = "jdbc:h2:file:" + dir.resolve("fresh");
        Path out = dir.resolve("empty.csv");
        assertThat(Honkoku.run(new String[] {"export", "--format", "kaggle", "--out", out.toString(), "--db", fresh}))
                .isZero();
        assertThat(Files.readAllLines(out)).hasSize(1); // the header: no page yet
        try (Connection c = DriverManager.getConnection(fresh, "sa", "");
             ResultSet tables = c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
            assertThat(names).contains("page", "box").noneMatch(name -> name.startsWith("batch_"));
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
