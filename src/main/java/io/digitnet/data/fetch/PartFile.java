package io.digitnet.data.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A download in progress: the bytes received so far (NAME.part) and, beside them,
 * NAME.part.from, which says which URL they came from and which version of it (its ETag
 * or Last-Modified). Mirrors compress MNIST differently, so bytes from one URL must never
 * be continued with bytes from another, nor from a changed file at the same URL.
 */
final class PartFile {
    private final Path data;
    private final Path origin;

    /** What can be continued: {@code bytes} already there, and the validator for If-Range (or null). */
    record Resume(long bytes, String validator) {
        static final Resume NONE = new Resume(0, null);
    }

    PartFile(Path data) {
        this.data = data;
        this.origin = data.resolveSibling(data.getFileName() + ".from");
    }

    Path data() {
        return data;
    }

    /** The URL the bytes came from, or null when there are none or their origin is unknown. */
    URI origin() throws IOException {
        if (!Files.isRegularFile(data) || !Files.isRegularFile(origin)) {
            return null;
        }
        List<String> lines = Files.readAllLines(origin, StandardCharsets.UTF_8);
        return lines.isEmpty() || lines.get(0).isBlank() ? null : URI.create(lines.get(0).strip());
    }

    /** How much of {@code url} is already here; bytes from anywhere else are not worth keeping. */
    Resume resumable(URI url) throws IOException {
        if (!url.equals(origin())) {
            delete();
            return Resume.NONE;
        }
        List<String> lines = Files.readAllLines(origin, StandardCharsets.UTF_8);
        String validator = lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1).strip() : null;
        return new Resume(Files.size(data), validator);
    }

    /** Records where the bytes about to be written come from; written before them, so never missing. */
    void begin(URI url, String validator) throws IOException {
        Files.writeString(origin, url + "\n" + (validator == null ? "" : validator) + "\n", StandardCharsets.UTF_8);
    }

    void deleteIfEmpty() throws IOException {
        if (Files.isRegularFile(data) && Files.size(data) == 0) {
            delete();
        } else if (!Files.exists(data)) {
            Files.deleteIfExists(origin);
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(data);
        Files.deleteIfExists(origin);
    }
}
