package org.honkoku.retry;

import org.honkoku.ops.RunHeartbeat;
import org.honkoku.ops.StopOnSignal;
import org.honkoku.ops.RunRegistry;
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
 * The {@code retryFailed} job: {@code requeue} puts the failed pages (of the given paths, or all) back in
 * the queue, then the transcribe job's own {@code transcribe} step processes them. See jobs/README.md.
 */
@Configuration
public class RetryFailedJobConfiguration {

    public static final String JOB_NAME = "retryFailed";

    @Bean
    public Job retryFailedJob(JobRepository jobRepository, @Qualifier("requeueStep") Step requeueStep,
                              @Qualifier("transcribeStep") Step transcribeStep, RunHeartbeat heartbeat,
                              StopOnSignal stopOnSignal) {
        return new JobBuilder(JOB_NAME, jobRepository).listener(heartbeat).listener(stopOnSignal)
                .start(requeueStep).next(transcribeStep).build();
    }

    @Bean
    public Step requeueStep(JobRepository jobRepository, PlatformTransactionManager tx,
                            @Qualifier("requeueFailedTasklet") RequeueTasklet requeueFailedTasklet) {
        // done once per job instance: a restart after a crash must not requeue pages that failed meanwhile
        return new StepBuilder("requeue", jobRepository).tasklet(requeueFailedTasklet, tx).build();
    }

    @Bean
    @StepScope
    public RequeueTasklet requeueFailedTasklet(PageRepository pages, RunRegistry runs,
                                               @Value("#{jobParameters['input']}") String input) {
        return new RequeueTasklet("failed pages", pages::requeueFailed, runs.input(input)
                .orElseThrow(() -> new IllegalStateException("no input recorded for key " + input)));
    }
}
