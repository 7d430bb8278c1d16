package org.honkoku.remote;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request as it travels on the broker: a line of text ({@code jobExecutionId stepExecutionId
 * stepName}), not a serialised Java object, so that a worker never deserialises classes named by whoever can
 * write to the queue.
 */
public final class PartitionRequests {

    private PartitionRequests() {
    }

    public static String format(StepExecutionRequest request) {
        return request.getJobExecutionId() + " " + request.getStepExecutionId() + " " + request.getStepName();
    }

    public static StepExecutionRequest parse(String text) {
        String[] parts = text.trim().split(" ", 3);
        if (parts.length != 3 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,18}")) {
            throw new IllegalArgumentException("not a partition request: " + abbreviated(text));
        }
        return new StepExecutionRequest(parts[2], Long.valueOf(parts[0]), Long.valueOf(parts[1]));
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
