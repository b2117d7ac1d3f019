package io.digitnet.data;

import static org.apache.spark.sql.functions.col;

import io.digitnet.BadInputException;
import io.digitnet.data.images.ScanRenderer;
import io.digitnet.data.images.ScanStyle;
import io.digitnet.nn.Seeds;
import java.io.OutputStream;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Test data for the image path: labelled digits rendered as a scanner delivers them (ink on
 * paper, 3x larger, off-centre on a bigger page, in a {@link ScanStyle}, PNG or JPEG), one file per
 * digit named {@code <id>-<label>.<ext>} so that the label can be read back from the path.
 * The executors render and write; the folder appears only when complete.
 */
public final class ScanData {

    /** Which file format the scans get; MIXED alternates PNG and JPEG. */
    public enum Format { PNG, JPEG, MIXED }

    private ScanData() {}

    /** Renders the first {@code count} digits of {@code source} (all if count is 0); returns the files written. */
    public static long write(SparkSession spark, DigitLoader.Source source, long count, Format format, long seed,
            OutputDir output) {
        return write(spark, source, count, format, ScanStyle.CLEAN, seed, output);
    }

    /** As {@link #write(SparkSession, DigitLoader.Source, long, Format, long, OutputDir)}, in {@code style}. */
    public static long write(SparkSession spark, DigitLoader.Source source, long count, Format format, ScanStyle style,
            long seed, OutputDir output) {
        var digits = DigitLoader.compact(spark, source, 0);
        if (count > 0) {
            digits = digits.filter(col(DigitFrames.ID).lt(count));
        }
        var rows = digits.select(DigitFrames.ID, DigitFrames.LABEL, DigitFrames.PIXELS);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()));
        long[] written = new long[1];
        StagedWrite.run(spark.sparkContext(), output, staging -> {
            written[0] = rows.javaRDD().mapPartitions(partition -> {
                long files = 0;
                while (partition.hasNext()) {
                    Row row = partition.next();
                    long id = row.getLong(0);
                    ScanRenderer.Format as = !style.alwaysJpeg()
                            && (format == Format.PNG || (format == Format.MIXED && id % 2 == 0))
                            ? ScanRenderer.Format.PNG : ScanRenderer.Format.JPEG;
                    Path file = new Path(staging, fileName(id, row.getInt(1), as));
                    FileSystem fs = HadoopFiles.fileSystem(file, conf.value().get());
                    try (OutputStream out = fs.create(file, true)) { // a retried task writes the same bytes again
                        long digitSeed = Seeds.mix(seed * 31 + id);
                        out.write(ScanRenderer.render((byte[]) row.get(2), digitSeed, as, ScanRenderer.Layout.DEFAULT,
                                style));
                    }
                    files++;
                }
                return List.of(files).iterator();
            }).reduce(Long::sum);
            if (written[0] == 0) {
                throw new BadInputException(source.input() + ": no digits to render");
            }
        });
        return written[0];
    }

    /** e.g. 000123-7.png: the digit's id in its source, then its label. */
    static String fileName(long id, int label, ScanRenderer.Format format) {
        return String.format("%06d-%d.%s", id, label, format == ScanRenderer.Format.PNG ? "png" : "jpg");
    }

    /** The label in a path written by {@link #write}, or -1 if the name is not of that form. */
    public static int labelOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dash = name.indexOf('-');
        int dot = name.lastIndexOf('.');
        return dash > 0 && dot == dash + 2 && Character.isDigit(name.charAt(dash + 1)) ? name.charAt(dash + 1) - '0' : -1;
    }
}
