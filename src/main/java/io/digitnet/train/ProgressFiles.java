package io.digitnet.train;

import io.digitnet.BadInputException;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.JsonFiles;
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
import org.apache.hadoop.fs.Path;

/**
 * A run's progress as files in a folder, from which it resumes bit for bit: the current
 * weights, the best epoch's weights and the optimiser's state (each in the weights.parquet
 * format) and progress.json (the settings, the epochs so far, the best epoch). A train
 * checkpoint and a tuning's rung hold one each.
 */
public final class ProgressFiles {
    private static final String PROGRESS = "progress.json";

    private ProgressFiles() {}

    /** Writes {@code progress} of a run with {@code settings} into {@code dir}. */
    public static void write(Configuration conf, Path dir, TrainSettings settings, Trainer.Progress progress) {
        ParametersParquet.write(conf, new Path(dir, "weights.parquet").toString(), progress.parameters);
        ParametersParquet.write(conf, new Path(dir, "best.parquet").toString(), progress.best);
        for (int s = 0; s < progress.optimizer.slots.length; s++) {
            ParametersParquet.write(conf, new Path(dir, "optimizer-" + s + ".parquet").toString(),
                    progress.optimizer.slots[s]);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings.describe());
        json.put("architecture", settings.architecture().toString());
        json.put("optimizer_steps", progress.optimizer.steps);
        json.put("best_epoch", progress.bestEpoch);
        json.put("best_accuracy", progress.bestAccuracy);
        json.put("epochs", progress.epochs);
        Path file = new Path(dir, PROGRESS);
        try (OutputStream out = HadoopFiles.fileSystem(file, conf).create(file)) {
            JsonFiles.MAPPER.writeValue(out, json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /**
     * The progress in {@code dir}, which must have been written with the same settings;
     * {@code option} names what asked for it in the error otherwise.
     */
    public static Trainer.Progress read(Configuration conf, Path dir, TrainSettings settings, String option) {
        Map<?, ?> json = JsonFiles.read(conf, new Path(dir, PROGRESS), Map.class, "a checkpoint's progress");
        if (!sameJson(settings.describe(), json.get("settings"))
                || !settings.architecture().toString().equals(json.get("architecture"))) {
            throw new BadInputException(option + ": the checkpoint in " + dir + " was made with other settings ("
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
}
