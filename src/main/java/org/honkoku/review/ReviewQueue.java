package org.honkoku.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.honkoku.review.ReviewBoxRepository.QueueItem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The review queue shared by several reviewers: each one is served the least confident characters that
 * nobody else holds, and holds what they are served for {@code honkoku.review.queue-lease} (the time to work
 * through a batch), so two reviewers clearing the same manuscript do not decide the same characters twice.
 * A reviewer who leaves lets their characters go back to the others when the lease runs out.
 */
@Service
class ReviewQueue {

    private final ReviewBoxRepository boxes;
    private final QueueLeases leases;
    private final Duration lease;

    ReviewQueue(ReviewBoxRepository boxes, QueueLeases leases,
                @Value("${honkoku.review.queue-lease:10m}") Duration lease) {
        this.boxes = boxes;
        this.leases = leases;
        this.lease = lease;
    }

    /** Up to {@code limit} characters for {@code user}, after the position already seen, now held for them. */
    List<QueueItem> next(String user, Long manuscriptId, Float afterConfidence, Long afterId, int limit) {
        Instant now = Instant.now();
        List<QueueItem> served = new ArrayList<>();
        Float confidence = afterConfidence;
        Long id = afterId;
        // characters another reviewer took between the query and the lease are passed over: ask for more after
        // them, until the batch is full or the queue is at its end (each round moves on, so this ends)
        while (served.size() < limit) {
            List<QueueItem> candidates = boxes.queue(user, now, manuscriptId, confidence, id, limit - served.size());
            if (candidates.isEmpty()) {
                break;
            }
            for (QueueItem item : candidates) {
                if (leases.take(item.box().id(), user, now, now.plus(lease))) {
                    served.add(item);
                }
            }
            ReviewBox last = candidates.get(candidates.size() - 1).box();
            confidence = last.confidence();
            id = last.id();
        }
        return served;
    }
}
