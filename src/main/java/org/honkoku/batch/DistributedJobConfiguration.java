package org.honkoku.batch;

import java.time.Duration;

import org.honkoku.ingest.InputLimits;
import org.honkoku.ops.RunHeartbeat;
import org.honkoku.ops.StopOnSignal;
import org.honkoku.remote.BrokerAddress;
import org.honkoku.remote.PartitionRequests;
import org.honkoku.remote.WorkerRegistry;
import org.honkoku.remote.WorkerWatch;
import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jms.connection.CachingConnectionFactory;

import jakarta.jms.ConnectionFactory;

/**
 * The manager side of a distributed run ({@code ./honkoku transcribe --broker ...}): the same {@code transcribe}
 * job, whose pages are read by workers on other machines. {@code ingest} runs here (the manager reads the
 * folders and registers the pages); then {@code transcribeManager}, Spring Batch's remote partitioning manager
 * step, splits the pending pages into partitions ({@link PagePartitioner}), sends one request per partition to
 * the broker and polls the job repository until every partition has ended. The workers' pages live in the same
 * database, so no result travels back over the broker. After each round {@link NextRound} gives back the pages
 * of workers that died and starts another round while pages are pending; {@link WorkerWatch} says when no worker
 * is there and fails the round after {@code honkoku.remote.worker-timeout}.
 */
@Configuration
@Profile(DistributedJobConfiguration.PROFILE)
@EnableBatchIntegration
public class DistributedJobConfiguration {

    public static final String PROFILE = "manager";
    public static final String STEP = "transcribeManager";

    @Bean
    public ConnectionFactory brokerConnections(@Value("${honkoku.remote.broker}") String broker) {
        return new CachingConnectionFactory(BrokerAddress.parse(broker).connectionFactory());
    }

    @Bean
    public DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    public IntegrationFlow partitionsToBroker(ConnectionFactory brokerConnections,
                                              @Qualifier("partitionRequests") DirectChannel partitionRequests) {
        return IntegrationFlow.from(partitionRequests)
                .transform(StepExecutionRequest.class, PartitionRequests::format)
                .handle(Jms.outboundAdapter(brokerConnections).destination(BrokerAddress.QUEUE))
                .get();
    }

    @Bean
    @StepScope
    public PagePartitioner pagePartitioner(PageRepository pages, @Value("#{stepExecution.id}") Long round,
                                           @Value("${honkoku.remote.pages-per-partition:8}") int pagesPerPartition) {
        return new PagePartitioner(pages, round, pagesPerPartition);
    }

    @Bean
    public WorkerWatch workerWatch(JobExplorer explorer, JobRepository repository, WorkerRegistry workers,
                                   @Value("${honkoku.remote.broker}") String broker,
                                   @Value("${spring.datasource.url}") String db,
                                   @Value("${honkoku.remote.worker-timeout:10m}") Duration timeout,
                                   InputLimits limits) {
        return new WorkerWatch(explorer, repository, workers, WorkerStepConfiguration.STEP,
                BrokerAddress.parse(broker), db, timeout, limits.pageTime());
    }

    @Bean(STEP)
    public Step transcribeManager(RemotePartitioningManagerStepBuilderFactory managers,
                                  PagePartitioner pagePartitioner,
                                  @Qualifier("partitionRequests") DirectChannel partitionRequests,
                                  WorkerWatch workerWatch,
                                  @Value("${honkoku.remote.poll-interval:1s}") Duration pollInterval) {
        return managers.get(STEP)
                .partitioner(WorkerStepConfiguration.STEP, pagePartitioner)
                .outputChannel(partitionRequests)
                .pollInterval(pollInterval.toMillis())
                .listener(workerWatch)
                // a round may follow another in the same run (NextRound)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    public NextRound nextRound(PageRepository pages, PageClaims claims, WorkerRegistry workers,
                               @Value("${honkoku.jobs.max-crashes:3}") int maxCrashes,
                               @Value("${honkoku.remote.worker-timeout:10m}") Duration timeout,
                               @Value("${honkoku.remote.poll-interval:1s}") Duration pollInterval) {
        return new NextRound(pages, claims, workers, maxCrashes, timeout, pollInterval);
    }

    @Bean
    public Job distributedTranscribeJob(JobRepository jobRepository, Step ingestStep,
                                        @Qualifier(STEP) Step transcribeManager, NextRound nextRound,
                                        RunHeartbeat heartbeat, StopOnSignal stopOnSignal) {
        return new JobBuilder(TranscribeJobConfiguration.JOB_NAME, jobRepository)
                .listener(heartbeat).listener(stopOnSignal)
                .start(ingestStep).next(transcribeManager).next(nextRound)
                .on(NextRound.AGAIN.getName()).to(transcribeManager)
                .from(nextRound).on("*").end()
                .end().build();
    }
}
