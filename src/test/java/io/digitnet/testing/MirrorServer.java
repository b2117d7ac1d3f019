package io.digitnet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP mirror on 127.0.0.1 (JDK HttpServer) serving files under /mnist/, with the
 * misbehaviours fetch has to survive: failing the first requests with 503, cutting a
 * response short, going silent half-way, ignoring Range. It records every request.
 */
public final class MirrorServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One request as the server saw it: the path and its Range header (or null). */
    public record Request(String path, String range) {}

    private final HttpServer server;
    /** Threads enough that a silent response does not hold up the next request. */
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicLong stallAfter = new AtomicLong(-1);
    private volatile boolean honourRange = true;

    private MirrorServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static MirrorServer start() {
        try {
            return new MirrorServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A base URL where nothing listens: a port that was free a moment ago. */
    public static URI unreachableBase() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mnist/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
    }

    public MirrorServer serve(String name, byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    public MirrorServer serveAll(List<GzipFiles.Generated> generated) {
        generated.forEach(file -> serve(file.name(), file.gzip()));
        return this;
    }

    /** Answers the next {@code count} requests with 503 Service Unavailable. */
    public MirrorServer failNext(int count) {
        failuresLeft.set(count);
        return this;
    }

    /** The next file response announces its full length, sends {@code bytes} of it and closes the connection. */
    public MirrorServer cutNextResponseAfter(long bytes) {
        cutAfter.set(bytes);
        return this;
    }

    /** The next file response sends {@code bytes} of the file, then nothing more until the server is closed. */
    public MirrorServer stallNextResponseAfter(long bytes) {
        stallAfter.set(bytes);
        return this;
    }

    /** Answers Range requests with the whole file (200), as servers without range support do. */
    public MirrorServer ignoreRange() {
        honourRange = false;
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requestsFor(String name) {
        return requests().stream().filter(r -> r.path().equals("/mnist/" + name)).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String range = exchange.getRequestHeaders().getFirst("Range");
            synchronized (this) {
                requests.add(new Request(path, range));
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] file = path.startsWith("/mnist/") ? files.get(path.substring("/mnist/".length())) : null;
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int from = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (honourRange && m != null && m.matches()) {
                from = Integer.parseInt(m.group(1));
                if (from >= file.length) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + file.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Range",
                        "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
                exchange.sendResponseHeaders(206, file.length - from);
            } else {
                exchange.sendResponseHeaders(200, file.length);
            }
            OutputStream body = exchange.getResponseBody();
            long stall = stallAfter.getAndSet(-1);
            if (stall >= 0) {
                body.write(file, from, (int) stall);
                body.flush();
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("went silent after " + stall + " bytes, as asked");
            }
            long cut = cutAfter.getAndSet(-1);
            if (cut >= 0) {
                body.write(file, from, (int) cut);
                body.flush();
                // Failing the handler short of the announced length makes the server drop
                // the connection (closing the body stream alone would keep it open, idle).
                throw new IOException("cut after " + cut + " bytes, as asked");
            }
            body.write(file, from, file.length - from);
        } finally {
            exchange.close();
        }
    }
}
