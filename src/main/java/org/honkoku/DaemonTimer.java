package org.honkoku;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A timer thread for background chores (heartbeats, watches) that never keeps the JVM from ending. */
public final class DaemonTimer {

    private DaemonTimer() {
    }

    /** A single-thread scheduler whose one daemon thread is called {@code name}. */
    public static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
