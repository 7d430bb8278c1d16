package org.honkoku.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who in this process claims pages, besides the job execution: the worker's name in a {@code ./honkoku worker}
 * process ({@code honkoku.worker.id}), nobody else ("") in a run that transcribes in its own process. All the
 * workers of a distributed run claim for the manager's one job execution, so a page's claim, and the fencing of
 * every write that depends on it, names the worker as well ({@code page.claimed_worker}).
 */
@Component
public class Claimant {

    /** The fencing condition of a write that needs the page still claimed by this job execution and worker. */
    static final String HELD = "status = 'RUNNING' AND claimed_by = ? AND COALESCE(claimed_worker, '') = ?";

    private final String worker;

    public Claimant(@Value("${honkoku.worker.id:}") String worker) {
        this.worker = worker;
    }

    /** This process's worker name, or "" when the process is not a worker. */
    public String worker() {
        return worker;
    }

    /** The value stored in {@code claimed_worker}: null for a run in one process. */
    Object column() {
        return worker.isEmpty() ? null : worker;
    }
}
