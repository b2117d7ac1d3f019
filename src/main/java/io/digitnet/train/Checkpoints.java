package io.digitnet.train;

import io.digitnet.BadInputException;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.OutputDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A training run's checkpoints, in a hidden directory beside the model directory
 * (".NAME.checkpoints"): after every epoch, a directory epoch-NNNN with the run's
 * progress ({@link ProgressFiles}). Each is
 * written under a temporary name and renamed when complete, so the newest one is always
 * whole; older ones are removed. The finished model removes them all.
 */
final class Checkpoints {
    private static final String PREFIX = "epoch-";

    private final Configuration conf;
    private final Path root;
    private final FileSystem fs;

    Checkpoints(Configuration conf, String modelDir) {
        this.conf = conf;
        Path model = new Path(modelDir);
        this.fs = HadoopFiles.fileSystem(model, conf);
        Path qualified = fs.makeQualified(model);
        this.root = new Path(qualified.getParent(), "." + qualified.getName() + ".checkpoints");
    }

    String location() {
        return root.toString();
    }

    /** Writes the progress after an epoch as the newest checkpoint, then drops the older ones. */
    void save(TrainSettings settings, Trainer.Progress progress) {
        String dir = new Path(root, String.format("%s%04d", PREFIX, progress.epochsDone())).toString();
        OutputDir output = OutputDir.begin(dir, true, conf, "checkpoint");
        try {
            ProgressFiles.write(conf, new Path(output.staging()), settings, progress);
            output.commit();
        } catch (RuntimeException e) {
            output.abort();
            throw e;
        }
        for (FileStatus old : checkpoints()) {
            if (!old.getPath().getName().equals(new Path(dir).getName())) {
                delete(old.getPath());
            }
        }
    }

    /** The newest checkpoint, which must have been made with the same settings. */
    Trainer.Progress latest(TrainSettings settings) {
        List<FileStatus> all = checkpoints();
        if (all.isEmpty()) {
            throw new BadInputException("--resume: no checkpoint to resume from in " + root);
        }
        return ProgressFiles.read(conf, all.get(all.size() - 1).getPath(), settings, "--resume");
    }

    /** Removes every checkpoint: the finished model supersedes them. */
    void deleteAll() {
        delete(root);
    }

    private List<FileStatus> checkpoints() {
        return HadoopFiles.numberedFolders(root, conf, PREFIX);
    }

    private void delete(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + path, e);
        }
    }
}
