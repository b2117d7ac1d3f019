package io.digitnet.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.model.ModelDir;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.score.IncrementalScore;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.OtherJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * score --incremental over a landing folder of Parquet files that grows between runs: every
 * file's rows exactly once in the output, also across a run killed half-way, and the known
 * pitfalls of Spark's file source and sink.
 */
class ScoreIncrementalTest {
    private static final StructType INGEST = new StructType().add("id", DataTypes.LongType, false)
            .add("label", DataTypes.IntegerType, false).add("pixels", DataTypes.BinaryType, false);

    static SparkSession spark;
    static Path model;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(ScoreIncrementalTest.class);
        model = shared.resolve("model");
        ModelDir.write(spark.sparkContext().hadoopConfiguration(), model.toString(), Architecture.CLASSIC,
                Parameters.initial(Architecture.CLASSIC, 7), ModelInfo.NONE, false);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    /** Lands one Parquet file of {@code rows} rows from id {@code first}, every 7th with too few pixels (a reject). */
    private Path land(Path landing, String name, long first, int rows) throws IOException {
        Random random = new Random(first);
        List<Row> table = new ArrayList<>();
        for (long id = first; id < first + rows; id++) {
            byte[] pixels = new byte[id % 7 == 3 ? 700 : 784];
            random.nextBytes(pixels);
            table.add(RowFactory.create(id, (int) (id % 10), pixels));
        }
        Path staging = dir.resolve("staging-" + name);
        spark.createDataFrame(table, INGEST).coalesce(1).write().parquet(staging.toString());
        Path part;
        try (var files = Files.list(staging)) {
            part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Files.createDirectories(landing);
        return Files.move(part, landing.resolve(name), StandardCopyOption.ATOMIC_MOVE); // as the README says to
    }

    private static CliRun score(Path landing, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("score", "--incremental", "--model", model.toString(), "--input",
                landing.toString(), "--output", out.toString(), "--files-per-batch", "1"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Dataset<Row> table(Path out) {
        return spark.read().parquet(out.resolve(IncrementalScore.TABLE).toString());
    }

    /** The runs.csv lines after the header, split. */
    private static List<String[]> runs(Path out) throws IOException {
        return Files.readAllLines(out.resolve(IncrementalScore.RUNS)).stream().skip(1).map(l -> l.split(",", -1))
                .toList();
    }

    /** Every landed row is in the table once, with the outcome its pixels call for, and the runs add up. */
    private static void assertEveryRowOnce(Path out, Map<String, long[]> landed) throws IOException {
        Dataset<Row> table = table(out);
        long rows = landed.values().stream().mapToLong(r -> r[1]).sum();
        assertEquals(rows, table.count(), "rows in the table");
        assertEquals(rows, table.select("id").distinct().count(), "distinct ids");
        for (Map.Entry<String, long[]> file : landed.entrySet()) {
            Dataset<Row> its = table.where(col(IncrementalScore.SOURCE_FILE).endsWith("/" + file.getKey()));
            assertEquals(file.getValue()[1], its.count(), file.getKey());
            assertEquals(file.getValue()[0], its.agg(org.apache.spark.sql.functions.min("id")).first().getLong(0));
        }
        assertEquals(table.where(col("id").mod(7).equalTo(3)).count(), table.where("outcome = 'rejected'").count());
        assertEquals(0, table.where("outcome = 'rejected' and reason is null").count());
        List<String[]> runs = runs(out);
        assertEquals(rows, runs.stream().mapToLong(r -> Long.parseLong(r[4])).sum(), "rows over the runs");
        assertEquals(landed.size(), runs.stream().mapToLong(r -> Long.parseLong(r[3])).sum(), "files over the runs");
        for (String[] r : runs) {
            assertEquals(Long.parseLong(r[4]), Long.parseLong(r[5]) + Long.parseLong(r[6]), String.join(",", r));
        }
        List<String> manifest = Files.readAllLines(out.resolve(IncrementalScore.MANIFEST));
        String[] paths = manifest.stream().map(f -> out.resolve(IncrementalScore.TABLE).resolve(f).toString())
                .toArray(String[]::new);
        assertEquals(rows, spark.read().option("basePath", out.resolve(IncrementalScore.TABLE).toString())
                .parquet(paths).count(), "rows in the manifest's files");
    }

    @Test
    void threeRunsOverAGrowingFolderTheSecondKilledScoreEveryRowOnce() throws Exception {
        Path landing = dir.resolve("landing");
        Path out = dir.resolve("out");
        Map<String, long[]> landed = new HashMap<>();
        for (int f = 0; f < 2; f++) {
            land(landing, "a" + f + ".parquet", 1000L * f, 40 + f);
            landed.put("a" + f + ".parquet", new long[] {1000L * f, 40 + f});
        }
        CliRun first = score(landing, out);
        assertEquals(0, first.exitCode(), first.toString());
        assertEveryRowOnce(out, landed);

        for (int f = 2; f < 8; f++) {
            land(landing, "b" + f + ".parquet", 1000L * f, 30 + f);
            landed.put("b" + f + ".parquet", new long[] {1000L * f, 30 + f});
        }
        killAfterFirstCommit(landing, out);
        for (int f = 8; f < 10; f++) {
            land(landing, "c" + f + ".parquet", 1000L * f, 20 + f);
            landed.put("c" + f + ".parquet", new long[] {1000L * f, 20 + f});
        }
        CliRun third = score(landing, out);
        assertEquals(0, third.exitCode(), third.toString());

        assertEveryRowOnce(out, landed);
        List<String[]> runs = runs(out);
        assertEquals(List.of("done", "killed", "done"), runs.stream().map(r -> r[8]).toList());
        assertTrue(Long.parseLong(runs.get(1)[3]) >= 1, "the killed run committed a file first");
        assertTrue(third.out().contains("(killed)"), third.out());
    }

    /**
     * Lands {@code count} scans drawn here (not by make-scan-data), each written under a
     * hidden name and renamed into place: PNG or JPEG under names of any case, 20 to 300
     * pixels, grey or coloured ink on paper, a stroke, a ring or a bent line, light noise;
     * every 7th is a torn file (a reject). Returns the landed files' names.
     */
    private static List<String> landScans(Path folder, String night, int count) throws IOException {
        String[] extensions = {".png", ".PNG", ".jpg", ".Jpeg", ".JPG", ".jpeg"};
        Random random = new Random(night.hashCode());
        Files.createDirectories(folder);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String extension = extensions[(i + night.length()) % extensions.length];
            boolean jpeg = !extension.toLowerCase(java.util.Locale.ROOT).equals(".png");
            String name = night + "-" + i + extension;
            byte[] bytes;
            if (i % 7 == 6) {
                bytes = new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
            } else {
                int size = 20 + random.nextInt(280);
                boolean colour = random.nextBoolean();
                java.awt.image.BufferedImage page = new java.awt.image.BufferedImage(size, size + random.nextInt(size / 2 + 1),
                        colour || jpeg ? java.awt.image.BufferedImage.TYPE_INT_RGB : java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                java.awt.Graphics2D pen = page.createGraphics();
                pen.setColor(colour ? new java.awt.Color(250, 244, 225) : new java.awt.Color(235, 235, 235));
                pen.fillRect(0, 0, page.getWidth(), page.getHeight());
                pen.setColor(colour ? new java.awt.Color(20, 30, 140) : new java.awt.Color(25, 25, 25));
                pen.setStroke(new java.awt.BasicStroke(Math.max(2, size / 12f)));
                int w = page.getWidth();
                int h = page.getHeight();
                switch (i % 3) {
                    case 0 -> pen.drawLine(w / 2, h / 5, w / 2 + random.nextInt(w / 8 + 1), 4 * h / 5);
                    case 1 -> pen.drawOval(w / 3, h / 5, w / 3, 3 * h / 5);
                    default -> pen.drawPolyline(new int[] {w / 3, 2 * w / 3, w / 2}, new int[] {h / 5, h / 5, 4 * h / 5}, 3);
                }
                for (int speck = 0; speck < size / 10; speck++) {
                    page.setRGB(random.nextInt(w), random.nextInt(h), 0x808080);
                }
                pen.dispose();
                java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
                javax.imageio.ImageIO.write(page, jpeg ? "jpeg" : "png", encoded);
                bytes = encoded.toByteArray();
            }
            Path staged = Files.write(folder.resolve("." + name + ".part"), bytes);
            Files.move(staged, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            names.add(name);
        }
        return names;
    }

    /**
     * The nightly runs over scans: three runs over a growing landing folder (the second's
     * scans in a dated sub-folder), the second killed as soon as it committed a batch: every
     * scan once in the table, torn ones as rejects, and runs.csv adding up.
     */
    @Test
    void threeNightsOfScansTheSecondKilledScoreEachScanOnce() throws Exception {
        Path landing = dir.resolve("scans");
        Path out = dir.resolve("out");
        List<String> landed = new ArrayList<>(landScans(landing, "first", 8));
        CliRun first = score(landing, out);
        assertEquals(0, first.exitCode(), first.toString());
        landed.addAll(landScans(landing.resolve("2026-12-07"), "second", 24));
        killAfterFirstCommit(landing, out);
        landed.addAll(landScans(landing, "third", 6));
        CliRun third = score(landing, out);
        assertEquals(0, third.exitCode(), third.toString());

        Dataset<Row> table = table(out);
        List<String> scored = table.select(IncrementalScore.SOURCE_FILE).collectAsList().stream()
                .map(r -> r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1)).sorted().toList();
        assertEquals(landed.stream().sorted().toList(), scored, "every scan once");
        long torn = landed.stream().filter(n -> Integer.parseInt(n.replaceAll("\\D", "")) % 7 == 6).count();
        assertEquals(torn, table.where("outcome = 'rejected'").count());
        assertEquals(torn, table.where("outcome = 'rejected' and reason = 'unreadable PNG image'").count(),
                table.where("outcome = 'rejected'").select("reason").collectAsList().toString());
        List<String[]> runs = runs(out);
        assertEquals(List.of("done", "killed", "done"), runs.stream().map(r -> r[8]).toList());
        assertEquals(landed.size(), runs.stream().mapToLong(r -> Long.parseLong(r[3])).sum(), "files over the runs");
        assertEquals(landed.size(), runs.stream().mapToLong(r -> Long.parseLong(r[4])).sum(), "rows over the runs");
        for (String[] r : runs) {
            assertEquals(Long.parseLong(r[4]), Long.parseLong(r[5]) + Long.parseLong(r[6]), String.join(",", r));
            assertEquals(table.where(col(IncrementalScore.RUN).cast("string").equalTo(r[0])).count(),
                    Long.parseLong(r[4]), "run " + r[0] + "'s rows in the table");
        }
        assertTrue(Long.parseLong(runs.get(1)[3]) >= 1, "the killed run committed a scan first");
    }

    /** A second JVM's run, killed (SIGKILL) as soon as its first batch is committed. */
    private void killAfterFirstCommit(Path landing, Path out) throws Exception {
        Path log = dir.resolve("killed.log");
        Process process = OtherJvm.start(log, List.of("score", "--incremental", "--model", model.toString(),
                "--input", landing.toString(), "--output", out.toString(), "--files-per-batch", "1"));
        Path metadata = out.resolve(IncrementalScore.TABLE).resolve("_spark_metadata");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        long committedBefore = countCommits(metadata);
        while (countCommits(metadata) == committedBefore && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), "the run was still going when its first batch was committed: "
                + Files.readString(log));
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private static long countCommits(Path metadata) throws IOException {
        if (!Files.isDirectory(metadata)) {
            return 0;
        }
        try (var files = Files.list(metadata)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+(\\.compact)?")).count();
        }
    }

    /**
     * A file copied in with an old modification time is scored (Spark's default maxFileAge, a
     * week, skips it); a file still being written under a hidden name is not read until it is
     * renamed into place.
     */
    @Test
    void oldFilesAreScoredAndHiddenOnesWaitForTheirRename() throws Exception {
        Path landing = dir.resolve("landing");
        Path out = dir.resolve("out");
        Path weekly = dir.resolve("weekly");
        Map<String, long[]> landed = new HashMap<>();
        land(landing, "new.parquet", 0, 30);
        landed.put("new.parquet", new long[] {0, 30});
        assertEquals(0, score(landing, out).exitCode());
        assertEquals(0, score(landing, weekly, "--max-file-age", "7d").exitCode());

        Path old = land(landing, "old.parquet", 1000, 25);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(30, ChronoUnit.DAYS)));
        landed.put("old.parquet", new long[] {1000, 25});
        Path writing = land(landing, ".late.parquet.inprogress", 2000, 20);
        CliRun second = score(landing, out);
        assertEquals(0, second.exitCode(), second.toString());
        assertEveryRowOnce(out, landed);
        assertEquals(0, score(landing, weekly, "--max-file-age", "7d").exitCode());
        assertEquals(30, table(weekly).count(), "Spark's week-long maxFileAge skipped the old file");

        Files.move(writing, landing.resolve("late.parquet"), StandardCopyOption.ATOMIC_MOVE);
        landed.put("late.parquet", new long[] {2000, 20});
        assertEquals(0, score(landing, out).exitCode());
        assertEveryRowOnce(out, landed);
    }

    /**
     * The file sink's log lists every file it wrote unless its retention is set; with it,
     * older files leave the log (Spark readers stop seeing them) but stay in the manifest.
     */
    @Test
    void withARetentionTheLogForgetsOldFilesAndTheManifestKeepsThem() throws Exception {
        Path landing = dir.resolve("landing");
        Path out = dir.resolve("out");
        long rows = 0;
        spark.conf().set("spark.sql.streaming.fileSink.log.compactInterval", "2"); // compact every second batch
        try {
            for (int run = 0; run < 3; run++) {
                for (int f = 0; f < 2; f++) {
                    land(landing, "r" + run + "f" + f + ".parquet", 1000L * (2 * run + f), 20);
                    rows += 20;
                }
                CliRun done = score(landing, out, "--sink-retention", "3s");
                assertEquals(0, done.exitCode(), done.toString());
                Thread.sleep(4000);
            }
        } finally {
            spark.conf().unset("spark.sql.streaming.fileSink.log.compactInterval");
        }
        long inLog = table(out).count();
        assertTrue(inLog > 0 && inLog < rows, inLog + " of " + rows + " rows still listed in the log");
        List<String> manifest = Files.readAllLines(out.resolve(IncrementalScore.MANIFEST));
        String[] paths = manifest.stream().map(f -> out.resolve(IncrementalScore.TABLE).resolve(f).toString())
                .toArray(String[]::new);
        assertEquals(rows, spark.read().option("basePath", out.resolve(IncrementalScore.TABLE).toString())
                .parquet(paths).count(), "rows in the manifest's files");
    }

    /** Lands a CSV file of {@code rows} lines (a header, and every 5th line short of a pixel: a reject) atomically. */
    private Path landCsv(Path landing, String name, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("label");
        for (int p = 0; p < 784; p++) {
            csv.append(",p").append(p);
        }
        csv.append('\n');
        for (int r = 0; r < rows; r++) {
            csv.append(r % 10);
            for (int p = 0; p < (r % 5 == 2 ? 783 : 784); p++) {
                csv.append(',').append(random.nextInt(256));
            }
            csv.append(r % 7 == 0 ? "\n\n" : "\n"); // blank lines are not rows
        }
        Path staging = dir.resolve("." + name + ".inprogress");
        Files.createDirectories(landing);
        Files.writeString(staging, csv);
        return Files.move(staging, landing.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** CSV files land too: each data line once, numbered within its file, a short line a reject with its reason. */
    @Test
    void csvFilesAreScoredLineByLine() throws Exception {
        Path landing = dir.resolve("landing");
        Path out = dir.resolve("out");
        landCsv(landing, "a.csv", 23, 1);
        CliRun first = score(landing, out, "--input-format", "csv");
        assertEquals(0, first.exitCode(), first.toString());
        landCsv(landing, "b.csv", 31, 2);
        landCsv(landing, "c.csv", 12, 3);
        CliRun second = score(landing, out, "--input-format", "csv");
        assertEquals(0, second.exitCode(), second.toString());

        Dataset<Row> table = table(out);
        assertEquals(23 + 31 + 12, table.count());
        assertEquals(23 + 31 + 12, table.select(IncrementalScore.SOURCE_FILE, "row").distinct().count());
        for (String file : List.of("a.csv", "b.csv", "c.csv")) {
            Dataset<Row> its = table.where(col(IncrementalScore.SOURCE_FILE).endsWith("/" + file));
            assertEquals(its.count() - 1, its.agg(org.apache.spark.sql.functions.max("row")).first().getLong(0), file);
        }
        Dataset<Row> rejects = table.where("outcome = 'rejected'");
        assertEquals(table.where(col("row").mod(5).equalTo(2)).count(), rejects.count());
        assertEquals(rejects.count(), rejects.where(col("reason").contains("785 values")).count(),
                rejects.select("reason").first().toString());
        List<String[]> runs = runs(out);
        assertEquals(List.of("1", "2"), runs.stream().map(r -> r[3]).toList(), "files a run");
    }

    /** --target-error picks the review threshold from the model's curve, as batch scoring does. */
    @Test
    void aTargetErrorPicksTheThresholdFromTheModelsCurve() throws Exception {
        Path landing = dir.resolve("landing");
        land(landing, "a.parquet", 0, 200);
        Path given = dir.resolve("given");
        assertEquals(0, score(landing, given).exitCode());
        // The curve's middle threshold: the median of the test model's confidences on these rows.
        double middle = table(given).where("outcome = 'scored'").stat()
                .approxQuantile("confidence", new double[] {0.5}, 0)[0];
        Path curved = ScoreCommandTest.modelWithCurve(spark, dir.resolve("curved"), middle);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("score", "--incremental", "--model", curved.toString(), "--input", landing.toString(),
                "--output", out.toString(), "--target-error", "0.05");
        assertEquals(0, run.exitCode(), run.toString());
        Dataset<Row> scored = table(out).where("outcome = 'scored'");
        long review = scored.where(col("confidence").lt(middle)).count();
        assertTrue(review > 0 && review < scored.count(), "some rows above the threshold, some below: " + review);
        assertEquals(review, scored.where(col("needs_review")).count());
        assertTrue(run.out().contains(review + " need review (confidence < " + middle + ", from target error 0.05"),
                run.out());
    }

    /** Bad input is one line naming the option or path, exit code 2, and nothing written. */
    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        Path landing = dir.resolve("landing");
        Files.createDirectories(landing);
        CliRun empty = score(landing, dir.resolve("out-empty"));
        assertEquals(2, empty.exitCode(), empty.toString());
        assertEquals(1, empty.errLines().size(), empty.toString());
        assertTrue(empty.err().contains("no files have arrived yet"), empty.toString());
        assertTrue(Files.notExists(dir.resolve("out-empty")));

        land(landing, "a.parquet", 0, 10);
        CliRun fields = score(landing, dir.resolve("out-fields"), "--fields", "--input-format", "parquet");
        assertEquals(2, fields.exitCode(), fields.toString());
        assertEquals(1, fields.errLines().size(), fields.toString());
        assertTrue(fields.err().contains("--fields: expected PNG or JPEG files"), fields.toString());
        assertTrue(Files.notExists(dir.resolve("out-fields")));

        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "not ours");
        CliRun foreign = score(landing, other);
        assertEquals(2, foreign.exitCode(), foreign.toString());
        assertEquals(1, foreign.errLines().size(), foreign.toString());
        assertTrue(foreign.err().contains("--output " + other), foreign.toString());
        try (var files = Files.list(other)) {
            assertEquals(1, files.count(), "nothing written into it");
        }

        CliRun inside = score(landing, landing.resolve("out"));
        assertEquals(2, inside.exitCode(), inside.toString());
        assertTrue(Files.notExists(landing.resolve("out")));
    }
}
