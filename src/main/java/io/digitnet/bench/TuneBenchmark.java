package io.digitnet.bench;

import static io.digitnet.bench.BenchReport.line;
import static io.digitnet.bench.BenchReport.percent2;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.HadoopFiles;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneResult;
import io.digitnet.tune.TuneRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
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

    /** @param runs the grid, its first configuration also timed alone */
    public record Options(DigitLoader.Source train, DigitLoader.Source test, String scratch, List<TuneRun> runs,
            int parallelism, int rounds) {}

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
        line(md, "## digitnet bench tune");
        line(md, "");
        line(md, "`" + command + "`");
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
        line(md, String.format(Locale.ROOT, "Shared pass ÷ one alone: **%.2fx** (target: at most 3x). Concurrent ÷ "
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
        line(md, "### Environment");
        line(md, "");
        environment.forEach((name, value) -> line(md, "- " + name + ": `" + value + "`"));
        return md.toString();
    }

    private static Timed tune(SparkSession spark, Options options, String name, List<TuneRun> runs, TuneJob.Mode mode,
            Consumer<String> log) {
        Path dir = new Path(options.scratch(), name);
        try {
            HadoopFiles.fileSystem(dir, spark.sparkContext().hadoopConfiguration()).delete(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + dir, e);
        }
        log.accept("bench tune: " + name + ", " + runs.size() + " configurations");
        long started = System.nanoTime();
        TuneJob.run(spark, new TuneJob.Request(options.train(), options.test(), dir.toString(), runs, mode,
                options.parallelism(), 0, "bench"), line -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
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
