package io.digitnet.data.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The SHA-256 of a gzip file's decompressed content, in lower-case hex: the one identity
 * of an MNIST file that survives being compressed again by a mirror.
 */
public final class ContentDigest {
    private static final int BUFFER = 1 << 16;

    private ContentDigest() {}

    /** The content's digest; {@link NotGzipException} when the file is not complete, valid gzip. */
    public static String sha256(Path gzipFile) throws IOException {
        MessageDigest sha256 = newSha256();
        // GZIPInputStream checks each member's CRC-32 and length, so a changed or missing
        // byte anywhere in the compressed data shows up here even before the digest differs.
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipFile), BUFFER)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        } catch (ZipException e) {
            throw new NotGzipException(e.getMessage());
        } catch (EOFException e) {
            throw new NotGzipException("truncated: " + (e.getMessage() == null ? "unexpected end of file" : e.getMessage()));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The bytes are not a complete gzip stream: bad magic, bad deflate data, a wrong CRC, or cut short. */
    public static final class NotGzipException extends IOException {
        private static final long serialVersionUID = 1L;

        NotGzipException(String message) {
            super(message);
        }
    }
}
