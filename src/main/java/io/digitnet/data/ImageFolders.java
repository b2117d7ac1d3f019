package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Folders of scanned digits as image files (PNG, JPEG; sub-folders included) as rows
 * (path, modificationTime, length, content), the columns of Spark's binaryFile source.
 * Not that source itself: it skips empty files, and an empty scan is a form that must get
 * an outcome (a reject), not vanish. The driver lists the files; the executors read them,
 * one at a time, so the driver never holds an image.
 */
public final class ImageFolders {
    public static final String PATH = "path";
    /** The column holding a file's bytes. */
    public static final String CONTENT = "content";
    /**
     * Files a scoring task reads at most: a task's results are then a few thousand rows, and
     * a retried task redoes little.
     */
    private static final int FILES_PER_PARTITION = 2000;
    public static final StructType SCHEMA = new StructType()
            .add(PATH, DataTypes.StringType, false)
            .add("modificationTime", DataTypes.TimestampType, false)
            .add("length", DataTypes.LongType, false)
            .add(CONTENT, DataTypes.BinaryType, false);

    /**
     * The image files under a folder as the driver listed them: (path, modificationTime,
     * length) of each, in the listing's order, and the hidden ones left out.
     */
    public record Listing(String folder, List<Row> files, ImageTable.Hidden hidden) {
        /** The files' bytes together, by the listing. */
        public long bytes() {
            return files.stream().mapToLong(file -> file.getLong(2)).sum();
        }
    }

    private ImageFolders() {}

    /** The folder's images as a table to score, in tasks of at most 2000 files, a whole number of waves. */
    public static ImageTable read(SparkSession spark, String folder) {
        return read(spark, list(spark, folder));
    }

    /** As {@link #read(SparkSession, String)}, the folder listed already. */
    public static ImageTable read(SparkSession spark, Listing listing) {
        int parallelism = spark.sparkContext().defaultParallelism();
        // Whole waves: 5 tasks on 2 cores would leave one core idle while the fifth runs.
        int waves = (listing.files().size() + parallelism * FILES_PER_PARTITION - 1) / (parallelism * FILES_PER_PARTITION);
        return new ImageTable(rows(spark, listing, waves * parallelism), CONTENT, ImageForm.IMAGE_FILE,
                listing.hidden());
    }

    /**
     * The folder's image files, listed by the driver; a folder with none (hidden ones aside)
     * and anything but a folder are refused.
     */
    public static Listing list(SparkSession spark, String folder) {
        return list(spark.sparkContext().hadoopConfiguration(), folder);
    }

    /** As {@link #list(SparkSession, String)}, with the given Hadoop configuration. */
    public static Listing list(Configuration conf, String folder) {
        Path root = new Path(folder);
        FileSystem fs = HadoopFiles.fileSystem(root, conf);
        if (!HadoopFiles.status(fs, root, "folder of images").isDirectory()) {
            throw new BadInputException(folder + ": expected a folder of *.png, *.jpg or *.jpeg scans, found a file");
        }
        List<Row> files = new ArrayList<>();
        Path qualified = fs.makeQualified(root);
        java.nio.file.Path local = HadoopFiles.localPath(fs, qualified);
        ImageTable.Hidden hidden = local != null ? listLocal(local, files) : list(fs, qualified, files);
        if (files.isEmpty()) {
            throw new BadInputException(folder + ": no rows (no *.png, *.jpg or *.jpeg files"
                    + (hidden.files() > 0 ? " but hidden ones; " + hidden.describe() : "") + ")");
        }
        return new Listing(folder, files, hidden);
    }

    /** The listed files as rows (path, modificationTime, length, content) in {@code partitions} tasks, read by the executors. */
    public static org.apache.spark.sql.Dataset<Row> rows(SparkSession spark, Listing listing, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> executorConf = jsc.broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()));
        JavaRDD<Row> rows = jsc.parallelize(listing.files(), partitions).mapPartitions(files -> new Iterator<Row>() {
            private FileSystem fs;

            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Row next() {
                Row file = files.next();
                Path path = new Path(file.getString(0));
                if (fs == null) { // all under one folder, so on one file system
                    fs = HadoopFiles.plainFileSystem(path, executorConf.value().get());
                }
                byte[] content = content(fs, path);
                return RowFactory.create(file.get(0), file.get(1), (long) content.length, content);
            }
        });
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * A file's bytes, read past the local file system's checksums (the plain file system): the
     * ".crc" beside each file costs a second open and a check, 3 times the reading itself
     * (85-240 against 27-36 µs of CPU a scan, measured), and would refuse as corrupt a scan
     * that another program replaced.
     */
    public static byte[] content(FileSystem fs, Path path) {
        try (InputStream in = fs.open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /**
     * Adds (path, modificationTime, length) of every image file under {@code root} to
     * {@code files}, hidden ones left out and returned: by Spark's rule, as macOS's "._x.png"
     * and staged output are not scans, but a user is told of them.
     */
    private static ImageTable.Hidden list(FileSystem fs, Path root, List<Row> files) {
        long[] hidden = {0};
        String[] example = {null};
        try {
            HadoopFiles.forEachFile(fs, root, file -> {
                if (isImageName(file.getPath().getName().toLowerCase(Locale.ROOT))) {
                    if (HadoopFiles.isHidden(root, file.getPath())) {
                        hidden[0]++;
                        example[0] = example[0] != null ? example[0]
                                : root.toUri().relativize(file.getPath().toUri()).getPath();
                    } else {
                        files.add(RowFactory.create(file.getPath().toString(), new Timestamp(file.getModificationTime()),
                                file.getLen()));
                    }
                }
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
        return new ImageTable.Hidden(hidden[0], example[0]);
    }

    /**
     * As {@link #list(FileSystem, Path, List)}, on the local file system through java.nio
     * ({@link HadoopFiles#localPath}), time in which the driver alone works. The same rows, in
     * name order.
     */
    private static ImageTable.Hidden listLocal(java.nio.file.Path root, List<Row> files) {
        long[] hidden = {0};
        String[] example = {null};
        try {
            listLocal(root, root, false, files, hidden, example);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
        return new ImageTable.Hidden(hidden[0], example[0]);
    }

    /** A folder's image files, then its sub-folders', as {@link HadoopFiles#forEachFile} visits them. */
    private static void listLocal(java.nio.file.Path root, java.nio.file.Path folder, boolean inHidden, List<Row> files,
            long[] hidden, String[] example) throws IOException {
        List<java.nio.file.Path> subFolders = new ArrayList<>();
        for (java.nio.file.Path entry : HadoopFiles.localEntries(folder)) {
            String name = entry.getFileName().toString();
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class); // links followed, as Hadoop's
            } catch (java.nio.file.NoSuchFileException gone) {
                continue; // removed since the folder was read, or a broken link: Hadoop's listing skips it too
            }
            if (attributes.isDirectory()) {
                subFolders.add(entry);
            } else if (isImageName(name.toLowerCase(Locale.ROOT))) {
                if (inHidden || HadoopFiles.isHiddenName(name)) {
                    hidden[0]++;
                    example[0] = example[0] != null ? example[0] : root.relativize(entry).toString();
                } else {
                    files.add(RowFactory.create("file:" + entry, new Timestamp(attributes.lastModifiedTime().toMillis()),
                            attributes.size()));
                }
            }
        }
        for (java.nio.file.Path subFolder : subFolders) {
            listLocal(root, subFolder, inHidden || HadoopFiles.isHiddenName(subFolder.getFileName().toString()), files,
                    hidden, example);
        }
    }

    /**
     * Whether a table holds image files as this reads them, a folder packed by ingest or
     * written by Spark's binaryFile source: a binary {@code content} column (the file's bytes)
     * beside a string {@code path} column. Nothing else tells its content from 784 pixel bytes.
     */
    public static boolean isPacked(StructType schema) {
        List<String> names = java.util.Arrays.asList(schema.fieldNames());
        return names.contains(CONTENT) && names.contains(PATH)
                && schema.apply(CONTENT).dataType().equals(DataTypes.BinaryType)
                && schema.apply(PATH).dataType().equals(DataTypes.StringType);
    }

    /** Whether a file's name says it is one of the images this reads. */
    static boolean isImageName(String lowerCaseName) {
        return lowerCaseName.endsWith(".png") || lowerCaseName.endsWith(".jpg") || lowerCaseName.endsWith(".jpeg");
    }
}
