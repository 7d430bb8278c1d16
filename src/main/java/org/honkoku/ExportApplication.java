package org.honkoku;

import org.honkoku.browse.PageImages;
import org.honkoku.browse.ProgressRepository;
import org.honkoku.export.CropExporter;
import org.honkoku.export.ExportCommand;
import org.honkoku.export.IiifExport;
import org.honkoku.store.TranscriptionRepository;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring context of {@code ./honkoku export}: the database (its connection pool, Flyway bringing an older
 * database's tables up to date, a JdbcTemplate) and the exporters, nothing else. {@link HonkokuApplication} also
 * scans and configures the batch jobs, the review UI and its security, which an export never uses. Spring's own
 * count of its start on the 24-page database of README "Throughput", three runs each: 1.18-1.24 s for that
 * context (as {@code jobs} starts it), 0.36-0.42 s for this one.
 * <p>Not a {@code @Configuration}, so that {@link HonkokuApplication}'s scan does not take it in; Spring reads its
 * imports all the same when it is the application's source.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        FlywayAutoConfiguration.class})
@Import({HonkokuApplication.Limits.class, TranscriptionRepository.class, ProgressRepository.class, PageImages.class,
        ExportCommand.class, CropExporter.class, IiifExport.class})
public class ExportApplication {
}
