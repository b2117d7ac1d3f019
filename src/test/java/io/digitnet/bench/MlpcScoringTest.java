package io.digitnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.OutputDir;
import io.digitnet.data.ScaleData;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpcScoringTest {
    private static final int ROWS = 2000;

    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(MlpcScoringTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void scoresEveryRowOfIngestParquetIntoParquet() {
        Path images = IdxFixtures.writePair(dir, "fixture", 100, 31, true);
        String input = dir.resolve("input").toString();
        ScaleData.run(spark, DigitLoader.Source.of(images.toString()),
                OutputDir.begin(input, false, spark.sparkContext().hadoopConfiguration(), "--out"), ROWS, 1, 500, 0);
        String scratch = dir.resolve("scratch").toString();

        MlpcScoring mlpc = new MlpcScoring(spark, input, new int[] {784, 16, 16, 10}, 1, scratch);
        ScoringRun transform = mlpc.timeTransform();
        ScoringRun floor = mlpc.timeFloor();

        assertEquals(ROWS, transform.rows());
        assertEquals(ROWS, floor.rows());
        assertTrue(transform.seconds() > 0 && floor.seconds() > 0, transform + " " + floor);
        assertEquals(List.of("id", "prediction", "probability"),
                List.of(spark.read().parquet(scratch + "/mlpc").columns()));
        assertEquals(List.of("id"), List.of(spark.read().parquet(scratch + "/floor").columns()));
        List<Row> predictions = spark.read().parquet(scratch + "/mlpc").select("id", "prediction").collectAsList();
        assertEquals(ROWS, predictions.stream().mapToLong(row -> row.getLong(0)).distinct().count(), "every id once");
        assertTrue(predictions.stream().allMatch(row -> row.getDouble(1) >= 0 && row.getDouble(1) <= 9));
    }
}
