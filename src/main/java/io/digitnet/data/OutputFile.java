package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file, on any Hadoop file system, that appears only when complete: written into a hidden
 * temporary file beside it, then renamed into place. {@link #begin} checks the place (a
 * probe file is created there and deleted), so that a job finds a place it cannot write
 * before it works, not after, and leaves nothing there while it works; {@link #commit}
 * writes and renames, and removes the temporary file if that fails. Without overwrite, the
 * rename refuses a file that appeared meanwhile, as {@link OutputDir}'s does.
 */
public final class OutputFile {
    private final FileSystem fs;
    private final Path target;
    private final String named;
    private final boolean overwrite;
    private final Path temporary;

    private OutputFile(FileSystem fs, Path target, String named, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.named = named;
        this.overwrite = overwrite;
        this.temporary = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    }

    /** {@link #begin(String, boolean, Configuration, String, List)} for a file no input can overlap. */
    public static OutputFile begin(String target, boolean overwrite, Configuration conf, String option) {
        return begin(target, overwrite, conf, option, List.of());
    }

    /**
     * Prepares to write {@code target}, replacing an existing file only if {@code overwrite}.
     *
     * @param option the option that named {@code target}, for messages (null: the path alone)
     * @param inputs the paths the job reads, which the file must not be, lie in or contain
     * @throws BadInputException if {@code target} exists (and not {@code overwrite}), is a
     *     directory or overlaps an input, or its parent is missing, is a file or cannot be
     *     written in
     */
    public static OutputFile begin(String target, boolean overwrite, Configuration conf, String option,
            List<String> inputs) {
        String named = option == null ? target : option + " " + target;
        Path path = new Path(target);
        FileSystem fs = HadoopFiles.plainFileSystem(path, conf);
        Path qualified = fs.makeQualified(path);
        Path parent = qualified.getParent();
        if (parent == null) {
            throw new BadInputException(named + ": expected a file to write, found the root");
        }
        PathOverlap.refuse(qualified, named, inputs, conf);
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
        OutputFile output = new OutputFile(fs, qualified, named, overwrite);
        try {
            fs.create(output.temporary, false).close();
            fs.delete(output.temporary, false);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new BadInputException(named + ": expected a directory digitnet can write in, found " + parent
                    + " not writable (" + why + ")", e);
        }
        return output;
    }

    /** Writes {@code content} and moves the file into place; on any failure removes the temporary file. */
    public void commit(HadoopFiles.Content content) {
        try {
            try (OutputStream out = fs.create(temporary, false)) {
                content.writeTo(out);
            }
            rename();
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("writing " + target, e);
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    /** Renames the temporary file to the target: replacing it only with overwrite, atomically where the file system can. */
    private void rename() throws IOException {
        if (!HadoopFiles.rename(fs, temporary, target, overwrite)) {
            throw new BadInputException(named + ": the file appeared while this job ran (another job wrote it); "
                    + "left as it is (pass --overwrite to replace it)");
        }
    }

    /** Removes the temporary file, if there is one; the target is left as it was. */
    private void abort() {
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
