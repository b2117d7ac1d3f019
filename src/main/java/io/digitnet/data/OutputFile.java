package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file, on any Hadoop file system, that appears only when complete: written into a hidden
 * temporary file beside it, then renamed into place. {@link #begin} checks the place and
 * opens the temporary file at once, so that a job finds a place it cannot write before it
 * works, not after; {@link #commit} or {@link #abort} removes the temporary file either way.
 */
public final class OutputFile {
    private final FileSystem fs;
    private final Path target;
    private final Path temporary;
    private final OutputStream out;

    private OutputFile(FileSystem fs, Path target, Path temporary, OutputStream out) {
        this.fs = fs;
        this.target = target;
        this.temporary = temporary;
        this.out = out;
    }

    /**
     * Prepares to write {@code target}, replacing an existing file only if {@code overwrite}.
     *
     * @param option the option that named {@code target}, for messages (null: the path alone)
     * @throws BadInputException if {@code target} exists (and not {@code overwrite}) or is a
     *     directory, or its parent is missing, is a file or cannot be written in
     */
    public static OutputFile begin(String target, boolean overwrite, Configuration conf, String option) {
        String named = option == null ? target : option + " " + target;
        Path path = new Path(target);
        FileSystem fs = HadoopFiles.plainFileSystem(path, conf);
        Path qualified = fs.makeQualified(path);
        Path parent = qualified.getParent();
        if (parent == null) {
            throw new BadInputException(named + ": expected a file to write, found the root");
        }
        FileStatus existing = statusOrNull(fs, qualified);
        if (existing != null && existing.isDirectory()) {
            throw new BadInputException(named + ": expected a file to write, found a directory");
        }
        if (existing != null && !overwrite) {
            throw new BadInputException(named + ": already exists (pass --overwrite to replace it)");
        }
        FileStatus folder = statusOrNull(fs, parent);
        if (folder == null) {
            throw new BadInputException(named + ": no such directory " + parent);
        }
        if (!folder.isDirectory()) {
            throw new BadInputException(named + ": expected " + parent + " to be a directory, found a file");
        }
        Path temporary = new Path(parent, "." + qualified.getName() + ".tmp");
        try {
            return new OutputFile(fs, qualified, temporary, fs.create(temporary, true));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new BadInputException(named + ": expected a directory digitnet can write in, found " + parent
                    + " not writable (" + why + ")", e);
        }
    }

    /** Writes {@code content} and moves the file into place; on any failure removes the temporary file. */
    public void commit(HadoopFiles.Content content) {
        try {
            try (out) {
                content.writeTo(out);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("could not delete the old " + target);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("could not rename " + temporary + " to " + target);
            }
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("writing " + target, e);
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    /** Removes the temporary file; the target is left as it was. */
    public void abort() {
        try {
            out.close();
        } catch (IOException e) {
            // Closing only releases the stream: the file goes next either way.
        }
        try {
            fs.delete(temporary, false);
        } catch (IOException e) {
            // The temporary file is hidden and named as such: harmless if it stays.
        }
    }

    private static FileStatus statusOrNull(FileSystem fs, Path path) {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
