package org.honkoku.remote;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * A worker process's state between its threads: whether it is stopping (a signal came: the partition reader
 * hands out no more pages) and how many partitions it is working on (counted around the delivery of each
 * request to the worker step, which returns after the step's end is recorded).
 */
public class WorkerState {

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    public boolean stopping() {
        return stopping.get();
    }

    void stop() {
        stopping.set(true);
    }

    /** Counts the partitions in hand on the channel that delivers requests to the worker step. */
    public ChannelInterceptor counter() {
        return new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                inFlight.incrementAndGet();
                return message;
            }

            @Override
            public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
                synchronized (inFlight) {
                    inFlight.decrementAndGet();
                    inFlight.notifyAll();
                }
            }
        };
    }

    /** Waits until no partition is in hand, at most {@code patience}; whether none is. */
    boolean awaitIdle(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                inFlight.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
