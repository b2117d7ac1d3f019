package io.digitnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading IDX from, and ingesting into, a real HDFS (an in-process MiniDFSCluster). */
class HdfsTest {
    static MiniDFSCluster hdfs;
    static SparkSession spark;
    static String root;

    @TempDir
    static Path base;

    @BeforeAll
    static void start() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base.toFile(), "hdfs").getAbsolutePath());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        root = hdfs.getURI().toString();
        spark = LocalSpark.start(HdfsTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    private static String upload(Path local, String dir) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(root + dir + "/" + local.getFileName());
        hdfs.getFileSystem().mkdirs(new org.apache.hadoop.fs.Path(root + "/listing"));
        hdfs.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), target);
        return target.toString();
    }

    @Test
    void readsRawIdxInRangesFromHdfs() throws IOException {
        Path images = IdxFixtures.writePair(base.resolve("raw"), "digits", 90, 31, false);
        upload(images.resolveSibling("digits-labels-idx1-ubyte"), "/raw");
        String onHdfs = upload(images, "/raw");
        assertTrue(onHdfs.startsWith("hdfs://"), onHdfs);

        List<Row> rows = DigitLoader.compact(spark, DigitLoader.Source.of(onHdfs), 3).orderBy("id").collectAsList();
        byte[] pixels = IdxFixtures.pixels(90, 31);
        assertEquals(90, rows.size());
        for (int i = 0; i < 90; i++) {
            assertEquals(i, rows.get(i).getLong(0));
            assertArrayEquals(Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784), (byte[]) rows.get(i).get(2));
        }
    }

    @Test
    void ingestsGzipIdxFromHdfsToHdfs() throws IOException {
        Path images = IdxFixtures.writePair(base.resolve("gz"), "digits", 40, 32, true);
        upload(images.resolveSibling("digits-labels-idx1-ubyte.gz"), "/gz");
        String onHdfs = upload(images, "/gz");
        String out = root + "/tables/digits";
        OutputDir output = OutputDir.begin(out, false, spark.sparkContext().hadoopConfiguration(), "--output");
        WrittenParquet result = Ingest.run(spark, DigitLoader.Source.of(onHdfs), output, 0, 1000, line -> { });
        assertEquals(40, result.rows());
        assertEquals(40, spark.read().parquet(out).count());
        FileSystem fs = hdfs.getFileSystem();
        assertEquals(1, fs.listStatus(new org.apache.hadoop.fs.Path("/tables")).length, "only the committed output");
    }

    @Test
    void refusesTruncatedFileOnHdfs() throws IOException {
        Path images = IdxFixtures.writePair(base.resolve("cut"), "digits", 10, 33, false);
        byte[] whole = java.nio.file.Files.readAllBytes(images);
        java.nio.file.Files.write(images, Arrays.copyOf(whole, whole.length - 784));
        upload(images.resolveSibling("digits-labels-idx1-ubyte"), "/cut");
        String onHdfs = upload(images, "/cut");
        BadInputException e = assertThrows(BadInputException.class,
                () -> DigitLoader.compact(spark, DigitLoader.Source.of(onHdfs), 0));
        assertTrue(e.getMessage().startsWith(onHdfs + ": truncated"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /**
     * A local folder of scans, listed through java.nio, gives the rows Hadoop's own listing
     * gives for the same tree on HDFS: the same files in the same order with their lengths,
     * sub-folders after the folder's files, and the same hidden ones left out and named.
     */
    @Test
    void listsALocalFolderOfScansAsHadoopListsItOnHdfs() throws IOException {
        Path scans = base.resolve("listing/scans");
        java.nio.file.Files.createDirectories(scans.resolve("b/inner"));
        java.nio.file.Files.createDirectories(scans.resolve("_staging"));
        java.nio.file.Files.createDirectories(scans.resolve("a"));
        String[] names = {"2-1.png", "10-3.JPG", "a/5-0.jpeg", "b/1-1.png", "b/inner/0-9.png", "b/notes.txt",
            "_staging/7-7.png", "._2-1.png", "b/.hidden.jpg", "z.csv", "0-0.png"};
        for (int n = 0; n < names.length; n++) {
            java.nio.file.Files.write(scans.resolve(names[n]), new byte[n + 1]);
        }
        ImageFolders.Listing local = ImageFolders.list(new Configuration(), scans.toString());
        hdfs.getFileSystem().mkdirs(new org.apache.hadoop.fs.Path(root + "/listing"));
        hdfs.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(scans.toUri()),
                new org.apache.hadoop.fs.Path(root + "/listing"));
        ImageFolders.Listing remote = ImageFolders.list(spark, root + "/listing/scans");

        assertEquals(List.of("0-0.png", "10-3.JPG", "2-1.png", "a/5-0.jpeg", "b/1-1.png", "b/inner/0-9.png"),
                relative(local), "local");
        assertEquals(relative(local), relative(remote));
        assertEquals(local.files().stream().map(row -> row.getLong(2)).toList(),
                remote.files().stream().map(row -> row.getLong(2)).toList());
        assertTrue(local.files().get(0).getString(0).startsWith("file:/"), local.files().get(0).getString(0));
        assertEquals(scans.resolve("0-0.png").toFile().lastModified(),
                ((java.sql.Timestamp) local.files().get(0).get(1)).getTime());
        assertEquals(3, local.hidden().files());
        assertEquals(remote.hidden(), local.hidden());
    }

    private static List<String> relative(ImageFolders.Listing listing) {
        String folder = new org.apache.hadoop.fs.Path(listing.files().get(0).getString(0)).getParent().toString();
        return listing.files().stream().map(row -> row.getString(0).substring(folder.length() + 1)).toList();
    }
}
