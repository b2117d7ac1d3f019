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
 * through {@link BlockScorer}, the scoring path of single digits. With a {@link DigitCheck},
 * candidate pieces are judged also by how sure it is that each is one whole digit. Not
 * thread-safe: one per task.
 */
public final class FieldReader {
    private final BlockScorer scorer;
    /** The whole-digit check's network, or null to judge by the digit network alone. */
    private final BlockScorer check;
    private final FieldSplitter.Judge judge = new FieldSplitter.Judge() {
        @Override
        public double confidence(byte[] mnistPixels) {
            double confidence = score(List.of(mnistPixels)).confidences()[0];
            return check == null ? confidence : confidence * wholeness(mnistPixels);
        }

        @Override
        public boolean knowsWholeDigits() {
            return check != null;
        }
    };

    /**
     * A field as read: its digits left to right, each digit's prediction and confidence, and
     * the field's confidence, the product of its digits' (the chance that all are right).
     */
    public record Reading(String text, int[] predictions, double[] confidences, double confidence) {
        public int digits() {
            return predictions.length;
        }
    }

    /** A reader with the digit network {@code architecture} and {@code parameters}, and {@code check} (or null). */
    public FieldReader(Architecture architecture, Parameters parameters, DigitCheck check) {
        this.scorer = new BlockScorer(architecture, parameters, ImageForm.PIXEL_BYTES, 0);
        this.check = check == null ? null
                : new BlockScorer(check.architecture(), check.parameters(), ImageForm.PIXEL_BYTES, 0);
    }

    /** The field in a PNG or JPEG file; fails with the reason it cannot be read. */
    public Reading read(byte[] file) throws UnreadableImageException {
        return score(FieldSplitter.digits(file, judge));
    }

    /** How sure the check is that the pixels show one whole digit. */
    private double wholeness(byte[] mnistPixels) {
        check.next(List.of(RowFactory.create((Object) mnistPixels)).iterator());
        return DigitCheck.wholeness(check.outputs(0));
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
