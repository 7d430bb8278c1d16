package org.honkoku.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.honkoku.store.PageRepository;
import org.honkoku.store.StoredPage;
import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.item.ExecutionContext;

/**
 * Splits the pages pending when a round of a distributed run starts into partitions of
 * {@code pagesPerPartition} consecutive pages, each a message on the broker that one worker takes: small
 * partitions spread a run evenly over workers of different speeds and lose little when a worker dies. The
 * partitions of each round are named after the manager's step execution ({@code r57-p3}), so that a restarted
 * run never mistakes an earlier round's partition for one of its own (Spring Batch skips a partition whose name
 * completed before). The grid size Spring Batch passes is not used: the pages decide the count.
 */
class PagePartitioner implements Partitioner {

    /** The partition's pages, as a list of page ids in the step execution context. */
    static final String PAGES = "pages";

    private final PageRepository pages;
    private final long round;
    private final int pagesPerPartition;

    PagePartitioner(PageRepository pages, long managerStepExecutionId, int pagesPerPartition) {
        if (pagesPerPartition < 1) {
            throw new IllegalArgumentException("honkoku.remote.pages-per-partition must be at least 1");
        }
        this.pages = pages;
        this.round = managerStepExecutionId;
        this.pagesPerPartition = pagesPerPartition;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<Long> pending = pages.pending().stream().map(StoredPage::id).toList();
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int from = 0, i = 0; from < pending.size(); from += pagesPerPartition, i++) {
            List<Long> part = pending.subList(from, Math.min(pending.size(), from + pagesPerPartition));
            var context = new ExecutionContext();
            context.putString(PAGES, part.stream().map(String::valueOf).collect(Collectors.joining(",")));
            partitions.put("r" + round + "-p" + i, context);
        }
        return partitions;
    }

    static List<Long> pageIds(String list) {
        return list.isBlank() ? List.of()
                : java.util.Arrays.stream(list.split(",")).map(String::trim).map(Long::valueOf).toList();
    }
}
