package io.digitnet.data;

import static org.apache.spark.sql.functions.col;

import io.digitnet.BadInputException;
import io.digitnet.data.images.FieldRenderer;
import io.digitnet.data.images.ScanRenderer;
import io.digitnet.data.images.ScanStyle;
import io.digitnet.nn.Seeds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Test data for reading fields: labelled digits rendered several to a field (free or in a
 * comb, in a {@link ScanStyle}), one file per field named {@code <id>-<text>.<ext>}, and
 * {@code labels.csv} (path,text: the file's name and the field's digits, as written). The
 * digits are taken in their source's order, each once, wrapping round if the fields need
 * more. The executors render and write; the folder appears only when complete.
 */
public final class FieldData {
    public static final String LABELS = "labels.csv";

    /** How fields are laid out; MIXED alternates free and comb. */
    public enum Layout { FREE, COMB, MIXED }

    /**
     * What to render: {@code fields} fields (0: as many as the digits fill once) of
     * {@code fewest} to {@code most} digits, in a layout and style.
     */
    public record Settings(long fields, int fewest, int most, Layout layout, ScanData.Format format, ScanStyle style,
            long seed) implements java.io.Serializable {
        public Settings {
            if (fewest < 1 || most < fewest) {
                throw new IllegalArgumentException("fields of " + fewest + " to " + most + " digits");
            }
        }
    }

    private FieldData() {}

    /** Renders the fields into {@code output}; returns how many were written. */
    public static long write(SparkSession spark, DigitLoader.Source source, Settings settings, OutputDir output) {
        var table = DigitLoader.compact(spark, source, 0);
        if (settings.fields() > 0) {
            table = table.filter(col(DigitFrames.ID).lt(settings.fields() * settings.most()));
        }
        List<Row> rows = table.select(DigitFrames.ID, DigitFrames.LABEL, DigitFrames.PIXELS)
                .orderBy(DigitFrames.ID).collectAsList();
        if (rows.isEmpty()) {
            throw new BadInputException(source.input() + ": no digits to render");
        }
        byte[][] pixels = new byte[rows.size()][];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            labels[i] = rows.get(i).getInt(1);
            pixels[i] = (byte[]) rows.get(i).get(2);
        }
        List<int[]> fields = plan(settings, rows.size());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()));
        Broadcast<byte[][]> digits = jsc.broadcast(pixels);
        List<Integer> ids = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            ids.add(f);
        }
        StringBuilder csv = new StringBuilder("path,text\n");
        List<String> names = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            String name = fileName(f, text(fields.get(f), labels), format(settings, f));
            names.add(name);
            csv.append(name).append(',').append(text(fields.get(f), labels)).append('\n');
        }
        try {
            StagedWrite.run(spark.sparkContext(), output, staging -> {
                jsc.parallelize(ids, Math.max(jsc.defaultParallelism(), fields.size() / 500)).foreach(f -> {
                    List<byte[]> drawn = new ArrayList<>();
                    for (int index : fields.get(f)) {
                        drawn.add(digits.value()[index]);
                    }
                    long seed = Seeds.mix(settings.seed() * 31 + f);
                    FieldRenderer.Layout layout = settings.layout() == Layout.COMB
                            || (settings.layout() == Layout.MIXED && f % 2 == 1) ? FieldRenderer.Layout.COMB
                                    : FieldRenderer.Layout.FREE;
                    Path file = new Path(staging, names.get(f));
                    FileSystem fs = HadoopFiles.fileSystem(file, conf.value().get());
                    try (OutputStream out = fs.create(file, true)) { // a retried task writes the same bytes again
                        out.write(FieldRenderer.render(drawn, seed, format(settings, f), layout, settings.style()));
                    }
                });
                Path file = new Path(staging, LABELS);
                try (OutputStream out = HadoopFiles.fileSystem(file, spark.sparkContext().hadoopConfiguration())
                        .create(file, false)) {
                    out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("writing " + file, e);
                }
            });
        } finally {
            digits.destroy();
        }
        return fields.size();
    }

    /** Each field's digits, as indices into the source's digits: counts drawn from the seed, digits taken in turn. */
    static List<int[]> plan(Settings settings, int available) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(settings.seed()));
        List<int[]> fields = new ArrayList<>();
        int next = 0;
        long used = 0;
        while (settings.fields() > 0 ? fields.size() < settings.fields() : used < available) {
            int count = settings.fewest() + random.nextInt(settings.most() - settings.fewest() + 1);
            if (settings.fields() == 0 && used + count > available) {
                break;
            }
            int[] field = new int[count];
            for (int d = 0; d < count; d++) {
                field[d] = next;
                next = (next + 1) % available;
            }
            used += count;
            fields.add(field);
        }
        return fields;
    }

    private static ScanRenderer.Format format(Settings settings, int field) {
        boolean png = !settings.style().alwaysJpeg() && (settings.format() == ScanData.Format.PNG
                || (settings.format() == ScanData.Format.MIXED && field / 2 % 2 == 0));
        return png ? ScanRenderer.Format.PNG : ScanRenderer.Format.JPEG;
    }

    private static String text(int[] field, int[] labels) {
        StringBuilder text = new StringBuilder();
        for (int index : field) {
            text.append(labels[index]);
        }
        return text.toString();
    }

    /** e.g. 000012-40213.png: the field's number, then its digits. */
    static String fileName(long id, String text, ScanRenderer.Format format) {
        return String.format("%06d-%s.%s", id, text, format == ScanRenderer.Format.PNG ? "png" : "jpg");
    }
}
