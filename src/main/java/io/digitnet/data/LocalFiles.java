package io.digitnet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system (file:), but setting and reading permissions through java.nio
 * where Hadoop's native library is missing, as it is from Maven's jars: Hadoop then runs a
 * chmod process for each file and directory a write creates, about two dozen a score job,
 * and an {@code ls} process for each file a listing's status is asked its owner or
 * permissions (Spark's file index does, for every file it lists), each costing milliseconds
 * of fork and wait (BENCHMARKS.md). Registered as {@code spark.hadoop.fs.file.impl} in
 * conf/spark-defaults.conf.
 */
public final class LocalFiles extends LocalFileSystem {
    public LocalFiles() {
        super(new Raw());
    }

    /** The raw local file system with its one change. */
    static final class Raw extends RawLocalFileSystem {
        /** The permission bits, owner's read first, in the order of FsPermission's octal digits. */
        private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};

        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            if (NativeIO.isAvailable()) {
                super.setPermission(path, permission);
                return;
            }
            Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(permission.toShort()));
        }

        @Override
        public FileStatus[] listStatus(Path folder) throws IOException {
            FileStatus[] listed = super.listStatus(folder);
            if (!NativeIO.isAvailable()) {
                for (int i = 0; i < listed.length; i++) {
                    listed[i] = withOwnerAndPermissions(listed[i]);
                }
            }
            return listed;
        }

        @Override
        public FileStatus getFileStatus(Path path) throws IOException {
            FileStatus status = super.getFileStatus(path);
            return NativeIO.isAvailable() ? status : withOwnerAndPermissions(status);
        }

        /** The status with its owner, group and permissions read now, by one stat call, instead of a process later. */
        private FileStatus withOwnerAndPermissions(FileStatus status) throws IOException {
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(pathToFile(status.getPath()).toPath(), PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException | UnsupportedOperationException e) {
                return status; // gone since it was listed, or no POSIX attributes here: Hadoop's own way then
            }
            short mode = 0;
            for (int bit = 0; bit < BITS.length; bit++) {
                if (attributes.permissions().contains(BITS[bit])) {
                    mode |= (short) (0400 >> bit);
                }
            }
            return new FileStatus(status.getLen(), status.isDirectory(), status.getReplication(), status.getBlockSize(),
                    status.getModificationTime(), status.getAccessTime(), new FsPermission(mode),
                    attributes.owner().getName(), attributes.group().getName(),
                    status.isSymlink() ? status.getSymlink() : null, status.getPath());
        }

        static Set<PosixFilePermission> posix(short mode) {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            for (int bit = 0; bit < BITS.length; bit++) {
                if ((mode & (0400 >> bit)) != 0) {
                    permissions.add(BITS[bit]);
                }
            }
            return permissions;
        }
    }
}
