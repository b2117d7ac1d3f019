package io.digitnet.tune;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.JsonFiles;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.train.EpochLoop;
import io.digitnet.train.TrainJob;
import io.digitnet.train.TrainSettings;
import io.digitnet.train.Trainer;
import io.digitnet.train.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A tuning: every configuration of a grid trained on one cached copy of the training set,
 * each with its best epoch chosen on the validation split, measured on the test set and
 * written as a model; the results ranked in a leaderboard. Its folder:
 * <pre>
 * TUNE_DIR/tune.json           the settings every run shares (a resumed tuning must match them)
 * TUNE_DIR/runs/NAME.json      each finished run's result: a resumed tuning skips those runs
 * TUNE_DIR/models/NAME/        each finished run's model directory
 * TUNE_DIR/leaderboard.md, leaderboard.parquet, best
 * </pre>
 * A run that fails is recorded with its error and the others go on.
 */
public final class TuneJob {
    public static final String SETTINGS = "tune.json";
    public static final String RUNS = "runs";
    public static final String MODELS = "models";
    /** What a Spark application that tunes should start with: FAIR pools, one per concurrent run. */
    public static final Map<String, String> SPARK_CONF = Map.of("spark.scheduler.mode", "FAIR");
    private static final String FORMAT = "digitnet-tune";

    /** How the runs share the machine. */
    public enum Mode {
        /** One after another. */
        SEQUENTIAL,
        /** Up to {@code parallelism} runs at a time, each its own Spark jobs in its own FAIR scheduler pool. */
        CONCURRENT,
        /** All runs in the same Spark job each epoch: every task reads its block once and trains every run on it. */
        SHARED_PASS;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Told, on the driver, each time a run of a shared pass finishes an epoch (the benchmark's accuracy curve). */
    public interface EpochWatcher {
        void epochDone(TuneRun run, Trainer.Progress progress);
    }

    /**
     * @param test the test set, or null
     * @param keepBest keep the models of the best this many runs only (0: all)
     * @param halving successive halving's rungs, or null to train every configuration to the end
     * @param watcher told of every epoch of a shared pass, or null
     */
    public record Request(DigitLoader.Source train, DigitLoader.Source test, String out, List<TuneRun> runs,
            Mode mode, int parallelism, int keepBest, String projectVersion, Rungs halving, EpochWatcher watcher) {
        public Request(DigitLoader.Source train, DigitLoader.Source test, String out, List<TuneRun> runs, Mode mode,
                int parallelism, int keepBest, String projectVersion, Rungs halving) {
            this(train, test, out, runs, mode, parallelism, keepBest, projectVersion, halving, null);
        }
    }

    private final SparkSession spark;
    private final Request request;
    private final Consumer<String> log;
    private final Configuration conf;
    private final Path dir;
    private final Map<String, TuneResult> results = new LinkedHashMap<>();
    private TrainingData data;
    /** The test set, decoded once and cached, or null. */
    private TrainingData testRows;

    private TuneJob(SparkSession spark, Request request, Consumer<String> log) {
        this.spark = spark;
        this.request = request;
        this.log = log;
        this.conf = spark.sparkContext().hadoopConfiguration();
        this.dir = new Path(request.out());
    }

    /** Runs the tuning (or the rest of it, when the folder holds an earlier one's results). */
    public static Leaderboard run(SparkSession spark, Request request, Consumer<String> log) {
        return new TuneJob(spark, request, log).run();
    }

    private Leaderboard run() {
        List<TuneRun> runs = request.runs();
        checkNamesDiffer(runs);
        TrainSettings first = runs.get(0).settings();
        prepareFolder(first);
        if (request.halving() != null) {
            halving(runs, first);
        } else {
            List<TuneRun> pending = notFinishedBefore(runs);
            log.accept(String.format("tune: %d configurations, %d finished before, %d to train (%s%s)", runs.size(),
                    results.size(), pending.size(), request.mode().id(),
                    request.mode() == Mode.CONCURRENT ? ", " + request.parallelism() + " at a time" : ""));
            if (!pending.isEmpty()) {
                withData(first, () -> {
                    if (request.mode() == Mode.SHARED_PASS) {
                        sharedPass(pending, starts(pending), new HashMap<>());
                    } else {
                        separately(pending, request.mode() == Mode.CONCURRENT ? request.parallelism() : 1);
                    }
                });
            }
        }
        Leaderboard leaderboard = new Leaderboard(new ArrayList<>(results.values()));
        if (request.keepBest() > 0) {
            leaderboard = keepBest(leaderboard);
        }
        leaderboard.write(spark, dir);
        return leaderboard;
    }

    private static void checkNamesDiffer(List<TuneRun> runs) {
        Set<String> names = new HashSet<>();
        for (TuneRun run : runs) {
            if (!names.add(run.name())) {
                throw new BadInputException("the grid names configuration " + run.name() + " twice");
            }
        }
    }

    /** The runs without a finished result on disk; the finished ones' results go into {@code results}. */
    private List<TuneRun> notFinishedBefore(List<TuneRun> runs) {
        List<TuneRun> pending = new ArrayList<>();
        for (TuneRun run : runs) {
            Path file = resultFile(run.name());
            TuneResult done = HadoopFiles.exists(file, conf) ? TuneResult.read(conf, file) : null;
            if (done != null && done.finished()) {
                results.put(run.name(), done);
            } else {
                pending.add(run);
            }
        }
        return pending;
    }

    /**
     * Successive halving: every configuration starts in one shared pass, and after each rung
     * but the last only the best 1/η go on. A tuning killed after a rung resumes from it
     * ({@link RungState}) with the same configurations going on; its stopped ones' results stay.
     */
    private void halving(List<TuneRun> runs, TrainSettings first) {
        RungState resumed = RungState.latest(conf, dir, byName(runs));
        List<TuneRun> going = new ArrayList<>();
        List<Trainer.Progress> progresses = new ArrayList<>();
        Map<String, List<Double>> rungAccuracies = new HashMap<>();
        if (resumed == null) {
            going.addAll(notFinishedBefore(runs));
            progresses.addAll(starts(going));
        } else {
            for (TuneRun run : runs) {
                Trainer.Progress progress = resumed.going().get(run.name());
                if (progress != null) {
                    going.add(run);
                    progresses.add(progress);
                } else {
                    Path file = resultFile(run.name());
                    if (!HadoopFiles.exists(file, conf)) {
                        throw new IllegalStateException("--out " + dir + ": rung " + resumed.rung()
                                + " stopped " + run.name() + " but its result " + file + " is missing");
                    }
                    results.put(run.name(), TuneResult.read(conf, file));
                }
            }
            resumed.rungAccuracies().forEach((name, list) -> rungAccuracies.put(name, new ArrayList<>(list)));
        }
        log.accept(String.format("tune: %d configurations, successive halving (rungs after %s epochs, the best 1/%d "
                        + "going on at each)%s; %d to train", runs.size(), request.halving().ends(),
                request.halving().reduction(), resumed == null ? ""
                        : ", resuming after rung " + resumed.rung() + " (" + resumed.epochsDone() + " epochs)",
                going.size()));
        if (!going.isEmpty()) {
            withData(first, () -> sharedPass(going, progresses, rungAccuracies));
        }
        RungState.clear(conf, dir);
    }

    /** Prepares the training data (and test set) once, then runs {@code training} with them. */
    private void withData(TrainSettings first, Runnable training) {
        long started = System.nanoTime();
        try (TrainingData prepared = TrainingData.prepare(DigitLoader.table(spark, request.train(), 0),
                request.train().input(), first.architecture().outputs(), first.partitions(), first.validationFraction(),
                first.seed())) {
            data = prepared;
            testRows = request.test() == null ? null : TrainingData.measuring(DigitLoader.table(spark,
                    request.test(), 0), request.test().input(), first.architecture().outputs(), first.partitions());
            log.accept(String.format("tune: %d training rows, %d validation rows; ready in %.1f s",
                    data.trainRows(), data.validationRows(), (System.nanoTime() - started) / 1e9));
            training.run();
        } finally {
            if (testRows != null) {
                testRows.close();
            }
        }
    }

    /** Checks (or, new, writes) tune.json: a resumed tuning must share the settings of the runs before. */
    private void prepareFolder(TrainSettings first) {
        Map<String, Object> shared = new LinkedHashMap<>();
        shared.put("format", FORMAT);
        shared.put("train", request.train().input());
        Map<String, Object> settings = new LinkedHashMap<>(first.describe());
        settings.remove("learning_rate"); // varies by run
        settings.put("output", first.architecture().output().id());
        settings.put("loss", first.architecture().loss().id());
        shared.put("settings", settings);
        if (request.halving() != null) { // its decisions depend on every configuration there is
            Map<String, Object> halving = new LinkedHashMap<>();
            halving.put("min_epochs", request.halving().minEpochs());
            halving.put("reduction", request.halving().reduction());
            halving.put("configurations", request.runs().stream().map(TuneRun::name).toList());
            shared.put("halving", halving);
        }
        Path file = new Path(dir, SETTINGS);
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        try {
            if (fs.exists(file)) {
                Map<?, ?> before = JsonFiles.read(conf, file, Map.class, "a tuning's settings");
                Map<?, ?> now = JsonFiles.MAPPER.readValue(JsonFiles.MAPPER.writeValueAsBytes(shared), Map.class);
                if (!now.equals(before)) {
                    throw new BadInputException("--out " + dir + ": holds a tuning with other settings or data ("
                            + file + "); use another folder to tune with these");
                }
                return;
            }
            if (fs.exists(dir) && fs.listStatus(dir).length > 0) {
                throw new BadInputException("--out " + dir + ": exists and is not a tuning folder (no " + SETTINGS
                        + ")");
            }
            fs.mkdirs(new Path(dir, RUNS));
            HadoopFiles.writeWhole(file, conf, out -> JsonFiles.MAPPER.writeValue(out, shared));
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + dir, e);
        }
    }

    /** Sequentially (parallelism 1) or up to {@code parallelism} runs at a time, each in its own scheduler pool. */
    private void separately(List<TuneRun> pending, int parallelism) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        if (parallelism > 1 && !"FAIR".equals(spark.conf().get("spark.scheduler.mode", "FIFO"))) {
            log.accept("tune: this Spark application schedules FIFO, not FAIR: a large run may hold up a small one");
        }
        ExecutorService threads = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "tune run");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (TuneRun run : pending) {
                futures.add(threads.submit(() -> {
                    if (parallelism > 1) {
                        jsc.setLocalProperty("spark.scheduler.pool", "tune " + run.name());
                    }
                    trainAlone(jsc, run);
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tuning interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    /** One run in a pass of its own; a failure is its result's. */
    private void trainAlone(JavaSparkContext jsc, TuneRun run) {
        long started = System.nanoTime();
        Trainer trainer = new Trainer(run.settings(), line -> log.accept(run.name() + ": " + line));
        Trainer.Progress progress = trainer.start();
        RuntimeException failure = null;
        try {
            progress = trainer.train(jsc, data, progress, done -> { });
        } catch (RuntimeException e) {
            failure = e;
        }
        finish(run, progress, failure, null, started, false, null, null);
    }

    /**
     * The runs in one shared pass from their progress so far; with successive halving, each
     * rung's decisions: the stopped runs' results, then the rung's state for a resume.
     */
    private void sharedPass(List<TuneRun> pending, List<Trainer.Progress> progresses,
            Map<String, List<Double>> rungAccuracies) {
        Rungs rungs = request.halving();
        List<Trainer> trainers = new ArrayList<>();
        for (TuneRun run : pending) {
            trainers.add(new Trainer(run.settings(), line -> log.accept(run.name() + ": " + line)));
        }
        long started = System.nanoTime();
        EpochLoop.train(JavaSparkContext.fromSparkContext(spark.sparkContext()), data, trainers, progresses,
                new EpochLoop.Listener() {
                    @Override
                    public void epochDone(int index, Trainer.Progress progress) {
                        if (request.watcher() != null) {
                            request.watcher().epochDone(pending.get(index), progress);
                        }
                    }

                    @Override
                    public Set<Integer> drop(int epochsDone, List<Integer> going) {
                        int rung = rungs == null ? 0 : rungs.judgedAfter(epochsDone);
                        if (rung == 0) {
                            return Set.of();
                        }
                        List<Rungs.Standing> standings = new ArrayList<>();
                        for (int i : going) {
                            TuneRun run = pending.get(i);
                            rungAccuracies.computeIfAbsent(run.name(), n -> new ArrayList<>())
                                    .add(progresses.get(i).bestAccuracy);
                            standings.add(new Rungs.Standing(i, run.name(), progresses.get(i).bestAccuracy,
                                    run.settings().architecture().parameterCount()));
                        }
                        List<Rungs.Standing> survivors = rungs.survivors(standings);
                        Set<Integer> kept = new HashSet<>();
                        survivors.forEach(s -> kept.add(s.index()));
                        List<Integer> stopped = going.stream().filter(i -> !kept.contains(i)).toList();
                        finishAll(pending, stopped.stream().map(i -> new EpochLoop.Ended(i, progresses.get(i), null,
                                true)).toList(), rungAccuracies, started);
                        Map<String, Trainer.Progress> goingOn = new LinkedHashMap<>();
                        Map<String, List<Double>> accuracies = new LinkedHashMap<>();
                        for (Rungs.Standing s : survivors) {
                            goingOn.put(s.name(), progresses.get(s.index()));
                            accuracies.put(s.name(), rungAccuracies.get(s.name()));
                        }
                        new RungState(rung, epochsDone, goingOn, accuracies).write(conf, dir, byName(pending));
                        log.accept(String.format("tune: rung %d after %d epochs: %d go on (%s), %d stopped", rung,
                                epochsDone, survivors.size(), String.join(", ", goingOn.keySet()), stopped.size()));
                        return new HashSet<>(stopped);
                    }

                    @Override
                    public void ended(List<EpochLoop.Ended> ended) {
                        // Runs that halving stopped were finished at their rung, in drop.
                        finishAll(pending, ended.stream().filter(run -> !run.dropped()).toList(), rungAccuracies,
                                started);
                    }
                });
    }

    /** Finishes runs that left the pass: their test accuracies in one Spark job, then each one's result. */
    private void finishAll(List<TuneRun> pending, List<EpochLoop.Ended> ended, Map<String, List<Double>> rungAccuracies,
            long started) {
        List<EpochLoop.Ended> trained = ended.stream().filter(run -> run.failure() == null).toList();
        List<Double> accuracies;
        try {
            accuracies = testAccuracies(
                    trained.stream().map(run -> pending.get(run.index()).settings().architecture()).toList(),
                    trained.stream().map(run -> run.progress().best).toList());
        } catch (RuntimeException e) {
            // Measured again one by one in finish, where a failure is that run's own.
            accuracies = Collections.nCopies(trained.size(), null);
        }
        for (EpochLoop.Ended run : ended) {
            int k = trained.indexOf(run);
            TuneRun tuneRun = pending.get(run.index());
            Rungs rungs = request.halving();
            Integer rung = null;
            List<Double> rungList = null;
            if (rungs != null) {
                int epochsDone = run.progress().epochsDone();
                rung = rungs.reached(epochsDone);
                rungList = rungAccuracies.computeIfAbsent(tuneRun.name(), n -> new ArrayList<>());
                if (rungList.size() < rung && run.failure() == null) { // the last rung, which drop does not judge
                    rungList.add(run.progress().bestAccuracy);
                }
            }
            finish(tuneRun, run.progress(), run.failure(), k < 0 ? null : accuracies.get(k), started,
                    run.dropped(), rung, rungList == null ? null : List.copyOf(rungList));
        }
    }

    /** Each run's state before its first epoch. */
    private static List<Trainer.Progress> starts(List<TuneRun> runs) {
        return runs.stream().map(run -> new Trainer(run.settings(), line -> { }).start()).toList();
    }

    private static Map<String, TuneRun> byName(List<TuneRun> runs) {
        Map<String, TuneRun> byName = new LinkedHashMap<>();
        runs.forEach(run -> byName.put(run.name(), run));
        return byName;
    }

    /**
     * The test accuracy of each model, all measured in one Spark job (none without a test
     * set); a failure here is each run's failure.
     */
    private List<Double> testAccuracies(List<Architecture> architectures, List<Parameters> models) {
        List<Double> accuracies = new ArrayList<>(Collections.nCopies(models.size(), (Double) null));
        if (testRows != null && !models.isEmpty()) {
            double[] measured = testRows.validationAccuracies(architectures, models);
            for (int k = 0; k < models.size(); k++) {
                accuracies.set(k, measured[k]);
            }
        }
        return accuracies;
    }

    /**
     * Records a run that ended: its model and result (or its failure), and prints the
     * leaderboard so far. Its test accuracy is measured here unless given. A run that
     * successive halving {@code stopped} keeps its result, not its model.
     */
    private void finish(TuneRun run, Trainer.Progress progress, RuntimeException failure, Double measured,
            long started, boolean stopped, Integer rung, List<Double> rungAccuracies) {
        TrainSettings settings = run.settings();
        String status = stopped ? TuneResult.STOPPED : TuneResult.OK;
        String error = null;
        Double testAccuracy = measured;
        String model = null;
        if (failure == null) {
            try {
                if (testAccuracy == null && testRows != null) {
                    testAccuracy = testAccuracies(List.of(settings.architecture()), List.of(progress.best)).get(0);
                }
                if (!stopped) {
                    model = new Path(new Path(dir, MODELS), run.name()).toString();
                    TrainJob.writeModel(spark, model, true, settings, progress, request.train().input(),
                            data.checksum(), testAccuracy,
                            data.validationAcceptance(settings.architecture(), progress.best),
                            request.projectVersion());
                }
            } catch (RuntimeException e) {
                failure = e;
                model = null;
            }
        }
        if (failure != null) {
            status = failure instanceof Trainer.TrainingDivergedException ? TuneResult.DIVERGED : TuneResult.ERROR;
            error = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        }
        boolean ok = failure == null;
        TuneResult result = new TuneResult(run.name(), run.hidden(), run.learningRate(), run.activation(),
                settings.architecture().parameterCount(), status, ok ? progress.bestAccuracy : null,
                ok ? progress.bestEpoch : null, progress.epochsDone(), testAccuracy,
                (System.nanoTime() - started) / 1e9, error, model, rung, rungAccuracies);
        result.write(conf, resultFile(run.name()));
        synchronized (results) {
            results.put(run.name(), result);
            if (stopped && ok) {
                log.accept(String.format(Locale.ROOT, "tune: %s stopped at rung %d (validation %.2f%%)", run.name(),
                        rung, 100 * progress.bestAccuracy));
            } else {
                log.accept("tune: " + run.name() + " " + (ok ? "done" : status + ": " + error)
                        + "; leaderboard so far:\n" + new Leaderboard(new ArrayList<>(results.values())).table());
            }
        }
    }

    /** Removes the models of the runs ranked below the best {@code keepBest} (their results stay). */
    private Leaderboard keepBest(Leaderboard leaderboard) {
        List<TuneResult> kept = new ArrayList<>();
        int rank = 0;
        for (TuneResult result : leaderboard.results()) {
            if (result.ok() && ++rank > request.keepBest() && result.model() != null) {
                try {
                    Path model = new Path(result.model());
                    HadoopFiles.fileSystem(model, conf).delete(model, true);
                } catch (IOException e) {
                    throw new UncheckedIOException("removing " + result.model(), e);
                }
                result = result.withoutModel();
                result.write(conf, resultFile(result.name()));
            }
            kept.add(result);
        }
        return new Leaderboard(kept);
    }

    private Path resultFile(String name) {
        return new Path(new Path(dir, RUNS), name + ".json");
    }

    /** The results recorded in a tuning folder (on any Hadoop file system), by name: for the report and tests. */
    public static List<TuneResult> recorded(Configuration conf, String out) {
        Path runs = new Path(out, RUNS);
        List<TuneResult> found = new ArrayList<>();
        try {
            for (FileStatus file : HadoopFiles.fileSystem(runs, conf).listStatus(runs)) {
                if (file.getPath().getName().endsWith(".json") && !file.getPath().getName().startsWith(".")) {
                    found.add(TuneResult.read(conf, file.getPath()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + runs, e);
        }
        found.sort(java.util.Comparator.comparing(TuneResult::name));
        return found;
    }
}
