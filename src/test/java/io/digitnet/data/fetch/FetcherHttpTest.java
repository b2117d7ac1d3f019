package io.digitnet.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.testing.GzipFiles;
import io.digitnet.testing.GzipFiles.Generated;
import io.digitnet.testing.MirrorServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch from mirrors over real HTTP: servers on 127.0.0.1 serving gzip files made here. */
class FetcherHttpTest {
    private static final Duration NO_WAIT = Duration.ofMillis(1);
    private static final int SIZE = 200_000;

    @TempDir
    Path dir;

    private final List<MirrorServer> servers = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void stopServers() {
        servers.forEach(MirrorServer::close);
    }

    private MirrorServer server() {
        MirrorServer server = MirrorServer.start();
        servers.add(server);
        return server;
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private Fetcher.Result fetch(List<Generated> files, Path dest, int retries, URI... mirrors) throws IOException {
        HttpDownloader downloader = new HttpDownloader(retries, NO_WAIT, progress);
        return new Fetcher(GzipFiles.expected(files), progress)
                .fetch(dest, new MirrorSource(List.of(mirrors), downloader, progress));
    }

    private static void assertFetched(Path dest, List<Generated> files) throws IOException {
        for (Generated file : files) {
            assertArrayEquals(file.gzip(), Files.readAllBytes(dest.resolve(file.name())), file.name());
            assertEquals(file.expected().contentSha256(), GzipFiles.sha256OfGunzipped(dest.resolve(file.name())));
        }
        try (Stream<Path> entries = Files.list(dest)) {
            assertEquals(files.size(), entries.count(), "the files and nothing else (no staging folder)");
        }
    }

    /** Bad input leaves nothing: no file, no staging folder, and no DEST that this run created. */
    private static void assertNothingLeft(Path dest) {
        assertFalse(Files.exists(dest), dest + " was created by the failed run and must be gone");
    }

    @Test
    void downloadsVerifiesAndCommitsFourFiles() throws IOException {
        List<Generated> files = GzipFiles.generate(1, SIZE, "a-images.gz", "a-labels.gz", "b-images.gz", "b-labels.gz");
        MirrorServer mirror = server().serveAll(files);
        Path dest = dir.resolve("mnist");

        Fetcher.Result result = fetch(files, dest, 2, mirror.base());

        assertEquals(new Fetcher.Result(4, 0), result);
        assertFetched(dest, files);
        assertEquals(4, mirror.requests().size());
        assertTrue(mirror.requests().stream().allMatch(r -> r.range() == null), "nothing to resume");
        for (Generated file : files) {
            assertTrue(printed().contains("fetch: " + file.name() + "  0.2 MB from " + mirror.base() + file.name()),
                    printed());
        }
        assertEquals(4, printed().lines().filter(l -> l.endsWith(", verified")).count(), printed());
    }

    @Test
    void copyWithOneByteChangedIsBadInputAndLeavesNothing() throws IOException {
        List<Generated> files = GzipFiles.generate(2, SIZE, "x-images.gz", "x-labels.gz");
        MirrorServer mirror = server().serveAll(files)
                .serve("x-labels.gz", GzipFiles.oneByteChanged(files.get(1).gzip()));
        Path dest = dir.resolve("new").resolve("mnist");

        BadInputException e = assertThrows(BadInputException.class, () -> fetch(files, dest, 2, mirror.base()));

        assertTrue(e.getMessage().startsWith("x-labels.gz: no mirror served a verified copy: "
                + mirror.base() + "x-labels.gz: expected gzip data with content SHA-256 "
                + files.get(1).expected().contentSha256() + ", found invalid gzip"), e.getMessage());
        assertNothingLeft(dir.resolve("new"));
        assertEquals(1, mirror.requestsFor("x-labels.gz").size(), "a bad copy is not a network failure: no retry");
    }

    @Test
    void otherContentNamesExpectedAndFoundDigestsAndAnExistingDestStaysEmpty() throws IOException {
        List<Generated> files = GzipFiles.generate(3, SIZE, "y-images.gz");
        byte[] other = GzipFiles.otherContent(files.get(0).content());
        MirrorServer mirror = server().serve("y-images.gz", other);
        Path dest = Files.createDirectories(dir.resolve("existing"));

        BadInputException e = assertThrows(BadInputException.class, () -> fetch(files, dest, 0, mirror.base()));

        String found = GzipFiles.sha256(GzipFiles.changedContent(files.get(0).content()));
        assertTrue(e.getMessage().endsWith("y-images.gz: expected content SHA-256 "
                + files.get(0).expected().contentSha256() + ", found " + found), e.getMessage());
        try (Stream<Path> left = Files.list(dest)) {
            assertEquals(List.of(), left.toList(), "the directory was there before: kept, and empty");
        }
    }

    @Test
    void truncatedCopyIsBadInput() throws IOException {
        List<Generated> files = GzipFiles.generate(4, SIZE, "t-images.gz");
        byte[] gzip = files.get(0).gzip();
        MirrorServer mirror = server().serve("t-images.gz", GzipFiles.truncated(gzip, gzip.length - 100));
        Path dest = dir.resolve("mnist");

        BadInputException e = assertThrows(BadInputException.class, () -> fetch(files, dest, 2, mirror.base()));

        assertTrue(e.getMessage().contains("t-images.gz: expected gzip data with content SHA-256 "
                + files.get(0).expected().contentSha256() + ", found invalid gzip (truncated"), e.getMessage());
        assertNothingLeft(dest);
    }

    @Test
    void succeedsAfterServerFailuresWithinTheRetries() throws IOException {
        List<Generated> files = GzipFiles.generate(5, SIZE, "r-images.gz", "r-labels.gz");
        MirrorServer mirror = server().serveAll(files).failNext(3);
        Path dest = dir.resolve("mnist");

        fetch(files, dest, 3, mirror.base());

        assertFetched(dest, files);
        assertEquals(4, mirror.requestsFor("r-images.gz").size(), "three 503s, then the file");
        assertEquals(1, mirror.requestsFor("r-labels.gz").size());
        assertEquals(3, printed().lines().filter(l -> l.contains("HTTP 503; retry")).count(), printed());
    }

    @Test
    void serverFailuresBeyondTheRetriesAreANetworkFailureNotBadInput() {
        List<Generated> files = GzipFiles.generate(6, SIZE, "f-images.gz");
        MirrorServer mirror = server().serveAll(files).failNext(100);
        Path dest = dir.resolve("mnist");

        DownloadFailedException e = assertThrows(DownloadFailedException.class,
                () -> fetch(files, dest, 2, mirror.base()));

        assertEquals("f-images.gz: no mirror served a verified copy: " + mirror.base() + "f-images.gz: HTTP 503 "
                + "(3 attempts)", e.getMessage());
        assertEquals(3, mirror.requests().size(), "one attempt and two retries");
        assertFalse(Files.exists(dest), "nothing was received, so nothing is kept");
    }

    @Test
    void resumesACutDownloadWithARangeFromTheBytesReceived() throws IOException {
        List<Generated> files = GzipFiles.generate(7, SIZE, "c-images.gz");
        int half = files.get(0).gzip().length / 2;
        MirrorServer mirror = server().serveAll(files).cutNextResponseAfter(half);
        Path dest = dir.resolve("mnist");

        fetch(files, dest, 1, mirror.base());

        List<MirrorServer.Request> requests = mirror.requestsFor("c-images.gz");
        assertEquals(2, requests.size(), requests.toString());
        assertNull(requests.get(0).range());
        assertEquals("bytes=" + half + "-", requests.get(1).range(), "resumes after the bytes already received");
        assertFetched(dest, files);
        assertTrue(printed().contains(String.format("(resumed at %.1f MB), verified", half / 1e6)), printed());
    }

    @Test
    void aServerThatGoesSilentIsGivenUpAndResumed() throws IOException {
        List<Generated> files = GzipFiles.generate(15, SIZE, "s-images.gz");
        int half = files.get(0).gzip().length / 2;
        MirrorServer mirror = server().serveAll(files).stallNextResponseAfter(half);
        Path dest = dir.resolve("mnist");
        HttpDownloader downloader = new HttpDownloader(1, NO_WAIT, Duration.ofMillis(200), progress);

        new Fetcher(GzipFiles.expected(files), progress)
                .fetch(dest, new MirrorSource(List.of(mirror.base()), downloader, progress));

        assertEquals("bytes=" + half + "-", mirror.requestsFor("s-images.gz").get(1).range());
        assertTrue(printed().contains("no data for 0.2 s"), printed());
        assertFetched(dest, files);
    }

    @Test
    void aServerThatIgnoresRangeIsDownloadedAfreshNotAppended() throws IOException {
        List<Generated> files = GzipFiles.generate(8, SIZE, "g-images.gz");
        int half = files.get(0).gzip().length / 2;
        MirrorServer mirror = server().serveAll(files).cutNextResponseAfter(half).ignoreRange();
        Path dest = dir.resolve("mnist");

        fetch(files, dest, 1, mirror.base());

        assertEquals("bytes=" + half + "-", mirror.requestsFor("g-images.gz").get(1).range());
        assertFetched(dest, files); // exactly the file: the 200's body replaced the half, not followed it
    }

    @Test
    void aNetworkFailureKeepsThePartialDownloadAndTheNextRunResumesIt() throws IOException {
        List<Generated> files = GzipFiles.generate(9, SIZE, "k-images.gz");
        int half = files.get(0).gzip().length / 2;
        MirrorServer mirror = server().serveAll(files).cutNextResponseAfter(half);
        Path dest = dir.resolve("mnist");

        assertThrows(DownloadFailedException.class, () -> fetch(files, dest, 0, mirror.base()));
        Path part = dest.resolve(Fetcher.STAGING_DIR).resolve("k-images.gz" + Fetcher.PART_SUFFIX);
        assertEquals(half, Files.size(part), "the bytes received are kept");
        assertFalse(Files.exists(dest.resolve("k-images.gz")));

        fetch(files, dest, 0, mirror.base());

        assertEquals("bytes=" + half + "-", mirror.requestsFor("k-images.gz").get(1).range());
        assertFetched(dest, files);
    }

    @Test
    void aPartialDownloadFromAnotherMirrorIsNotContinuedWithThisOnesBytes() throws IOException {
        List<Generated> files = GzipFiles.generate(10, SIZE, "m-images.gz");
        byte[] otherCompression = GzipFiles.gzipFast(files.get(0).content());
        MirrorServer first = server().serve("m-images.gz", otherCompression).cutNextResponseAfter(1000);
        MirrorServer second = server().serveAll(files);
        Path dest = dir.resolve("mnist");

        // The first run leaves 1000 bytes of the first mirror's gzip; the second run knows
        // only the second mirror, whose gzip bytes differ: it must start from byte 0.
        assertThrows(DownloadFailedException.class, () -> fetch(files, dest, 0, first.base()));
        fetch(files, dest, 0, second.base());

        assertNull(second.requestsFor("m-images.gz").get(0).range());
        assertFetched(dest, files);
    }

    @Test
    void anUnreachableFirstMirrorIsFollowedByTheNext() throws IOException {
        List<Generated> files = GzipFiles.generate(11, SIZE, "u-images.gz", "u-labels.gz");
        MirrorServer working = server().serveAll(files);
        Path dest = dir.resolve("mnist");

        fetch(files, dest, 1, MirrorServer.unreachableBase(), working.base());

        assertFetched(dest, files);
        assertEquals(2, working.requests().size());
        assertTrue(printed().contains("; trying the next mirror"), printed());
    }

    @Test
    void aFirstMirrorServingBadCopiesOrNothingIsFollowedByTheNext() throws IOException {
        List<Generated> files = GzipFiles.generate(12, SIZE, "v-images.gz", "v-labels.gz");
        MirrorServer corrupt = server()
                .serve("v-images.gz", GzipFiles.oneByteChanged(files.get(0).gzip())); // and 404 for v-labels
        MirrorServer working = server().serveAll(files);
        Path dest = dir.resolve("mnist");

        fetch(files, dest, 2, corrupt.base(), working.base());

        assertFetched(dest, files);
        assertEquals(1, corrupt.requestsFor("v-labels.gz").size(), "a 404 is not retried");
        assertTrue(printed().contains("v-labels.gz: " + corrupt.base() + "v-labels.gz: HTTP 404"), printed());
    }

    @Test
    void whenEveryMirrorServesABadCopyTheFileIsBadInput() {
        List<Generated> files = GzipFiles.generate(13, SIZE, "w-images.gz");
        byte[] bad = GzipFiles.oneByteChanged(files.get(0).gzip());
        MirrorServer one = server().serve("w-images.gz", bad);
        MirrorServer two = server().serve("w-images.gz", bad);
        Path dest = dir.resolve("mnist");

        BadInputException e = assertThrows(BadInputException.class, () -> fetch(files, dest, 1, one.base(), two.base()));

        assertTrue(e.getMessage().contains(one.base() + "w-images.gz: expected gzip data"), e.getMessage());
        assertTrue(e.getMessage().contains(two.base() + "w-images.gz: expected gzip data"), e.getMessage());
        assertNothingLeft(dest);
    }

    @Test
    void aVerifiedFileAlreadyThereIsNotDownloadedAndABadOneIsReplaced() throws IOException {
        List<Generated> files = GzipFiles.generate(14, SIZE, "p-images.gz", "p-labels.gz");
        MirrorServer mirror = server().serveAll(files);
        Path dest = Files.createDirectories(dir.resolve("mnist"));
        Path good = Files.write(dest.resolve("p-images.gz"), GzipFiles.gzipFast(files.get(0).content()));
        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(good, longAgo);
        Files.write(dest.resolve("p-labels.gz"), GzipFiles.otherContent(files.get(1).content()));

        Fetcher.Result result = fetch(files, dest, 0, mirror.base());

        assertEquals(new Fetcher.Result(1, 1), result);
        assertEquals(List.of(), mirror.requestsFor("p-images.gz"), "present and verified: not fetched");
        assertEquals(longAgo, Files.getLastModifiedTime(good), "and not touched");
        assertArrayEquals(files.get(1).gzip(), Files.readAllBytes(dest.resolve("p-labels.gz")), "replaced");
        assertTrue(printed().contains("fetch: p-images.gz  present in " + dest + " and verified"), printed());
        assertTrue(printed().contains("fetch: p-labels.gz  present in " + dest + " but expected content SHA-256 "),
                printed());
    }
}
