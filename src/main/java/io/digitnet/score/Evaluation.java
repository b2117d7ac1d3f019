package io.digitnet.score;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitFrames;
import io.digitnet.data.ImageFolders;
import io.digitnet.data.ImageForm;
import io.digitnet.data.ImageTable;
import io.digitnet.data.SampleDecoder;
import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model's confusion matrix and acceptance curve over a labelled table, computed where the
 * data is: the weights are broadcast, each partition scores its rows through {@link
 * BlockScorer} (the scoring path the score job uses) and counts, the driver adds the
 * partitions' counts in partition order. A row that cannot be scored fails the evaluation: a
 * figure over fewer rows than given would mislead.
 */
public final class Evaluation {

    /**
     * What a model does on the table: its confusion matrix, and which digits a confidence
     * threshold would accept unchecked and how many of them wrongly.
     */
    public record Measures(Confusion confusion, AcceptanceCurve acceptance) implements Serializable {}

    /** One partition's counts for one model. */
    private record Counts(Confusion confusion, AcceptanceCurve.Tally acceptance) implements Serializable {}

    private Evaluation() {}

    public static Measures of(Architecture architecture, Parameters parameters, Dataset<Row> digits, String source) {
        return ofEach(List.of(architecture), List.of(parameters), digits, source).get(0);
    }

    /**
     * Several models' confusion matrices in one Spark job: each partition reads its rows
     * once, a block at a time, and every model scores the block. Evaluating the runs of a
     * tuning that end together this way pays Spark's cost of a job once (a job per model
     * took 0.08 s, most of it not scoring; measured).
     */
    public static List<Measures> ofEach(List<Architecture> architectures, List<Parameters> parameters,
            Dataset<Row> digits, String source) {
        String image = SampleDecoder.hasPixels(digits.schema()) ? DigitFrames.PIXELS : DigitFrames.FEATURES;
        ImageForm form = ImageForm.ofColumn(digits.schema(), image, source);
        return ofEach(architectures, parameters, digits.select(DigitFrames.ID, DigitFrames.LABEL, image), form, source);
    }

    /**
     * As {@link #of}, on scans labelled by their names ({@link io.digitnet.data.LabelledScans}): each decoded
     * and normalised as the score job does, an unreadable one failing the evaluation by name.
     */
    public static Measures ofScans(Architecture architecture, Parameters parameters, ImageTable scans, String source) {
        Dataset<Row> rows = scans.rows().select(ImageFolders.PATH, DigitFrames.LABEL, scans.imageColumn());
        return ofEach(List.of(architecture), List.of(parameters), rows, scans.form(), source).get(0);
    }

    /** The measures over {@code rows} of (id, label, image in {@code form}). */
    private static List<Measures> ofEach(List<Architecture> architectures, List<Parameters> parameters,
            Dataset<Row> rows, ImageForm form, String source) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        Broadcast<List<Parameters>> weights = jsc.broadcast(parameters);
        try {
            List<List<Counts>> parts = rows.javaRDD()
                    .mapPartitions(partition -> List.of(count(architectures, weights.value(), form, partition,
                            source)).iterator())
                    .collect();
            List<Measures> totals = new ArrayList<>();
            for (int m = 0; m < architectures.size(); m++) {
                Confusion confusion = new Confusion(architectures.get(m).outputs());
                AcceptanceCurve.Tally acceptance = new AcceptanceCurve.Tally();
                for (List<Counts> part : parts) {
                    confusion.addAll(part.get(m).confusion());
                    acceptance.addAll(part.get(m).acceptance());
                }
                totals.add(new Measures(confusion, acceptance.curve()));
            }
            return totals;
        } finally {
            weights.destroy();
        }
    }

    /**
     * The label of row i of the scorer's block (id, label, image columns), which must have
     * been scored: a row that cannot be fails the evaluation, as a figure over fewer rows
     * than given would mislead.
     */
    public static int label(BlockScorer scorer, int i, String source) {
        Row row = scorer.row(i);
        // A scan's id is its file's path, which names it; a table's row is named by its id.
        String where = row.get(0) instanceof String path ? path : source + ": row id " + row.getLong(0);
        if (scorer.rejectReason(i) != null) {
            throw new BadInputException(where + ": " + scorer.rejectReason(i));
        }
        return SampleDecoder.label(row, where, scorer.classes());
    }

    /** One partition's counts for every model: the rows a block at a time, each block scored by every model in turn. */
    private static List<Counts> count(List<Architecture> architectures, List<Parameters> parameters,
            ImageForm form, Iterator<Row> rows, String source) {
        List<BlockScorer> scorers = new ArrayList<>();
        List<Counts> counts = new ArrayList<>();
        for (int m = 0; m < architectures.size(); m++) {
            scorers.add(new BlockScorer(architectures.get(m), parameters.get(m), form, 2));
            counts.add(new Counts(new Confusion(architectures.get(m).outputs()), new AcceptanceCurve.Tally()));
        }
        List<Row> block = new ArrayList<>(BlockScorer.BLOCK_ROWS);
        while (rows.hasNext()) {
            block.clear();
            while (block.size() < BlockScorer.BLOCK_ROWS && rows.hasNext()) {
                block.add(rows.next());
            }
            for (int m = 0; m < scorers.size(); m++) {
                BlockScorer scorer = scorers.get(m);
                scorer.next(block.iterator());
                Counts model = counts.get(m);
                for (int i = 0; i < scorer.size(); i++) {
                    int label = label(scorer, i, source);
                    model.confusion().add(label, scorer.prediction(i));
                    model.acceptance().add(scorer.confidence(i), label == scorer.prediction(i));
                }
            }
        }
        return counts;
    }
}
