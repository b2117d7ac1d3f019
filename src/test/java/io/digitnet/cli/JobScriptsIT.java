package io.digitnet.cli;

import static io.digitnet.cli.JobScripts.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.cli.JobScripts.Run;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.MnistDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs/ scripts as a user runs them: a new JVM through jobs/lib/launcher.sh on the
 * packaged jar, its exit code, and everything it prints.
 */
class JobScriptsIT {
    @TempDir
    Path dir;

    private JobScripts scripts;

    @org.junit.jupiter.api.BeforeEach
    void scripts() {
        scripts = new JobScripts(dir);
    }

    private ProcessBuilder launch(String... command) {
        return scripts.launch(command);
    }

    private Run job(String script, String... args) throws IOException, InterruptedException {
        return scripts.job(script, args);
    }

    private Run job(java.util.Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        return scripts.job(env, script, args);
    }

    @Test
    void ingestHelpListsItsOptions() throws Exception {
        Run run = job("ingest.sh", "--help");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("--output=DIR"), run.toString());
        assertTrue(run.out().contains("--rows-per-file=N"), run.toString());
    }

    @Test
    void ingestOfATruncatedFileIsOneLineAndExitTwo() throws Exception {
        Path images = IdxFixtures.writePair(dir, "cut", 10, 1, false);
        byte[] whole = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(whole, whole.length - 10));
        Path out = dir.resolve("out");
        Run run = job("ingest.sh", "--input", images.toString(), "--output", out.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), "exactly one line on stderr: " + run);
        assertTrue(run.errLines().get(0).startsWith("digitnet ingest: file:" + images + ": truncated"), run.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void ingestOfAMalformedCsvRowIsOneLineAndLeavesNothing() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "label,p0\n5,1,2\n");
        Path out = dir.resolve("out");
        Run run = job("ingest.sh", "--input", csv.toString(), "--output", out.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("digitnet ingest: " + csv + ": row 0: expected 785 comma-separated values "
                + "(label, then 784 pixels), found 3"), run.errLines());
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".out")), "no staging left");
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() throws Exception {
        Run run = job("ingest.sh", "--input", "x", "--output", "y", "--colour", "blue");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).contains("Unknown option"), run.toString());
    }

    @Test
    void aMalformedMasterIsOneLineAndExitTwoBeforeSparkStarts() throws Exception {
        Run run = job("ingest.sh", "--input", "x", "--output", "y", "--master", "garbage");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("digitnet ingest: --master garbage: " + MasterUrl.EXPECTED + ", found 'garbage'"),
                run.errLines());
    }

    @Test
    void aStandaloneMasterNobodyAnswersAtIsOneLineAndExitTwoWithinTheTimeout() throws Exception {
        int nobody;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = socket.getLocalPort();
        }
        String master = "spark://127.0.0.1:" + nobody;
        long started = System.nanoTime();
        Run run = job("train.sh", "--train", "x", "--out", dir.resolve("m").toString(), "--master", master);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).startsWith("digitnet train: --master " + master
                + ": no Spark master answered within 10 s (127.0.0.1:" + nobody + ": "), run.toString());
        assertTrue(seconds < 40, "gave up after " + seconds + " s, not Spark's 60 s and more");
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void aStandaloneMasterPortWhereSomethingElseAnswersIsOneLineAndExitTwoWithinTheStatedTime() throws Exception {
        // A socket that accepts connections (the kernel completes them) and never says anything.
        try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String master = "spark://127.0.0.1:" + silent.getLocalPort();
            long started = System.nanoTime();
            Run run = job("ingest.sh", "--input", "x", "--output", dir.resolve("out").toString(), "--master", master,
                    "--master-timeout", "2");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(List.of("digitnet ingest: --master " + master + ": no Spark master registered this job "
                    + "within 22 s (a master that wants a secret refuses jobs without it; or what answers there is no "
                    + "Spark master)"), run.errLines());
            assertTrue(seconds < 50, "gave up after " + seconds + " s, not Spark's 60 s and more");
        }
    }

    @Test
    void aSparkThatFailsToStartIsOneLineUnlessDebugging() throws Exception {
        // A local cluster whose workers are too small for Spark's default executor fails in SparkContext.
        String[] args = {"--input", "x", "--output", dir.resolve("out").toString(), "--master", "local-cluster[1,1,512]"};
        String line = "digitnet ingest: failed: SparkException: Asked to launch cluster with 512 MiB/worker but "
                + "requested 1024 MiB/executor";
        Run run = job("ingest.sh", args);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of(line + " (set DIGITNET_DEBUG=1 for the stack trace)"), run.errLines());

        Run debugging = job(java.util.Map.of("DIGITNET_DEBUG", "1"), "ingest.sh", args);
        assertEquals(1, debugging.exitCode(), debugging.toString());
        assertTrue(debugging.errLines().stream().anyMatch(l -> l.contains("ERROR SparkContext: Error initializing")),
                "Spark's own lines with DIGITNET_DEBUG=1: " + debugging);
        assertTrue(debugging.errLines().contains(line), debugging.toString());
    }

    @Test
    void netlibTriesNoNativeBlasSoItsMissingLineNeverReachesStderr() throws Exception {
        Path images = IdxFixtures.writePair(dir.resolve("data"), "digits", 300, 63, true);
        Path test = Files.writeString(dir.resolve("test.csv"), "label,p0\n5,1,2\n");
        // A BLAS that is nowhere: a native loader that tried it would fail and say so on stderr
        // (conf/jvm.args keeps netlib from trying any).
        String options = "-Ddev.ludovic.netlib.blas.nativeLib=libdigitnet-no-such-blas.so.3";
        Run run = job(java.util.Map.of("JDK_JAVA_OPTIONS", options), "train.sh", "--train", images.toString(),
                "--test", test.toString(), "--out", dir.resolve("m").toString(), "--epochs", "1", "--layers",
                "784,8,10", "--master", "local[2]");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("epoch 1/1"), "trained (with netlib) before reading the test set: " + run);
        assertEquals(List.of("NOTE: Picked up JDK_JAVA_OPTIONS: " + options, "digitnet train: " + test
                + ": row 0: expected 785 comma-separated values (label, then 784 pixels), found 3"), run.errLines());
    }

    @Test
    void fetchFromALocalCopyVerifiesAndABadCopyLeavesNothing() throws Exception {
        Path mnist = MnistDir.require();
        Path dest = dir.resolve("mnist");
        Run good = job("fetch-mnist.sh", "--from", mnist.toString(), "--dest", dest.toString());
        assertEquals(0, good.exitCode(), good.toString());
        try (var files = Files.list(dest)) {
            assertEquals(4, files.filter(f -> f.getFileName().toString().endsWith("-ubyte.gz")).count());
        }

        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(mnist)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path victim = copy.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(victim, bytes);
        Path badDest = dir.resolve("bad");
        Run bad = job("fetch-mnist.sh", "--from", copy.toString(), "--dest", badDest.toString());
        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals(1, bad.errLines().size(), bad.toString());
        assertTrue(bad.errLines().get(0).contains("t10k-labels-idx1-ubyte.gz"), bad.toString());
        assertFalse(Files.exists(badDest) && Files.list(badDest).findAny().isPresent(), "no file in " + badDest);
    }

    /**
     * Starts {@code script} and kills it with SIGKILL, the launcher's JVM included (no
     * shutdown hooks), as soon as its output shows {@code marker}.
     */
    private void killedWhenItPrints(String script, String[] args, String marker) throws Exception {
        Path log = dir.resolve("killed.txt");
        Process job = launch(concat(new String[] {"jobs/" + script}, args))
                .redirectOutput(log.toFile()).redirectError(dir.resolve("killed-err.txt").toFile()).start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (!Files.readString(log).contains(marker) && System.currentTimeMillis() < deadline) {
            assertTrue(job.isAlive(), script + " ended before printing '" + marker + "': " + Files.readString(log));
            Thread.sleep(20);
        }
        assertTrue(Files.readString(log).contains(marker), script + " never printed '" + marker + "'");
        job.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        job.destroyForcibly();
        job.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void trainingKilledAfterAFewEpochsResumesToTheSameModel() throws Exception {
        Path images = IdxFixtures.writePair(dir.resolve("data"), "digits", 3000, 61, true);
        String[] settings = {"--train", images.toString(), "--epochs", "6", "--master", "local[2]"};
        Path whole = dir.resolve("whole");
        Run uninterrupted = job("train.sh", concat(settings, "--out", whole.toString()));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.toString());

        Path resumed = dir.resolve("resumed");
        killedWhenItPrints("train.sh", concat(settings, "--out", resumed.toString()), "epoch 3/6");
        assertFalse(Files.exists(resumed), "a killed run leaves no model directory");

        Run rest = job("train.sh", concat(settings, "--out", resumed.toString(), "--resume"));
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("train: resuming after epoch "), rest.toString());
        assertEquals(List.of(), hidden(dir), "no checkpoint, staging or lock left");
        var conf = new org.apache.hadoop.conf.Configuration();
        assertTrue(io.digitnet.model.ModelDir.read(conf, whole.toString()).parameters()
                .identical(io.digitnet.model.ModelDir.read(conf, resumed.toString()).parameters()),
                "the resumed run ends with the uninterrupted run's weights");
    }

    /**
     * Three identical trainings, each in a JVM of its own (parquet-mr's HashSet orders differ
     * between JVMs, not within one): weights.parquet byte for byte the same, and model.json
     * the same but for when it was made (created) and how long each epoch took (seconds).
     */
    @Test
    void identicalTrainingsInNewJvmsWriteByteIdenticalWeights() throws Exception {
        Path images = IdxFixtures.writePair(dir.resolve("data"), "digits", 400, 63, true);
        List<byte[]> weights = new ArrayList<>();
        List<com.fasterxml.jackson.databind.JsonNode> jsons = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path model = dir.resolve("model-" + i);
            Run run = job("train.sh", "--train", images.toString(), "--epochs", "2", "--master", "local[2]",
                    "--out", model.toString());
            assertEquals(0, run.exitCode(), run.toString());
            weights.add(Files.readAllBytes(model.resolve("weights.parquet")));
            jsons.add(JobScripts.modelJsonWithoutTimes(model));
        }
        for (int i = 1; i < 3; i++) {
            assertTrue(java.util.Arrays.equals(weights.get(0), weights.get(i)), "weights.parquet of run " + (i + 1)
                    + " differs from run 1's");
            assertEquals(jsons.get(0), jsons.get(i), "model.json of run " + (i + 1));
        }
    }

    @Test
    void aTuningKilledAfterItsFirstRunResumesWithTheOthersAndEndsAsAnUninterruptedOne() throws Exception {
        Path images = IdxFixtures.writePair(dir.resolve("data"), "digits", 3000, 62, true);
        String[] settings = {"--train", images.toString(), "--test", images.toString(), "--hidden", "8 12 16",
            "--epochs", "6", "--patience", "0", "--mode", "sequential", "--master", "local[2]"};
        Path whole = dir.resolve("whole");
        Run uninterrupted = job("tune.sh", concat(settings, "--out", whole.toString()));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.toString());

        Path resumed = dir.resolve("resumed");
        killedWhenItPrints("tune.sh", concat(settings, "--out", resumed.toString()), "tune: h8_lr0.003_sigmoid done");

        Run rest = job("tune.sh", concat(settings, "--out", resumed.toString()));
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().matches("(?s).*3 configurations, [12] finished before, [12] to train.*"), rest.toString());
        var conf = new org.apache.hadoop.conf.Configuration();
        var expected = io.digitnet.tune.TuneJob.recorded(conf, whole.toString());
        var actual = io.digitnet.tune.TuneJob.recorded(conf, resumed.toString());
        assertEquals(3, actual.size());
        for (var e : expected) {
            var a = actual.stream().filter(r -> r.name().equals(e.name())).findFirst().orElseThrow();
            assertEquals(e.bestValidationAccuracy(), a.bestValidationAccuracy(), e.name());
            assertEquals(e.bestEpoch(), a.bestEpoch(), e.name());
            assertEquals(e.testAccuracy(), a.testAccuracy(), e.name());
        }
        assertEquals(Files.readString(whole.resolve("best")), Files.readString(resumed.resolve("best")));
    }

    /** The whole digit check's data as the script writes it, and the script's bad option in one line. */
    @Test
    void makeDigitCheckDataWritesItsRowsAndRefusesNoRowsInOneLine() throws Exception {
        Path mnist = MnistDir.require();
        Path out = dir.resolve("check-data");
        Run made = job("make-digit-check-data.sh", "--rows", "500", "--mnist", mnist.toString(), "--out",
                out.toString(), "--master", "local[2]");
        assertEquals(0, made.exitCode(), made.toString());
        assertTrue(made.out().matches("make-digit-check-data: 500 rows to " + java.util.regex.Pattern.quote(
                out.toString()) + " \\([0-9.]+ % whole digits, \\d+ files, [0-9.]+ MB\\) in [0-9.]+ s\n"), made.toString());
        assertEquals(List.of(), made.errLines());

        Run none = job("make-digit-check-data.sh", "--rows", "-3", "--out", dir.resolve("none").toString());
        assertEquals(2, none.exitCode(), none.toString());
        assertEquals(List.of("digitnet make-digit-check-data: --rows: expected a positive number, found -3"),
                none.errLines());
        assertFalse(Files.exists(dir.resolve("none")));
    }

    @Test
    void scoringKilledHalfWayLeavesNoOutputAndTheRerunHasEveryRowOnce() throws Exception {
        Path mnist = MnistDir.require();
        long rows = 1_500_000;
        Path forms = dir.resolve("forms");
        Run made = job("make-scale-data.sh", "--rows", String.valueOf(rows), "--mnist", mnist.toString(),
                "--out", forms.toString(), "--master", "local[2]");
        assertEquals(0, made.exitCode(), made.toString());
        Path model = dir.resolve("model");
        var conf = new org.apache.hadoop.conf.Configuration();
        io.digitnet.model.ModelDir.write(conf, model.toString(), io.digitnet.nn.Architecture.CLASSIC,
                io.digitnet.nn.Parameters.initial(io.digitnet.nn.Architecture.CLASSIC, 3),
                io.digitnet.model.ModelInfo.NONE, false);
        Path out = dir.resolve("scored");
        String[] args = {"jobs/score.sh", "--model", model.toString(), "--input", forms.toString(), "--output",
                out.toString(), "--keep", "id,form_id", "--master", "local[2]"};

        Process scoring = launch(args).redirectOutput(dir.resolve("killed.txt").toFile())
                .redirectError(dir.resolve("killed-err.txt").toFile()).start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (!JobScripts.writingParts(dir) && System.currentTimeMillis() < deadline) {
            assertTrue(scoring.isAlive(), "scoring ended before it wrote: " + Files.readString(dir.resolve("killed.txt")));
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertTrue(scoring.isAlive(), "killed while still scoring");
        scoring.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        scoring.destroyForcibly();
        scoring.waitFor(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(out), "a killed job leaves no output directory");

        assertTrue(hidden(dir).stream().anyMatch(name -> name.startsWith(".scored.inprogress-")),
                "the killed job left its staging: " + hidden(dir));
        assertFalse(runFolders().isEmpty(), "the killed job left its Spark scratch");

        Run rerun = job("score.sh", java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.out().contains("score: " + rows + " input rows: " + rows + " scored, 0 rejected"),
                rerun.toString());
        assertEquals(List.of(), hidden(dir), "the rerun removed the killed job's staging and lock");
        assertEquals(List.of(), runFolders(), "the rerun removed the killed job's Spark scratch, and its own");
        org.apache.spark.sql.SparkSession spark = io.digitnet.testing.LocalSpark.start(JobScriptsIT.class);
        try {
            var scored = spark.read().parquet(out.resolve("scored").toString());
            assertEquals(rows, scored.count());
            assertEquals(rows, scored.select("id").distinct().count());
            assertEquals(rows, scored.select("form_id").distinct().count());
            assertEquals(0, spark.read().parquet(out.resolve("rejects").toString()).count());
        } finally {
            io.digitnet.testing.LocalSpark.stop(spark);
        }
    }

    /** The hidden names in {@code folder}. */
    private static List<String> hidden(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(".")).sorted().toList();
        }
    }

    /** The jobs' Spark scratch folders (and their locks) left in this test's scratch. */
    private List<String> runFolders() throws IOException {
        try (var files = Files.list(dir.resolve("scratch"))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("run-")).sorted()
                    .toList();
        }
    }

    @Test
    void ofTwoScoringJobsWritingOneOutputAtOnceTheLoserIsToldAndTheWinnersOutputIsWhole() throws Exception {
        long rows = 600_000;
        Path forms = dir.resolve("forms");
        Run made = job("make-scale-data.sh", "--rows", String.valueOf(rows), "--mnist", MnistDir.require().toString(),
                "--out", forms.toString(), "--master", "local[2]");
        assertEquals(0, made.exitCode(), made.toString());
        Path model = dir.resolve("model");
        io.digitnet.model.ModelDir.write(new org.apache.hadoop.conf.Configuration(), model.toString(),
                io.digitnet.nn.Architecture.CLASSIC, io.digitnet.nn.Parameters.initial(io.digitnet.nn.Architecture.CLASSIC,
                        5), io.digitnet.model.ModelInfo.NONE, false);
        Path out = dir.resolve("scored");
        List<Process> jobs = new ArrayList<>();
        for (int j = 0; j < 2; j++) {
            jobs.add(launch("jobs/score.sh", "--model", model.toString(), "--input", forms.toString(), "--output",
                    out.toString(), "--master", "local[1]").redirectOutput(dir.resolve("out-" + j + ".txt").toFile())
                    .redirectError(dir.resolve("err-" + j + ".txt").toFile()).start());
            Thread.sleep(1000);
        }
        List<Integer> codes = new ArrayList<>();
        for (Process job : jobs) {
            assertTrue(job.waitFor(5, TimeUnit.MINUTES));
            codes.add(job.exitValue());
        }
        assertEquals(List.of(0, 2), codes.stream().sorted().toList(), "one job wins, one is told");
        int loser = codes.indexOf(2);
        List<String> told = Files.readAllLines(dir.resolve("err-" + loser + ".txt"));
        assertEquals(1, told.size(), told.toString());
        assertTrue(told.get(0).matches("digitnet score: --output .*: the output appeared while this job ran .*"),
                told.get(0));
        assertEquals(List.of(), hidden(dir), "no staging or lock left");
        org.apache.spark.sql.SparkSession spark = io.digitnet.testing.LocalSpark.start(JobScriptsIT.class);
        try {
            assertEquals(rows, spark.read().parquet(out.resolve("scored").toString()).count());
        } finally {
            io.digitnet.testing.LocalSpark.stop(spark);
        }
    }


    @Test
    void ingestsTheRealTestSet() throws Exception {
        Path mnist = MnistDir.require();
        Path out = dir.resolve("t10k");
        Run run = job("ingest.sh", "--input", mnist.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--output", out.toString(), "--master", "local[2]");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("ingest: 10000 rows from "), run.toString());
        assertEquals(List.of(), run.errLines(), "a successful job prints nothing on stderr");
    }
}
