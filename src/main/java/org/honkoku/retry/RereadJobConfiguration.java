package org.honkoku.retry;

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
 * The {@code reread} job: {@code requeueOtherModel} puts the done pages that another model read (of the given
 * paths, or all) back in the queue, then the transcribe job's own {@code transcribe} step reads them with the
 * current model; boxes a person decided on are kept. See jobs/README.md.
 */
@Configuration
public class RereadJobConfiguration {

    public static final String JOB_NAME = "reread";

    @Bean
    public Job rereadJob(JobRepository jobRepository, @Qualifier("requeueOtherModelStep") Step requeueOtherModelStep,
                         @Qualifier("transcribeStep") Step transcribeStep, RunHeartbeat heartbeat,
                         StopOnSignal stopOnSignal) {
        return new JobBuilder(JOB_NAME, jobRepository).listener(heartbeat).listener(stopOnSignal)
                .start(requeueOtherModelStep).next(transcribeStep).build();
    }

    @Bean
    public Step requeueOtherModelStep(JobRepository jobRepository, PlatformTransactionManager tx,
                                      @Qualifier("requeueOtherModelTasklet") RequeueTasklet tasklet) {
        // done once per job instance, like retry-failed's requeue: a resumed run goes on with the pages left
        return new StepBuilder("requeueOtherModel", jobRepository).tasklet(tasklet, tx).build();
    }

    @Bean
    @StepScope
    public RequeueTasklet requeueOtherModelTasklet(PageRepository pages, RunRegistry runs, PipelineComponents pipeline,
                                                   @Value("#{jobParameters['input']}") String input) {
        String version = pipeline.classifier().version();
        return new RequeueTasklet("pages read by another model than " + version,
                paths -> pages.requeueReadByAnotherModel(paths, version),
                runs.input(input).orElseThrow(() -> new IllegalStateException("no input recorded for key " + input)));
    }
}
