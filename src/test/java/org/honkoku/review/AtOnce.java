package org.honkoku.review;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Reviewers acting at the same moment: one thread each, released together by a barrier. */
public final class AtOnce {

    private AtOnce() {
    }

    /** Each reviewer sets the box (at the version it had) to their reading: "saved" or "conflict" for each. */
    static List<String> save(ReviewService review, ReviewBox box, List<String[]> reviewerAndReading) throws Exception {
        return run(reviewerAndReading.stream().<Callable<String>>map(who -> () -> {
            try {
                review.apply(box.id(), new ReviewRequest(ReviewAction.SET, box.version(), who[1]), who[0]);
                return "saved";
            } catch (ConflictException e) {
                return "conflict";
            }
        }).toList());
    }

    /** Each reviewer asks the whole queue for {@code limit} characters: the ids each was served, all together. */
    static List<Long> ask(ReviewQueue queue, List<String> reviewers, int limit) throws Exception {
        List<Long> all = new ArrayList<>();
        for (List<Long> served : run(reviewers.stream().<Callable<List<Long>>>map(user -> () ->
                queue.next(user, null, null, null, limit).stream().map(i -> i.box().id()).toList()).toList())) {
            all.addAll(served);
        }
        return all;
    }

    /** The actions started together (behind one barrier), each on its own thread: their results, in order. */
    public static <T> List<T> run(List<Callable<T>> actions) throws Exception {
        CyclicBarrier together = new CyclicBarrier(actions.size());
        ExecutorService pool = Executors.newFixedThreadPool(actions.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> action : actions) {
                futures.add(pool.submit(() -> {
                    together.await();
                    return action.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
