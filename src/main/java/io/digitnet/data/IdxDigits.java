package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * MNIST images and labels in IDX files, read into Spark by the executors: the driver
 * reads and checks the two headers (and scans the labels, one byte per image), then each
 * task opens the files itself and reads its own range of rows. A raw file is split into
 * ranges that tasks seek to; a gzip file cannot be split, so one task reads it (and
 * {@link DigitLoader#vectors} spreads the rows out after).
 */
public final class IdxDigits {
    /** Rows per task for raw files: about 64 MB of pixels. */
    private static final long ROWS_PER_SPLIT = (64L << 20) / DigitImages.PIXELS;

    private IdxDigits() {}

    /** The conventional labels file beside an images file: *-images-idx3-ubyte* to *-labels-idx1-ubyte*. */
    public static String labelsBeside(String images) {
        Path path = new Path(images);
        String name = path.getName();
        if (!name.contains("images-idx3")) {
            return null;
        }
        return new Path(path.getParent(), name.replace("images-idx3", "labels-idx1")).toString();
    }

    /**
     * Rows (id, label, pixels) of the images file and its labels file, in source order.
     * A raw file is read in {@code partitions} tasks (0: Spark's default parallelism, or
     * more for a large file); a gzip file in one.
     */
    public static Dataset<Row> read(SparkSession spark, String images, String labels, int partitions) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        IdxHeader imageHeader = header(conf, images, IdxKind.IMAGES);
        IdxHeader labelHeader = header(conf, labels, IdxKind.LABELS);
        if (imageHeader.count() != labelHeader.count()) {
            throw new BadInputException(labels + ": expected " + imageHeader.count() + " labels, one per image in "
                    + images + ", found " + labelHeader.count());
        }
        if (imageHeader.count() == 0) {
            throw new BadInputException(images + ": no rows (the header counts 0 images)");
        }
        checkLabels(conf, labelHeader);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        boolean splittable = !imageHeader.gzip() && !labelHeader.gzip();
        int tasks = !splittable ? 1 : partitions > 0 ? partitions
                : (int) Math.max(jsc.defaultParallelism(), ceilDiv(imageHeader.count(), ROWS_PER_SPLIT));
        List<RowRange> ranges = RowRange.split(imageHeader.count(), tasks);
        Broadcast<SerializableConfiguration> hadoopConf = jsc.broadcast(new SerializableConfiguration(conf));

        JavaRDD<Row> rows = jsc.parallelize(ranges, ranges.size())
                .flatMap(range -> new RangeReader(range, imageHeader, labelHeader, hadoopConf.value().value()));
        return spark.createDataFrame(rows, DigitFrames.COMPACT);
    }

    private static IdxHeader header(Configuration conf, String file, IdxKind expected) {
        Path path = new Path(file);
        return IdxHeader.read(HadoopFiles.fileSystem(path, conf), path, expected);
    }

    /** Every label must be a digit; the labels file is 1/784 of the data, so the driver can afford the scan. */
    private static void checkLabels(Configuration conf, IdxHeader labels) {
        Path path = new Path(labels.file());
        try (InputStream in = new BufferedInputStream(labels.openAt(HadoopFiles.fileSystem(path, conf), 0), 1 << 16)) {
            for (long i = 0; i < labels.count(); i++) {
                int label = in.read();
                if (label < 0) {
                    throw new BadInputException(labels.file() + ": truncated: expected " + labels.count()
                            + " labels, found " + i);
                }
                if (label >= DigitImages.CLASSES) {
                    throw new BadInputException(labels.file() + ": label " + label + " at index " + i
                            + ", expected 0..9");
                }
            }
            if (in.read() >= 0) {
                throw new BadInputException(labels.file() + ": more data after the " + labels.count()
                        + " labels the header declares");
            }
        } catch (EOFException e) {
            throw new BadInputException(labels.file() + ": truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + labels.file(), e);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Rows [start, end) of a file; a task's share. */
    record RowRange(long start, long end) implements java.io.Serializable {
        static List<RowRange> split(long count, int parts) {
            int n = (int) Math.max(1, Math.min(parts, count));
            List<RowRange> ranges = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ranges.add(new RowRange(count * i / n, count * (i + 1) / n));
            }
            return ranges;
        }
    }

    /** Streams one range's rows from the two files; one pixel array per row, as rows own their data. */
    private static final class RangeReader implements Iterator<Row> {
        private final IdxHeader images;
        private final DataInputStream pixelsIn;
        private final InputStream labelsIn;
        private final long end;
        private long next;

        RangeReader(RowRange range, IdxHeader images, IdxHeader labels, Configuration conf) throws IOException {
            this.images = images;
            FileSystem imageFs = HadoopFiles.fileSystem(new Path(images.file()), conf);
            FileSystem labelFs = HadoopFiles.fileSystem(new Path(labels.file()), conf);
            this.pixelsIn = new DataInputStream(new BufferedInputStream(images.openAt(imageFs, range.start()), 1 << 20));
            this.labelsIn = new BufferedInputStream(labels.openAt(labelFs, range.start()), 1 << 16);
            this.next = range.start();
            this.end = range.end();
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> close());
            }
        }

        @Override
        public boolean hasNext() {
            if (next < end) {
                return true;
            }
            close();
            return false;
        }

        @Override
        public Row next() {
            if (next >= end) {
                throw new NoSuchElementException();
            }
            try {
                byte[] pixels = new byte[DigitImages.PIXELS];
                pixelsIn.readFully(pixels);
                int label = labelsIn.read();
                if (label < 0) {
                    throw new EOFException();
                }
                return RowFactory.create(next++, label, pixels);
            } catch (EOFException e) {
                throw new BadInputException(images.file() + ": truncated: the header declares " + images.count()
                        + " images, the data ends at image " + next);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + images.file() + " at image " + next, e);
            }
        }

        private void close() {
            try {
                pixelsIn.close();
                labelsIn.close();
            } catch (IOException e) {
                // Nothing to recover: the rows were read, or the task has failed already.
            }
        }
    }
}
