package io.digitnet.testing;

import io.digitnet.data.fetch.ExpectedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Small gzip files made by the tests, with the content digest that fetch expects of them,
 * and a SHA-256 of decompressed content computed here without any project code.
 */
public final class GzipFiles {
    private GzipFiles() {}

    /** One generated file: what fetch expects, its content, and the gzip bytes a server or folder holds. */
    public record Generated(ExpectedFile expected, byte[] content, byte[] gzip) {
        public String name() {
            return expected.name();
        }
    }

    /** Files of {@code size} random content bytes each, the same for the same seed. */
    public static List<Generated> generate(long seed, int size, String... names) {
        Random random = new Random(seed);
        List<Generated> files = new ArrayList<>();
        for (String name : names) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            files.add(new Generated(new ExpectedFile(name, sha256(content)), content, IdxFixtures.gzip(content)));
        }
        return files;
    }

    public static List<ExpectedFile> expected(List<Generated> files) {
        return files.stream().map(Generated::expected).toList();
    }

    public static void writeAll(Path dir, List<Generated> files) {
        for (Generated file : files) {
            IdxFixtures.write(dir, file.name(), file.gzip());
        }
    }

    /** A copy with the byte in the middle changed: inside the deflate data, so the gzip CRC no longer matches. */
    public static byte[] oneByteChanged(byte[] gzip) {
        byte[] changed = gzip.clone();
        changed[changed.length / 2] ^= 0x5a;
        return changed;
    }

    /** The content with one byte changed. */
    public static byte[] changedContent(byte[] content) {
        byte[] changed = content.clone();
        changed[changed.length / 3] ^= 0x01;
        return changed;
    }

    /** Valid gzip of the content with one content byte changed: only the content digest tells. */
    public static byte[] otherContent(byte[] content) {
        return IdxFixtures.gzip(changedContent(content));
    }

    /** The first {@code keep} bytes. */
    public static byte[] truncated(byte[] gzip, int keep) {
        return Arrays.copyOf(gzip, keep);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decompressed content's SHA-256, read with the JDK alone. */
    public static String sha256OfGunzipped(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return sha256(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** The same content compressed at another level: other gzip bytes, the same content. */
    public static byte[] gzipFast(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(1);
            }
        }) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
