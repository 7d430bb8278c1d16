package org.honkoku.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fetches what a IIIF manifest names over http or https, refusing like the input limits refuse a file: a
 * response larger than its limit (by its Content-Length, and by the bytes counted as they arrive, since a
 * server may lie or send none), a server that does not connect within {@code connectTimeout}, or sends no
 * byte for {@code readTimeout} (waiting for the headers or in the middle of the body), any status but 2xx,
 * any scheme but http and https. Every refusal is a {@link BadInputException} whose message names the URL and
 * the reason, to become the failed page's reason. The JDK client's own request timeout ends when the headers
 * arrive, so a body that stalls is watched here: its stream is closed when no byte came for the read timeout.
 */
public final class HttpFetcher {

    /** One daemon thread watches every body being read for stalls. */
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "http-stall-watch");
        t.setDaemon(true);
        return t;
    });

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private HttpClient client;

    public HttpFetcher(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** A response's bytes, at most {@code maxBytes} of them. */
    public byte[] fetch(String url, long maxBytes, String limitName) {
        var out = new ByteArrayOutputStream();
        fetch(url, out, maxBytes, limitName);
        return out.toByteArray();
    }

    /**
     * Writes a response's body to {@code file} (created or replaced) and returns its content type ("" when the
     * server gives none). After a failure the file holds what came: the caller deletes it.
     */
    public String download(String url, Path file, long maxBytes, String limitName) {
        try (OutputStream out = Files.newOutputStream(file)) {
            return fetch(url, out, maxBytes, limitName);
        } catch (IOException e) {
            throw refused(url, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private String fetch(String url, OutputStream out, long maxBytes, String limitName) {
        URI uri = httpUri(url);
        HttpResponse<InputStream> response = send(url, uri);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw refused(url, "HTTP " + status);
            }
            long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > maxBytes) {
                throw refused(url, "too large: " + declared + " bytes, limit " + maxBytes + " (" + limitName + ")");
            }
            copy(url, body, out, maxBytes, limitName);
            return response.headers().firstValue("content-type").orElse("");
        } catch (IOException e) {
            throw refused(url, describe(e), e);
        }
    }

    private HttpResponse<InputStream> send(String url, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET()
                .header("User-Agent", "honkoku (IIIF ingest)").build();
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw refused(url, describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(url, "interrupted", e);
        }
    }

    /** Copies the body, counting its bytes, with its stream closed by the watch when it stalls. */
    private void copy(String url, InputStream body, OutputStream out, long maxBytes, String limitName)
            throws IOException {
        var stall = new Stall(body, readTimeout);
        try {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = read(body, buffer, stall)) >= 0; ) {
                stall.progress();
                total += n;
                if (total > maxBytes) {
                    throw refused(url, "too large: more than " + maxBytes + " bytes, the limit (" + limitName
                            + "); stopped reading");
                }
                out.write(buffer, 0, n);
            }
            if (stall.fired) {
                throw refused(url, timedOut());
            }
        } finally {
            stall.cancel();
        }
    }

    private int read(InputStream body, byte[] buffer, Stall stall) throws IOException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            if (stall.fired) {
                return -1; // closed by the watch: reported as the timeout it is
            }
            throw e;
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    private static URI httpUri(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw refused(url, "not a valid URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(url, "not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw refused(url, "no host in the URL");
        }
        return uri;
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + seconds(connectTimeout) + " (honkoku.iiif.connect-timeout)";
        }
        if (e instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (e instanceof ConnectException) {
            return "connection refused or host unreachable"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    private String timedOut() {
        return "timed out: no data for " + seconds(readTimeout) + " (honkoku.iiif.read-timeout)";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static BadInputException refused(String url, String reason) {
        return new BadInputException("cannot fetch " + url + ": " + reason);
    }

    static BadInputException refused(String url, String reason, Throwable cause) {
        return new BadInputException("cannot fetch " + url + ": " + reason, cause);
    }

    /**
     * Watches one body: when no byte came for the timeout, closes its stream (which ends a blocked read) and
     * says so in {@link #fired}.
     */
    private static final class Stall {
        private final InputStream body;
        private final long timeoutNanos;
        private final ScheduledFuture<?> check;
        private volatile long last = System.nanoTime();
        volatile boolean fired;

        Stall(InputStream body, Duration timeout) {
            this.body = body;
            this.timeoutNanos = timeout.toNanos();
            long period = Math.max(20, Math.min(1000, timeout.toMillis() / 10));
            this.check = WATCH.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
        }

        void progress() {
            last = System.nanoTime();
        }

        private void check() {
            if (!fired && System.nanoTime() - last > timeoutNanos) {
                fired = true;
                try {
                    body.close();
                } catch (IOException | RuntimeException e) {
                    // the reader sees the stream end either way
                }
            }
        }

        void cancel() {
            check.cancel(false);
        }
    }
}
