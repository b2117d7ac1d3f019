package io.digitnet.cli;

import static io.digitnet.cli.JobScripts.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.AfterAll;
import org.apache.spark.sql.SparkSession;
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
    /** An executor's log line as a task starts or ends, with the task's id. */
    private static final Pattern TASK = Pattern.compile("(Running|Finished) task .* \\(TID (\\d+)\\)");

    @TempDir
    static Path dir;
    private Path cluster;
    private String master;
    private JobScripts scripts;
    /** The test's own embedded Spark, to read what the jobs wrote. */
    private SparkSession spark;
    /** The weights and model.json of the training in local mode, the reference for the cluster's. */
    private byte[] localWeights;
    private com.fasterxml.jackson.databind.JsonNode localJson;

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
        ExecutorAtWork busy = executorRunningATask(executorsBefore, job);
        busy.process().destroyForcibly(); // kill -9
        System.out.println("ClusterIT: killed executor pid " + busy.process().pid() + " while it ran a task");
        assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the training ends");
        assertEquals(0, job.exitValue(), Files.readString(dir.resolve("executor-killed-err.txt")));
        assertArrayEquals(localWeights, Files.readAllBytes(model.resolve("weights.parquet")));
        assertEquals(localJson, JobScripts.modelJsonWithoutTimes(model));
        assertTrue(executorFolders().size() - executorsBefore.size() >= 3,
                "a worker started an executor in place of the killed one: " + executorFolders());
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

    @Test
    void scoringThroughAKilledExecutorOrAKilledDriverWritesEveryRowExactlyOnce() throws Exception {
        long rows = 1_000_000;
        Path forms = dir.resolve("forms");
        Run made = scripts.job("make-scale-data.sh", "--rows", String.valueOf(rows), "--mnist",
                MnistDir.require().toString(), "--out", forms.toString(), "--master", "local[2]");
        assertEquals(0, made.exitCode(), made.toString());
        Path outputs = Files.createDirectories(dir.resolve("scoring"));

        Path throughKill = outputs.resolve("executor-killed");
        List<Path> executorsBefore = executorFolders();
        Process job = scoring(forms, throughKill, "executor-killed");
        ExecutorAtWork busy = executorRunningATask(executorsBefore, job);
        busy.process().destroyForcibly(); // kill -9
        System.out.println("ClusterIT: killed executor pid " + busy.process().pid() + " while it scored");
        assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the scoring ends");
        assertEquals(0, job.exitValue(), Files.readString(dir.resolve("executor-killed-err.txt")));
        assertEveryRowOnce(throughKill, rows);

        Path driverKilled = outputs.resolve("driver-killed");
        Process killed = scoring(forms, driverKilled, "driver-killed");
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

    /** A score job on the cluster of {@code forms} into {@code out}, started; its output in NAME-out.txt, NAME-err.txt. */
    private Process scoring(Path forms, Path out, String name) throws IOException {
        return scripts.launch("jobs/score.sh", "--model", dir.resolve("local").toString(), "--input", forms.toString(),
                        "--output", out.toString(), "--keep", "id,form_id", "--master", master)
                .redirectOutput(dir.resolve(name + "-out.txt").toFile())
                .redirectError(dir.resolve(name + "-err.txt").toFile()).start();
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

    @Test
    void aSharedPassTuneOnTheClusterRanksAsInLocalMode() throws Exception {
        Path images = IdxFixtures.writePair(dir.resolve("tune-data"), "digits", 3000, 62, true);
        inBothModes("tune.sh", mode -> new String[] {"--train", images.toString(), "--test", images.toString(),
                "--hidden", "8 12 16", "--epochs", "3", "--patience", "0", "--mode", "shared-pass", "--out",
                dir.resolve("tune-" + mode).toString()});
        var conf = new org.apache.hadoop.conf.Configuration();
        List<TuneResult> local = TuneJob.recorded(conf, dir.resolve("tune-local").toString());
        List<TuneResult> onCluster = TuneJob.recorded(conf, dir.resolve("tune-cluster").toString());
        assertEquals(3, local.size());
        assertEquals(ranking(local), ranking(onCluster));
        assertEquals(Files.readString(dir.resolve("tune-local/best")), Files.readString(dir.resolve("tune-cluster/best")));
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
        ExecutorAtWork busy = executorRunningATask(executorsBefore, job);
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
     */
    private ExecutorAtWork executorRunningATask(List<Path> earlier, Process job) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            for (Path folder : executorFolders()) {
                if (earlier.contains(folder) || !Files.exists(folder.resolve("stderr"))) {
                    continue;
                }
                String running = null;
                for (String line : Files.readAllLines(folder.resolve("stderr"))) {
                    Matcher task = TASK.matcher(line);
                    if (task.find()) {
                        running = task.group(1).equals("Running") ? task.group(2) : null;
                    }
                }
                if (running != null) {
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
