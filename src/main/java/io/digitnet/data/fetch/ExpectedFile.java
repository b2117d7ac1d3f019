package io.digitnet.data.fetch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file that fetch must deliver: its name, and the SHA-256 of its decompressed content.
 * The content digest, not the digest of the .gz bytes, because every mirror (and every
 * local copy) may have compressed the same IDX data differently.
 */
public record ExpectedFile(String name, String contentSha256) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ExpectedFile {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("expected a plain file name, found '" + name + "'");
        }
        if (!SHA256_HEX.matcher(contentSha256).matches()) {
            throw new IllegalArgumentException(name + ": expected 64 lower-case hex digits, found '"
                    + contentSha256 + "'");
        }
    }

    /**
     * What is wrong with {@code file} as a copy of this file, or empty when its decompressed
     * content has the expected digest. IO errors other than bad gzip data are thrown: they
     * say nothing about the copy.
     */
    public Optional<String> problemWith(Path file) throws IOException {
        String found;
        try {
            found = ContentDigest.sha256(file);
        } catch (ContentDigest.NotGzipException e) {
            return Optional.of("expected gzip data with content SHA-256 " + contentSha256 + ", found invalid gzip ("
                    + e.getMessage() + ")");
        }
        return found.equals(contentSha256)
                ? Optional.empty()
                : Optional.of("expected content SHA-256 " + contentSha256 + ", found " + found);
    }
}
