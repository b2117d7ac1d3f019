package io.digitnet.data.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one URL into a part file: retries with exponential back-off, resumes what an
 * earlier attempt (or run) received with an HTTP Range request, and prints a progress
 * line every few seconds. It knows nothing about what the bytes should be: the caller
 * verifies them.
 */
public final class HttpDownloader {
    /** The first back-off; each retry waits twice as long as the one before. */
    public static final Duration FIRST_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Until the response headers arrive; the body can take as long as it keeps flowing. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
    /** A body that sends nothing for this long is given up, to be resumed by the next attempt. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 500;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient client;
    private final int retries;
    private final Duration firstDelay;
    private final Duration stallTimeout;
    private final PrintStream progress;

    /** What one download brought: the part's size, how much of it an earlier attempt left, and the time it took. */
    public record Download(URI url, long bytes, long resumedFrom, Duration took) {}

    public HttpDownloader(int retries, PrintStream progress) {
        this(retries, FIRST_DELAY, progress);
    }

    /** {@code firstDelay} is settable so that tests of the retries need not wait. */
    public HttpDownloader(int retries, Duration firstDelay, PrintStream progress) {
        this(retries, firstDelay, STALL_TIMEOUT, progress);
    }

    /** {@code stallTimeout} too, for the test of a server that goes silent. */
    HttpDownloader(int retries, Duration firstDelay, Duration stallTimeout, PrintStream progress) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries: expected 0 or more, found " + retries);
        }
        this.retries = retries;
        this.firstDelay = firstDelay;
        this.stallTimeout = stallTimeout;
        this.progress = progress;
        this.client = HttpClient.newBuilder()
                // One plain HTTP/1.1 stream per file: nothing to multiplex, and http:// mirrors
                // are spared the h2c upgrade that some of them mishandle.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                // Honours -Dhttps.proxyHost and friends, where a site needs a proxy.
                .proxy(ProxySelector.getDefault())
                .build();
    }

    /**
     * Downloads {@code url} into {@code partFile} (named {@code label} in progress lines).
     * Throws {@link DownloadFailedException} after the last retry, or at once for an answer
     * that retrying cannot change (such as 404); what was received stays in the part file.
     */
    public Download download(URI url, Path partFile, String label) throws IOException {
        PartFile part = new PartFile(partFile);
        long started = System.nanoTime();
        Duration delay = firstDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                Received received = attempt(url, part, label);
                return new Download(url, received.bytes(), received.resumedFrom(),
                        Duration.ofNanos(System.nanoTime() - started));
            } catch (RetryableFailure e) {
                if (attempt > retries) {
                    part.deleteIfEmpty();
                    throw new DownloadFailedException(url + ": " + e.getMessage() + " ("
                            + (attempt == 1 ? "1 attempt" : attempt + " attempts") + ")");
                }
                progress.printf("fetch: %s from %s: %s; retry %d of %d in %.1f s%n",
                        label, url, e.getMessage(), attempt, retries, delay.toMillis() / 1000.0);
                sleep(delay);
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            } catch (DownloadFailedException e) {
                part.deleteIfEmpty();
                throw e;
            }
        }
    }

    /** What the successful request left in the part: all its bytes, and where the request began. */
    private record Received(long bytes, long resumedFrom) {}

    /** One request: continues the part if it came from this URL, else starts it over. */
    private Received attempt(URI url, PartFile part, String label) throws IOException {
        PartFile.Resume resume = part.resumable(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(HEADERS_TIMEOUT)
                .header("User-Agent", "digitnet-fetch");
        if (resume.bytes() > 0) {
            request.header("Range", "bytes=" + resume.bytes() + "-");
            if (resume.validator() != null) {
                // The server sends the whole file (200) instead if it changed since.
                request.header("If-Range", resume.validator());
            }
        }
        AtomicLong received = new AtomicLong(resume.bytes());
        AtomicLong expectedTotal = new AtomicLong(-1);
        AtomicReference<BodyToFile> sink = new AtomicReference<>();
        CompletableFuture<HttpResponse<Long>> response = client.sendAsync(request.build(), info -> {
            BodySubscriber<Long> body = bodyFor(info, part, url, resume.bytes(), received, expectedTotal);
            if (body instanceof BodyToFile toFile) {
                sink.set(toFile);
            }
            return body;
        });
        HttpResponse<Long> answer = await(response, sink, received, expectedTotal, label, url);
        int status = answer.statusCode();
        if (answer.body() != null && answer.body() >= 0) {
            long total = expectedTotal.get();
            if (total >= 0 && received.get() != total) {
                throw new RetryableFailure("connection closed after " + received.get() + " of " + total + " bytes");
            }
            return new Received(received.get(), status == 206 ? resume.bytes() : 0);
        }
        if (status == 206) {
            part.delete();
            throw new RetryableFailure("the server resumed at another byte than " + resume.bytes()
                    + " (Content-Range: " + answer.headers().firstValue("Content-Range").orElse("none")
                    + "); starting over");
        }
        if (status == 416) {
            part.delete();
            throw new RetryableFailure("the server cannot resume at byte " + resume.bytes() + "; starting over");
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new RetryableFailure("HTTP " + status);
        }
        throw new DownloadFailedException(url + ": HTTP " + status);
    }

    /**
     * Where the body goes: into the part for 200 (from the start) and for a 206 that
     * continues exactly where the part ends; anywhere else it is read and dropped, and
     * the body is -1.
     */
    private static BodySubscriber<Long> bodyFor(ResponseInfo info, PartFile part, URI url, long have,
            AtomicLong received, AtomicLong expectedTotal) {
        HttpHeaders headers = info.headers();
        OptionalLong length = headers.firstValueAsLong("Content-Length");
        if (info.statusCode() == 200) {
            expectedTotal.set(length.orElse(-1));
            return new BodyToFile(part, url, validator(headers), false, received);
        }
        if (info.statusCode() == 206) {
            Matcher range = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
            if (range.matches() && Long.parseLong(range.group(1)) == have) {
                expectedTotal.set(range.group(3).equals("*") ? Long.parseLong(range.group(2)) + 1
                        : Long.parseLong(range.group(3)));
                // A 206 from byte 0 (unasked for, some servers do that) begins the part afresh.
                return have > 0
                        ? new BodyToFile(part, url, null, true, received)
                        : new BodyToFile(part, url, validator(headers), false, received);
            }
        }
        return BodySubscribers.replacing(-1L);
    }

    /** What tells a later Range request whether the file is still the same: a strong ETag, else Last-Modified. */
    private static String validator(HttpHeaders headers) {
        String etag = headers.firstValue("ETag").orElse(null);
        if (etag != null && !etag.startsWith("W/")) {
            return etag;
        }
        return headers.firstValue("Last-Modified").orElse(null);
    }

    /** Waits for the body, printing progress and giving up on a body that stopped flowing. */
    private HttpResponse<Long> await(CompletableFuture<HttpResponse<Long>> response, AtomicReference<BodyToFile> sink,
            AtomicLong received, AtomicLong expectedTotal, String label, URI url) throws IOException {
        long pollMillis = Math.max(1, Math.min(POLL_MILLIS, stallTimeout.toMillis() / 2));
        long lastPrinted = System.nanoTime();
        long lastChange = lastPrinted;
        long lastSeen = received.get();
        while (true) {
            try {
                return response.get(pollMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                long bytes = received.get();
                if (bytes != lastSeen) {
                    lastSeen = bytes;
                    lastChange = now;
                } else if (now - lastChange >= stallTimeout.toNanos() && sink.get() != null) {
                    sink.get().abort(new IOException("no data for " + stallTimeout.toMillis() / 1000.0 + " s"));
                    lastChange = now;
                }
                if (now - lastPrinted >= PROGRESS_EVERY.toNanos() && sink.get() != null) {
                    long total = expectedTotal.get();
                    progress.println(total > 0
                            ? String.format("fetch: %s  %.1f of %.1f MB (%d%%) from %s", label, bytes / 1e6,
                                    total / 1e6, bytes * 100 / total, url)
                            : String.format("fetch: %s  %.1f MB so far from %s", label, bytes / 1e6, url));
                    lastPrinted = now;
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof HttpTimeoutException) {
                    throw new RetryableFailure("no answer within " + HEADERS_TIMEOUT.toSeconds() + " s");
                }
                if (cause instanceof IOException) {
                    throw new RetryableFailure(describe(cause, url) + (received.get() > 0
                            ? " (" + received.get() + " bytes kept to resume)" : ""));
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(describe(cause, url), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (sink.get() != null) {
                    sink.get().abort(new InterruptedIOException("interrupted"));
                }
                response.cancel(true);
                throw new InterruptedIOException("interrupted while downloading " + url);
            }
        }
    }

    /**
     * The innermost cause that says something. The JDK client's connection failures say
     * nothing at all (a bare ConnectException around a ClosedChannelException or an
     * UnresolvedAddressException), so those two are put into words here.
     */
    private static String describe(Throwable failure, URI url) {
        Throwable telling = null;
        boolean connecting = false;
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnresolvedAddressException) {
                return "unknown host " + url.getHost();
            }
            connecting |= c instanceof ConnectException;
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                telling = c;
            }
        }
        if (telling != null) {
            return telling.getClass().getSimpleName() + ": " + telling.getMessage();
        }
        if (connecting) {
            int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
            return "cannot connect to " + url.getHost() + ":" + port;
        }
        return failure.getClass().getSimpleName();
    }

    private static void sleep(Duration delay) throws InterruptedIOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** A failure that another attempt may not meet: a broken connection, a busy or failing server. */
    private static final class RetryableFailure extends IOException {
        private static final long serialVersionUID = 1L;

        RetryableFailure(String message) {
            super(message);
        }
    }
}
