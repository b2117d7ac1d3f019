package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/** Paths on any Hadoop file system (file://, hdfs://, s3a://), with errors that name the path. */
public final class HadoopFiles {
    private HadoopFiles() {}

    public static FileSystem fileSystem(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw new BadInputException(path + ": no file system for it (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The file system of {@code path}, and on the local file system the raw one: no hidden
     * ".crc" beside each file written, and a file edited by hand is read, not refused for a
     * stale checksum. Other file systems (HDFS, S3) are returned as they are.
     */
    public static FileSystem plainFileSystem(Path path, Configuration conf) {
        FileSystem fs = fileSystem(path, conf);
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }

    /** The path's status, or a BadInputException naming {@code what} it was meant to be. */
    public static FileStatus existing(Path path, Configuration conf, String what) {
        return status(fileSystem(path, conf), path, what);
    }

    /** The path's status on {@code fs}, or a BadInputException naming {@code what} it was meant to be. */
    public static FileStatus status(FileSystem fs, Path path, String what) {
        try {
            return fs.getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException(path + ": no such " + what);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    public static boolean exists(Path path, Configuration conf) {
        try {
            return fileSystem(path, conf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /** What goes into a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} whole or not at all, replacing what was there: into a hidden
     * temporary file beside it, then renamed into place, so a reader never sees half a file.
     */
    public static void writeWhole(Path file, Configuration conf, Content content) {
        OutputFile.begin(file.toString(), true, conf, null).commit(content);
    }

    /**
     * Renames {@code from} to {@code to}; returns false, leaving both as they are, where
     * {@code to} exists and {@code replace} is false (Hadoop's plain rename would move a file
     * or folder inside an existing folder). A file is replaced atomically where the file
     * system can (local, HDFS); a folder cannot be replaced.
     */
    public static boolean rename(FileSystem fs, Path from, Path to, boolean replace) throws IOException {
        try {
            if ("file".equals(fs.getUri().getScheme())) {
                java.nio.file.Path source = java.nio.file.Path.of(from.toUri());
                java.nio.file.Path target = java.nio.file.Path.of(to.toUri());
                if (replace) {
                    Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.move(source, target);
                }
            } else {
                FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(from, to,
                        replace ? Options.Rename.OVERWRITE : Options.Rename.NONE);
            }
            return true;
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException
                | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * Calls {@code visit} with every file under {@code folder}, sub-folders included, until it
     * returns false; in the same order every time: a folder's files by path, then its
     * sub-folders by path. Folder
     * by folder through listStatus, not listFiles(recursive): on the local file system each
     * LocatedFileStatus that listFiles returns asks for its owner and permissions, which
     * Hadoop without its native library gets by starting a process, 6 ms a file (measured:
     * 60 s of listing for 10,000 scans).
     */
    public static void forEachFile(FileSystem fs, Path folder, Predicate<FileStatus> visit) throws IOException {
        java.util.ArrayDeque<Path> folders = new java.util.ArrayDeque<>(List.of(folder));
        while (!folders.isEmpty()) {
            FileStatus[] entries = fs.listStatus(folders.pop());
            java.util.Arrays.sort(entries);
            List<Path> subFolders = new java.util.ArrayList<>();
            for (FileStatus entry : entries) {
                if (entry.isDirectory()) {
                    subFolders.add(entry.getPath());
                } else if (!visit.test(entry)) {
                    return;
                }
            }
            for (int i = subFolders.size() - 1; i >= 0; i--) {
                folders.push(subFolders.get(i));
            }
        }
    }

    /**
     * {@code qualified} on this machine's disk when {@code fs} is the local file system
     * (checksummed or raw), else null: walked through java.nio, a folder costs one status a
     * file, where Hadoop's listing builds several (2 against 33 µs a file, measured).
     */
    public static java.nio.file.Path localPath(FileSystem fs, Path qualified) {
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem || fs instanceof org.apache.hadoop.fs.RawLocalFileSystem
                ? java.nio.file.Path.of(qualified.toUri()) : null;
    }

    /** A local folder's entries in name order, the order {@link #forEachFile} visits a folder's in. */
    public static List<java.nio.file.Path> localEntries(java.nio.file.Path folder) throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> entries = Files.list(folder)) {
            return entries.sorted(java.util.Comparator.comparing(entry -> entry.getFileName().toString())).toList();
        }
    }

    /** Spark's rule for one name: starting with "." or "_", it is not data. */
    public static boolean isHiddenName(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** Spark's rule: a name starting with "." or "_" (or a folder so named between root and file) is not data. */
    public static boolean isHidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root) && p.getParent() != null; p = p.getParent()) {
            if (isHiddenName(p.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The folders in {@code root} named {@code prefix} and a number (a run's checkpoints, a
     * tuning's rungs), by their number; none when {@code root} does not exist.
     */
    public static List<FileStatus> numberedFolders(Path root, Configuration conf, String prefix) {
        FileSystem fs = fileSystem(root, conf);
        try {
            if (!fs.exists(root)) {
                return List.of();
            }
            List<FileStatus> found = new java.util.ArrayList<>();
            for (FileStatus status : fs.listStatus(root)) {
                if (status.isDirectory() && status.getPath().getName().matches(java.util.regex.Pattern.quote(prefix)
                        + "\\d+")) {
                    found.add(status);
                }
            }
            found.sort(java.util.Comparator.comparingLong(status -> Long.parseLong(status.getPath().getName()
                    .substring(prefix.length()))));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
    }
}
