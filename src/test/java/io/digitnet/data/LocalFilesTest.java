package io.digitnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system without chmod processes, against Hadoop's own. */
class LocalFilesTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void everyModeGivesThePermissionsHadoopsChmodGives() throws IOException {
        RawLocalFileSystem hadoops = new RawLocalFileSystem();
        hadoops.initialize(URI.create("file:///"), new Configuration());
        LocalFiles.Raw ours = new LocalFiles.Raw();
        ours.initialize(URI.create("file:///"), new Configuration());
        Path byHadoop = new Path(Files.createFile(dir.resolve("hadoop")).toUri());
        Path byUs = new Path(Files.createFile(dir.resolve("ours")).toUri());
        for (int mode = 0; mode < 01000; mode += 7) { // 0, 7, 16, ... covers each bit set and clear
            hadoops.setPermission(byHadoop, new FsPermission((short) mode));
            ours.setPermission(byUs, new FsPermission((short) mode));
            assertEquals(Files.getPosixFilePermissions(dir.resolve("hadoop")),
                    Files.getPosixFilePermissions(dir.resolve("ours")), Integer.toOctalString(mode));
        }
        hadoops.setPermission(byHadoop, new FsPermission((short) 0644)); // readable again for the clean-up
    }

    @Test
    void writesThroughSparksConfigurationKeyCreateFilesAndFoldersAsUsual() throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", LocalFiles.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        FileSystem fs = FileSystem.get(URI.create("file:///"), conf);
        assertEquals(LocalFiles.class, fs.getClass());
        Path folder = new Path(dir.toUri().toString(), "a/b");
        fs.mkdirs(folder);
        try (FSDataOutputStream out = fs.create(new Path(folder, "part"), true)) {
            out.writeBytes("digits");
        }
        assertEquals("digits", Files.readString(dir.resolve("a/b/part")));
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(dir.resolve("a/b")));
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(dir.resolve("a/b/part")));
        fs.close();
    }

    /** A listing's and a status's owner, group and permissions are Hadoop's own, read without a process. */
    @Test
    void statusesHaveTheOwnerAndPermissionsHadoopReads() throws IOException {
        RawLocalFileSystem hadoops = new RawLocalFileSystem();
        hadoops.initialize(URI.create("file:///"), new Configuration());
        LocalFiles.Raw ours = new LocalFiles.Raw();
        ours.initialize(URI.create("file:///"), new Configuration());
        Files.createFile(dir.resolve("a.png"));
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("b.parquet"), "x");
        Files.setPosixFilePermissions(dir.resolve("b.parquet"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path folder = new Path(dir.toUri());
        org.apache.hadoop.fs.FileStatus[] expected = hadoops.listStatus(folder);
        org.apache.hadoop.fs.FileStatus[] actual = ours.listStatus(folder);
        java.util.Arrays.sort(expected);
        java.util.Arrays.sort(actual);
        assertEquals(3, actual.length);
        for (int i = 0; i < expected.length; i++) {
            String name = expected[i].getPath().getName();
            assertEquals(expected[i].getPath(), actual[i].getPath(), name);
            assertEquals(expected[i].getPermission(), actual[i].getPermission(), name);
            assertEquals(expected[i].getOwner(), actual[i].getOwner(), name);
            assertEquals(expected[i].getGroup(), actual[i].getGroup(), name);
            assertEquals(expected[i].getLen(), actual[i].getLen(), name);
            assertEquals(expected[i].isDirectory(), actual[i].isDirectory(), name);
            assertEquals(expected[i].getModificationTime(), actual[i].getModificationTime(), name);
        }
        Path file = new Path(dir.resolve("b.parquet").toUri());
        assertEquals(hadoops.getFileStatus(file).getPermission(), ours.getFileStatus(file).getPermission());
        assertEquals(hadoops.getFileStatus(file).getOwner(), ours.getFileStatus(file).getOwner());
    }
}
