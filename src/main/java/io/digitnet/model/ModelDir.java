package io.digitnet.model;

import io.digitnet.BadInputException;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.OutputDir;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A model on disk, on any Hadoop file system: a directory of two files,
 * <pre>
 * model.json       format name and version, layer sizes, activations, loss, provenance ({@link ModelInfo})
 * weights.parquet  one row per neuron: layer, neuron, bias, weights ({@link ParametersParquet})
 * </pre>
 * written under a hidden temporary name and renamed when complete, and read back with
 * every field, shape and number checked.
 */
public final class ModelDir {
    public static final String FORMAT = "digitnet-model";
    public static final int VERSION = 1;
    public static final String MODEL_JSON = "model.json";
    public static final String WEIGHTS = "weights.parquet";

    private ModelDir() {}

    /** {@link #write(Configuration, String, Model, boolean, String)} for a directory given by --out. */
    public static void write(Configuration conf, String dir, Architecture architecture, Parameters parameters,
            ModelInfo info, boolean overwrite) {
        write(conf, dir, new Model(architecture, parameters, info), overwrite, "--out");
    }

    /**
     * Writes {@code model} to the directory {@code dir}, which appears only once complete.
     *
     * @param option the option that named {@code dir}, for the message when it exists already
     * @throws BadInputException if {@code dir} exists and {@code overwrite} is false
     * @throws IllegalArgumentException if a parameter is NaN or infinite (nothing is written)
     */
    public static void write(Configuration conf, String dir, Model model, boolean overwrite, String option) {
        requireFinite(dir, model);
        write(conf, model, OutputDir.begin(dir, overwrite, conf, option));
    }

    /**
     * Writes {@code model} into {@code output}, begun before the work that made the model,
     * and commits it.
     *
     * @throws IllegalArgumentException if a parameter is NaN or infinite (nothing is written)
     */
    public static void write(Configuration conf, Model model, OutputDir output) {
        try {
            requireFinite(output.target(), model);
            Path staging = new Path(output.staging());
            FileSystem fs = HadoopFiles.plainFileSystem(staging, conf);
            if (!fs.mkdirs(staging)) {
                throw new IOException("could not create " + staging);
            }
            ParametersParquet.write(fs, new Path(staging, WEIGHTS), model.parameters());
            try (OutputStream out = fs.create(new Path(staging, MODEL_JSON), false)) {
                ModelJson.write(out, model.architecture(), model.info());
            }
        } catch (IOException e) {
            output.abort();
            throw new UncheckedIOException("writing " + output.target(), e);
        } catch (RuntimeException | Error e) {
            output.abort();
            throw e;
        }
        output.commit();
    }

    private static void requireFinite(String dir, Model model) {
        String nonFinite = model.parameters().firstNonFinite();
        if (nonFinite != null) {
            throw new IllegalArgumentException(dir + ": refusing to write a model whose parameters are not all finite: "
                    + nonFinite);
        }
    }

    /**
     * Reads the model in {@code dir}.
     *
     * @throws BadInputException naming the file and the first problem found: a missing
     *     directory or file, model.json over 64 MB, that is not JSON (truncated, nested too deep),
     *     lacks a field or has an unknown
     *     format, version, activation or loss, or weights.parquet that does not hold exactly
     *     one finite row of the right length for every neuron
     */
    public static Model read(Configuration conf, String dir) {
        Path path = new Path(dir);
        FileSystem fs = HadoopFiles.plainFileSystem(path, conf);
        FileStatus status = HadoopFiles.status(fs, path, "model directory");
        if (!status.isDirectory()) {
            throw new BadInputException(dir + ": expected a model directory (" + MODEL_JSON + " and " + WEIGHTS
                    + "), found a file");
        }
        Path json = new Path(path, MODEL_JSON);
        Path weights = new Path(path, WEIGHTS);
        long jsonBytes = requireFile(fs, json).getLen();
        requireFile(fs, weights);
        ModelJson.Contents contents;
        try (InputStream in = fs.open(json)) {
            contents = ModelJson.read(json.toString(), jsonBytes, in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + json, e);
        }
        Parameters parameters = ParametersParquet.read(fs, weights, contents.architecture());
        return new Model(contents.architecture(), parameters, contents.info());
    }

    private static FileStatus requireFile(FileSystem fs, Path file) {
        try {
            return fs.getFileStatus(file);
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException(file + ": no such file (a model directory holds " + MODEL_JSON + " and "
                    + WEIGHTS + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
