package io.digitnet.score;

import io.digitnet.BadInputException;
import io.digitnet.data.ImageFolders;
import io.digitnet.data.ImageTable;
import io.digitnet.data.images.UnreadableImageException;
import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * A model read over labelled fields, where the images are: each partition reads its fields
 * ({@link FieldReader}, the path score --fields takes) and counts; the driver adds the
 * counts. A field is right when its whole text is; its count is right when it has as many
 * digits as its label. Its digits are compared position by position only when the count
 * is right (with a digit missing or extra, positions no longer say which digit is which):
 * the per-digit figures are over the digits of those fields. A field that cannot be read
 * (no ink, not an image) has the count and text wrong, and is counted as rejected.
 *
 * <p>Which answers could go unchecked is counted twice: fields by their confidence (a field
 * is right when its whole text is; one that cannot be read has confidence 0, so that no
 * threshold above 0 accepts it), and digits by theirs, over the fields whose count is right.
 */
public final class FieldEvaluation {

    /** What the fields' reading came to. */
    public static final class Figures implements Serializable {
        private static final long serialVersionUID = 1L;
        long fields;
        long textRight;
        long countRight;
        long rejected;
        /** Labelled digits in all fields, and of them those read right in fields whose count is right. */
        long labelledDigits;
        final Confusion digits;
        final AcceptanceCurve.Tally fieldConfidences = new AcceptanceCurve.Tally();
        final AcceptanceCurve.Tally digitConfidences = new AcceptanceCurve.Tally();
        /** Fields read with another count than labelled, or rejected: the first {@link FieldEvaluation#SHOWN} by path, and what was read. */
        final java.util.TreeMap<String, String> miscounted = new java.util.TreeMap<>();

        Figures(int classes) {
            digits = new Confusion(classes);
        }

        Figures addAll(Figures other) {
            fields += other.fields;
            textRight += other.textRight;
            countRight += other.countRight;
            rejected += other.rejected;
            labelledDigits += other.labelledDigits;
            digits.addAll(other.digits);
            fieldConfidences.addAll(other.fieldConfidences);
            digitConfidences.addAll(other.digitConfidences);
            other.miscounted.forEach(this::miscounted);
            return this;
        }

        /** A field read with the wrong count, kept if its path is among the first {@link FieldEvaluation#SHOWN}. */
        private void miscounted(String path, String read) {
            miscounted.put(path, read);
            if (miscounted.size() > SHOWN) {
                miscounted.pollLastEntry();
            }
        }

        /** A field's reading against its label; {@code reading} null for a reject, with its reason. */
        void add(String path, String label, FieldReader.Reading reading, String rejectReason) {
            fields++;
            labelledDigits += label.length();
            if (reading == null) {
                rejected++;
                fieldConfidences.add(0, false);
                miscounted(path, "labelled " + label + ", rejected: " + rejectReason);
                return;
            }
            if (reading.digits() != label.length()) {
                miscounted(path, "labelled " + label + ", read " + reading.text());
            }
            boolean right = reading.text().equals(label);
            if (right) {
                textRight++;
            }
            fieldConfidences.add(reading.confidence(), right);
            if (reading.digits() == label.length()) {
                countRight++;
                for (int d = 0; d < label.length(); d++) {
                    int truth = label.charAt(d) - '0';
                    digits.add(truth, reading.predictions()[d]);
                    digitConfidences.add(reading.confidences()[d], truth == reading.predictions()[d]);
                }
            }
        }

        public long fields() {
            return fields;
        }

        public double fieldAccuracy() {
            return (double) textRight / fields;
        }

        public double countAccuracy() {
            return (double) countRight / fields;
        }

        /** Over the digits of fields whose count is right, position by position. */
        public double digitAccuracy() {
            return digits.accuracy();
        }

        /** The digits read right (in fields of the right count) among all labelled digits. */
        public double digitsReadRight() {
            return (double) digits.correct() / labelledDigits;
        }

        /** The fields a confidence threshold accepts without a person, and how many of them are wrong. */
        public AcceptanceCurve fieldAcceptance() {
            return fieldConfidences.curve();
        }

        /** The same for the digits of the fields whose count is right. */
        public AcceptanceCurve digitAcceptance() {
            return digitConfidences.curve();
        }

        /** The figures and the per-digit confusion matrix as a plain-text table. */
        public String table() {
            return String.format("fields %d: text right %.4f (%d), digit count right %.4f (%d), rejected %d%n"
                    + "digits: %.4f of all %d labelled digits read right; in the %d fields of the right count, "
                    + "position by position:%n", fields, fieldAccuracy(), textRight, countAccuracy(), countRight,
                    rejected, digitsReadRight(), labelledDigits, countRight) + digits.table() + miscountedTable();
        }

        /** The fields read with the wrong count (or rejected), the first by path: where to look first. */
        private String miscountedTable() {
            long wrong = fields - countRight;
            if (wrong == 0) {
                return "";
            }
            StringBuilder out = new StringBuilder(String.format("%nfields read with another count than labelled, "
                    + "or rejected: %d%s%n", wrong, wrong > miscounted.size() ? " (the first " + miscounted.size()
                    + " by path)" : ""));
            miscounted.forEach((path, read) -> out.append("  ").append(path).append(": ").append(read).append('\n'));
            return out.toString();
        }

        /** The same as JSON-ready maps. */
        public Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("fields", fields);
            out.put("fieldAccuracy", fieldAccuracy());
            out.put("textRight", textRight);
            out.put("countAccuracy", countAccuracy());
            out.put("countRight", countRight);
            out.put("rejected", rejected);
            out.put("labelledDigits", labelledDigits);
            out.put("digitsReadRight", digitsReadRight());
            out.put("digits", digits.describe());
            out.put("miscountedFirst", new LinkedHashMap<>(miscounted));
            return out;
        }
    }

    /** Fields read with the wrong count shown by path, at most. */
    private static final int SHOWN = 10;

    private FieldEvaluation() {}

    /**
     * Reads every field of {@code folder} and compares it with its label ({@code labels}:
     * qualified path to text). Every image must have a label and every label an image.
     * {@code check}: the whole-digit check free writing is cut by, or null.
     */
    public static Figures of(Architecture architecture, Parameters parameters, DigitCheck check, ImageTable table,
            Map<String, String> labels, String folder, String labelsFile) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(table.rows().sparkSession().sparkContext());
        Broadcast<Parameters> weights = jsc.broadcast(parameters);
        Broadcast<Map<String, String>> texts = jsc.broadcast(new LinkedHashMap<>(labels));
        int path = table.rows().schema().fieldIndex(ImageFolders.PATH);
        int content = table.rows().schema().fieldIndex(table.imageColumn());
        try {
            List<Figures> parts = table.rows().javaRDD().mapPartitions(rows -> {
                FieldReader reader = new FieldReader(architecture, weights.value(), check);
                Figures figures = new Figures(architecture.outputs());
                while (rows.hasNext()) {
                    Row row = rows.next();
                    FieldReader.Reading reading;
                    String rejectReason = null;
                    try {
                        reading = reader.read((byte[]) row.get(content));
                    } catch (UnreadableImageException e) {
                        reading = null;
                        rejectReason = e.getMessage();
                    }
                    String label = texts.value().get(row.getString(path));
                    if (label == null) {
                        throw new BadInputException(labelsFile + ": expected a label for every field in " + folder
                                + ", found none for " + row.getString(path));
                    }
                    figures.add(row.getString(path), label, reading, rejectReason);
                }
                return List.of(figures).iterator();
            }).collect();
            Figures total = new Figures(architecture.outputs());
            parts.forEach(total::addAll);
            if (total.fields != labels.size()) {
                // Every field had a label, so some label has no field: find one to name.
                Set<String> seen = new HashSet<>(table.rows().select(ImageFolders.PATH)
                        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
                String missing = labels.keySet().stream().filter(p -> !seen.contains(p)).findFirst().orElseThrow();
                throw new BadInputException(labelsFile + ": expected every labelled field in " + folder
                        + ", found no image " + missing);
            }
            return total;
        } finally {
            weights.destroy();
            texts.destroy();
        }
    }
}
