package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
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
    private static final int FILES_PER_PARTITION = 2000;
    private static final StructType SCHEMA = new StructType()
            .add(PATH, DataTypes.StringType, false)
            .add("modificationTime", DataTypes.TimestampType, false)
            .add("length", DataTypes.LongType, false)
            .add(CONTENT, DataTypes.BinaryType, false);

    private ImageFolders() {}

    public static ImageTable read(SparkSession spark, String folder) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Row> files = new ArrayList<>();
        ImageTable.Hidden hidden = list(folder, conf, files);
        if (files.isEmpty()) {
            throw new BadInputException(folder + ": no rows (no *.png, *.jpg or *.jpeg files"
                    + (hidden.files() > 0 ? " but hidden ones; " + hidden.describe() : "") + ")");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(jsc.defaultParallelism(), (files.size() + FILES_PER_PARTITION - 1) / FILES_PER_PARTITION);
        Broadcast<HadoopConf> executorConf = jsc.broadcast(new HadoopConf(conf));
        JavaRDD<Row> rows = jsc.parallelize(files, partitions).map(file -> {
            Path path = new Path(file.getString(0));
            byte[] content;
            try (InputStream in = HadoopFiles.fileSystem(path, executorConf.value().get()).open(path)) {
                content = in.readAllBytes();
            }
            return RowFactory.create(file.get(0), file.get(1), (long) content.length, content);
        });
        return new ImageTable(spark.createDataFrame(rows, SCHEMA), CONTENT, ImageForm.IMAGE_FILE, hidden);
    }

    /**
     * Adds (path, modificationTime, length) of every image file under {@code folder} to
     * {@code files}, hidden ones left out and returned: by Spark's rule, as macOS's "._x.png"
     * and staged output are not scans, but a user is told of them.
     */
    private static ImageTable.Hidden list(String folder, Configuration conf, List<Row> files) {
        Path root = new Path(folder);
        FileSystem fs = HadoopFiles.fileSystem(root, conf);
        HadoopFiles.status(fs, root, "folder of images");
        long hidden = 0;
        String example = null;
        try {
            Path qualified = fs.makeQualified(root);
            RemoteIterator<LocatedFileStatus> listing = fs.listFiles(qualified, true);
            while (listing.hasNext()) {
                LocatedFileStatus file = listing.next();
                if (!isImageName(file.getPath().getName().toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                if (HadoopFiles.isHidden(qualified, file.getPath())) {
                    hidden++;
                    example = example != null ? example : qualified.toUri().relativize(file.getPath().toUri()).getPath();
                } else {
                    files.add(RowFactory.create(file.getPath().toString(), new Timestamp(file.getModificationTime()),
                            file.getLen()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
        return new ImageTable.Hidden(hidden, example);
    }

    /** Whether a file's name says it is one of the images this reads. */
    static boolean isImageName(String lowerCaseName) {
        return lowerCaseName.endsWith(".png") || lowerCaseName.endsWith(".jpg") || lowerCaseName.endsWith(".jpeg");
    }
}
