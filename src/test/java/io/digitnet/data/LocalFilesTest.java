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
}
