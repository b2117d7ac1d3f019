package io.digitnet.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The benchmark's results as Markdown: the table (ours and MLPC: seconds to each test
 * accuracy threshold, best accuracy and when, seconds per step), the ratios, Spark's
 * overhead against the plain-JVM trainer, MLPC's block-size trial, every step measured,
 * and the environment (Java, cores, which BLAS).
 */
final class BenchReport {
    static final double[] THRESHOLDS = {0.90, 0.93, 0.94, 0.95, 0.96};

    private BenchReport() {}

    static String markdown(String command, OursBenchmark.Result ours, PlainBenchmark.Result plain,
            MlpcBenchmark.Result mlpc, Map<String, String> environment) {
        StringBuilder md = new StringBuilder();
        line(md, "## digitnet bench train");
        line(md, "");
        line(md, "`" + command + "`");
        line(md, "");
        table(md, List.of(ours.row(), mlpc.row()));
        line(md, "");
        line(md, "- **ours**: " + ours.row().description() + ". Seconds are training seconds (clock paused "
                + "while the test accuracy of each epoch's weights is measured); no checkpoints are written; preparing the cached training set took "
                + f1(ours.prepareSeconds()) + " s before the clock started; final weights' fingerprint "
                + ours.finalWeightsHash() + ".");
        line(md, "- **MLPC**: " + mlpc.row().description() + " (MLPC's layers: sigmoid hidden, softmax output). Each maxIter is a separate fit from the same "
                + "seed; a cell is the fit time of the smallest maxIter reaching it; s per iteration is the longest "
                + "fit's time over its iterations.");
        line(md, "");
        ratios(md, ours.row().curve(), mlpc.row().curve());
        line(md, "");
        overhead(md, ours, plain);
        line(md, "");
        blockSizes(md, mlpc);
        line(md, "");
        steps(md, ours, mlpc);
        line(md, "");
        line(md, "### Environment");
        line(md, "");
        environment.forEach((name, value) -> line(md, "- " + name + ": `" + value + "`"));
        return md.toString();
    }

    /** The results table, one row per trainer. */
    static void table(StringBuilder md, List<BenchRow> rows) {
        StringBuilder header = new StringBuilder("| trainer |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (double threshold : THRESHOLDS) {
            header.append(" s to ").append(percent0(threshold)).append(" |");
            rule.append(" ---: |");
        }
        header.append(" best test acc @ s | s per epoch / iteration |");
        rule.append(" ---: | ---: |");
        line(md, header.toString());
        line(md, rule.toString());
        for (BenchRow row : rows) {
            StringBuilder cells = new StringBuilder("| " + row.name() + " |");
            for (double threshold : THRESHOLDS) {
                OptionalDouble seconds = row.curve().secondsToReach(threshold);
                cells.append(' ').append(seconds.isPresent() ? f1(seconds.getAsDouble()) : "never").append(" |");
            }
            AccuracyCurve.Point best = row.curve().best();
            cells.append(' ').append(best == null ? "-" : percent2(best.accuracy()) + " @ " + f1(best.seconds()) + " s")
                    .append(" |");
            cells.append(' ').append(f3(row.secondsPerStep())).append(" per ").append(row.stepUnit()).append(" |");
            line(md, cells.toString());
        }
    }

    private static void ratios(StringBuilder md, AccuracyCurve ours, AccuracyCurve mlpc) {
        line(md, "### Ratios (MLPC ÷ ours)");
        line(md, "");
        AccuracyCurve.Point best = mlpc.best();
        if (best != null) {
            OptionalDouble oursToSame = ours.secondsToReach(best.accuracy());
            line(md, "- MLPC's time to its best test accuracy (" + percent2(best.accuracy()) + " in " + f1(best.seconds())
                    + " s) ÷ our time to reach that accuracy ("
                    + (oursToSame.isPresent() ? f1(oursToSame.getAsDouble()) + " s" : "never reached") + "): **"
                    + (oursToSame.isPresent() ? ratio(best.seconds(), oursToSame.getAsDouble()) : "n/a")
                    + "** (target ≥ 10x)");
        }
        StringBuilder perThreshold = new StringBuilder("- per threshold reached by both:");
        boolean any = false;
        for (double threshold : THRESHOLDS) {
            OptionalDouble a = mlpc.secondsToReach(threshold);
            OptionalDouble b = ours.secondsToReach(threshold);
            if (a.isPresent() && b.isPresent()) {
                perThreshold.append(' ').append(percent0(threshold)).append(": ")
                        .append(ratio(a.getAsDouble(), b.getAsDouble())).append(';');
                any = true;
            }
        }
        line(md, any ? perThreshold.substring(0, perThreshold.length() - 1) : perThreshold + " none");
    }

    private static void overhead(StringBuilder md, OursBenchmark.Result ours, PlainBenchmark.Result plain) {
        line(md, "### Spark overhead: ours on Spark vs the same math on plain JVM threads");
        line(md, "");
        if (plain == null || plain.epochSeconds().isEmpty()) {
            line(md, "(plain-JVM run skipped: --plain-epochs 0)");
            return;
        }
        int n = plain.epochSeconds().size();
        List<Double> sparkFirst = ours.epochSeconds().subList(0, Math.min(n, ours.epochSeconds().size()));
        // Epoch 1 holds the JIT's warm-up for whichever trainer runs first (ours), and an epoch's cost
        // changes over a run, so the two are compared on the same epochs, 2..n.
        List<Double> sparkSame = sparkFirst.size() > 1 ? sparkFirst.subList(1, sparkFirst.size()) : sparkFirst;
        List<Double> plainSame = n > 1 ? plain.epochSeconds().subList(1, n) : plain.epochSeconds();
        String same = n > 1 ? "epochs 2.." + n : "epoch 1";
        List<Double> slowest = ours.slowestTaskSeconds();
        List<Double> slowestRun = ours.slowestTaskRunSeconds();
        List<Double> slowestSame = slowest.subList(Math.min(slowest.size(), n > 1 ? 1 : 0), Math.min(n, slowest.size()));
        List<Double> slowestRunSame = slowestRun.subList(Math.min(slowestRun.size(), n > 1 ? 1 : 0),
                Math.min(n, slowestRun.size()));
        line(md, "| trainer | epochs | mean s/epoch | median s/epoch |");
        line(md, "| --- | ---: | ---: | ---: |");
        line(md, "| Spark, " + plain.threads() + " partitions, " + same + " | " + sparkSame.size() + " | "
                + f3(Stats.mean(sparkSame)) + " | " + f3(Stats.median(sparkSame)) + " |");
        line(md, "| plain JVM, " + plain.threads() + " threads, " + same + " | " + plainSame.size() + " | "
                + f3(Stats.mean(plainSame)) + " | " + f3(Stats.median(plainSame)) + " |");
        line(md, "| Spark: slowest task, launch to finish, " + same + " | " + slowestSame.size() + " | "
                + f3(Stats.mean(slowestSame)) + " | " + f3(Stats.median(slowestSame)) + " |");
        line(md, "| Spark: slowest task, executorRunTime, " + same + " | " + slowestRunSame.size() + " | "
                + f3(Stats.mean(slowestRunSame)) + " | " + f3(Stats.median(slowestRunSame)) + " |");
        line(md, "| Spark, all " + ours.epochSeconds().size() + " epochs (for reference) | "
                + ours.epochSeconds().size() + " | " + f3(Stats.mean(ours.epochSeconds())) + " | "
                + f3(Stats.median(ours.epochSeconds())) + " |");
        line(md, "");
        line(md, "- Spark ÷ plain, same epochs (" + same + "): **" + ratio(Stats.mean(sparkSame), Stats.mean(plainSame))
                + "** mean, " + ratio(Stats.median(sparkSame), Stats.median(plainSame)) + " median (target ≤ 1.5x)");
        double[] totals = ours.taskOverheadTotals();
        line(md, "- Spark's epoch beyond its slowest task (driver side: broadcast, scheduling, collecting, averaging, "
                + "validation pass), median over all epochs: "
                + f3(Stats.median(difference(ours.epochSeconds(), slowest))) + " s; all tasks of all epochs: "
                + f2(totals[0]) + " s deserialising, " + f2(totals[1]) + " s serialising results, " + f2(totals[2])
                + " s in GC.");
        if (ours.snapshot() != null && ours.snapshotEpoch() == n) {
            line(md, "- weights after epoch " + n + ": "
                    + (ours.snapshot().identical(plain.parameters()) ? "bit-identical (same math, same partitions)"
                            : "DIFFERENT from Spark's (the plain trainer no longer mirrors AverageStep)"));
        }
        line(md, "- both run after an untimed " + TrainBenchmark.WARM_UP_EPOCHS + "-epoch plain warm-up of the "
                + "JIT, and the plain run after ours; epoch 1 is left out of the comparison anyway; the plain epochs include the validation pass the Trainer makes after each epoch; both exclude the test "
                + "measurement.");
    }

    private static void blockSizes(StringBuilder md, MlpcBenchmark.Result mlpc) {
        line(md, "### MLPC block size (short fits, after an untimed 1-iteration warm-up fit)");
        line(md, "");
        line(md, "| blockSize | iterations | fit s | s per iteration |");
        line(md, "| ---: | ---: | ---: | ---: |");
        for (MlpcBenchmark.Fit fit : mlpc.probes()) {
            line(md, "| " + fit.blockSize() + " | " + fit.iterations() + " | " + f2(fit.seconds()) + " | "
                    + f3(fit.secondsPerIteration()) + " |");
        }
        line(md, "");
        line(md, "The sweep used blockSize **" + mlpc.blockSize() + "** (the faster per iteration).");
    }

    private static void steps(StringBuilder md, OursBenchmark.Result ours, MlpcBenchmark.Result mlpc) {
        line(md, "### Every step");
        line(md, "");
        line(md, "| MLPC maxIter | iterations | fit s | test acc |");
        line(md, "| ---: | ---: | ---: | ---: |");
        for (MlpcBenchmark.Fit fit : mlpc.sweep()) {
            line(md, "| " + fit.maxIter() + " | " + fit.iterations() + " | " + f2(fit.seconds()) + " | "
                    + percent2(fit.accuracy()) + " |");
        }
        line(md, "");
        line(md, "| ours epoch | training s (cumulative) | epoch s | test acc |");
        line(md, "| ---: | ---: | ---: | ---: |");
        List<AccuracyCurve.Point> points = ours.row().curve().points();
        for (int i = 0; i < points.size(); i++) {
            AccuracyCurve.Point p = points.get(i);
            line(md, "| " + p.step() + " | " + f1(p.seconds()) + " | " + f2(ours.epochSeconds().get(i)) + " | "
                    + percent2(p.accuracy()) + " |");
        }
    }

    private static List<Double> difference(List<Double> a, List<Double> b) {
        List<Double> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            out.add(a.get(i) - b.get(i));
        }
        return out;
    }

    static String ratio(double a, double b) {
        return b > 0 ? String.format(Locale.ROOT, "%.1fx", a / b) : "n/a";
    }

    private static String percent0(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    static String percent2(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static void line(StringBuilder md, String text) {
        md.append(text).append('\n');
    }
}
