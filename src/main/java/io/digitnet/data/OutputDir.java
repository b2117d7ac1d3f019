package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory that appears only when complete: the job writes into a hidden
 * staging directory beside it, and {@link #commit()} renames that into place. A job that
 * fails calls {@link #abort()}; one that is killed leaves only a hidden ".name.inprogress-*"
 * directory, which no reader takes for a finished result.
 */
public final class OutputDir {
    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final boolean overwrite;

    private OutputDir(FileSystem fs, Path target, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.overwrite = overwrite;
        this.staging = new Path(target.getParent(), "." + target.getName() + ".inprogress-" + UUID.randomUUID());
    }

    /**
     * Prepares to write {@code target}; refuses an existing one unless {@code overwrite}.
     * {@code option} names the option that gave the path, for the error message.
     */
    public static OutputDir begin(String target, boolean overwrite, Configuration conf, String option) {
        Path path = new Path(target);
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        Path qualified = fs.makeQualified(path);
        if (qualified.getParent() == null) {
            throw new BadInputException(option + " " + target + ": expected a directory to create, found the root");
        }
        if (!overwrite && HadoopFiles.exists(qualified, conf)) {
            throw new BadInputException(option + " " + target + ": already exists (pass --overwrite to replace it)");
        }
        return new OutputDir(fs, qualified, overwrite);
    }

    /** Where the job writes; it must not exist yet (Spark's writers create it). */
    public String staging() {
        return staging.toString();
    }

    public String target() {
        return target.toString();
    }

    /** Moves the finished output into place, replacing an old one only if overwrite was asked. */
    public void commit() {
        try {
            if (overwrite && fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("could not delete the old " + target);
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("could not rename " + staging + " to " + target);
            }
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("committing " + target, e);
        }
    }

    /** Removes whatever the job wrote; the target is left as it was. */
    public void abort() {
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            // The staging directory is hidden and named as unfinished: harmless if it stays.
        }
    }
}
