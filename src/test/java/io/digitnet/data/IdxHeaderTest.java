package io.digitnet.data;

import static io.digitnet.testing.IdxFixtures.gzip;
import static io.digitnet.testing.IdxFixtures.imagesFile;
import static io.digitnet.testing.IdxFixtures.labels;
import static io.digitnet.testing.IdxFixtures.labelsFile;
import static io.digitnet.testing.IdxFixtures.pixels;
import static io.digitnet.testing.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxHeaderTest {
    static FileSystem fs;

    @TempDir
    Path dir;

    @BeforeAll
    static void localFileSystem() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
    }

    private IdxHeader read(Path file) {
        return read(file, IdxKind.IMAGES);
    }

    private IdxHeader read(Path file, IdxKind expected) {
        return IdxHeader.read(fs, new org.apache.hadoop.fs.Path(file.toUri()), expected);
    }

    private String failure(Path file) {
        return assertThrows(BadInputException.class, () -> read(file)).getMessage();
    }

    @Test
    void readsRawAndGzipHeaders() {
        IdxHeader raw = read(write(dir, "raw", imagesFile(5, pixels(5, 1))));
        assertEquals(IdxKind.IMAGES, raw.kind());
        assertEquals(5, raw.count());
        assertFalse(raw.gzip());

        IdxHeader gz = read(write(dir, "labels.gz", gzip(labelsFile(7, labels(7)))), IdxKind.LABELS);
        assertEquals(IdxKind.LABELS, gz.kind());
        assertEquals(7, gz.count());
        assertTrue(gz.gzip());
    }

    @Test
    void opensItemsAtAnyPosition() throws IOException {
        byte[] pixels = pixels(4, 2);
        for (byte[] file : new byte[][] {imagesFile(4, pixels), gzip(imagesFile(4, pixels))}) {
            IdxHeader header = read(write(dir, "f" + file.length, file));
            try (InputStream in = header.openAt(fs, 2)) {
                byte[] third = in.readNBytes(784);
                assertArrayEqualsRange(pixels, 2 * 784, third);
            }
        }
    }

    private static void assertArrayEqualsRange(byte[] all, int from, byte[] part) {
        assertEquals(Arrays.toString(Arrays.copyOfRange(all, from, from + part.length)), Arrays.toString(part));
    }

    @Test
    void refusesWrongMagic() {
        byte[] bytes = imagesFile(1, pixels(1, 3));
        ByteBuffer.wrap(bytes).putInt(0, 2052);
        String message = failure(write(dir, "wrong-magic", bytes));
        assertTrue(message.contains("wrong-magic"), message);
        assertTrue(message.contains("expected IDX magic number 2051 (images) or 2049 (labels), found 2052"), message);
    }

    @Test
    void refusesImagesThatAreNot28x28() {
        byte[] bytes = imagesFile(1, pixels(1, 3));
        ByteBuffer.wrap(bytes).putInt(8, 32);
        assertTrue(failure(write(dir, "wide", bytes)).contains("expected 28x28 images, found 32x28"));
    }

    @Test
    void refusesTruncatedRawFile() {
        byte[] whole = imagesFile(3, pixels(3, 4));
        String message = failure(write(dir, "cut", Arrays.copyOf(whole, whole.length - 100)));
        assertTrue(message.contains("cut: truncated: the header declares 3 images (2368 bytes), the file has 2268"),
                message);
    }

    @Test
    void refusesRawFileLongerThanDeclared() {
        String message = failure(write(dir, "long", imagesFile(2, pixels(3, 4))));
        assertTrue(message.contains("more than declared"), message);
    }

    @Test
    void refusesTruncatedGzipFileByItsTrailer() {
        byte[] gz = gzip(imagesFile(50, pixels(50, 5)));
        String message = failure(write(dir, "cut.gz", Arrays.copyOf(gz, gz.length * 2 / 3)));
        assertTrue(message.contains("cut.gz: truncated or corrupt"), message);
    }

    @Test
    void refusesGzipOfTruncatedContent() {
        byte[] whole = imagesFile(10, pixels(10, 6));
        String message = failure(write(dir, "short.gz", gzip(Arrays.copyOf(whole, whole.length - 784))));
        assertTrue(message.contains("the header declares 10 images (7856 bytes), the gzip trailer says 7072 bytes"),
                message);
    }

    @Test
    void refusesAbsurdCountBeforeAllocatingAnything() {
        // 4 billion images declared in a file of one: refused by length, nothing read or allocated.
        byte[] bytes = imagesFile(1, pixels(1, 7));
        ByteBuffer.wrap(bytes).putInt(4, 0xfffffff0);
        String message = failure(write(dir, "absurd", bytes));
        assertTrue(message.contains("truncated: the header declares 4294967280 images"), message);
    }

    @Test
    void refusesShortEmptyMissingAndDirectory() {
        assertTrue(failure(write(dir, "tiny", new byte[] {0, 0, 8})).contains("expected an IDX header"));
        assertTrue(failure(write(dir, "empty", new byte[0])).contains("expected an IDX header"));
        assertTrue(failure(dir.resolve("missing")).contains("missing: no such file"));
        assertTrue(failure(dir).contains("is a directory"));
    }

    @Test
    void refusesCorruptGzip() {
        byte[] gz = gzip(imagesFile(2, pixels(2, 8)));
        gz[3] = (byte) 0xff; // reserved flag bits: not a gzip stream any gunzip accepts
        String message = failure(write(dir, "bad.gz", gz));
        assertTrue(message.contains("bad.gz: not a valid gzip file"), message);
    }
}
