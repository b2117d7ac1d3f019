package io.digitnet.score;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.SampleDecoder;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.BlockPass;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Predictions;
import io.digitnet.nn.Samples;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model's confusion matrix over a labelled table, computed where the data is: the
 * weights are broadcast, each partition classifies its rows in blocks and counts, the
 * driver adds the partitions' counts.
 */
public final class Evaluation {
    private static final int BLOCK_ROWS = 1024;

    private Evaluation() {}

    public static Confusion of(Architecture architecture, Parameters parameters, Dataset<Row> digits, String source) {
        boolean pixels = SampleDecoder.hasPixels(digits.schema());
        Dataset<Row> rows = digits.select(DigitFrames.ID, DigitFrames.LABEL,
                pixels ? DigitFrames.PIXELS : DigitFrames.FEATURES);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(digits.sparkSession().sparkContext());
        Broadcast<Parameters> weights = jsc.broadcast(parameters);
        try {
            List<Confusion> parts = rows.javaRDD()
                    .mapPartitions(partition -> List.of(
                            count(architecture, weights.value(), partition, source, pixels)).iterator())
                    .collect();
            Confusion total = new Confusion(architecture.outputs());
            parts.forEach(total::addAll);
            return total;
        } finally {
            weights.destroy();
        }
    }

    private static Confusion count(Architecture architecture, Parameters parameters, Iterator<Row> rows,
            String source, boolean pixels) {
        Confusion confusion = new Confusion(architecture.outputs());
        BlockPass pass = new BlockPass(architecture, BLOCK_ROWS);
        List<Row> block = new ArrayList<>(BLOCK_ROWS);
        while (rows.hasNext()) {
            block.clear();
            while (rows.hasNext() && block.size() < BLOCK_ROWS) {
                block.add(rows.next());
            }
            Samples samples = new SampleDecoder(source, pixels).decode(block.iterator(), block.size());
            double[] outputs = pass.forward(parameters, samples.features, 0, samples.count);
            for (int r = 0; r < samples.count; r++) {
                confusion.add(samples.labels[r], Predictions.argmax(outputs, r, architecture.outputs()));
            }
        }
        return confusion;
    }
}
