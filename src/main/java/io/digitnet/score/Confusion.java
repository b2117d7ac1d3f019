package io.digitnet.score;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of (true label, predicted label), and what they say: accuracy, per-class precision and recall. */
public final class Confusion implements Serializable {
    private static final long serialVersionUID = 1L;

    /** counts[truth][prediction]. */
    private final long[][] counts;

    public Confusion(int classes) {
        counts = new long[classes][classes];
    }

    public void add(int truth, int prediction) {
        counts[truth][prediction]++;
    }

    /** Adds another matrix's counts (partition results, added in partition order). */
    public Confusion addAll(Confusion other) {
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                counts[t][p] += other.counts[t][p];
            }
        }
        return this;
    }

    public int classes() {
        return counts.length;
    }

    public long count(int truth, int prediction) {
        return counts[truth][prediction];
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    public long correct() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    public double accuracy() {
        long total = total();
        return total == 0 ? Double.NaN : (double) correct() / total;
    }

    /** Of the samples predicted as c, the share that are c. */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) counts[c][c] / predicted;
    }

    /** Of the samples that are c, the share predicted as c. */
    public double recall(int c) {
        long actual = 0;
        for (long n : counts[c]) {
            actual += n;
        }
        return actual == 0 ? Double.NaN : (double) counts[c][c] / actual;
    }

    /** The matrix and the per-class figures as a plain-text table. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("accuracy %.4f (%d of %d)%n%n", accuracy(), correct(), total()));
        out.append("true\\pred");
        for (int p = 0; p < counts.length; p++) {
            out.append(String.format("%7d", p));
        }
        out.append(String.format("  %9s %9s%n", "precision", "recall"));
        for (int t = 0; t < counts.length; t++) {
            out.append(String.format("%9d", t));
            for (int p = 0; p < counts.length; p++) {
                out.append(String.format("%7d", counts[t][p]));
            }
            out.append(String.format("  %9.4f %9.4f%n", precision(t), recall(t)));
        }
        return out.toString();
    }

    /** The same as JSON-ready maps and lists. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", accuracy());
        out.put("correct", correct());
        out.put("total", total());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("class", c);
            one.put("precision", precision(c));
            one.put("recall", recall(c));
            classes.add(one);
        }
        out.put("classes", classes);
        List<List<Long>> matrix = new ArrayList<>();
        for (long[] row : counts) {
            List<Long> values = new ArrayList<>();
            for (long c : row) {
                values.add(c);
            }
            matrix.add(values);
        }
        out.put("confusion_matrix", matrix);
        return out;
    }
}
