package io.digitnet.tune;

import io.digitnet.data.HadoopFiles;
import io.digitnet.data.JsonFiles;
import io.digitnet.data.OutputDir;
import io.digitnet.train.ProgressFiles;
import io.digitnet.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Where successive halving stood after a rung, from which a killed tuning resumes with the
 * same decisions: TUNE_DIR/rungs/rung-K/ holds decisions.json (the rung, the epochs done, the
 * configurations that went on and their validation accuracy at each rung so far) and each
 * one's progress ({@link ProgressFiles}). Written whole under a staging name, then the
 * earlier rungs' folders are removed.
 *
 * @param going the configurations that went on past the rung, by name, with their progress
 * @param rungAccuracies each one's validation accuracy so far at every rung it reached
 */
record RungState(int rung, int epochsDone, Map<String, Trainer.Progress> going,
        Map<String, List<Double>> rungAccuracies) {
    static final String RUNGS = "rungs";
    private static final String PREFIX = "rung-";
    private static final String DECISIONS = "decisions.json";

    /** The decisions as decisions.json holds them. */
    record Decisions(int rung, int epochsDone, List<String> going, Map<String, List<Double>> rungAccuracies) {}

    /** Writes this state as the tuning's newest, then removes the older ones. */
    void write(Configuration conf, Path tuneDir, Map<String, TuneRun> runs) {
        Path root = new Path(tuneDir, RUNGS);
        Path target = new Path(root, PREFIX + rung);
        OutputDir output = OutputDir.begin(target.toString(), true, conf, "rung");
        try {
            Path staging = new Path(output.staging());
            for (Map.Entry<String, Trainer.Progress> run : going.entrySet()) {
                ProgressFiles.write(conf, new Path(staging, run.getKey()), runs.get(run.getKey()).settings(),
                        run.getValue());
            }
            Decisions decisions = new Decisions(rung, epochsDone, new ArrayList<>(going.keySet()), rungAccuracies);
            HadoopFiles.writeWhole(new Path(staging, DECISIONS), conf,
                    out -> JsonFiles.MAPPER.writeValue(out, decisions));
            output.commit();
        } catch (RuntimeException e) {
            output.abort();
            throw e;
        }
        for (FileStatus old : HadoopFiles.numberedFolders(root, conf, PREFIX)) {
            if (!old.getPath().getName().equals(target.getName())) {
                delete(conf, old.getPath());
            }
        }
    }

    /** The newest rung's state in the tuning folder, or null before the first rung. */
    static RungState latest(Configuration conf, Path tuneDir, Map<String, TuneRun> runs) {
        List<FileStatus> all = HadoopFiles.numberedFolders(new Path(tuneDir, RUNGS), conf, PREFIX);
        if (all.isEmpty()) {
            return null;
        }
        Path dir = all.get(all.size() - 1).getPath();
        Decisions decisions = JsonFiles.read(conf, new Path(dir, DECISIONS), Decisions.class, "a rung's decisions");
        Map<String, Trainer.Progress> going = new LinkedHashMap<>();
        for (String name : decisions.going()) {
            TuneRun run = runs.get(name);
            if (run == null) {
                throw new IllegalStateException(dir + " continues " + name + ", which the tuning does not hold");
            }
            going.put(name, ProgressFiles.read(conf, new Path(dir, name), run.settings(), "tune (resuming a rung)"));
        }
        return new RungState(decisions.rung(), decisions.epochsDone(), going, decisions.rungAccuracies());
    }

    /** Removes the rungs' states: the tuning has finished, and a run of it again has nothing to redo. */
    static void clear(Configuration conf, Path tuneDir) {
        delete(conf, new Path(tuneDir, RUNGS));
    }

    private static void delete(Configuration conf, Path path) {
        try {
            HadoopFiles.fileSystem(path, conf).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + path, e);
        }
    }
}
