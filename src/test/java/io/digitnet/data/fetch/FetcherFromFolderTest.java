package io.digitnet.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.testing.GzipFiles;
import io.digitnet.testing.GzipFiles.Generated;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch --from: copies of a local folder, verified, committed all or nothing. */
class FetcherFromFolderTest {
    private static final List<Generated> FILES =
            GzipFiles.generate(20, 50_000, "a-images.gz", "a-labels.gz", "b-images.gz", "b-labels.gz");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private Fetcher.Result fetch(Path from, Path dest) throws IOException {
        return new Fetcher(GzipFiles.expected(FILES), progress).fetch(dest, new FolderSource(from, progress));
    }

    private Path copy() {
        Path from = dir.resolve("copy");
        GzipFiles.writeAll(from, FILES);
        return from;
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void copiesFourVerifiedFiles() throws IOException {
        Path dest = dir.resolve("mnist");

        assertEquals(new Fetcher.Result(4, 0), fetch(copy(), dest));

        assertEquals(List.of("a-images.gz", "a-labels.gz", "b-images.gz", "b-labels.gz"), entries(dest));
        for (Generated file : FILES) {
            assertEquals(file.expected().contentSha256(), GzipFiles.sha256OfGunzipped(dest.resolve(file.name())));
        }
        assertEquals(4, printed.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(" copied from ") && l.endsWith(", verified")).count());
    }

    @Test
    void aCopyWithOneByteChangedIsBadInputAndLeavesNoFile() throws IOException {
        Path from = copy();
        Files.write(from.resolve("b-images.gz"), GzipFiles.oneByteChanged(FILES.get(2).gzip()));
        Path dest = dir.resolve("new").resolve("mnist");

        BadInputException e = assertThrows(BadInputException.class, () -> fetch(from, dest));

        assertTrue(e.getMessage().startsWith(from.resolve("b-images.gz") + ": expected gzip data with content SHA-256 "
                + FILES.get(2).expected().contentSha256() + ", found invalid gzip ("), e.getMessage());
        assertFalse(Files.exists(dir.resolve("new")), "every directory this run created is gone");
    }

    @Test
    void otherContentIsBadInputNamingBothDigestsAndAnExistingDestIsLeftEmpty() throws IOException {
        Path from = copy();
        Files.write(from.resolve("a-labels.gz"), GzipFiles.otherContent(FILES.get(1).content()));
        Path dest = Files.createDirectories(dir.resolve("mnist"));

        BadInputException e = assertThrows(BadInputException.class, () -> fetch(from, dest));

        assertEquals(from.resolve("a-labels.gz") + ": expected content SHA-256 " + FILES.get(1).expected().contentSha256()
                + ", found " + GzipFiles.sha256(GzipFiles.changedContent(FILES.get(1).content())), e.getMessage());
        assertEquals(List.of(), entries(dest), "neither the file copied before it nor the staging folder is left");
    }

    @Test
    void sameContentCompressedDifferentlyIsAccepted() throws IOException {
        Path from = copy();
        byte[] recompressed = GzipFiles.gzipFast(FILES.get(0).content());
        assertFalse(java.util.Arrays.equals(recompressed, FILES.get(0).gzip()), "other gzip bytes");
        Files.write(from.resolve("a-images.gz"), recompressed);
        Path dest = dir.resolve("mnist");

        fetch(from, dest);

        assertArrayEquals(recompressed, Files.readAllBytes(dest.resolve("a-images.gz")));
    }

    @Test
    void copiesOfAReadOnlyFolderAreOrdinaryFiles() throws IOException {
        Path from = copy();
        for (Generated file : FILES) {
            Files.setPosixFilePermissions(from.resolve(file.name()), PosixFilePermissions.fromString("r--r--r--"));
        }
        Path dest = dir.resolve("mnist");

        fetch(from, dest);

        for (Generated file : FILES) {
            assertTrue(Files.getPosixFilePermissions(dest.resolve(file.name())).contains(PosixFilePermission.OWNER_WRITE),
                    file.name() + " keeps no read-only mode of the shared copy");
        }
    }

    @Test
    void aVerifiedFileAlreadyThereIsNotCopiedAgain() throws IOException {
        Path from = copy();
        Path dest = dir.resolve("mnist");
        fetch(from, dest);
        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        for (Generated file : FILES) {
            Files.setLastModifiedTime(dest.resolve(file.name()), longAgo);
        }
        Files.delete(dest.resolve("b-labels.gz"));

        assertEquals(new Fetcher.Result(1, 3), fetch(from, dest));

        for (Generated file : FILES.subList(0, 3)) {
            assertEquals(longAgo, Files.getLastModifiedTime(dest.resolve(file.name())), file.name() + " untouched");
        }
        assertTrue(Files.getLastModifiedTime(dest.resolve("b-labels.gz")).compareTo(longAgo) > 0, "copied anew");
        assertEquals(4, entries(dest).size());
    }

    @Test
    void aMissingFolderOrFileIsBadInputNamingThePath() {
        Path dest = dir.resolve("mnist");
        Path absent = dir.resolve("absent");
        BadInputException noFolder = assertThrows(BadInputException.class, () -> fetch(absent, dest));
        assertEquals(absent + ": no such directory to copy the files from", noFolder.getMessage());

        Path from = copy();
        try {
            Files.delete(from.resolve("b-labels.gz"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        BadInputException noFile = assertThrows(BadInputException.class, () -> fetch(from, dest));
        assertEquals(from.resolve("b-labels.gz") + ": no such file", noFile.getMessage());
        assertFalse(Files.exists(dest), "checked before anything is written");
    }

    @Test
    void leftoversOfAnEarlierRunAreRemoved() throws IOException {
        Path dest = dir.resolve("mnist");
        Path staging = Files.createDirectories(dest.resolve(Fetcher.STAGING_DIR));
        Files.write(staging.resolve("a-images.gz.part"), new byte[] {1, 2, 3});

        fetch(copy(), dest);

        assertEquals(List.of("a-images.gz", "a-labels.gz", "b-images.gz", "b-labels.gz"), entries(dest));
    }

    @Test
    void aDestThatIsAFileIsBadInput() throws IOException {
        Path dest = Files.writeString(dir.resolve("plain"), "x");
        BadInputException e = assertThrows(BadInputException.class, () -> fetch(copy(), dest));
        assertEquals(dest + ": expected a directory, found a file", e.getMessage());
    }
}
