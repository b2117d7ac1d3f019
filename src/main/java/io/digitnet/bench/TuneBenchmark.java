package io.digitnet.bench;

import static io.digitnet.bench.BenchReport.f2;
import static io.digitnet.bench.BenchReport.line;
import static io.digitnet.bench.BenchReport.percent2;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.HadoopFiles;
import io.digitnet.ml.DigitNetClassifier;
import io.digitnet.train.TrainSettings;
import io.digitnet.tune.Leaderboard;
import io.digitnet.tune.Rungs;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneResult;
import io.digitnet.tune.TuneRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench tune}: the same grid tuned in each mode, in one Spark application, each
 * tuning into a fresh folder and from its own cached copy of the data (that preparation is
 * in every figure): after an untimed warm-up, rounds of the grid's first configuration
 * alone, then the whole grid one after another, concurrently and in shared passes. Each
 * mode's figure is the median of its rounds' wall seconds: a tuning of one configuration
 * takes about 3.5 s here, and single timings of it ranged from 3.2 to 5.0 s (measured).
 * And whether the modes agree: the same seeds must give the same results.
 */
public final class TuneBenchmark {
    private TuneBenchmark() {}

    /**
     * @param runs the grid, its first configuration also timed alone
     * @param rounds rounds of the modes' comparison; 0 leaves it out
     * @param search the search comparison, or null to leave it out
     */
    public record Options(DigitLoader.Source train, DigitLoader.Source test, String scratch, List<TuneRun> runs,
            int parallelism, int rounds, Search search) {}

    /**
     * The searches compared on a larger grid: in shared passes to the end, one after another
     * (if asked), by successive halving with {@code rungs}, and MLlib's MLPC in a
     * TrainValidationSplit (parallelism 2, {@code mlpcIterations} iterations) over its hidden sizes.
     */
    public record Search(List<TuneRun> grid, Rungs rungs, int mlpcIterations, boolean oneAfterAnother) {}

    private record Timed(double seconds, Map<String, TuneResult> results) {}

    /** One mode's rounds: their seconds, the first round's results, and how many later rounds got other results. */
    private static final class Rounds {
        final List<Double> seconds = new ArrayList<>();
        Map<String, TuneResult> results;
        int differing;

        void add(Timed timed) {
            seconds.add(timed.seconds());
            if (results == null) {
                results = timed.results();
            } else if (!agreement(results, timed.results()).startsWith("**identical**")) {
                differing++;
            }
        }

        double median() {
            return Stats.median(seconds);
        }
    }

    public static String run(SparkSession spark, Options options, String command, Consumer<String> log) {
        Map<String, String> environment = BenchEnvironment.describe(spark);
        StringBuilder md = new StringBuilder();
        line(md, "## digitnet bench tune");
        line(md, "");
        line(md, "`" + command + "`");
        line(md, "");
        if (options.rounds() > 0) {
            md.append(modes(spark, options, log));
        }
        if (options.search() != null) {
            md.append(search(spark, options, options.search(), log));
        }
        line(md, "### Environment");
        line(md, "");
        environment.forEach((name, value) -> line(md, "- " + name + ": `" + value + "`"));
        return md.toString();
    }

    /** The grid in each mode, rounds of them in turn. */
    private static String modes(SparkSession spark, Options options, Consumer<String> log) {
        // Untimed: the JIT's warm-up would otherwise be in the first figure only.
        tune(spark, options, "warm-up", List.of(options.runs().get(0)), TuneJob.Mode.SEQUENTIAL, log);
        Rounds alone = new Rounds();
        Rounds sequential = new Rounds();
        Rounds concurrent = new Rounds();
        Rounds shared = new Rounds();
        // Rounds take the modes in turn, so that a slow spell of the machine falls on all of them.
        for (int round = 1; round <= options.rounds(); round++) {
            String suffix = options.rounds() > 1 ? " " + round : "";
            alone.add(tune(spark, options, "alone" + suffix, List.of(options.runs().get(0)),
                    TuneJob.Mode.SEQUENTIAL, log));
            sequential.add(tune(spark, options, "sequential" + suffix, options.runs(), TuneJob.Mode.SEQUENTIAL, log));
            concurrent.add(tune(spark, options, "concurrent" + suffix, options.runs(), TuneJob.Mode.CONCURRENT, log));
            shared.add(tune(spark, options, "shared-pass" + suffix, options.runs(), TuneJob.Mode.SHARED_PASS, log));
        }

        TuneRun first = options.runs().get(0);
        StringBuilder md = new StringBuilder();
        line(md, "### The modes");
        line(md, "");
        line(md, options.runs().size() + " configurations (hidden " + options.runs().stream().map(TuneRun::hidden)
                .collect(Collectors.joining(" · ")) + "), " + first.settings().epochs() + " epochs each, no early "
                + "stopping; otherwise the tune command's settings (" + first.settings().optimizer().kind().id() + " "
                + first.learningRate() + ", " + first.activation() + ", batch " + first.settings().batchSize() + ", "
                + first.settings().partitions() + " partitions, seed " + first.settings().seed() + "). Each tuning "
                + "in its own folder, from its own cached copy of the training set (its preparation is in every "
                + "figure), test accuracy and model writing included; an untimed tuning of the first "
                + "configuration alone before them warms the JIT up. " + options.rounds() + " round(s), each "
                + "taking the modes in turn; each figure is the median of its mode's rounds.");
        line(md, "");
        line(md, "| tuning | configurations | wall seconds, median (each round) | ÷ one alone |");
        line(md, "| --- | ---: | ---: | ---: |");
        row(md, "one alone (" + first.hidden() + ")", 1, alone, alone);
        row(md, "(a) one after another", options.runs().size(), sequential, alone);
        row(md, "(b) concurrent, " + options.parallelism() + " at a time (FAIR pools)", options.runs().size(),
                concurrent, alone);
        row(md, "(c) shared pass", options.runs().size(), shared, alone);
        line(md, "");
        line(md, String.format(Locale.ROOT, "Shared pass ÷ one alone: **%.2fx**. Concurrent ÷ "
                + "one after another: **%.2f** (target: at most 1).", shared.median() / alone.median(),
                concurrent.median() / sequential.median()));
        line(md, "");
        int differing = alone.differing + sequential.differing + concurrent.differing + shared.differing;
        line(md, "Later rounds against the first, mode by mode: " + (differing == 0 ? "**identical**"
                : "**" + differing + " round(s) differ**") + ".");
        line(md, "Concurrent against one after another: " + agreement(sequential.results, concurrent.results) + ".");
        line(md, "Shared pass against one after another (each configuration trained alone, same seed): "
                + agreement(sequential.results, shared.results) + ".");
        line(md, "The configuration alone against the same in the grid one after another: "
                + agreement(alone.results, sequential.results) + ".");
        line(md, "");
        line(md, "| configuration | parameters | best validation (a) | test (a) | test (b) | test (c) | status (a) |");
        line(md, "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        for (TuneRun run : options.runs()) {
            TuneResult a = sequential.results.get(run.name());
            line(md, "| " + run.name() + " | " + a.parameters() + " | " + percent(a.bestValidationAccuracy()) + " | "
                    + percent(a.testAccuracy()) + " | " + percent(concurrent.results.get(run.name()).testAccuracy())
                    + " | " + percent(shared.results.get(run.name()).testAccuracy()) + " | " + a.status() + " |");
        }
        line(md, "");
        return md.toString();
    }

    /**
     * The larger grid searched four ways, and the best configuration the full grid found
     * trained alone for its epochs: each search's seconds ÷ that.
     */
    private static String search(SparkSession spark, Options options, Search search, Consumer<String> log) {
        List<TuneRun> grid = search.grid();
        LeaderCurve fullCurve;
        LeaderCurve halvingCurve;
        Timed full;
        Timed halving;
        try (TestSet test = TestSet.load(spark, options.test())) {
            fullCurve = new LeaderCurve(test.samples);
            full = tune(spark, options, "search-shared-pass", grid, TuneJob.Mode.SHARED_PASS, null, fullCurve, log);
            halvingCurve = new LeaderCurve(test.samples);
            halving = tune(spark, options, "search-halving", grid, TuneJob.Mode.SHARED_PASS, search.rungs(),
                    halvingCurve, log);
        }
        Timed sequential = search.oneAfterAnother()
                ? tune(spark, options, "search-one-after-another", grid, TuneJob.Mode.SEQUENTIAL, log) : null;
        TuneResult fullBest = new Leaderboard(List.copyOf(full.results().values())).best();
        TuneResult halvingBest = new Leaderboard(List.copyOf(halving.results().values())).best();
        TuneRun bestRun = grid.stream().filter(run -> run.name().equals(fullBest.name())).findFirst().orElseThrow();
        Timed alone = tune(spark, options, "search-alone", List.of(bestRun), TuneJob.Mode.SEQUENTIAL, log);
        MlBenchmark.Tuned mlpc = mlpcSearch(spark, options, search, log);

        TrainSettings settings = grid.get(0).settings();
        double one = alone.seconds();
        StringBuilder md = new StringBuilder();
        line(md, "### Searching " + grid.size() + " configurations");
        line(md, "");
        line(md, grid.size() + " configurations (hidden " + grid.stream().map(TuneRun::hidden).distinct()
                .collect(Collectors.joining(" · ")) + " x learning rates " + grid.stream().map(TuneRun::learningRate)
                .distinct().map(String::valueOf).collect(Collectors.joining(", ")) + "), " + settings.epochs()
                + " epochs, no early stopping, otherwise the tune command's settings; halving with rungs after "
                + search.rungs().ends() + " epochs, 1 in " + search.rungs().reduction() + " going on. MLPC: "
                + "TrainValidationSplit (train ratio " + f2(1 - settings.validationFraction()) + ", parallelism 2) "
                + "over the same hidden sizes (MLPC's L-BFGS has no learning rate), maxIter "
                + search.mlpcIterations() + ". One alone: the full grid's best configuration, " + bestRun.name()
                + ", tuned alone for " + settings.epochs() + " epochs. Every figure is one tuning, in its own "
                + "folder, from its own cached copy of the data.");
        line(md, "");
        line(md, "| search | wall seconds | best configuration | its test accuracy | ÷ one alone |");
        line(md, "| --- | ---: | --- | ---: | ---: |");
        searchRow(md, "one alone (" + bestRun.name() + ")", alone.seconds(), bestRun.name(),
                alone.results().get(bestRun.name()).testAccuracy(), one);
        searchRow(md, "full grid, shared passes", full.seconds(), fullBest.name(), fullBest.testAccuracy(), one);
        if (sequential != null) {
            TuneResult best = new Leaderboard(List.copyOf(sequential.results().values())).best();
            searchRow(md, "full grid, one after another", sequential.seconds(), best.name(), best.testAccuracy(), one);
        }
        searchRow(md, "successive halving (shared pass)", halving.seconds(), halvingBest.name(),
                halvingBest.testAccuracy(), one);
        searchRow(md, "MLlib MLPC + TrainValidationSplit", mlpc.seconds(), Arrays.toString(mlpc.layers()),
                mlpc.test(), one);
        line(md, "");
        line(md, String.format(Locale.ROOT, "- Halving ÷ one alone: **%.2fx** (target: at most 3x); its best %s "
                + "the full grid's (%s, test %s against %s).", halving.seconds() / one,
                halvingBest.name().equals(fullBest.name()) ? "is" : "is not", halvingBest.name(),
                percent(halvingBest.testAccuracy()), percent(fullBest.testAccuracy())));
        if (sequential != null) {
            line(md, String.format(Locale.ROOT, "- Full grid in shared passes ÷ one after another: **%.2f** (target: "
                    + "at most 0.5).", full.seconds() / sequential.seconds()));
        }
        line(md, String.format(Locale.ROOT, "- MLPC's search ÷ halving: **%.1fx**; ÷ the full grid in shared passes: "
                + "**%.1fx** (whole searches).", mlpc.seconds() / halving.seconds(), mlpc.seconds() / full.seconds()));
        line(md, "");
        line(md, "To MLPC's best (" + percent(mlpc.test()) + " on the test set, at the end of its search): the "
                + "seconds until the configuration each of our searches leads with (best validation so far) first "
                + "reached it on the test set, measured at every change of leader or of its best epoch with the "
                + "clock paused (so the wall seconds above leave those measures out too).");
        line(md, "");
        line(md, "| search | seconds to " + percent(mlpc.test()) + " | leader then | MLPC's search ÷ that |");
        line(md, "| --- | ---: | --- | ---: |");
        reachRow(md, "full grid, shared passes", fullCurve, mlpc);
        reachRow(md, "successive halving (shared pass)", halvingCurve, mlpc);
        line(md, "");
        line(md, "Target: at least 20x.");
        line(md, "");
        line(md, "| configuration | parameters | halving: rung, epochs | validation at each rung | test (halving) "
                + "| test (full grid) |");
        line(md, "| --- | ---: | --- | --- | ---: | ---: |");
        for (TuneResult r : new Leaderboard(List.copyOf(halving.results().values())).results()) {
            line(md, "| " + r.name() + " | " + r.parameters() + " | " + r.rung() + ", " + r.epochs() + " | "
                    + (r.rungAccuracies() == null ? "-" : r.rungAccuracies().stream().map(TuneBenchmark::percent)
                            .collect(Collectors.joining(", "))) + " | " + percent(r.testAccuracy()) + " | "
                    + percent(full.results().get(r.name()).testAccuracy()) + " |");
        }
        line(md, "");
        return md.toString();
    }

    /** MLPC over the grid's hidden sizes in a TrainValidationSplit, two fits at a time. */
    private static MlBenchmark.Tuned mlpcSearch(SparkSession spark, Options options, Search search,
            Consumer<String> log) {
        TrainSettings settings = search.grid().get(0).settings();
        List<int[]> layers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TuneRun run : search.grid()) {
            if (seen.add(run.hidden())) {
                layers.add(run.settings().architecture().sizes());
            }
        }
        Dataset<Row> train = DigitLoader.vectors(spark, options.train(), 0).cache();
        Dataset<Row> test = DigitLoader.vectors(spark, options.test(), 0).cache();
        log.accept("bench tune: MLPC + TrainValidationSplit over " + layers.size() + " hidden sizes");
        MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier()
                .setMaxIter(search.mlpcIterations()).setSeed(settings.seed()).setBlockSize(1024);
        try {
            MlBenchmark.Tuned tuned = MlBenchmark.tune(mlpc, new ParamGridBuilder().addGrid(mlpc.layers(),
                    DigitNetClassifier.layerChoices(layers.toArray(int[][]::new))).build(), mlpc.layers().name(),
                    train, test, 1 - settings.validationFraction(), settings.seed(), 2);
            log.accept(String.format(Locale.ROOT, "bench tune: MLPC's search took %.1f s", tuned.seconds()));
            return tuned;
        } finally {
            train.unpersist();
            test.unpersist();
        }
    }

    private static void reachRow(StringBuilder md, String search, LeaderCurve curve, MlBenchmark.Tuned mlpc) {
        double seconds = curve.secondsToReach(mlpc.test());
        line(md, String.format(Locale.ROOT, "| %s | %.1f | %s | %.1fx |", search, seconds,
                curve.whoReached(mlpc.test()), mlpc.seconds() / seconds));
    }

    private static void searchRow(StringBuilder md, String search, double seconds, String best, Double test,
            double one) {
        line(md, String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %.2fx |", search, seconds, best, percent(test),
                seconds / one));
    }

    private static Timed tune(SparkSession spark, Options options, String name, List<TuneRun> runs, TuneJob.Mode mode,
            Consumer<String> log) {
        return tune(spark, options, name, runs, mode, null, null, log);
    }

    /** A tuning in its own folder; with a {@code curve}, its seconds leave out the curve's test measures. */
    private static Timed tune(SparkSession spark, Options options, String name, List<TuneRun> runs, TuneJob.Mode mode,
            Rungs halving, LeaderCurve curve, Consumer<String> log) {
        Path dir = new Path(options.scratch(), name);
        try {
            HadoopFiles.fileSystem(dir, spark.sparkContext().hadoopConfiguration()).delete(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + dir, e);
        }
        log.accept("bench tune: " + name + ", " + runs.size() + " configurations");
        long started = System.nanoTime();
        if (curve != null) {
            curve.start();
        }
        TuneJob.run(spark, new TuneJob.Request(options.train(), options.test(), dir.toString(), runs, mode,
                options.parallelism(), 0, "bench", halving, curve), line -> { });
        double seconds = curve != null ? curve.stop() : (System.nanoTime() - started) / 1e9;
        log.accept(String.format(Locale.ROOT, "bench tune: %s took %.1f s", name, seconds));
        Map<String, TuneResult> results = new LinkedHashMap<>();
        for (TuneResult result : TuneJob.recorded(spark.sparkContext().hadoopConfiguration(), dir.toString())) {
            results.put(result.name(), result);
        }
        return new Timed(seconds, results);
    }

    /** Whether every configuration in {@code other} got the same status, epochs and accuracies as in {@code base}. */
    private static String agreement(Map<String, TuneResult> base, Map<String, TuneResult> other) {
        double validation = 0;
        double test = 0;
        int differing = 0;
        for (TuneResult b : other.values()) {
            TuneResult a = base.get(b.name());
            if (a == null) {
                continue;
            }
            if (!a.status().equals(b.status()) || a.epochs() != b.epochs()
                    || !java.util.Objects.equals(a.bestEpoch(), b.bestEpoch())) {
                differing++;
            }
            if (a.ok() && b.ok()) {
                validation = Math.max(validation, Math.abs(a.bestValidationAccuracy() - b.bestValidationAccuracy()));
                test = Math.max(test, Math.abs(a.testAccuracy() - b.testAccuracy()));
            }
        }
        return (differing == 0 && validation == 0 && test == 0 ? "**identical**" : "**differ**")
                + String.format(Locale.ROOT, " (largest difference: validation %.2f, test %.2f points; %d with "
                        + "another status or best epoch)", 100 * validation, 100 * test, differing);
    }

    private static void row(StringBuilder md, String name, int configurations, Rounds rounds, Rounds alone) {
        String each = rounds.seconds.stream().map(s -> String.format(Locale.ROOT, "%.1f", s))
                .collect(Collectors.joining(", "));
        line(md, String.format(Locale.ROOT, "| %s | %d | %.1f (%s) | %.2fx |", name, configurations, rounds.median(),
                each, rounds.median() / alone.median()));
    }

    private static String percent(Double accuracy) {
        return accuracy == null ? "-" : percent2(accuracy);
    }
}
