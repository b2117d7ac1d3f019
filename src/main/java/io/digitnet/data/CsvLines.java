package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The data lines of a CSV file or folder of them, each knowing its file: whether that file
 * starts with a header (which fixes the file's layout), the line's id across all files in
 * order and its row within its file. Read with Hadoop's TextInputFormat, whose splits each
 * lie in one file, so a large file is still read by many tasks; a first pass counts each
 * split's rows (as zipWithIndex would) and finds the headers, the second numbers the lines.
 */
final class CsvLines {
    /** Split size, for a caller that asks for a number of read tasks. */
    private static final String MAX_SPLIT = "mapreduce.input.fileinputformat.split.maxsize";

    /**
     * A data line (not blank, not a header).
     *
     * @param file the file as the user named it: the input itself, or the folder as given and the file's path in it
     * @param headed whether the file starts with a header line (then every row has a label)
     * @param id the line's number from 0 across all files, in file order
     * @param row its number from 0 within its file (header and blank lines not counted)
     */
    record Line(String file, boolean headed, long id, long row, String text) implements Serializable {}

    /** A line as read, with its byte offset in its file. */
    private record Raw(String file, long offset, String text) implements Serializable {
        boolean isHeader() {
            return offset == 0 && CsvDigits.isHeader(text);
        }
    }

    /** What the first pass learns of one split: its file, data rows, and (at offset 0) whether the file has a header. */
    private record SplitCount(String file, long rows, boolean startsFile, boolean header) implements Serializable {}

    private CsvLines() {}

    /** The data lines of {@code path}, in {@code partitions} read tasks or more (0: one per block). */
    static JavaRDD<Line> read(SparkSession spark, String path, int partitions) {
        JavaRDD<Raw> raw = rawLines(spark, path, partitions);
        List<SplitCount> counts = raw.mapPartitions(CsvLines::count).collect();
        long[] firstIds = new long[counts.size()];
        Map<String, Long> fileFirstIds = new HashMap<>();
        Map<String, Boolean> headed = new HashMap<>();
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            SplitCount split = counts.get(i);
            firstIds[i] = total;
            if (split.file() != null) {
                fileFirstIds.putIfAbsent(split.file(), total);
                if (split.startsFile()) {
                    headed.put(split.file(), split.header());
                }
            }
            total += split.rows();
        }
        if (total == 0) {
            throw new BadInputException(path + ": no rows ("
                    + (headed.containsValue(true) ? "a header only" : "no data lines") + ")");
        }
        return raw.filter(line -> !line.isHeader()).mapPartitionsWithIndex((index, lines) -> {
            long[] next = {firstIds[index]};
            return map(lines, line -> {
                long id = next[0]++;
                return new Line(line.file(), headed.getOrDefault(line.file(), false), id,
                        id - fileFirstIds.get(line.file()), line.text());
            });
        }, true);
    }

    /** The non-blank lines, each with its file and offset. */
    private static JavaRDD<Raw> rawLines(SparkSession spark, String path, int partitions) {
        Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
        Path root = new Path(path);
        if (partitions > 0) {
            try {
                long bytes = HadoopFiles.fileSystem(root, conf).getContentSummary(root).getLength();
                conf.setLong(MAX_SPLIT, Math.max(1, (bytes + partitions - 1) / partitions));
            } catch (IOException e) {
                throw new UncheckedIOException("listing " + path, e);
            }
        }
        String qualifiedRoot = HadoopFiles.fileSystem(root, conf).makeQualified(root).toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        var lines = (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopFile(path, TextInputFormat.class,
                LongWritable.class, Text.class, conf);
        return lines.mapPartitionsWithInputSplit((split, read) -> {
            String file = asGiven(((FileSplit) split).getPath().toString(), qualifiedRoot, path);
            // The reader reuses its Text: each line is copied out as it comes.
            return map(read, pair -> new Raw(file, pair._1().get(), pair._2().toString()));
        }, true).filter(line -> !line.text().isBlank());
    }

    /** {@code file} (qualified) named as the user named its input {@code given}, whose qualified form is {@code root}. */
    private static String asGiven(String file, String root, String given) {
        if (file.equals(root)) {
            return given;
        }
        return file.startsWith(root + "/") ? given.replaceAll("/+$", "") + file.substring(root.length()) : file;
    }

    private static Iterator<SplitCount> count(Iterator<Raw> lines) {
        String file = null;
        long rows = 0;
        boolean startsFile = false;
        boolean header = false;
        while (lines.hasNext()) {
            Raw line = lines.next();
            file = line.file();
            if (line.offset() == 0) {
                startsFile = true;
                header = line.isHeader();
            }
            if (!line.isHeader()) {
                rows++;
            }
        }
        return List.of(new SplitCount(file, rows, startsFile, header)).iterator();
    }

    private static <A, B> Iterator<B> map(Iterator<A> from, java.util.function.Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return from.hasNext();
            }

            @Override
            public B next() {
                return f.apply(from.next());
            }
        };
    }
}
