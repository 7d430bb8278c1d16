package org.honkoku.remote;

import java.time.Duration;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * A worker process's state between its threads: whether it is stopping (a signal came: the partition reader
 * hands out no more pages) and how many partitions it is working on (counted around the delivery of each
 * request to the worker step, which returns after the step's end is recorded).
 */
public class WorkerState {

    private volatile boolean stopping;
    private int inFlight;

    public boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
    }

    /** Counts the partitions in hand on the channel that delivers requests to the worker step. */
    public ChannelInterceptor counter() {
        return new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                synchronized (WorkerState.this) {
                    inFlight++;
                }
                return message;
            }

            @Override
            public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
                synchronized (WorkerState.this) {
                    inFlight--;
                    WorkerState.this.notifyAll();
                }
            }
        };
    }

    /** Waits until no partition is in hand, at most {@code patience}; whether none is. */
    synchronized boolean awaitIdle(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
