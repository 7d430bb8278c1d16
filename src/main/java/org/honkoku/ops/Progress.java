package org.honkoku.ops;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How far a run is: pages done of the total, pages per minute, time left. On a terminal one line is redrawn
 * in place after every page; otherwise (cron, systemd, a log file) a line is logged every {@code logEvery}
 * and at the end, so a night's log shows the pace without a line per redraw.
 */
public final class Progress {

    public enum Mode {
        TERMINAL, LOG, OFF;

        /** {@code auto}: a line on a terminal, log lines otherwise; or {@code terminal}, {@code log}, {@code off}. */
        public static Mode of(String setting) {
            return switch (setting.trim().toLowerCase(Locale.ROOT)) {
                case "auto", "" -> System.console() != null ? TERMINAL : LOG;
                case "terminal" -> TERMINAL;
                case "log" -> LOG;
                case "off" -> OFF;
                default -> throw new IllegalArgumentException("honkoku.progress.mode: expected auto, terminal, log"
                        + " or off, got " + setting);
            };
        }
    }

    private static final String CLEAR_TO_END = "\u001b[K";

    private final String task;
    private final Mode mode;
    private final PrintStream terminal;
    private final Consumer<String> log;
    private final Duration logEvery;
    private final Clock clock;
    private int total;
    private int doneBefore;
    private int done;
    private int failed;
    private Instant started;
    private Instant lastLog;
    private boolean lineShown;

    public Progress(String task, Mode mode, PrintStream terminal, Consumer<String> log, Duration logEvery,
                    Clock clock) {
        this.task = task;
        this.mode = mode;
        this.terminal = terminal;
        this.log = log;
        this.logEvery = logEvery;
        this.clock = clock;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * @param total      pages this run may take
     * @param doneBefore pages the same job instance finished before it was restarted
     */
    public void start(int total, int doneBefore) {
        this.total = total;
        this.doneBefore = doneBefore;
        started = clock.instant();
        lastLog = started;
        if (mode == Mode.LOG && total > 0) {
            log.accept(line());
        } else if (mode == Mode.TERMINAL) {
            show();
        }
    }

    public void pageDone() {
        done++;
        show();
    }

    /** A failed page; on a terminal the line is cleared so that the failure's log line stands alone. */
    public void pageFailed() {
        failed++;
        if (mode == Mode.TERMINAL && lineShown) {
            terminal.print("\r" + CLEAR_TO_END);
            terminal.flush();
            lineShown = false;
        }
    }

    public void finish() {
        if (mode == Mode.TERMINAL) {
            terminal.print("\r" + line() + CLEAR_TO_END + "\n");
            terminal.flush();
            lineShown = false;
        } else if (mode == Mode.LOG) {
            log.accept(line());
        }
    }

    /** e.g. {@code transcribe: 12/40 pages, 1 failed · 24.3 pages/min · about 1 min 9 s left}. */
    public String line() {
        int finished = done + failed;
        StringBuilder s = new StringBuilder(task).append(": ").append(finished).append('/').append(total)
                .append(" pages");
        if (failed > 0) {
            s.append(", ").append(failed).append(" failed");
        }
        if (doneBefore > 0) {
            s.append(" (resumed: ").append(doneBefore).append(" done before the restart)");
        }
        Duration elapsed = Duration.between(started, clock.instant());
        if (finished == 0 || elapsed.isZero()) {
            return s.toString();
        }
        double perMinute = finished * 60_000.0 / Math.max(1, elapsed.toMillis());
        s.append(String.format(Locale.ROOT, " · %.1f pages/min", perMinute));
        int left = Math.max(0, total - finished);
        if (left > 0) {
            s.append(" · about ").append(duration(Duration.ofSeconds(Math.round(left * 60 / perMinute))))
                    .append(" left");
        }
        return s.toString();
    }

    private void show() {
        if (mode == Mode.TERMINAL) {
            terminal.print("\r" + line() + CLEAR_TO_END);
            terminal.flush();
            lineShown = true;
        } else if (mode == Mode.LOG && !clock.instant().isBefore(lastLog.plus(logEvery))) {
            lastLog = clock.instant();
            log.accept(line());
        }
    }

    /** 45 s, 3 min 20 s, 2 h 05 min. */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
