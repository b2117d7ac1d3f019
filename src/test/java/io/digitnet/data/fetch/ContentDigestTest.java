package io.digitnet.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.GzipFiles;
import io.digitnet.testing.GzipFiles.Generated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content digest: of the decompressed bytes, the same for every compression of them. */
class ContentDigestTest {
    private static final Generated FILE = GzipFiles.generate(30, 100_000, "d.gz").get(0);

    @TempDir
    Path dir;

    @Test
    void isTheSha256OfTheDecompressedContentWhateverTheCompression() throws IOException {
        Path usual = Files.write(dir.resolve("usual.gz"), FILE.gzip());
        byte[] fastBytes = GzipFiles.gzipFast(FILE.content());
        assertFalse(Arrays.equals(fastBytes, FILE.gzip()));
        Path fast = Files.write(dir.resolve("fast.gz"), fastBytes);

        assertEquals(GzipFiles.sha256(FILE.content()), ContentDigest.sha256(usual));
        assertEquals(GzipFiles.sha256(FILE.content()), ContentDigest.sha256(fast));
        assertEquals(Optional.empty(), FILE.expected().problemWith(fast));
    }

    @Test
    void aChangedByteATruncationOrNoGzipAtAllIsNotGzip() throws IOException {
        Path changed = Files.write(dir.resolve("changed.gz"), GzipFiles.oneByteChanged(FILE.gzip()));
        Path truncated = Files.write(dir.resolve("cut.gz"), GzipFiles.truncated(FILE.gzip(), FILE.gzip().length - 1));
        Path raw = Files.write(dir.resolve("raw.gz"), FILE.content());
        Path empty = Files.write(dir.resolve("empty.gz"), new byte[0]);

        for (Path bad : new Path[] {changed, truncated, raw, empty}) {
            assertThrows(ContentDigest.NotGzipException.class, () -> ContentDigest.sha256(bad), bad.toString());
            String problem = FILE.expected().problemWith(bad).orElseThrow();
            assertTrue(problem.startsWith("expected gzip data with content SHA-256 " + FILE.expected().contentSha256()
                    + ", found invalid gzip ("), problem);
        }
        assertTrue(FILE.expected().problemWith(truncated).orElseThrow().contains("(truncated"));
    }

    @Test
    void otherContentIsAMismatchNamingBothDigests() throws IOException {
        Path other = Files.write(dir.resolve("other.gz"), GzipFiles.otherContent(FILE.content()));
        assertEquals(Optional.of("expected content SHA-256 " + FILE.expected().contentSha256() + ", found "
                        + GzipFiles.sha256(GzipFiles.changedContent(FILE.content()))),
                FILE.expected().problemWith(other));
    }

    @Test
    void expectedFilesRefuseMalformedNamesAndDigests() {
        assertThrows(IllegalArgumentException.class, () -> new ExpectedFile("../x.gz", "a".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new ExpectedFile("x.gz", "A".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new ExpectedFile("x.gz", "a".repeat(63)));
        assertEquals(4, MnistFile.all().size());
        assertEquals("train-images-idx3-ubyte.gz", MnistFile.all().get(0).name());
    }
}
