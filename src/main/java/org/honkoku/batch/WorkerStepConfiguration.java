package org.honkoku.batch;

import java.time.Duration;

import org.honkoku.ingest.InputLimits;
import org.honkoku.remote.BrokerAddress;
import org.honkoku.remote.PartitionRequests;
import org.honkoku.remote.WorkerCommand;
import org.honkoku.remote.WorkerRegistry;
import org.honkoku.remote.WorkerState;
import org.honkoku.store.FailureRepository;
import org.honkoku.store.PageClaims;
import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.honkoku.store.TranscribedPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

import jakarta.jms.ConnectionFactory;

/**
 * The worker side of a distributed run ({@code ./honkoku worker}): Spring Batch's remote partitioning worker
 * step, fed by partition requests that a JMS listener takes one at a time from the broker's queue. A request is
 * acknowledged only when the worker step has ended (a transacted JMS session), so the partition of a worker
 * killed mid-way goes back to the queue for another worker. A request whose partition or run has ended (a
 * stale message on a standalone broker, a partition the manager gave up) is dropped. Each partition runs as the
 * transcribe step runs its pages: one page per chunk and transaction, on the page threads, the same segment,
 * classify and store stages, claims with fencing, the page time limit.
 */
@Configuration
@Profile(WorkerStepConfiguration.PROFILE)
@EnableBatchIntegration
public class WorkerStepConfiguration {

    public static final String PROFILE = "worker";
    /** The worker step's name, which is also its bean's: the manager's requests name it. */
    public static final String STEP = "transcribeWorker";
    /** The id of the JMS listener, stopped first when the worker stops. */
    public static final String LISTENER = "partitionListener";
    private static final Logger log = LoggerFactory.getLogger(WorkerStepConfiguration.class);

    @Bean
    public ConnectionFactory brokerConnections(@Value("${honkoku.remote.broker}") String broker) {
        return BrokerAddress.parse(broker).connectionFactory();
    }

    @Bean
    public WorkerState workerState() {
        return new WorkerState();
    }

    /** What {@code ./honkoku worker} runs once the context is up. */
    @Bean
    public WorkerCommand workerCommand(@Value("${honkoku.worker.id}") String id,
                                       @Value("${honkoku.remote.broker}") String broker, PipelineComponents pipeline,
                                       WorkerRegistry registry, WorkerState state,
                                       @Lazy @Qualifier(LISTENER) Lifecycle listener,
                                       @Value("${honkoku.jobs.heartbeat:10s}") Duration heartbeat,
                                       InputLimits limits) {
        return new WorkerCommand(id, broker, pipeline.pageThreads(), registry, state, listener, heartbeat, limits);
    }

    @Bean
    public DirectChannel workerRequests(WorkerState state) {
        var channel = new DirectChannel();
        channel.addInterceptor(state.counter());
        return channel;
    }

    @Bean
    public IntegrationFlow partitionsFromBroker(ConnectionFactory brokerConnections, JobExplorer explorer,
                                                @Qualifier("workerRequests") DirectChannel workerRequests) {
        return IntegrationFlow
                .from(Jms.messageDrivenChannelAdapter(brokerConnections)
                        .destination(BrokerAddress.QUEUE)
                        .configureListenerContainer(c -> c.sessionTransacted(true).concurrentConsumers(1)
                                // a broker that went away (a manager's embedded one, between runs) is tried
                                // again, less and less often, up to once a minute
                                .backOff(brokerRetries()))
                        // started by the worker command once the worker is registered
                        .autoStartup(false)
                        .id(LISTENER))
                .transform(String.class, PartitionRequests::parse)
                .filter(StepExecutionRequest.class, request -> stillWanted(explorer, request),
                        f -> f.discardChannel("nullChannel"))
                .channel(workerRequests)
                .get();
    }

    private static ExponentialBackOff brokerRetries() {
        var backOff = new ExponentialBackOff(2_000, 2);
        backOff.setMaxInterval(60_000);
        return backOff;
    }

    private static boolean stillWanted(JobExplorer explorer, StepExecutionRequest request) {
        StepExecution partition = explorer.getStepExecution(request.getJobExecutionId(), request.getStepExecutionId());
        if (partition == null) {
            log.warn("partition request for step execution {} of job execution {}: no such partition in this"
                    + " database (a worker and a manager on different databases?): dropped",
                    request.getStepExecutionId(), request.getJobExecutionId());
            return false;
        }
        if (!partition.getJobExecution().isRunning()) {
            log.info("partition {} belongs to job execution {}, which has ended ({}): dropped",
                    partition.getStepName(), request.getJobExecutionId(), partition.getJobExecution().getStatus());
            return false;
        }
        if (!partition.getStatus().isRunning()) {
            log.info("partition {} has ended already ({}): dropped", partition.getStepName(), partition.getStatus());
            return false;
        }
        return true;
    }

    @Bean(STEP)
    public Step transcribeWorker(RemotePartitioningWorkerStepBuilderFactory workers, PlatformTransactionManager tx,
                                 @Qualifier("workerRequests") DirectChannel workerRequests,
                                 @Qualifier("partitionPageReader") PendingPageReader partitionPageReader,
                                 TimeLimitedProcessor<StoredPage, TranscribedPage> pageProcessor,
                                 StoreWriter storeWriter, PageRepository pages, FailureRepository failures,
                                 @Qualifier("pageThreads") TaskExecutor pageThreads, WorkerState state) {
        var chunks = workers.get(STEP).inputChannel(workerRequests).<StoredPage, TranscribedPage>chunk(1, tx);
        chunks.listener(new PartitionLog(state));
        return TranscribeJobConfiguration.pageChunks(chunks, partitionPageReader, pageProcessor, storeWriter, pages,
                failures, pageThreads, null).build();
    }

    @Bean
    @StepScope
    public PendingPageReader partitionPageReader(PageRepository pages, PageClaims claims, WorkerState state,
                                                 @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId,
                                                 @Value("#{stepExecutionContext['pages']}") String ids) {
        return PendingPageReader.partition(pages, claims, jobExecutionId, PagePartitioner.pageIds(ids),
                state::stopping);
    }

    /** One log line per partition, and a note in its exit status when the worker stopped before its end. */
    private record PartitionLog(WorkerState state) implements StepExecutionListener {

        @Override
        public void beforeStep(StepExecution partition) {
            log.info("partition {} of job execution {}: {} pages", partition.getStepName(),
                    partition.getJobExecutionId(),
                    PagePartitioner.pageIds(partition.getExecutionContext().getString(PagePartitioner.PAGES, "")).size());
        }

        @Override
        public ExitStatus afterStep(StepExecution partition) {
            long failed = partition.getProcessSkipCount() + partition.getWriteSkipCount();
            log.info("partition {} of job execution {}: {} pages transcribed, {} failed", partition.getStepName(),
                    partition.getJobExecutionId(), partition.getWriteCount(), failed);
            if (state.stopping()) {
                return partition.getExitStatus().addExitDescription(
                        "the worker stopped (signal): pages of this partition not begun are left to the next round");
            }
            return null;
        }
    }
}
