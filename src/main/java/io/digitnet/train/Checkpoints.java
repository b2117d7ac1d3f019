package io.digitnet.train;

import io.digitnet.BadInputException;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.JsonFiles;
import io.digitnet.data.OutputDir;
import io.digitnet.model.ParametersParquet;
import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A training run's checkpoints, in a hidden directory beside the model directory
 * (".NAME.checkpoints"): after every epoch, a directory epoch-NNNN with the current
 * weights, the best epoch's weights, the optimiser's state (all in the weights.parquet
 * format) and progress.json (the settings, the epochs so far, the best epoch). Each is
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
            Path staging = new Path(output.staging());
            ParametersParquet.write(conf, new Path(staging, "weights.parquet").toString(), progress.parameters);
            ParametersParquet.write(conf, new Path(staging, "best.parquet").toString(), progress.best);
            for (int s = 0; s < progress.optimizer.slots.length; s++) {
                ParametersParquet.write(conf, new Path(staging, "optimizer-" + s + ".parquet").toString(),
                        progress.optimizer.slots[s]);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("settings", settings.describe());
            json.put("architecture", settings.architecture().toString());
            json.put("optimizer_steps", progress.optimizer.steps);
            json.put("best_epoch", progress.bestEpoch);
            json.put("best_accuracy", progress.bestAccuracy);
            json.put("epochs", progress.epochs);
            try (OutputStream out = fs.create(new Path(staging, "progress.json"))) {
                JsonFiles.MAPPER.writeValue(out, json);
            }
            output.commit();
        } catch (IOException e) {
            output.abort();
            throw new UncheckedIOException("writing checkpoint " + dir, e);
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
        Path dir = all.get(all.size() - 1).getPath();
        Map<?, ?> json = JsonFiles.read(conf, new Path(dir, "progress.json"), Map.class, "a checkpoint's progress");
        if (!sameJson(settings.describe(), json.get("settings"))
                || !settings.architecture().toString().equals(json.get("architecture"))) {
            throw new BadInputException("--resume: the checkpoint in " + dir + " was made with other settings ("
                    + json.get("architecture") + " " + json.get("settings") + "); resume with the same ones");
        }
        var architecture = settings.architecture();
        Parameters parameters = ParametersParquet.read(conf, new Path(dir, "weights.parquet").toString(), architecture);
        Parameters best = ParametersParquet.read(conf, new Path(dir, "best.parquet").toString(), architecture);
        Parameters[] slots = new Parameters[settings.optimizer().slots()];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = ParametersParquet.read(conf, new Path(dir, "optimizer-" + s + ".parquet").toString(),
                    architecture);
        }
        List<EpochMetrics> epochs = new ArrayList<>();
        for (Object epoch : (List<?>) json.get("epochs")) {
            epochs.add(JsonFiles.MAPPER.convertValue(epoch, EpochMetrics.class));
        }
        return new Trainer.Progress(parameters,
                new OptimizerState(slots, ((Number) json.get("optimizer_steps")).longValue()), best,
                ((Number) json.get("best_epoch")).intValue(), ((Number) json.get("best_accuracy")).doubleValue(),
                epochs);
    }

    /** Compared as JSON text: a long written comes back as an int, yet means the same. */
    private static boolean sameJson(Object a, Object b) {
        try {
            return JsonFiles.MAPPER.writeValueAsString(a).equals(JsonFiles.MAPPER.writeValueAsString(b));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes every checkpoint: the finished model supersedes them. */
    void deleteAll() {
        delete(root);
    }

    private List<FileStatus> checkpoints() {
        try {
            if (!fs.exists(root)) {
                return List.of();
            }
            List<FileStatus> found = new ArrayList<>();
            for (FileStatus status : fs.listStatus(root)) {
                if (status.isDirectory() && status.getPath().getName().matches(PREFIX + "\\d+")) {
                    found.add(status);
                }
            }
            found.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
    }

    private void delete(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + path, e);
        }
    }
}
