package org.honkoku.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a real local HTTP server that misbehaves on purpose: each refusal names the URL and
 * its reason, and a stalled server is given up on within the read timeout, not waited for.
 */
class HttpFetcherTest {

    private static final Path SCAN = Path.of("samples/hnsd001-011.jpg");
    private static final Duration TIMEOUT = Duration.ofMillis(700);

    private IiifServer server;
    private final HttpFetcher fetcher = new HttpFetcher(TIMEOUT, TIMEOUT);

    @BeforeEach
    void start() throws Exception {
        server = new IiifServer().serveScan("/scan.jpg", SCAN, 0).stall("/stall.jpg", SCAN)
                .chunked("/chunked.jpg", SCAN).silent("/silent.jpg");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aScanArrivesWholeWithItsContentType(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("page.part");
        assertThat(fetcher.download(server.url("/scan.jpg"), file, 1L << 30, "limit")).isEqualTo("image/jpeg");
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(SCAN));
    }

    @Test
    void aMissingImageIsItsStatus() {
        String url = server.url("/nothing.jpg");
        assertThatThrownBy(() -> fetcher.fetch(url, 1L << 30, "limit"))
                .isInstanceOf(BadInputException.class).hasMessage("cannot fetch " + url + ": HTTP 404");
    }

    @Test
    void aBodyTooLargeIsRefusedByItsLengthOrByItsBytes() throws Exception {
        long size = Files.size(SCAN);
        assertThatThrownBy(() -> fetcher.fetch(server.url("/scan.jpg"), size - 1, "honkoku.limits.max-file-bytes"))
                .hasMessageContaining("too large: " + size + " bytes, limit " + (size - 1))
                .hasMessageContaining("honkoku.limits.max-file-bytes");
        // no Content-Length: counted as it arrives
        assertThatThrownBy(() -> fetcher.fetch(server.url("/chunked.jpg"), size - 1, "limit"))
                .hasMessageContaining("too large: more than " + (size - 1) + " bytes");
        assertThat(fetcher.fetch(server.url("/chunked.jpg"), size, "limit")).hasSize((int) size);
    }

    @Test
    void aServerThatStallsTimesOutWithinTheReadTimeout() {
        for (String path : new String[] {"/stall.jpg", "/silent.jpg"}) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> fetcher.fetch(server.url(path), 1L << 30, "limit")).as(path)
                    .hasMessageContaining(server.url(path)).hasMessageContaining("timed out")
                    .hasMessageContaining("honkoku.iiif.read-timeout");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as(path).isBetween(TIMEOUT, TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void aClosedPortAndOtherSchemesAreRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + port + "/a.jpg";
        assertThatThrownBy(() -> fetcher.fetch(closed, 1000, "limit")).hasMessageContaining(closed)
                .hasMessageContaining("connection refused");
        assertThatThrownBy(() -> fetcher.fetch("ftp://example.org/a.jpg", 1000, "limit"))
                .hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> fetcher.fetch("file:///etc/passwd", 1000, "limit"))
                .hasMessageContaining("not an http or https URL");
    }
}
