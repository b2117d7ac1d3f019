package io.digitnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real MNIST files (from MNIST_DIR): ingested row for row, and loaded as vectors. */
class RealMnistTest {
    static SparkSession spark;
    static Path mnist;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        mnist = MnistDir.require();
        spark = LocalSpark.start(RealMnistTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    /** The decompressed IDX file, read without any project code. */
    private static byte[] idxContent(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(mnist.resolve(name)))) {
            return in.readAllBytes();
        }
    }

    private void assertIngestMatchesIdx(String prefix, int expectedRows) throws IOException {
        Path out = dir.resolve(prefix);
        CliRun run = CliRun.of("ingest", "--input", mnist.resolve(prefix + "-images-idx3-ubyte.gz").toString(),
                "--output", out.toString());
        assertEquals(0, run.exitCode(), run.toString());

        byte[] images = idxContent(prefix + "-images-idx3-ubyte.gz");
        byte[] labels = idxContent(prefix + "-labels-idx1-ubyte.gz");
        Dataset<Row> table = spark.read().parquet(out.toString());
        assertEquals(expectedRows, table.count());
        Iterator<Row> rows = table.orderBy("id").toLocalIterator();
        long id = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            assertEquals(id, row.getLong(0));
            assertEquals(labels[8 + (int) id], row.getInt(1), "label of image " + id);
            int from = 16 + (int) id * 784;
            assertArrayEquals(Arrays.copyOfRange(images, from, from + 784), (byte[]) row.get(2), "pixels of image " + id);
            id++;
        }
        assertEquals(expectedRows, id);
    }

    @Test
    void ingestOfTheTrainingSetHasEveryImageAsInTheIdxFile() throws IOException {
        assertIngestMatchesIdx("train", 60000);
    }

    @Test
    void ingestOfTheTestSetHasEveryImageAsInTheIdxFile() throws IOException {
        assertIngestMatchesIdx("t10k", 10000);
    }

    @Test
    void loadsTheTrainingSetAsCachedVectors() throws IOException {
        long started = System.nanoTime();
        Dataset<Row> train = DigitLoader.vectors(spark,
                DigitLoader.Source.of(mnist.resolve("train-images-idx3-ubyte.gz").toString()), 0)
                .persist(StorageLevel.MEMORY_ONLY());
        long count = train.count();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("real MNIST: loaded, cached and counted %d training images in local[2] in %.2f s%n",
                count, seconds);
        assertEquals(60000, count);
        assertEquals(2, train.rdd().getNumPartitions());

        // The cached vectors are the IDX bytes / 255; look at a few images all through.
        byte[] images;
        try (DataInputStream in = new DataInputStream(
                new GZIPInputStream(Files.newInputStream(mnist.resolve("train-images-idx3-ubyte.gz"))))) {
            images = in.readAllBytes();
        }
        for (Row row : train.filter("id in (0, 1, 29999, 59999)").collectAsList()) {
            long id = row.getLong(0);
            Vector features = row.getAs("features");
            for (int p = 0; p < 784; p++) {
                assertEquals((images[16 + (int) id * 784 + p] & 0xff) / 255.0, features.apply(p), 0.0);
            }
        }
        train.unpersist();
    }
}
