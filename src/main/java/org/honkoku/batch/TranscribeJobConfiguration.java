package org.honkoku.batch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.honkoku.batch.TimeLimitedProcessor.RunawayPageException;
import org.honkoku.Defaults;
import org.honkoku.ingest.HttpFetcher;
import org.honkoku.ingest.IiifSource;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.ingest.PageRef;
import org.honkoku.ingest.SourceFile;
import org.honkoku.ingest.SourceInspector;
import org.honkoku.ingest.SourceScanner;
import org.honkoku.memory.GlyphMemoryService;
import org.honkoku.ops.Progress;
import org.honkoku.ops.RunHeartbeat;
import org.honkoku.ops.StopOnSignal;
import org.honkoku.ops.RunRegistry;
import org.honkoku.search.SearchIndex;
import org.honkoku.store.BoxRepository;
import org.honkoku.store.FailureRepository;
import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ItemWriteListener;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.SkipListener;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.SimpleStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ItemReader;
import org.springframework.batch.item.support.CompositeItemProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code transcribe} job: {@code ingest} turns the input paths into pending pages (one chunk per ten
 * files; run again on a restart, so files added meanwhile are found), {@code transcribe} claims each pending
 * page and reads it through segment, classify and store within the page time limit (one page per chunk, so
 * a page's boxes, its status and Spring Batch's record of the chunk commit together). A page that fails is
 * skipped and recorded as failed with its reason; the run goes on. {@code transcribe} works on
 * {@code honkoku.transcribe.threads} pages at once (each in a chunk and transaction of its own): one page's
 * image is decoded, cut and stored while another's candidates go through the network. See jobs/README.md.
 */
@Configuration
public class TranscribeJobConfiguration {

    public static final String JOB_NAME = "transcribe";

    /** Not in a distributed run's manager, whose job of the same name is {@link DistributedJobConfiguration}'s. */
    @Bean
    @Profile("!" + DistributedJobConfiguration.PROFILE)
    public Job transcribeJob(JobRepository jobRepository, Step ingestStep, Step transcribeStep,
                             RunHeartbeat heartbeat, StopOnSignal stopOnSignal) {
        return new JobBuilder(JOB_NAME, jobRepository).listener(heartbeat).listener(stopOnSignal)
                .start(ingestStep).next(transcribeStep).build();
    }

    @Bean
    public Step ingestStep(JobRepository jobRepository, PlatformTransactionManager tx,
                           ItemReader<SourceFile> sourceFileReader, IngestProcessor ingestProcessor,
                           PageRegistrar pageRegistrar, PageRepository pages, FailureRepository failures) {
        return new StepBuilder("ingest", jobRepository)
                .<SourceFile, List<PageRef>>chunk(10, tx)
                .reader(sourceFileReader)
                .processor(ingestProcessor)
                .writer(pageRegistrar)
                .faultTolerant()
                .skip(Exception.class)
                .skipLimit(Integer.MAX_VALUE)
                .listener(new IngestFailureListener(pages, failures))
                .allowStartIfComplete(true)
                .build();
    }

    /** Shared with the retry-failed job, which runs it after putting failed pages back in the queue. */
    @Bean
    public Step transcribeStep(JobRepository jobRepository, PlatformTransactionManager tx,
                               @Qualifier("pendingPageReader") PendingPageReader pendingPageReader,
                               TimeLimitedProcessor<StoredPage, TranscribedPage> pageProcessor,
                               StoreWriter storeWriter, ProgressListener progressListener,
                               PageRepository pages, FailureRepository failures,
                               @Qualifier("pageThreads") TaskExecutor pageThreads) {
        return pageChunks(new StepBuilder("transcribe", jobRepository).chunk(1, tx), pendingPageReader, pageProcessor,
                storeWriter, pages, failures, pageThreads, progressListener).build();
    }

    /**
     * A step that reads pages one per chunk (and transaction) from {@code reader}, on the page threads, with the
     * skip policy and failure records of the transcribe step: the transcribe step itself and the workers' step
     * of a distributed run ({@link WorkerStepConfiguration}). {@code progress} may be null.
     */
    public static SimpleStepBuilder<StoredPage, TranscribedPage> pageChunks(
            SimpleStepBuilder<StoredPage, TranscribedPage> chunks, ItemReader<StoredPage> reader,
            TimeLimitedProcessor<StoredPage, TranscribedPage> pageProcessor, StoreWriter storeWriter,
            PageRepository pages, FailureRepository failures, TaskExecutor pageThreads, ProgressListener progress) {
        var step = chunks
                .reader(reader)
                .processor(pageProcessor)
                .writer(storeWriter)
                .faultTolerant()
                // a write that fails is retried page by page with the pages already read, not read again
                .processorNonTransactional()
                .skip(Exception.class)
                .noSkip(RunawayPageException.class)
                .skipLimit(Integer.MAX_VALUE);
        if (progress != null) {
            // the progress listener first: it clears the terminal's progress line before a failure is logged
            step.listener((StepExecutionListener) progress);
            step.listener((ItemWriteListener<TranscribedPage>) progress);
            step.listener((SkipListener<StoredPage, TranscribedPage>) progress);
        }
        step.listener(new PageFailureListener(pages, failures));
        // last: taskExecutor returns the plain tasklet builder, whose listener(Object) would look for annotations
        step.taskExecutor(pageThreads);
        return step;
    }

    /**
     * The transcribe step's page threads: {@code honkoku.transcribe.threads}, or one per CPU core when 0. A
     * stop (SIGTERM) lets every page in hand finish.
     */
    @Bean
    public ThreadPoolTaskExecutor pageThreads(PipelineComponents pipeline) {
        int n = pipeline.pageThreads();
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(n);
        executor.setMaxPoolSize(n);
        executor.setThreadNamePrefix("page-");
        executor.setDaemon(true);
        return executor;
    }

    /**
     * The run's recorded inputs as source files; IIIF manifests fetched into {@code honkoku.iiif.cache} (empty:
     * {@code data/iiif} of the installation), with the IIIF timeouts and the file size limit.
     */
    @Bean
    @StepScope
    public SourceFileReader sourceFileReader(RunRegistry runs, InputLimits limits,
                                                   @Value("#{jobParameters['input']}") String input,
                                                   @Value("${honkoku.iiif.cache:}") String cache,
                                                   @Value("${honkoku.iiif.connect-timeout:10s}") Duration connect,
                                                   @Value("${honkoku.iiif.read-timeout:60s}") Duration read) {
        List<String> inputs = runs.input(input)
                .orElseThrow(() -> new IllegalStateException("no input recorded for key " + input));
        var iiif = new IiifSource(new HttpFetcher(connect, read),
                cache.isBlank() ? Defaults.dataFolder("iiif") : Path.of(cache), limits);
        return new SourceFileReader(inputs, new SourceScanner(), iiif);
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
    public PendingPageReader pendingPageReader(PageRepository pages, PageClaims claims,
                                               @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return PendingPageReader.allPending(pages, claims, jobExecutionId);
    }

    /** Step-scoped so that the model is loaded only when a transcribe step runs, not for an export. */
    @Bean
    @StepScope
    public TimeLimitedProcessor<StoredPage, TranscribedPage> pageProcessor(InputLimits limits,
                                                                          PipelineComponents pipeline,
                                                                          GlyphMemoryService memory) {
        var pipelineSteps = new CompositeItemProcessor<StoredPage, TranscribedPage>();
        pipelineSteps.setDelegates(List.of(
                new SegmentProcessor(new PageImageLoader(limits), pipeline.segmenter(),
                        pipeline.recognitionInTheLoop() ? pipeline.classifier() : null,
                        pipeline.networkThreadsPerPage()),
                new ClassifyProcessor(pipeline.classifier(), memory)));
        return new TimeLimitedProcessor<>(pipelineSteps, limits.pageTime());
    }

    @Bean
    @StepScope
    public StoreWriter storeWriter(BoxRepository boxes, SearchIndex search,
                                   @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return new StoreWriter(boxes, search, jobExecutionId);
    }

    @Bean
    @StepScope
    public ProgressListener progressListener(PageRepository pages,
                                             @Value("${honkoku.progress.mode:auto}") String mode,
                                             @Value("${honkoku.progress.log-every:60s}") Duration logEvery) {
        var log = LoggerFactory.getLogger(ProgressListener.class);
        return new ProgressListener(new Progress("transcribe", Progress.Mode.of(mode), System.err, log::info,
                logEvery, Clock.systemUTC()), pages);
    }
}
