package io.digitnet.score;

import io.digitnet.data.ImageForm;
import io.digitnet.data.images.FieldSplitter;
import io.digitnet.data.images.UnreadableImageException;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads a field of several digits from its image file: split into digits
 * ({@link FieldSplitter}, which asks this reader's network how sure it is of candidate
 * pieces), each normalised as a single scan is, and the field's digits scored as one block
 * through {@link BlockScorer}, the scoring path of single digits. Not thread-safe: one per task.
 */
public final class FieldReader {
    private final BlockScorer scorer;

    /**
     * A field as read: its digits left to right, each digit's prediction and confidence, and
     * the field's confidence, the product of its digits' (the chance that all are right).
     */
    public record Reading(String text, int[] predictions, double[] confidences, double confidence) {
        public int digits() {
            return predictions.length;
        }
    }

    public FieldReader(Architecture architecture, Parameters parameters) {
        this.scorer = new BlockScorer(architecture, parameters, ImageForm.PIXEL_BYTES, 0);
    }

    /** The field in a PNG or JPEG file; fails with the reason it cannot be read. */
    public Reading read(byte[] file) throws UnreadableImageException {
        List<byte[]> digits = FieldSplitter.digits(file, pixels -> score(List.of(pixels)).confidences()[0]);
        return score(digits);
    }

    /**
     * Why a field's file cannot be read, or null: the same checks as reading, without the
     * network, which only chooses between ways of cutting touching digits.
     */
    public static String rejectReason(byte[] file) {
        try {
            FieldSplitter.digits(file, pixels -> 1);
            return null;
        } catch (UnreadableImageException e) {
            return e.getMessage();
        }
    }

    /** The digits through the network, a block at a time. */
    private Reading score(List<byte[]> digits) {
        int[] predictions = new int[digits.size()];
        double[] confidences = new double[digits.size()];
        StringBuilder text = new StringBuilder();
        double confidence = 1;
        for (int from = 0; from < digits.size(); from += BlockScorer.BLOCK_ROWS) {
            List<Row> block = new ArrayList<>();
            for (byte[] digit : digits.subList(from, Math.min(digits.size(), from + BlockScorer.BLOCK_ROWS))) {
                block.add(RowFactory.create((Object) digit));
            }
            scorer.next(block.iterator());
            for (int i = 0; i < scorer.size(); i++) {
                predictions[from + i] = scorer.prediction(i);
                confidences[from + i] = scorer.confidence(i);
                text.append(predictions[from + i]);
                confidence *= confidences[from + i];
            }
        }
        return new Reading(text.toString(), predictions, confidences, confidence);
    }
}
