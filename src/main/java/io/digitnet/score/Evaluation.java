package io.digitnet.score;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitFrames;
import io.digitnet.data.ImageForm;
import io.digitnet.data.SampleDecoder;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model's confusion matrix over a labelled table, computed where the data is: the
 * weights are broadcast, each partition scores its rows through {@link BlockScorer} (the
 * scoring path the score job uses) and counts, the driver adds the partitions' counts in
 * partition order. A row that cannot be scored fails the evaluation: a figure over fewer
 * rows than given would mislead.
 */
public final class Evaluation {

    private Evaluation() {}

    public static Confusion of(Architecture architecture, Parameters parameters, Dataset<Row> digits, String source) {
        String image = SampleDecoder.hasPixels(digits.schema()) ? DigitFrames.PIXELS : DigitFrames.FEATURES;
        ImageForm form = ImageForm.ofColumn(digits.schema(), image, source);
        Dataset<Row> rows = digits.select(DigitFrames.ID, DigitFrames.LABEL, image);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(digits.sparkSession().sparkContext());
        Broadcast<Parameters> weights = jsc.broadcast(parameters);
        try {
            List<Confusion> parts = rows.javaRDD()
                    .mapPartitions(partition -> List.of(count(new BlockScorer(architecture, weights.value(), form, 2),
                            partition, architecture.outputs(), source)).iterator())
                    .collect();
            Confusion total = new Confusion(architecture.outputs());
            parts.forEach(total::addAll);
            return total;
        } finally {
            weights.destroy();
        }
    }

    private static Confusion count(BlockScorer scorer, Iterator<Row> rows, int classes, String source) {
        Confusion confusion = new Confusion(classes);
        while (scorer.next(rows)) {
            for (int i = 0; i < scorer.size(); i++) {
                Row row = scorer.row(i);
                long id = row.getLong(0);
                if (scorer.rejectReason(i) != null) {
                    throw new BadInputException(source + ": row id " + id + ": " + scorer.rejectReason(i));
                }
                confusion.add(SampleDecoder.label(row, source, id), scorer.prediction(i));
            }
        }
        return confusion;
    }
}
