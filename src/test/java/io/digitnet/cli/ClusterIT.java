package io.digitnet.cli;

import static io.digitnet.cli.JobScripts.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.digitnet.cli.JobScripts.Run;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on a real Spark standalone cluster, as jobs/cluster.sh starts one: a Master and
 * two Workers in JVMs of their own, whose executors run in JVMs of theirs, reached over
 * authenticated, encrypted RPC. Every job gives on it what it gives in local mode. One
 * cluster for the class (the test that kills a Worker runs last); it is stopped at the
 * end, and nothing of it may be left running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    /** The settings of every training here: few epochs, fixed seed and partitions. */
    private static final String[] TRAINING = {"--epochs", "3", "--partitions", "4", "--seed", "5"};
    /** The rows of the forms the scoring tests score: enough for tasks of seconds. */
    private static final long FORM_ROWS = 1_000_000;
    /** An executor's log line as a task starts or ends: its index in its stage, attempt, stage. */
    private static final Pattern TASK = Pattern.compile("(Running|Finished) task (\\d+)\\.(\\d+) in stage (\\d+)\\.");

    @TempDir
    static Path dir;
    private Path cluster;
    private String master;
    private JobScripts scripts;
    /** The test's own embedded Spark, to read what the jobs wrote. */
    private SparkSession spark;
    /** The weights and model.json of the training in local mode, the reference for the cluster's. */
    private byte[] localWeights;
    private JsonNode localJson;

    @BeforeAll
    void startClusterAndTrainLocally() throws Exception {
        MnistDir.require(); // before anything starts: without MNIST the class is skipped (failed under CI)
        cluster = dir.resolve("cluster");
        Process start = new ProcessBuilder("jobs/cluster.sh", "start", "--dir", cluster.toString())
                .redirectError(dir.resolve("cluster-start.txt").toFile()).start();
        String url = new String(start.getInputStream().readAllBytes()).trim();
        assertTrue(start.waitFor(2, TimeUnit.MINUTES), "cluster.sh start ends");
        assertEquals(0, start.exitValue(), Files.readString(dir.resolve("cluster-start.txt")));
        assertTrue(url.matches("spark://127\\.0\\.0\\.1:\\d+"), url);
        master = url;
        scripts = new JobScripts(dir, Map.of("DIGITNET_CLUSTER", cluster.toString()));
        spark = LocalSpark.start(ClusterIT.class);

        Path local = dir.resolve("local");
        Run run = scripts.job("train.sh", training(local, "local[2]"));
        assertEquals(0, run.exitCode(), run.toString());
        localWeights = Files.readAllBytes(local.resolve("weights.parquet"));
        localJson = JobScripts.modelJsonWithoutTimes(local);
    }

    @AfterAll
    void stopClusterLeavingNothing() throws Exception {
        LocalSpark.stop(spark);
        List<Long> before = clusterProcesses();
        Process stop = new ProcessBuilder("jobs/cluster.sh", "stop", "--dir", cluster.toString()).inheritIO().start();
        assertTrue(stop.waitFor(2, TimeUnit.MINUTES), "cluster.sh stop ends");
        assertEquals(0, stop.exitValue());
        assertFalse(before.isEmpty(), "the cluster ran");
        assertEquals(List.of(), clusterProcesses(), "no process of the cluster is left");
    }

    private String[] training(Path out, String sparkMaster) {
        return concat(TRAINING, "--mnist", MnistDir.require().toString(), "--out", out.toString(), "--master",
                sparkMaster);
    }

    @Test
    void trainingOnTheClusterWritesTheWeightsOfLocalModeBitForBit() throws Exception {
        Path model = dir.resolve("on-cluster");
        Run run = scripts.job("train.sh", training(model, master));
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(localWeights, Files.readAllBytes(model.resolve("weights.parquet")));
        assertEquals(localJson, JobScripts.modelJsonWithoutTimes(model));
        assertTrue(executorFolders().size() >= 2, "the tasks ran in executors the workers started");
    }

    @Test
    void anExecutorKilledWhileItRunsATaskChangesNothing() throws Exception {
        List<Path> executorsBefore = executorFolders();
        Path model = dir.resolve("executor-killed");
        Process job = startedTraining(model, "executor-killed", "epoch 1/3");
        ExecutorAtWork busy = executorRunningATask(executorsBefore, job, false);
        busy.process().destroyForcibly(); // kill -9
        System.out.println("ClusterIT: killed executor pid " + busy.process().pid() + " while it ran a task");
        assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the training ends");
        assertEquals(0, job.exitValue(), Files.readString(dir.resolve("executor-killed-err.txt")));
        assertArrayEquals(localWeights, Files.readAllBytes(model.resolve("weights.parquet")));
        assertEquals(localJson, JobScripts.modelJsonWithoutTimes(model));
        assertTrue(executorFolders().size() - executorsBefore.size() >= 3,
                "a worker started an executor in place of the killed one: " + executorFolders());
    }

    /**
     * MNIST read from, and the model written to, a real HDFS (a MiniDFSCluster in this JVM)
     * by the cluster's driver and executors, through hdfs:// paths.
     */
    @Test
    void aTrainingReadsMnistFromHdfsAndWritesItsModelThereAsInLocalMode() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            hdfs.waitActive();
            FileSystem fs = hdfs.getFileSystem();
            for (String file : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(MnistDir.require().resolve(file).toUri()),
                        new org.apache.hadoop.fs.Path("/mnist/" + file));
            }
            String root = hdfs.getURI().toString();
            String[] args = concat(TRAINING, "--mnist", root + "/mnist", "--out", root + "/models/on-cluster",
                    "--master", master);
            Run run = scripts.job("train.sh", args);
            assertEquals(0, run.exitCode(), run.toString());
            Path copy = dir.resolve("from-hdfs");
            fs.copyToLocalFile(new org.apache.hadoop.fs.Path("/models/on-cluster"),
                    new org.apache.hadoop.fs.Path(copy.toUri()));
            assertArrayEquals(localWeights, Files.readAllBytes(copy.resolve("weights.parquet")));
            ObjectNode expected = localJson.deepCopy(); // all but where the data came from
            ((ObjectNode) expected.get("data")).put("source", root + "/mnist/train-images-idx3-ubyte.gz");
            assertEquals(expected, JobScripts.modelJsonWithoutTimes(copy));
        } finally {
            hdfs.shutdown();
        }
    }

    @Test
    void aTrainingWhoseDriverIsKilledResumesOnTheClusterToTheUninterruptedModel() throws Exception {
        Path model = dir.resolve("driver-killed");
        Process job = startedTraining(model, "driver-killed", "epoch 2/3"); // epoch 1's checkpoint is written
        job.toHandle().descendants().forEach(ProcessHandle::destroyForcibly); // the driver's JVM, kill -9
        job.destroyForcibly();
        assertTrue(job.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(model), "a killed run leaves no model directory");

        Run rest = scripts.job("train.sh", concat(training(model, master), "--resume"));
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("train: resuming after epoch "), rest.toString());
        assertArrayEquals(localWeights, Files.readAllBytes(model.resolve("weights.parquet")));
        assertEquals(localJson.get("epochs").size(), JobScripts.modelJsonWithoutTimes(model).get("epochs").size());
    }

    /** The forms the scoring tests score: FORM_ROWS rows of make-scale-data, made by the first that needs them. */
    private Path forms() throws Exception {
        Path forms = dir.resolve("forms");
        if (!Files.exists(forms)) {
            Run made = scripts.job("make-scale-data.sh", "--rows", String.valueOf(FORM_ROWS), "--mnist",
                    MnistDir.require().toString(), "--out", forms.toString(), "--master", "local[2]");
            assertEquals(0, made.exitCode(), made.toString());
        }
        return forms;
    }

    @Test
    void scoringThroughAKilledExecutorOrAKilledDriverWritesEveryRowExactlyOnce() throws Exception {
        long rows = FORM_ROWS;
        Path forms = forms();
        Path outputs = Files.createDirectories(dir.resolve("scoring"));

        Path throughKill = outputs.resolve("executor-killed");
        List<Path> executorsBefore = executorFolders();
        Process job = scoring(forms, throughKill, "executor-killed").start();
        ExecutorAtWork busy = executorRunningATask(executorsBefore, job, false);
        busy.process().destroyForcibly(); // kill -9
        System.out.println("ClusterIT: killed executor pid " + busy.process().pid() + " while it scored");
        assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the scoring ends");
        assertEquals(0, job.exitValue(), Files.readString(dir.resolve("executor-killed-err.txt")));
        assertEveryRowOnce(throughKill, rows);

        Path driverKilled = outputs.resolve("driver-killed");
        Process killed = scoring(forms, driverKilled, "driver-killed").start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (!JobScripts.writingParts(outputs)) { // half-way: its executors write the scored rows
            assertTrue(killed.isAlive() && System.currentTimeMillis() < deadline, "the scoring wrote rows: "
                    + Files.readString(dir.resolve("driver-killed-err.txt")));
            Thread.sleep(20);
        }
        killed.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(driverKilled), "a killed job leaves no output that a reader would take for one");
        Run rerun = scripts.job("score.sh", "--model", dir.resolve("local").toString(), "--input", forms.toString(),
                "--output", driverKilled.toString(), "--keep", "id,form_id", "--master", master);
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertEveryRowOnce(driverKilled, rows);
        try (Stream<Path> left = Files.list(outputs)) {
            assertEquals(List.of(driverKilled, throughKill), left.sorted().toList(), "no staging or lock left");
        }
    }

    /** A score job on the cluster of {@code forms} into {@code out}, to start; its output in NAME-out.txt, NAME-err.txt. */
    private ProcessBuilder scoring(Path forms, Path out, String name) {
        return scripts.launch("jobs/score.sh", "--model", dir.resolve("local").toString(), "--input", forms.toString(),
                        "--output", out.toString(), "--keep", "id,form_id", "--master", master)
                .redirectOutput(dir.resolve(name + "-out.txt").toFile())
                .redirectError(dir.resolve(name + "-err.txt").toFile());
    }

    /**
     * A straggler: the executor running a scoring task is frozen (SIGSTOP) until Spark has
     * started a speculative copy of that task on the other Worker, then let go, so the two
     * attempts race to commit. Every row must be written once.
     */
    @Test
    void speculativeCopiesOfAStalledScoringTaskWriteEveryRowExactlyOnce() throws Exception {
        Path forms = forms();
        Path out = dir.resolve("speculated");
        List<Path> executorsBefore = executorFolders();
        ProcessBuilder builder = scoring(forms, out, "speculated");
        builder.environment().put("DIGITNET_SUBMIT_ARGS", "--conf spark.speculation=true");
        Process job = builder.start();
        ExecutorAtWork straggler = executorRunningATask(executorsBefore, job, true);
        signal("STOP", straggler.process());
        try {
            long deadline = System.currentTimeMillis() + 120_000; // within spark.network.timeout's 120 s
            while (speculativeAttempts(executorsBefore) == 0) {
                assertTrue(job.isAlive() && System.currentTimeMillis() < deadline, "Spark started a speculative copy "
                        + "of the stalled task: " + Files.readString(dir.resolve("speculated-err.txt")));
                Thread.sleep(20);
            }
        } finally {
            signal("CONT", straggler.process());
        }
        System.out.println("ClusterIT: froze executor pid " + straggler.process().pid()
                + " while it scored, until a speculative copy of its task started");
        assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the scoring ends");
        assertEquals(0, job.exitValue(), Files.readString(dir.resolve("speculated-err.txt")));
        assertEveryRowOnce(out, FORM_ROWS);
    }

    /** How many task attempts after the first the executors not among {@code earlier}'s folders have started. */
    private long speculativeAttempts(List<Path> earlier) throws IOException {
        long attempts = 0;
        for (Path folder : executorFolders()) {
            if (!earlier.contains(folder) && Files.exists(folder.resolve("stderr"))) {
                attempts += Files.readAllLines(folder.resolve("stderr")).stream().map(TASK::matcher)
                        .filter(task -> task.find() && task.group(1).equals("Running") && !task.group(3).equals("0"))
                        .count();
            }
        }
        return attempts;
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
    }


    /** Every one of {@code rows} input rows once in {@code out}'s scored rows, none rejected. */
    private void assertEveryRowOnce(Path out, long rows) {
        var scored = spark.read().parquet(out.resolve("scored").toString());
        assertEquals(rows, scored.count());
        assertEquals(rows, scored.select("id").distinct().count());
        assertEquals(0, spark.read().parquet(out.resolve("rejects").toString()).count());
    }

    /** A training on the cluster into {@code model}, started, once it has printed {@code marker}; its output in NAME-out.txt, NAME-err.txt. */
    private Process startedTraining(Path model, String name, String marker) throws Exception {
        Path out = dir.resolve(name + "-out.txt");
        Process job = scripts.launch(concat(new String[] {"jobs/train.sh"}, training(model, master)))
                .redirectOutput(out.toFile()).redirectError(dir.resolve(name + "-err.txt").toFile()).start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (!Files.readString(out).contains(marker)) {
            assertTrue(job.isAlive() && System.currentTimeMillis() < deadline, "the training printed '" + marker
                    + "': " + Files.readString(dir.resolve(name + "-err.txt")));
            Thread.sleep(20);
        }
        return job;
    }

    @Test
    void ingestEvaluateScoreAndReportOnTheClusterGiveLocalModesRowsFiguresAndPictures() throws Exception {
        Path mnist = MnistDir.require();
        Path model = dir.resolve("local");
        inBothModes("ingest.sh", mode -> new String[] {"--input", mnist.resolve("t10k-images-idx3-ubyte.gz")
                .toString(), "--output", dir.resolve("t10k-" + mode).toString()});
        assertEquals(rows(dir.resolve("t10k-local")), rows(dir.resolve("t10k-cluster")));
        assertEquals(10_000, rows(dir.resolve("t10k-cluster")).size());

        String digits = dir.resolve("t10k-local").toString();
        inBothModes("evaluate.sh", mode -> new String[] {"--model", model.toString(), "--data", digits, "--json",
                dir.resolve("figures-" + mode + ".json").toString()});
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(dir.resolve("figures-local.json").toFile()),
                json.readTree(dir.resolve("figures-cluster.json").toFile()));

        inBothModes("score.sh", mode -> new String[] {"--model", model.toString(), "--input", digits, "--output",
                dir.resolve("scored-" + mode).toString()});
        assertScoredAlike("scored");

        Path scans = dir.resolve("scans");
        Run made = scripts.job("make-scan-data.sh", "--mnist", mnist.toString(), "--count", "300", "--style", "form",
                "--out", scans.toString(), "--master", "local[2]");
        assertEquals(0, made.exitCode(), made.toString());
        inBothModes("score.sh", mode -> new String[] {"--model", model.toString(), "--input", scans.toString(),
                "--output", dir.resolve("scans-scored-" + mode).toString()});
        assertScoredAlike("scans-scored");
        assertEquals(300, rows(dir.resolve("scans-scored-cluster/scored")).size()
                + rows(dir.resolve("scans-scored-cluster/rejects")).size(), "every scan once");

        inBothModes("report.sh", mode -> new String[] {"--model", model.toString(), "--data", digits, "--out",
                dir.resolve("report-" + mode).toString()});
        List<String> pictures = files(dir.resolve("report-local"));
        assertEquals(pictures, files(dir.resolve("report-cluster")));
        assertTrue(pictures.contains("confusion.png") && pictures.contains("index.html"), pictures.toString());
        for (String file : pictures) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("report-local").resolve(file)),
                    Files.readAllBytes(dir.resolve("report-cluster").resolve(file)), file);
        }
    }

    /** The grid the tuning tests tune on small IDX data, in MODE, into {@code out}, on {@code sparkMaster}. */
    private String[] tuning(String mode, Path out, String sparkMaster) throws IOException {
        Path images = dir.resolve("tune-data/digits-images-idx3-ubyte.gz");
        if (!Files.exists(images)) {
            images = IdxFixtures.writePair(dir.resolve("tune-data"), "digits", 3000, 62, true);
        }
        return new String[] {"--train", images.toString(), "--test", images.toString(), "--hidden", "8 12 16",
                "--epochs", "3", "--patience", "0", "--mode", mode, "--out", out.toString(), "--master", sparkMaster};
    }

    /** The results of the grid tuned in local mode (shared pass), tuned by the first test that needs them. */
    private List<TuneResult> tunedLocally() throws Exception {
        Path out = dir.resolve("tune-local");
        if (!Files.exists(out.resolve("best"))) {
            Run run = scripts.job("tune.sh", tuning("shared-pass", out, "local[2]"));
            assertEquals(0, run.exitCode(), run.toString());
        }
        List<TuneResult> local = TuneJob.recorded(new Configuration(), out.toString());
        assertEquals(3, local.size());
        return local;
    }

    @Test
    void aSharedPassTuneOnTheClusterRanksAsInLocalMode() throws Exception {
        Path out = dir.resolve("tune-cluster");
        Run run = scripts.job("tune.sh", tuning("shared-pass", out, master));
        assertEquals(0, run.exitCode(), run.toString());
        List<TuneResult> onCluster = TuneJob.recorded(new Configuration(), out.toString());
        assertEquals(ranking(tunedLocally()), ranking(onCluster));
        assertEquals(Files.readString(dir.resolve("tune-local/best")), Files.readString(out.resolve("best")));
    }

    @Test
    void aTuneWhoseDriverIsKilledResumesOnTheClusterWithoutRedoingFinishedRuns() throws Exception {
        Path out = dir.resolve("tune-killed");
        Path runs = out.resolve(TuneJob.RUNS);
        Process job = scripts.launch(concat(new String[] {"jobs/tune.sh"}, tuning("sequential", out, master)))
                .redirectOutput(dir.resolve("tune-killed-out.txt").toFile())
                .redirectError(dir.resolve("tune-killed-err.txt").toFile()).start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (results(runs).isEmpty()) { // a run has finished
            assertTrue(job.isAlive() && System.currentTimeMillis() < deadline, "the tuning finished a run: "
                    + Files.readString(dir.resolve("tune-killed-err.txt")));
            Thread.sleep(20);
        }
        job.toHandle().descendants().forEach(ProcessHandle::destroyForcibly); // the driver's JVM, kill -9
        job.destroyForcibly();
        assertTrue(job.waitFor(30, TimeUnit.SECONDS));
        Map<String, byte[]> finished = new java.util.TreeMap<>();
        for (String file : results(runs)) {
            finished.put(file, Files.readAllBytes(runs.resolve(file)));
        }
        assertTrue(finished.size() < 3, "killed before the last run finished: " + finished.keySet());

        Run rest = scripts.job("tune.sh", tuning("sequential", out, master));
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("tune: 3 configurations, " + finished.size() + " finished before, "
                + (3 - finished.size()) + " to train"), rest.toString());
        for (Map.Entry<String, byte[]> before : finished.entrySet()) {
            assertArrayEquals(before.getValue(), Files.readAllBytes(runs.resolve(before.getKey())),
                    before.getKey() + " was not run again");
        }
        // Sequential runs train as the shared pass does: the same results as local mode's.
        assertEquals(ranking(tunedLocally()), ranking(TuneJob.recorded(new Configuration(),
                out.toString())));
    }

    /** The runs' result files in a tuning's runs folder, committed ones only (a result is written hidden, then renamed). */
    private static List<String> results(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        return files(runs).stream().filter(name -> name.endsWith(".json") && !name.startsWith(".")).toList();
    }

    /** Each run's name, best validation accuracy and epoch and test accuracy, by name. */
    private static List<String> ranking(List<TuneResult> results) {
        return results.stream().map(r -> r.name() + " " + r.bestValidationAccuracy() + " " + r.bestEpoch() + " "
                + r.testAccuracy()).sorted().toList();
    }

    /** Kills a Worker, and the executor it started, while that executor runs a task of a training. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aWorkerKilledWithItsExecutorLeavesTheTrainingToTheOtherWithTheSameModel() throws Exception {
        List<Path> executorsBefore = executorFolders();
        Path model = dir.resolve("worker-killed");
        Process job = startedTraining(model, "worker-killed", "epoch 1/3");
        ExecutorAtWork busy = executorRunningATask(executorsBefore, job, false);
        Path worker = cluster.resolve("work").relativize(busy.folder()).getName(0); // worker-N
        ProcessHandle workerProcess = ProcessHandle.of(Long.parseLong(Files.readString(
                cluster.resolve(worker + ".pid")).trim())).orElseThrow();
        workerProcess.destroyForcibly();
        busy.process().destroyForcibly();
        System.out.println("ClusterIT: killed " + worker + " and its executor pid " + busy.process().pid()
                + " while it ran a task");
        assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the training ends");
        assertEquals(0, job.exitValue(), Files.readString(dir.resolve("worker-killed-err.txt")));
        assertArrayEquals(localWeights, Files.readAllBytes(model.resolve("weights.parquet")));
        assertEquals(localJson, JobScripts.modelJsonWithoutTimes(model));
        assertTrue(workerProcess.onExit().get(30, TimeUnit.SECONDS) != null && !workerProcess.isAlive());
    }

    /** Runs jobs/{@code script} in local mode and on the cluster, with the arguments {@code args} gives each mode ("local", "cluster"). */
    private void inBothModes(String script, Function<String, String[]> args) throws Exception {
        for (String mode : List.of("local", "cluster")) {
            Run run = scripts.job(script, concat(args.apply(mode), "--master", mode.equals("local") ? "local[2]" : master));
            assertEquals(0, run.exitCode(), script + " in " + mode + " mode: " + run);
        }
    }

    /** The scored and rejected rows of PREFIX-local and PREFIX-cluster are the same. */
    private void assertScoredAlike(String prefix) {
        for (String part : List.of("scored", "rejects")) {
            assertEquals(rows(dir.resolve(prefix + "-local").resolve(part)),
                    rows(dir.resolve(prefix + "-cluster").resolve(part)), prefix + "/" + part);
        }
    }

    /** A Parquet folder's rows as JSON lines, sorted: equal lists mean the same rows, bit for bit. */
    private List<String> rows(Path parquet) {
        return spark.read().parquet(parquet.toString()).toJSON().collectAsList().stream().sorted().toList();
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aJobWithoutTheClustersSecretOrWithAWrongOneIsRefusedAndRunsNothing() throws Exception {
        Path wrong = Files.createDirectories(dir.resolve("wrong-secret"));
        Files.writeString(wrong.resolve("master.url"), master + "\n");
        Files.writeString(wrong.resolve("host"), "127.0.0.1\n");
        Files.writeString(wrong.resolve("spark-security.conf"), Files.readString(cluster.resolve(
                "spark-security.conf")).replaceAll("spark.authenticate.secret \\S+", "spark.authenticate.secret wrong"));
        List<Path> executorsBefore = executorFolders();
        for (Path secrets : List.of(dir.resolve("no-cluster-here"), wrong)) {
            Path model = dir.resolve("refused");
            Run run = scripts.job(Map.of("DIGITNET_CLUSTER", secrets.toString()), "train.sh",
                    concat(training(model, master), "--master-timeout", "2"));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.errLines().get(0).startsWith("digitnet train: --master " + master + ": no Spark master "
                    + "registered this job within 22 s (a master that wants a secret refuses jobs without it"),
                    run.toString());
            assertFalse(Files.exists(model), "no model written");
        }
        assertEquals(executorsBefore, executorFolders(), "no executor started for a refused job");
    }

    /** An executor's process and its folder in a worker's work folder. */
    private record ExecutorAtWork(ProcessHandle process, Path folder) {}

    /**
     * An executor of the cluster (one not in {@code earlier}'s folders) caught running a task
     * of {@code job}: its log's last task line says the task started and not that it finished.
     * With {@code ofSeveral}, a task of a stage of several tasks (a stage of one is never
     * speculated: no other task's time to compare with).
     */
    private ExecutorAtWork executorRunningATask(List<Path> earlier, Process job, boolean ofSeveral) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            Map<Path, String> runningStage = new java.util.HashMap<>();
            java.util.Set<String> stagesOfSeveral = new java.util.HashSet<>();
            for (Path folder : executorFolders()) {
                if (earlier.contains(folder) || !Files.exists(folder.resolve("stderr"))) {
                    continue;
                }
                String running = null;
                for (String line : Files.readAllLines(folder.resolve("stderr"))) {
                    Matcher task = TASK.matcher(line);
                    if (task.find()) {
                        running = task.group(1).equals("Running") ? task.group(4) : null;
                        if (!task.group(2).equals("0")) {
                            stagesOfSeveral.add(task.group(4));
                        }
                    }
                }
                if (running != null) {
                    runningStage.put(folder, running);
                }
            }
            for (Map.Entry<Path, String> busy : runningStage.entrySet()) {
                Path folder = busy.getKey();
                if (!ofSeveral || stagesOfSeveral.contains(busy.getValue())) {
                    Optional<ProcessHandle> process = ProcessHandle.allProcesses()
                            .filter(candidate -> workingIn(candidate, folder)).findFirst();
                    if (process.isPresent()) {
                        return new ExecutorAtWork(process.get(), folder);
                    }
                }
            }
            assertTrue(job.isAlive() && System.currentTimeMillis() < deadline, "an executor ran a task");
            Thread.sleep(5);
        }
    }

    /** Each executor's folder in the workers' work folders: worker-N/APP/EXECUTOR. */
    private List<Path> executorFolders() throws IOException {
        try (Stream<Path> files = Files.walk(cluster.resolve("work"), 3)) {
            return files.filter(path -> cluster.resolve("work").relativize(path).getNameCount() == 3).sorted()
                    .toList();
        }
    }

    /** The pids of processes that run from the cluster's SPARK_HOME or in its work folders. */
    private List<Long> clusterProcesses() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(cluster.toString())
                        || workingIn(process, cluster.resolve("work")))
                .map(ProcessHandle::pid).toList();
    }

    private static boolean workingIn(ProcessHandle process, Path folder) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd")).startsWith(folder);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // gone, or not ours to look at
        }
    }
}
