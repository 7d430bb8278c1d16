package org.honkoku.ops;

import java.time.LocalDateTime;
import java.util.Objects;

import org.honkoku.store.PageClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Cleans up after crashed runs before a new one starts: a job execution still STARTED in Spring Batch's
 * tables whose process is dead ({@link RunLiveness}) is marked FAILED, with its running steps, so that its
 * job instance can be restarted (Spring Batch refuses to restart an instance with an execution it believes
 * running); then the pages such runs had claimed go back to the queue ({@link PageClaims#recoverOrphans}).
 */
@Component
public class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final JobExplorer explorer;
    private final JobRepository repository;
    private final RunLiveness liveness;
    private final PageClaims claims;
    private final int maxCrashes;

    public RunRecovery(JobExplorer explorer, JobRepository repository, RunLiveness liveness, PageClaims claims,
                       @Value("${honkoku.jobs.max-crashes:3}") int maxCrashes) {
        this.explorer = explorer;
        this.repository = repository;
        this.liveness = liveness;
        this.claims = claims;
        this.maxCrashes = maxCrashes;
    }

    public void recover() {
        for (String job : explorer.getJobNames()) {
            for (JobExecution execution : explorer.findRunningJobExecutions(job)) {
                liveness.whyDead(execution).ifPresent(why -> abandon(execution, why));
            }
        }
        PageClaims.Recovered pages = claims.recoverOrphans(maxCrashes);
        if (pages.requeued() > 0 || pages.failed() > 0) {
            log.warn("{} pages claimed by crashed runs are pending again; {} failed after {} crashes",
                    pages.requeued(), pages.failed(), maxCrashes);
        }
    }

    private void abandon(JobExecution execution, String why) {
        // it ended, as far as anyone can tell, with the last chunk it recorded (not now, hours later)
        LocalDateTime ended = execution.getStepExecutions().stream().map(StepExecution::getLastUpdated)
                .filter(Objects::nonNull).max(LocalDateTime::compareTo)
                .orElse(Objects.requireNonNullElseGet(execution.getLastUpdated(), LocalDateTime::now));
        ExitStatus exit = ExitStatus.FAILED.addExitDescription("abandoned: " + why);
        try {
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus().isRunning()) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(exit);
                    step.setEndTime(ended);
                    repository.update(step);
                }
            }
            execution.setStatus(BatchStatus.FAILED);
            execution.setExitStatus(exit);
            execution.setEndTime(ended);
            repository.update(execution);
            log.warn("job execution {} ({}) marked FAILED: {}", execution.getId(),
                    execution.getJobInstance().getJobName(), why);
        } catch (OptimisticLockingFailureException raced) {
            log.info("job execution {} was updated meanwhile (another run recovered it)", execution.getId());
        }
    }
}
