package io.digitnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.CliRun;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench tune's search comparison on tiny generated MNIST-shaped files: every search reported. No timing asserted. */
class TuneBenchmarkTest {
    static SparkSession spark;

    @TempDir
    static Path mnist;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(TuneBenchmarkTest.class);
        IdxFixtures.writePair(mnist, "train", 300, 11, true);
        IdxFixtures.writePair(mnist, "t10k", 60, 12, true);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void theSearchesAreReportedWithTheirBestAndRatios() throws Exception {
        Path out = dir.resolve("report.md");
        CliRun run = CliRun.of("bench", "tune", "--mnist", mnist.toString(), "--scratch", dir.resolve("scratch")
                .toString(), "--rounds", "0", "--search-hidden", "6 8 6,6", "--search-learning-rates", "0.003,0.01",
                "--search-epochs", "3", "--min-epochs", "1", "--reduction", "3", "--mlpc-iterations", "2",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        String report = Files.readString(out);
        for (String row : new String[] {"| one alone (", "| full grid, shared passes |",
            "| full grid, one after another |", "| successive halving (shared pass) |",
            "| MLlib MLPC + TrainValidationSplit |"}) {
            assertTrue(report.contains(row), row + " in\n" + report);
        }
        Matcher halving = Pattern.compile("Halving ÷ one alone: \\*\\*\\d+\\.\\d\\dx\\*\\*").matcher(report);
        assertTrue(halving.find(), report);
        assertTrue(report.contains("rungs after [1, 3] epochs"), report);
        // MLPC after 2 iterations is far behind: each search's leader reaches it, within the search's seconds.
        for (String search : new String[] {"full grid, shared passes", "successive halving \\(shared pass\\)"}) {
            Matcher whole = Pattern.compile("\\| " + search + " \\| (\\d+\\.\\d) \\| (?:h|-)").matcher(report);
            Matcher reach = Pattern.compile("\\| " + search + " \\| (\\d+\\.\\d) \\| h[\\w.-]+ after \\d epochs? \\| "
                    + "\\d+\\.\\dx \\|").matcher(report);
            assertTrue(whole.find() && reach.find(), search + " in\n" + report);
            assertTrue(Double.parseDouble(reach.group(1)) <= Double.parseDouble(whole.group(1)), report);
        }
        // 6 configurations: 2 go on past the first rung, the others stop there.
        assertEquals(4, Pattern.compile("\\| 1, 1 \\|").matcher(report).results().count(), report);
        assertEquals(2, Pattern.compile("\\| 2, 3 \\|").matcher(report).results().count(), report);
    }
}
