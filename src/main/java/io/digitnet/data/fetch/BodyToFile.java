package io.digitnet.data.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a response body into a {@link PartFile} as it arrives, appending (a 206 answer to
 * a Range request) or from the start (a 200), and counts the part's bytes in
 * {@code received} so that another thread can report progress and notice a stalled
 * transfer. Whatever arrived before a connection broke stays in the part, to be resumed.
 */
final class BodyToFile implements BodySubscriber<Long> {
    private final PartFile part;
    private final URI url;
    private final String validator;
    private final boolean append;
    private final AtomicLong received;
    private final CompletableFuture<Long> written = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private FileChannel channel;

    BodyToFile(PartFile part, URI url, String validator, boolean append, AtomicLong received) {
        this.part = part;
        this.url = url;
        this.validator = validator;
        this.append = append;
        this.received = received;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        try {
            synchronized (this) {
                if (append) {
                    channel = FileChannel.open(part.data(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                } else {
                    part.begin(url, validator);
                    channel = FileChannel.open(part.data(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    received.set(0);
                }
            }
            subscription.request(1);
        } catch (IOException e) {
            abort(e);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            synchronized (this) {
                if (channel == null) {
                    return; // aborted: the rest of the body is not wanted
                }
                for (ByteBuffer buffer : buffers) {
                    while (buffer.hasRemaining()) {
                        received.addAndGet(channel.write(buffer));
                    }
                }
            }
            subscription.request(1);
        } catch (IOException e) {
            abort(e);
        }
    }

    @Override
    public void onError(Throwable failure) {
        close();
        written.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        close();
        written.complete(received.get());
    }

    @Override
    public CompletionStage<Long> getBody() {
        return written;
    }

    /** Stops the transfer (a write failed, or the server went silent); may be called from any thread. */
    void abort(IOException why) {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        close();
        written.completeExceptionally(why);
    }

    private synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // The bytes that reached the channel are in the file; the verification judges them.
            }
            channel = null;
        }
    }
}
