package org.honkoku.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The progress a long run shows: a line redrawn in place on a terminal, periodic log lines elsewhere. */
class ProgressTest {

    private final SteppedClock clock = new SteppedClock();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final List<String> logged = new ArrayList<>();

    @Test
    void onATerminalOneLineIsRedrawnWithRateAndTimeLeft() {
        Progress progress = progress(Progress.Mode.TERMINAL);
        progress.start(10, 0);
        clock.advance(Duration.ofSeconds(30));
        progress.pageDone();
        clock.advance(Duration.ofSeconds(30));
        progress.pageDone();
        assertThat(shown()).endsWith("\rtranscribe: 2/10 pages · 2.0 pages/min · about 4 min 0 s left\u001b[K");

        progress.pageFailed();
        // cleared, so that the failure's log line does not land on the progress line
        assertThat(shown()).endsWith("\r\u001b[K");
        clock.advance(Duration.ofSeconds(30));
        progress.pageDone();
        progress.finish();
        assertThat(shown()).endsWith("\rtranscribe: 4/10 pages, 1 failed · 2.7 pages/min · about 2 min 15 s left"
                + "\u001b[K\n");
        // one line, redrawn in place: a single newline, at the very end
        assertThat(shown().indexOf('\n')).isEqualTo(shown().length() - 1);
        assertThat(logged).isEmpty();
    }

    @Test
    void offATerminalALineIsLoggedEveryMinuteAndAtTheEnd() {
        Progress progress = progress(Progress.Mode.LOG);
        progress.start(100, 0);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(5));
            progress.pageDone();
        }
        progress.finish();
        assertThat(logged).containsExactly(
                "transcribe: 0/100 pages",
                "transcribe: 12/100 pages · 12.0 pages/min · about 7 min 20 s left",
                "transcribe: 24/100 pages · 12.0 pages/min · about 6 min 20 s left",
                "transcribe: 30/100 pages · 12.0 pages/min · about 5 min 50 s left");
        assertThat(terminal.size()).isZero();
    }

    @Test
    void aResumedRunSaysHowMuchWasDoneBeforeTheRestart() {
        Progress progress = progress(Progress.Mode.LOG);
        progress.start(8, 1);
        assertThat(logged).containsExactly("transcribe: 0/8 pages (resumed: 1 done before the restart)");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(Progress.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Progress.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(Progress.duration(Duration.ofMinutes(125))).isEqualTo("2 h 05 min");
    }

    private Progress progress(Progress.Mode mode) {
        return new Progress("transcribe", mode, new PrintStream(terminal, true, StandardCharsets.UTF_8), logged::add,
                Duration.ofMinutes(1), clock);
    }

    private String shown() {
        return terminal.toString(StandardCharsets.UTF_8);
    }

    /** Time that moves only when the test says so. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T01:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
