package org.honkoku.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free local port for the IIIF tests: serves the bytes it is given at their paths
 * (a manifest, a scan), answers 404 for anything else, and on request misbehaves as servers do: stalls after
 * the headers and the first bytes, or sends a body without saying its length. Counts the requests per path.
 */
public final class IiifServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "iiif-test-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();
    private final Map<String, String> behaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public IiifServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves these bytes at the path, with the content type. */
    public IiifServer serve(String path, byte[] bytes, String contentType) {
        files.put(path, bytes);
        types.put(path, contentType);
        return this;
    }

    public IiifServer serveJson(String path, String json) {
        return serve(path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A real scan with {@code extra} zero bytes after its end: the same pixels, bytes (and identity) of its own. */
    public IiifServer serveScan(String path, Path scan, int extra) throws IOException {
        byte[] bytes = Files.readAllBytes(scan);
        return serve(path, Arrays.copyOf(bytes, bytes.length + extra), "image/jpeg");
    }

    /**
     * A real scan with random bytes after its end: the same pixels, and a page identity no other test (sharing the
     * database) has registered, so that its page is new.
     */
    public IiifServer serveCopy(String path, Path scan) throws IOException {
        byte[] bytes = Files.readAllBytes(scan);
        byte[] copy = Arrays.copyOf(bytes, bytes.length + 16);
        byte[] tail = new byte[16];
        new java.security.SecureRandom().nextBytes(tail);
        System.arraycopy(tail, 0, copy, bytes.length, tail.length);
        return serve(path, copy, "image/jpeg");
    }

    /** Sends the headers and a few bytes of the scan, then nothing until the server closes. */
    public IiifServer stall(String path, Path scan) throws IOException {
        serveScan(path, scan, 0);
        behaviour.put(path, "stall");
        return this;
    }

    /** Sends the scan chunked, without a Content-Length. */
    public IiifServer chunked(String path, Path scan) throws IOException {
        serveScan(path, scan, 0);
        behaviour.put(path, "chunked");
        return this;
    }

    /** Accepts the request and never answers. */
    public IiifServer silent(String path) {
        files.put(path, new byte[0]);
        behaviour.put(path, "silent");
        return this;
    }

    public int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            byte[] bytes = files.get(path);
            if (bytes == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", types.getOrDefault(path, "image/jpeg"));
            String how = behaviour.getOrDefault(path, "plain");
            switch (how) {
                case "silent" -> await();
                case "stall" -> {
                    exchange.sendResponseHeaders(200, bytes.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(bytes, 0, 1000);
                    out.flush();
                    await();
                }
                case "chunked" -> {
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().write(bytes);
                }
                default -> {
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            }
        } catch (IOException e) {
            // the client gave up (a timeout or a refused size): what the tests want it to do
        }
    }

    private void await() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
