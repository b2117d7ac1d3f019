package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.fetch.MnistFile;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.GzipFiles;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.MirrorServer;
import io.digitnet.testing.MnistDir;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code digitnet fetch} through the command line: exit codes, stdout, and one line on stderr. */
class FetchCommandTest {
    @TempDir
    Path dir;

    /** MNIST-named files whose content is not MNIST's: every one fails verification. */
    private Path impostors() {
        Path from = dir.resolve("impostors");
        for (MnistFile file : MnistFile.values()) {
            IdxFixtures.write(from, file.fileName(), IdxFixtures.gzip(new byte[] {1, 2, 3}));
        }
        return from;
    }

    /** Exit 2, exactly one line on stderr that contains each of {@code named}. */
    private static void assertOneLineExitTwo(CliRun run, String... named) {
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("digitnet fetch: "), line);
        for (String name : named) {
            assertTrue(line.contains(name), "'" + name + "' in: " + line);
        }
    }

    @Test
    void aCopyThatFailsVerificationExitsTwoWithOneLineAndLeavesNothing() {
        Path from = impostors();
        Path dest = dir.resolve("mnist");

        CliRun run = CliRun.of("fetch", "--from", from.toString(), "--dest", dest.toString());

        assertOneLineExitTwo(run, from.resolve("train-images-idx3-ubyte.gz").toString(),
                "expected content SHA-256 " + MnistFile.TRAIN_IMAGES.expected().contentSha256(),
                "found " + GzipFiles.sha256(new byte[] {1, 2, 3}));
        assertFalse(Files.exists(dest), run.toString());
    }

    @Test
    void aMissingFolderExitsTwoNamingIt() {
        Path absent = dir.resolve("absent");
        CliRun run = CliRun.of("fetch", "--from", absent.toString(), "--dest", dir.resolve("mnist").toString());
        assertOneLineExitTwo(run, absent + ": no such directory");
    }

    @Test
    void fromAndMirrorTogetherIsAUsageError() {
        CliRun run = CliRun.of("fetch", "--from", impostors().toString(), "--mirror", "https://example.org/mnist/",
                "--dest", dir.resolve("mnist").toString());
        assertOneLineExitTwo(run, "--from", "--mirror");
        assertFalse(Files.exists(dir.resolve("mnist")));
    }

    @Test
    void badOptionValuesExitTwo() {
        assertOneLineExitTwo(CliRun.of("fetch", "--retries", "-1", "--dest", dir.toString()),
                "--retries: expected 0 or more, found -1");
        assertOneLineExitTwo(CliRun.of("fetch", "--mirror", "ftp://example.org/", "--dest", dir.toString()),
                "--mirror: expected an http:// or https:// base URL, found 'ftp://example.org/'");
        assertOneLineExitTwo(CliRun.of("fetch", "--mirrors-file", dir.resolve("none.txt").toString(),
                "--dest", dir.toString()), dir.resolve("none.txt") + ": no such mirrors file");
    }

    @Test
    void mirrorsServingBadCopiesExitTwoAndUnreachableMirrorsExitOne() {
        try (MirrorServer mirror = MirrorServer.start()) {
            for (MnistFile file : MnistFile.values()) {
                mirror.serve(file.fileName(), IdxFixtures.gzip(new byte[] {4, 5, 6}));
            }
            Path dest = dir.resolve("bad");
            CliRun bad = CliRun.of("fetch", "--mirror", mirror.base().toString(), "--dest", dest.toString());
            assertOneLineExitTwo(bad, "train-images-idx3-ubyte.gz", mirror.base() + "train-images-idx3-ubyte.gz",
                    "found " + GzipFiles.sha256(new byte[] {4, 5, 6}));
            assertFalse(Files.exists(dest));
        }

        Path dest = dir.resolve("offline");
        String unreachable = MirrorServer.unreachableBase().toString();
        CliRun offline = CliRun.of("fetch", "--mirror", unreachable, "--retries", "0", "--dest", dest.toString());
        assertEquals(1, offline.exitCode(), offline.toString());
        assertEquals(1, offline.errLines().size(), offline.toString());
        URI base = URI.create(unreachable);
        assertTrue(offline.errLines().get(0).startsWith("digitnet fetch: failed: DownloadFailedException: "
                + "train-images-idx3-ubyte.gz: no mirror served a verified copy: " + unreachable
                + "train-images-idx3-ubyte.gz: cannot connect to 127.0.0.1:" + base.getPort() + " (1 attempt)"),
                offline.toString());
        assertFalse(Files.exists(dest), "nothing was received: nothing kept");
    }

    @Test
    void helpShowsTheOptionsAndTheConfDefaults() {
        CliRun help = CliRun.of("fetch", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        for (String option : List.of("--dest=DIR", "--from=DIR", "--mirror=URL", "--mirrors-file=FILE", "--retries=N")) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("(default: data/mnist)"), help.out());
        assertTrue(help.out().replaceAll("\\s+", "").contains("(default:./conf/mnist-mirrors.txt)"),
                "the conf file names it: " + help.out());
    }

    @Test
    void realMnistFromMnistDirIsFetchedVerifiedAndKeptOnTheNextRun() throws IOException {
        Path mnist = MnistDir.require();
        Path dest = dir.resolve("data").resolve("mnist");

        CliRun first = CliRun.of("fetch", "--from", mnist.toString(), "--dest", dest.toString());

        assertEquals(0, first.exitCode(), first.toString());
        assertEquals("", first.err(), first.toString());
        try (Stream<Path> entries = Files.list(dest)) {
            assertEquals(4, entries.count(), "four files and no staging folder");
        }
        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        for (MnistFile file : MnistFile.values()) {
            Path fetched = dest.resolve(file.fileName());
            assertEquals(file.expected().contentSha256(), GzipFiles.sha256OfGunzipped(fetched), file.fileName());
            Files.setLastModifiedTime(fetched, longAgo);
        }
        assertTrue(first.out().contains("fetch: 4 MNIST files verified in " + dest + " (4 fetched, 0 already there)"),
                first.out());

        CliRun second = CliRun.of("fetch", "--from", mnist.toString(), "--dest", dest.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("(0 fetched, 4 already there)"), second.out());
        for (MnistFile file : MnistFile.values()) {
            assertEquals(longAgo, Files.getLastModifiedTime(dest.resolve(file.fileName())), "not copied again");
        }
    }

    @Test
    void aRealMnistCopyWithOneByteChangedExitsTwoAndLeavesNoFile() throws IOException {
        Path mnist = MnistDir.require();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        for (MnistFile file : MnistFile.values()) {
            Files.copy(mnist.resolve(file.fileName()), copy.resolve(file.fileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path changed = copy.resolve(MnistFile.TEST_LABELS.fileName());
        byte[] bytes = Files.readAllBytes(changed);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(changed, bytes);
        Path dest = Files.createDirectories(dir.resolve("d"));

        CliRun run = CliRun.of("fetch", "--from", copy.toString(), "--dest", dest.toString());

        assertOneLineExitTwo(run, changed.toString(), MnistFile.TEST_LABELS.expected().contentSha256());
        try (Stream<Path> left = Files.list(dest)) {
            assertEquals(List.of(), left.toList(), "no file in " + dest);
        }
    }
}
