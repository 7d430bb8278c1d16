package org.honkoku.retry;

import java.util.List;
import java.util.function.ToIntFunction;

import org.honkoku.batch.PipelineComponents;
import org.honkoku.ops.RunHeartbeat;
import org.honkoku.ops.RunRegistry;
import org.honkoku.ops.StopOnSignal;
import org.honkoku.store.PageRepository;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The jobs that process pages again, each a requeue tasklet then the transcribe job's own {@code transcribe}
 * step (see jobs/README.md). The requeue step runs once per job instance: a resumed run goes on with the pages
 * left, and does not requeue pages that failed (or were read) meanwhile.
 * <ul>
 * <li>{@code retryFailed}: {@code requeue} puts the failed pages (of the given paths, or all) back in the queue;</li>
 * <li>{@code reread}: {@code requeueOtherModel} puts back the done pages another model read, to be read by the
 * current one; boxes a person decided on are kept.</li>
 * </ul>
 */
@Configuration
public class ReprocessJobConfiguration {

    public static final String RETRY_FAILED = "retryFailed";
    public static final String REREAD = "reread";

    @Bean
    public Job retryFailedJob(JobRepository jobRepository, @Qualifier("requeueStep") Step requeueStep,
                              @Qualifier("transcribeStep") Step transcribeStep, RunHeartbeat heartbeat,
                              StopOnSignal stopOnSignal) {
        return requeueThenTranscribe(RETRY_FAILED, jobRepository, requeueStep, transcribeStep, heartbeat, stopOnSignal);
    }

    @Bean
    public Step requeueStep(JobRepository jobRepository, PlatformTransactionManager tx,
                            @Qualifier("requeueFailedTasklet") RequeueTasklet tasklet) {
        return new StepBuilder("requeue", jobRepository).tasklet(tasklet, tx).build();
    }

    @Bean
    @StepScope
    public RequeueTasklet requeueFailedTasklet(PageRepository pages, RunRegistry runs,
                                               @Value("#{jobParameters['input']}") String input) {
        return tasklet("failed pages", pages::requeueFailed, runs, input);
    }

    @Bean
    public Job rereadJob(JobRepository jobRepository, @Qualifier("requeueOtherModelStep") Step requeueOtherModelStep,
                         @Qualifier("transcribeStep") Step transcribeStep, RunHeartbeat heartbeat,
                         StopOnSignal stopOnSignal) {
        return requeueThenTranscribe(REREAD, jobRepository, requeueOtherModelStep, transcribeStep, heartbeat,
                stopOnSignal);
    }

    @Bean
    public Step requeueOtherModelStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                      @Qualifier("requeueOtherModelTasklet") RequeueTasklet tasklet) {
        return new StepBuilder("requeueOtherModel", jobRepository).tasklet(tasklet, tx).build();
    }

    @Bean
    @StepScope
    public RequeueTasklet requeueOtherModelTasklet(PageRepository pages, RunRegistry runs, PipelineComponents pipeline,
                                                   @Value("#{jobParameters['input']}") String input) {
        String version = pipeline.classifier().readingVersion();
        return tasklet("pages read by another model than " + version,
                paths -> pages.requeueReadByAnotherModel(paths, version), runs, input);
    }

    private static Job requeueThenTranscribe(String name, JobRepository jobRepository, Step requeue, Step transcribe,
                                             RunHeartbeat heartbeat, StopOnSignal stopOnSignal) {
        return new JobBuilder(name, jobRepository).listener(heartbeat).listener(stopOnSignal)
                .start(requeue).next(transcribe).build();
    }

    private static RequeueTasklet tasklet(String which, ToIntFunction<List<String>> requeue, RunRegistry runs,
                                          String input) {
        return new RequeueTasklet(which, requeue,
                runs.input(input).orElseThrow(() -> new IllegalStateException("no input recorded for key " + input)));
    }
}
