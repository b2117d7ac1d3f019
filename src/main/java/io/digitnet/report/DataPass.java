package io.digitnet.report;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitImages;
import io.digitnet.data.ImageForm;
import io.digitnet.data.SampleDecoder;
import io.digitnet.model.Model;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.score.BlockScorer;
import io.digitnet.score.Confusion;
import io.digitnet.score.Evaluation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the report needs from labelled data, in one Spark job over it: the confusion
 * matrix, the mistakes made with the highest confidence, and a few images the model gets
 * right and a few it gets wrong (the first ones, in partition order) to draw the network
 * at work on. Each partition scores its rows through {@link BlockScorer}, as evaluate does,
 * and keeps only its own best candidates, so the driver receives a few images per
 * partition, not the data.
 */
final class DataPass {
    /** One scored image: its pixels (0..1), its label, and what the model said. */
    record Example(long id, int label, int predicted, double confidence, double[] pixels) implements Serializable {
        boolean right() {
            return label == predicted;
        }
    }

    /** What one pass found. */
    record Findings(Confusion confusion, List<Example> mistakes, List<Example> right, List<Example> wrong)
            implements Serializable {}

    private static final Comparator<Example> MOST_CONFIDENT_FIRST =
            Comparator.comparingDouble(Example::confidence).reversed().thenComparingLong(Example::id);

    private DataPass() {}

    /** Scores {@code digits} (read from {@code source}) with the model; keeps {@code mistakes} mistakes and {@code examples} of each kind. */
    static Findings scan(Model model, Dataset<Row> digits, String source, int mistakes, int examples) {
        String image = SampleDecoder.hasPixels(digits.schema()) ? DigitFrames.PIXELS : DigitFrames.FEATURES;
        ImageForm form = ImageForm.ofColumn(digits.schema(), image, source);
        Dataset<Row> rows = digits.select(DigitFrames.ID, DigitFrames.LABEL, image);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(digits.sparkSession().sparkContext());
        Architecture architecture = model.architecture();
        Broadcast<Parameters> broadcast = jsc.broadcast(model.parameters());
        try {
            List<Findings> parts = rows.javaRDD()
                    .mapPartitions(partition -> List.of(scanPartition(architecture, broadcast.value(), form, partition,
                            source, mistakes, examples)).iterator())
                    .collect();
            Confusion confusion = new Confusion(model.architecture().outputs());
            List<Example> worst = new ArrayList<>();
            List<Example> right = new ArrayList<>();
            List<Example> wrong = new ArrayList<>();
            for (Findings part : parts) {
                confusion.addAll(part.confusion());
                worst.addAll(part.mistakes());
                right.addAll(part.right());
                wrong.addAll(part.wrong());
            }
            worst.sort(MOST_CONFIDENT_FIRST);
            return new Findings(confusion, first(worst, mistakes), first(right, examples), first(wrong, examples));
        } finally {
            broadcast.destroy();
        }
    }

    private static Findings scanPartition(Architecture architecture, Parameters parameters, ImageForm form,
            Iterator<Row> rows, String source, int mistakes, int examples) {
        BlockScorer scorer = new BlockScorer(architecture, parameters, form, 2);
        Confusion confusion = new Confusion(architecture.outputs());
        // The least confident kept mistake on top, to be dropped when a more confident one comes.
        PriorityQueue<Example> worst = new PriorityQueue<>(MOST_CONFIDENT_FIRST.reversed());
        List<Example> right = new ArrayList<>();
        List<Example> wrong = new ArrayList<>();
        while (scorer.next(rows)) {
            for (int i = 0; i < scorer.size(); i++) {
                int label = Evaluation.label(scorer, i, source);
                int predicted = scorer.prediction(i);
                confusion.add(label, predicted);
                boolean isRight = label == predicted;
                boolean keepMistake = !isRight && mistakes > 0 && (worst.size() < mistakes
                        || scorer.confidence(i) > worst.peek().confidence());
                boolean keepExample = (isRight ? right : wrong).size() < examples;
                if (keepMistake || keepExample) {
                    Row row = scorer.row(i);
                    double[] pixels = new double[DigitImages.PIXELS];
                    form.decode(row, 2, pixels, 0);
                    Example example = new Example(row.getLong(0), label, predicted, scorer.confidence(i), pixels);
                    if (keepMistake) {
                        worst.add(example);
                        if (worst.size() > mistakes) {
                            worst.poll();
                        }
                    }
                    if (keepExample) {
                        (isRight ? right : wrong).add(example);
                    }
                }
            }
        }
        return new Findings(confusion, new ArrayList<>(worst), right, wrong);
    }

    private static <T> List<T> first(List<T> list, int n) {
        return new ArrayList<>(list.subList(0, Math.min(n, list.size())));
    }
}
