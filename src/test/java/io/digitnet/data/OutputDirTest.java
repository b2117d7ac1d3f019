package io.digitnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output directories on the local file system: what they refuse, how they commit, what they clean up. */
class OutputDirTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    /** Writes {@code file} into the output's staging directory, as a job would. */
    private static void write(OutputDir output, String file, String text) throws IOException {
        Path staging = Path.of(new org.apache.hadoop.fs.Path(output.staging()).toUri());
        Files.createDirectories(staging);
        Files.writeString(staging.resolve(file), text);
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOutputThatIsInsideOrContainsAnInputIsRefusedBeforeAnythingIsTouched() throws IOException {
        Path input = Files.createDirectories(dir.resolve("csv"));
        Files.writeString(input.resolve("a.csv"), "5,0\n");
        for (Path output : List.of(input, input.resolve("sub"), dir, dir.resolve("csv/../csv"))) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> OutputDir.begin(output.toString(), true, CONF, "--output", List.of(input.toString())));
            assertTrue(e.getMessage().startsWith("--output " + output + ": expected an output apart from the "
                    + "inputs, found it "), e.getMessage());
            assertTrue(e.getMessage().contains("the input " + input), e.getMessage());
        }
        BadInputException file = assertThrows(BadInputException.class, () -> OutputDir.begin(
                input.toString(), true, CONF, "--output", List.of(input.resolve("a.csv").toString())));
        assertTrue(file.getMessage().contains("it contains the input"), file.getMessage());
        assertEquals(List.of("csv"), names(), "nothing created beside the input");
        assertEquals("5,0\n", Files.readString(input.resolve("a.csv")));
    }

    @Test
    void aSymbolicLinkToTheInputIsTheInput() throws IOException {
        Path input = Files.createDirectories(dir.resolve("data"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), input);
        BadInputException e = assertThrows(BadInputException.class,
                () -> OutputDir.begin(link.toString(), true, CONF, "--output", List.of(input.toString())));
        assertTrue(e.getMessage().contains("it is the input"), e.getMessage());
        BadInputException inside = assertThrows(BadInputException.class, () -> OutputDir.begin(
                link.resolve("out").toString(), false, CONF, "--output", List.of("file://" + input)));
        assertTrue(inside.getMessage().contains("it lies inside the input"), inside.getMessage());
    }

    @Test
    void anOutputBesideTheInputIsFine() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));
        OutputDir output = OutputDir.begin(dir.resolve("in-out").toString(), false, CONF, "--output",
                List.of(input.toString()));
        write(output, "part", "x");
        output.commit();
        assertEquals(List.of("in", "in-out"), names(), "no staging or lock file left");
    }

    @Test
    void theLoserOfTwoJobsCommittingOneOutputIsToldAndTheWinnersOutputStaysWhole() throws IOException {
        Path target = dir.resolve("out");
        OutputDir first = OutputDir.begin(target.toString(), false, CONF, "--output");
        OutputDir second = OutputDir.begin(target.toString(), false, CONF, "--output");
        write(first, "part", "first");
        write(second, "part", "second");
        second.commit();
        BadInputException e = assertThrows(BadInputException.class, first::commit);
        assertTrue(e.getMessage().contains("the output appeared while this job ran"), e.getMessage());
        assertEquals("second", Files.readString(target.resolve("part")));
        assertEquals(List.of("part"), Files.list(target).map(p -> p.getFileName().toString()).toList(),
                "nothing moved inside the winner's output");
        assertEquals(List.of("out"), names(), "the loser's staging is gone");
    }

    @Test
    void aFolderThatAnythingElseCreatedMeanwhileIsNotWrittenInto() throws IOException {
        Path target = dir.resolve("out");
        OutputDir output = OutputDir.begin(target.toString(), false, CONF, "--output");
        write(output, "part", "mine");
        Files.createDirectories(target);
        assertThrows(BadInputException.class, output::commit);
        assertEquals(List.of(), Files.list(target).toList());
        assertEquals(List.of("out"), names());
    }

    @Test
    void withOverwriteTheLastWriterWins() throws IOException {
        Path target = dir.resolve("out");
        OutputDir first = OutputDir.begin(target.toString(), true, CONF, "--output");
        OutputDir second = OutputDir.begin(target.toString(), true, CONF, "--output");
        write(first, "part-a", "first");
        write(second, "part-b", "second");
        first.commit();
        second.commit();
        assertEquals(List.of("part-b"), Files.list(target).map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of("out"), names());
    }

    @Test
    void ofManyCommittingAtOnceExactlyOneWins() throws Exception {
        Path target = dir.resolve("out");
        int jobs = 8;
        List<OutputDir> outputs = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            OutputDir output = OutputDir.begin(target.toString(), false, CONF, "--output");
            write(output, "part", "job " + j);
            outputs.add(output);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<Boolean>> committed = new ArrayList<>();
        for (OutputDir output : outputs) {
            committed.add(pool.submit(() -> {
                start.await();
                try {
                    output.commit();
                    return true;
                } catch (BadInputException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> c : committed) {
            winners += c.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, winners);
        assertTrue(Files.readString(target.resolve("part")).startsWith("job "));
        assertEquals(List.of("part"), Files.list(target).map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of("out"), names());
    }

    @Test
    void aFileThatAppearedWhileTheJobRanIsLeftAsItIsUnlessOverwriting() throws IOException {
        Path target = dir.resolve("figures.json");
        OutputFile output = OutputFile.begin(target.toString(), false, CONF, "--json");
        assertEquals(List.of(), names(), "nothing there while the job works");
        Files.writeString(target, "another job's");
        BadInputException e = assertThrows(BadInputException.class,
                () -> output.commit(out -> out.write("mine".getBytes())));
        assertTrue(e.getMessage().startsWith("--json " + target + ": the file appeared while this job ran"),
                e.getMessage());
        assertEquals("another job's", Files.readString(target));
        assertEquals(List.of("figures.json"), names(), "no temporary file left");
        OutputFile replacing = OutputFile.begin(target.toString(), true, CONF, "--json");
        replacing.commit(out -> out.write("mine".getBytes()));
        assertEquals("mine", Files.readString(target));
        assertEquals(List.of("figures.json"), names());
    }

    @Test
    void aFileOverAnInputIsRefused() throws IOException {
        Path input = Files.writeString(dir.resolve("digits.csv"), "5,0\n");
        BadInputException e = assertThrows(BadInputException.class, () -> OutputFile.begin(input.toString(), true,
                CONF, "--json", List.of(input.toString())));
        assertTrue(e.getMessage().contains("found it is the input"), e.getMessage());
        assertEquals("5,0\n", Files.readString(input));
    }

    @Test
    void anOutputWhoseParentIsAFileIsRefusedUpFront() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        BadInputException e = assertThrows(BadInputException.class,
                () -> OutputDir.begin(file.resolve("a/out").toString(), false, CONF, "--output"));
        assertEquals("--output " + file.resolve("a/out") + ": expected a directory to create in, found file:"
                + file + " is a file", e.getMessage());
        assertEquals(List.of("file"), names());
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedUpFront() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> OutputDir.begin("/proc/digitnet-out", false, CONF, "--output"));
        assertEquals("--output /proc/digitnet-out: expected a folder this job can write in, found file:/proc not "
                + "writable (NoSuchFileException)", e.getMessage());
        assertFalse(Files.exists(Path.of("/proc/digitnet-out")));
    }

    @Test
    void beginningLeavesNothingBehindUntilTheJobWrites() throws IOException {
        OutputDir output = OutputDir.begin(dir.resolve("a/b/out").toString(), false, CONF, "--output");
        assertEquals(List.of(), names(), "no folder, lock or probe before the job writes");
        output.abort();
        assertEquals(List.of(), names());
    }

    @Test
    void foldersMadeForAnAbortedOutputAreRemovedAgain() throws IOException {
        OutputDir output = OutputDir.begin(dir.resolve("a/b/out").toString(), false, CONF, "--output");
        write(output, "part", "x");
        output.abort();
        assertEquals(List.of(), names());
    }

    @Test
    void theStagingOfADeadJobIsRemovedAndThatOfARunningOneKept() throws IOException {
        Path target = dir.resolve("out");
        String dead = ".out.inprogress-" + UUID.randomUUID();
        Files.createDirectories(dir.resolve(dead)).resolve("part-0");
        Files.writeString(dir.resolve(dead).resolve("part-0"), "left by a killed job");
        Files.writeString(dir.resolve(dead + ".lock"), "its lock, no longer held");
        String deadWithoutLock = ".out.inprogress-" + UUID.randomUUID();
        Files.createDirectories(dir.resolve(deadWithoutLock));
        Files.createDirectories(dir.resolve(".other.inprogress-" + UUID.randomUUID()));
        OutputDir running = OutputDir.begin(target.toString(), false, CONF, "--output");
        write(running, "part", "still writing");

        OutputDir rerun = OutputDir.begin(target.toString(), false, CONF, "--output");
        String runningStaging = new org.apache.hadoop.fs.Path(running.staging()).getName();
        String rerunStaging = new org.apache.hadoop.fs.Path(rerun.staging()).getName();
        List<String> left = names();
        assertFalse(left.contains(dead), left.toString());
        assertFalse(left.contains(dead + ".lock"), left.toString());
        assertFalse(left.contains(deadWithoutLock), left.toString());
        assertTrue(left.contains(runningStaging), "a running job's staging stays: " + left);
        assertTrue(left.contains(runningStaging + ".lock"), left.toString());
        assertTrue(left.contains(rerunStaging + ".lock"), left.toString());
        assertEquals(4, left.size(), "another output's staging is not this job's business: " + left);
        running.abort();
        rerun.abort();
    }
}
