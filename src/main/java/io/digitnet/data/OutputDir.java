package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory that appears only when complete: the job writes into a hidden
 * staging directory beside it, and {@link #commit()} renames that into place. A job that
 * fails calls {@link #abort()}; one that is killed leaves only a hidden ".name.inprogress-*"
 * directory, which no reader takes for a finished result and the next job writing the same
 * output removes.
 *
 * <p>On the local file system each staging directory has a {@link FileLease} beside it
 * (".name.inprogress-ID.lock") for as long as its job runs, so a later job tells a dead
 * job's staging from a running one's; commits to one target take turns under another lease
 * (".name.lock"), and the rename refuses a target that appeared meanwhile. Elsewhere the
 * rename is Hadoop's atomic rename that refuses an existing target (HDFS), and stale staging
 * is left for the user to delete.
 */
public final class OutputDir {
    private static final String IN_PROGRESS = ".inprogress-";
    private static final String LOCK = ".lock";

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private final String option;
    /** The output as the user named it. */
    private final String named;
    /** The first folder this job created on the way to the target, removed again on abort; or null. */
    private Path createdFolder;
    /** This job's lease on its staging directory (local file system), from the first {@link #staging()} on. */
    private FileLease lease;
    private boolean started;

    private OutputDir(FileSystem fs, Path target, String named, boolean overwrite, String option) {
        this.fs = fs;
        this.named = named;
        this.target = target;
        this.overwrite = overwrite;
        this.option = option;
        this.staging = new Path(target.getParent(), "." + target.getName() + IN_PROGRESS + UUID.randomUUID());
    }

    /** {@link #begin(String, boolean, Configuration, String, List)} for an output no input can overlap. */
    public static OutputDir begin(String target, boolean overwrite, Configuration conf, String option) {
        return begin(target, overwrite, conf, option, List.of());
    }

    /**
     * Prepares to write {@code target}, before any work: refuses an output that is, lies
     * inside or contains one of {@code inputs}, an existing one unless {@code overwrite},
     * one whose parent is a file, and one that cannot be written; removes the staging
     * directories that dead jobs left for the same target. Leaves nothing behind itself:
     * folders and the lease come with the first {@link #staging()}.
     *
     * @param option the option that gave the path, for the error messages
     * @param inputs the paths the job reads (null entries are skipped)
     */
    public static OutputDir begin(String target, boolean overwrite, Configuration conf, String option,
            List<String> inputs) {
        Path path = new Path(target);
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        Path qualified = fs.makeQualified(path);
        if (qualified.getParent() == null) {
            throw new BadInputException(option + " " + target + ": expected a directory to create, found the root");
        }
        PathOverlap.refuse(qualified, option + " " + target, inputs, conf);
        if (!overwrite && HadoopFiles.exists(qualified, conf)) {
            throw new BadInputException(option + " " + target + ": already exists (pass --overwrite to replace it)");
        }
        requireWritableParent(fs, qualified.getParent(), option, target);
        OutputDir output = new OutputDir(fs, qualified, target, overwrite, option);
        output.removeStaleStaging();
        return output;
    }

    /**
     * Where the job writes; it must not exist yet (Spark's writers create it). The first call
     * creates the target's parent folders and takes this job's lease on the staging directory.
     */
    public String staging() {
        if (!started) {
            started = true;
            createParent();
            holdStaging();
        }
        return staging.toString();
    }

    public String target() {
        return target.toString();
    }

    /**
     * Moves the finished output into place. An old one is replaced only if overwrite was
     * asked; one that appeared while this job ran is otherwise left as it is, and this job's
     * output is discarded (a BadInputException).
     */
    @SuppressWarnings("try") // the lease is held for the rename, not used
    public void commit() {
        try (FileLease committing = isLocal() ? FileLease.take(local(target).resolveSibling("." + target.getName()
                + LOCK)) : null) {
            if (fs.exists(target)) {
                if (!overwrite) {
                    throw appeared();
                }
                if (!fs.delete(target, true)) {
                    throw new IOException("could not delete the old " + target);
                }
            }
            if (!HadoopFiles.rename(fs, staging, target, false)) {
                throw appeared();
            }
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("committing " + target, e);
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
        releaseLease();
    }

    /** Removes whatever the job wrote; the target is left as it was. */
    public void abort() {
        try {
            fs.delete(staging, true);
            releaseLease();
            for (Path folder = target.getParent(); createdFolder != null; folder = folder.getParent()) {
                if (fs.listStatus(folder).length > 0 || !fs.delete(folder, false) || folder.equals(createdFolder)) {
                    break;
                }
            }
        } catch (IOException e) {
            // The staging directory is hidden and named as unfinished, and a later job removes it.
        }
        releaseLease();
    }

    private BadInputException appeared() {
        return new BadInputException(option + " " + named + ": the output appeared while this job ran (another "
                + "job wrote it); left as it is, and this job's output discarded (pass --overwrite to replace it)");
    }

    /**
     * Refuses a parent that is a file, and, on the local file system, one where no file can
     * be created (a probe file is created in the nearest existing folder and deleted again).
     */
    private static void requireWritableParent(FileSystem fs, Path parent, String option, String target) {
        Path existing = parent;
        try {
            while (!fs.exists(existing)) {
                existing = existing.getParent();
            }
            if (!fs.getFileStatus(existing).isDirectory()) {
                throw new BadInputException(option + " " + target + ": expected a directory to create in, found "
                        + existing + " is a file");
            }
            if ("file".equals(fs.getUri().getScheme())) {
                Files.delete(Files.createFile(local(existing).resolve(".digitnet-probe-" + UUID.randomUUID())));
            }
        } catch (IOException e) {
            throw cannotWrite(option, target, existing, e);
        }
    }

    /** Creates the target's parent folders, remembering the first one made for {@link #abort()}. */
    private void createParent() {
        Path parent = target.getParent();
        try {
            for (Path p = parent; p != null && !fs.exists(p); p = p.getParent()) {
                createdFolder = p;
            }
            if (createdFolder != null && !fs.mkdirs(parent)) {
                throw new IOException("could not create " + parent);
            }
        } catch (IOException e) {
            throw cannotWrite(option, named, parent, e);
        }
    }

    private static BadInputException cannotWrite(String option, String target, Path folder, Exception e) {
        return new BadInputException(option + " " + target + ": expected a folder this job can write in, found "
                + folder + " not writable (" + e.getClass().getSimpleName() + ")", e);
    }

    /** Takes this job's lease on its staging directory, on the local file system. */
    private void holdStaging() {
        if (!isLocal()) {
            return;
        }
        try {
            lease = FileLease.tryTake(localLockOf(staging));
        } catch (IOException e) {
            abort();
            throw cannotWrite(option, named, target.getParent(), e);
        }
    }

    /** Deletes the staging directories (and their lock files) of jobs for this target that have ended. */
    private void removeStaleStaging() {
        if (!isLocal() || !Files.isDirectory(local(target.getParent()))) {
            return;
        }
        Pattern ours = Pattern.compile(Pattern.quote("." + target.getName() + IN_PROGRESS) + "([0-9a-f-]{36})("
                + Pattern.quote(LOCK) + ")?");
        try {
            for (FileStatus sibling : fs.listStatus(target.getParent())) {
                Matcher name = ours.matcher(sibling.getPath().getName());
                Path stale = new Path(target.getParent(), "." + target.getName() + IN_PROGRESS
                        + (name.matches() ? name.group(1) : ""));
                if (!name.matches() || stale.equals(staging)) {
                    continue;
                }
                try (FileLease dead = FileLease.tryTake(localLockOf(stale))) {
                    if (dead != null) {
                        fs.delete(stale, true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing stale staging beside " + target, e);
        }
    }

    private void releaseLease() {
        if (lease == null) {
            return;
        }
        try {
            lease.close();
        } catch (IOException e) {
            // A lock file left behind is stale, and the next job for this target removes it.
        }
        lease = null;
    }

    private boolean isLocal() {
        return "file".equals(fs.getUri().getScheme());
    }

    private static java.nio.file.Path local(Path path) {
        return java.nio.file.Path.of(path.toUri());
    }

    /** The lock file beside a (hidden) staging directory. */
    private static java.nio.file.Path localLockOf(Path path) {
        return local(path).resolveSibling(path.getName() + LOCK);
    }
}
