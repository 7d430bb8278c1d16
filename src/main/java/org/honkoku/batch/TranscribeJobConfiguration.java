package org.honkoku.batch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceInspector;
import org.honkoku.ingest.SourceScanner;
import org.honkoku.segment.Segmenter;
import org.honkoku.store.BoxRepository;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ItemReader;
import org.springframework.batch.item.support.CompositeItemProcessor;
import org.springframework.batch.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code transcribe} job: {@code ingest} turns the input paths into pending pages (one chunk per
 * ten files), {@code transcribe} reads each pending page through segment, classify and store (one
 * page per chunk, so a page's boxes and status commit together). A page that fails is skipped and
 * recorded as failed with its reason; the run goes on.
 */
@Configuration
public class TranscribeJobConfiguration {

    public static final String JOB_NAME = "transcribe";
    /** Job parameter: the input paths, one per line. */
    public static final String PATHS = "paths";

    @Bean
    public Job transcribeJob(JobRepository jobRepository, Step ingestStep, Step transcribeStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(ingestStep).next(transcribeStep).build();
    }

    @Bean
    public Step ingestStep(JobRepository jobRepository, PlatformTransactionManager tx,
                           ItemReader<SourceFile> sourceFileReader, IngestProcessor ingestProcessor,
                           PageRegistrar pageRegistrar, PageRepository pages) {
        return new StepBuilder("ingest", jobRepository)
                .<SourceFile, List<PageRef>>chunk(10, tx)
                .reader(sourceFileReader)
                .processor(ingestProcessor)
                .writer(pageRegistrar)
                .faultTolerant()
                .skip(Exception.class)
                .skipLimit(Integer.MAX_VALUE)
                .listener(new IngestFailureListener(pages))
                .build();
    }

    @Bean
    public Step transcribeStep(JobRepository jobRepository, PlatformTransactionManager tx,
                               PendingPageReader pendingPageReader,
                               CompositeItemProcessor<StoredPage, TranscribedPage> pageProcessor,
                               BoxRepository boxes, PageRepository pages) {
        return new StepBuilder("transcribe", jobRepository)
                .<StoredPage, TranscribedPage>chunk(1, tx)
                .reader(pendingPageReader)
                .processor(pageProcessor)
                .writer(new StoreWriter(boxes))
                .faultTolerant()
                .skip(Exception.class)
                .skipLimit(Integer.MAX_VALUE)
                .listener(new PageFailureListener(pages))
                .build();
    }

    @Bean
    @StepScope
    public ListItemReader<SourceFile> sourceFileReader(@Value("#{jobParameters['" + PATHS + "']}") String paths) {
        List<Path> inputs = Arrays.stream(paths.split("\n")).filter(s -> !s.isBlank()).map(Path::of).toList();
        return new ListItemReader<>(new SourceScanner().scan(inputs));
    }

    @Bean
    @StepScope
    public IngestProcessor ingestProcessor(InputLimits limits) {
        return new IngestProcessor(new SourceInspector(limits));
    }

    @Bean
    @StepScope
    public PageRegistrar pageRegistrar(PageRepository pages, @Value("#{stepExecution}") StepExecution step) {
        return new PageRegistrar(pages, step);
    }

    @Bean
    @StepScope
    public PendingPageReader pendingPageReader(PageRepository pages) {
        return new PendingPageReader(pages);
    }

    /** Step-scoped so that the model is loaded only when a transcribe step runs, not for an export. */
    @Bean
    @StepScope
    public CompositeItemProcessor<StoredPage, TranscribedPage> pageProcessor(InputLimits limits,
                                                                            PipelineComponents pipeline) {
        var processor = new CompositeItemProcessor<StoredPage, TranscribedPage>();
        processor.setDelegates(List.of(
                new SegmentProcessor(new PageImageLoader(limits), pipeline.segmenter(),
                        pipeline.recognitionInTheLoop() ? pipeline.classifier() : null),
                new ClassifyProcessor(pipeline.classifier())));
        return processor;
    }
}
