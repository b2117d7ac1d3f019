package io.digitnet.data;

import io.digitnet.BadInputException;
import io.digitnet.nn.CompactRows;
import io.digitnet.nn.Samples;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * Rows (id, label, and pixels or features) into {@link Samples}, checking each
 * row: a label outside the network's classes (0..9 for a digit network), a vector of the
 * wrong length or with a value outside [0,1] fails the job with the row's id; nothing is dropped.
 */
public final class SampleDecoder {
    private final String source;
    private final boolean pixels;
    private final ImageForm form;
    private final int classes;
    private int imageColumn = -1;
    private long contentHash;

    public SampleDecoder(String source, boolean pixels) {
        this(source, pixels, DigitImages.CLASSES);
    }

    /** Labels must be 0..classes-1: a network with fewer outputs (a 2-class check) has no output for the others. */
    public SampleDecoder(String source, boolean pixels, int classes) {
        this.source = source;
        this.pixels = pixels;
        this.form = pixels ? ImageForm.PIXEL_BYTES : ImageForm.VECTOR;
        this.classes = classes;
    }

    /** Which column holds the image: pixels (ingest's bytes) or features (a vector). */
    public static boolean hasPixels(org.apache.spark.sql.types.StructType schema) {
        return java.util.Arrays.asList(schema.fieldNames()).contains(DigitFrames.PIXELS);
    }

    /** Decodes every row into one block of samples. */
    public Samples decode(Iterator<Row> rows) {
        return decode(rows, Integer.MAX_VALUE);
    }

    /**
     * Decodes the rows into blocks of {@link CompactRows#CHUNK_ROWS} (the last may be
     * smaller; an empty input gives one empty block), each decoded when asked for, so that a
     * cache can keep or spill each on its own; {@link Samples#concat} joins them.
     */
    public Iterator<Samples> decodeChunks(Iterator<Row> rows) {
        return new Iterator<>() {
            private boolean first = true;

            @Override
            public boolean hasNext() {
                return first || rows.hasNext();
            }

            @Override
            public Samples next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                first = false;
                return decode(rows, CompactRows.CHUNK_ROWS);
            }
        };
    }

    /** Decodes up to {@code limit} rows, checking each, into compact samples. */
    private Samples decode(Iterator<Row> rows, int limit) {
        CompactRows.Builder inputs = new CompactRows.Builder(DigitImages.PIXELS);
        double[] image = new double[DigitImages.PIXELS];
        int[] labels = new int[16];
        int count = 0;
        while (count < limit && rows.hasNext()) {
            Row row = rows.next();
            if (count == labels.length) {
                labels = java.util.Arrays.copyOf(labels, count * 2);
            }
            long id = row.getLong(row.fieldIndex(DigitFrames.ID));
            int label = label(row, source + ": row id " + id, classes);
            labels[count] = label;
            String problem = form.decode(row, imageColumn(row), image, 0);
            if (problem != null) {
                throw new BadInputException(source + ": row id " + id + ": " + problem);
            }
            long hash = io.digitnet.nn.Seeds.mix(id * 31 + label);
            for (int p = 0; p < DigitImages.PIXELS; p++) {
                hash = hash * 31 + Double.hashCode(image[p]);
            }
            contentHash += io.digitnet.nn.Seeds.mix(hash);
            inputs.add(image, 0);
            count++;
        }
        return new Samples(inputs.build(), java.util.Arrays.copyOf(labels, count));
    }

    /** Sum of the decoded rows' hashes: the same rows in any order give the same value. */
    public long contentHash() {
        return contentHash;
    }

    private int imageColumn(Row row) {
        if (imageColumn < 0) {
            imageColumn = row.fieldIndex(pixels ? DigitFrames.PIXELS : DigitFrames.FEATURES);
        }
        return imageColumn;
    }

    /**
     * The row's label, which must be a class 0..classes-1 of the network: training and
     * evaluation need one; {@code where} names the row in the message if it is not.
     */
    public static int label(Row row, String where, int classes) {
        Object value = row.get(row.fieldIndex(DigitFrames.LABEL));
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.intValue() < 0 || number.intValue() >= classes) {
            throw new BadInputException(where + ": expected a label 0.." + (classes - 1) + ", found " + value);
        }
        return number.intValue();
    }
}
