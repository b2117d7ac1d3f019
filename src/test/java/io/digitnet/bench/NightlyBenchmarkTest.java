package io.digitnet.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitLoader;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly benchmark on small generated data: both inputs reported with all their numbers. No timing asserted. */
class NightlyBenchmarkTest {
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(NightlyBenchmarkTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void reportsBothInputsBatchAndIncremental() {
        DigitLoader.Source test = DigitLoader.Source.of(IdxFixtures.writePair(dir, "t10k", 200, 41, true).toString());
        NightlyBenchmark.Options options = new NightlyBenchmark.Options(test, 3000, 500, 40, 2,
                dir.resolve("scratch").toString(), 1);
        List<String> log = new ArrayList<>();
        String report = NightlyBenchmark.run(spark, options, "digitnet bench nightly ...", log::add);

        String numbers = " \\| \\d+\\.\\d \\| \\d+ \\| \\d+\\.\\d \\| \\d+ \\| \\d+\\.\\d\\d \\| \\d+\\.\\d \\|";
        assertTrue(Pattern.compile("\\| make-scale-data rows, Parquet \\| 3000 \\| 6" + numbers).matcher(report).find(),
                report);
        assertTrue(Pattern.compile("\\| scans, PNG and JPEG \\| 40 \\| 40" + numbers).matcher(report).find(), report);
    }
}
