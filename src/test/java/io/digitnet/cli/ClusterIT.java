package io.digitnet.cli;

import static io.digitnet.cli.JobScripts.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.cli.JobScripts.Run;
import io.digitnet.testing.MnistDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on a real Spark standalone cluster, as jobs/cluster.sh starts one: a Master and
 * two Workers in JVMs of their own, whose executors run in JVMs of theirs, reached over
 * authenticated, encrypted RPC. One cluster for the class; it is stopped at the end, and
 * nothing of it may be left running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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

        Path local = dir.resolve("local");
        Run run = scripts.job("train.sh", training(local, "local[2]"));
        assertEquals(0, run.exitCode(), run.toString());
        localWeights = Files.readAllBytes(local.resolve("weights.parquet"));
        localJson = JobScripts.modelJsonWithoutTimes(local);
    }

    @AfterAll
    void stopClusterLeavingNothing() throws Exception {
        List<Long> before = clusterProcesses();
        Process stop = new ProcessBuilder("jobs/cluster.sh", "stop", "--dir", cluster.toString()).inheritIO().start();
        assertTrue(stop.waitFor(2, TimeUnit.MINUTES), "cluster.sh stop ends");
        assertEquals(0, stop.exitValue());
        assertTrue(before.size() >= 3, "a master and two workers ran: " + before);
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
        Process job = scripts.launch(concat(new String[] {"jobs/train.sh"}, training(model, master)))
                .redirectOutput(dir.resolve("killed-out.txt").toFile())
                .redirectError(dir.resolve("killed-err.txt").toFile()).start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (!Files.readString(dir.resolve("killed-out.txt")).contains("epoch 1/3")) {
            assertTrue(job.isAlive() && System.currentTimeMillis() < deadline,
                    "the training printed its first epoch: " + Files.readString(dir.resolve("killed-err.txt")));
            Thread.sleep(20);
        }
        Optional<ProcessHandle> busy = Optional.empty();
        while (busy.isEmpty()) {
            assertTrue(job.isAlive() && System.currentTimeMillis() < deadline, "an executor ran a task");
            busy = executorRunningATask(executorsBefore);
            Thread.sleep(5);
        }
        busy.get().destroyForcibly(); // kill -9
        System.out.println("ClusterIT: killed executor pid " + busy.get().pid() + " while it ran a task");
        assertTrue(job.waitFor(5, TimeUnit.MINUTES), "the training ends");
        assertEquals(0, job.exitValue(), Files.readString(dir.resolve("killed-err.txt")));
        assertArrayEquals(localWeights, Files.readAllBytes(model.resolve("weights.parquet")));
        assertEquals(localJson, JobScripts.modelJsonWithoutTimes(model));
        assertTrue(executorFolders().size() - executorsBefore.size() >= 3,
                "a worker started an executor in place of the killed one: " + executorFolders());
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

    /** An executor of the cluster (one not in {@code earlier}'s folders) that is running a task now. */
    private Optional<ProcessHandle> executorRunningATask(List<Path> earlier) throws IOException {
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
                return ProcessHandle.allProcesses().filter(process -> workingIn(process, folder)).findFirst();
            }
        }
        return Optional.empty();
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
