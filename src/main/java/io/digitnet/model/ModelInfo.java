package io.digitnet.model;

import io.digitnet.nn.AcceptanceCurve;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's provenance, everything model.json holds besides the architecture: how it was
 * trained, on what, how well it did, when and by which versions. The trainer fills it;
 * {@link ModelDir} writes and reads it back unchanged. Every part may be absent (null or
 * empty), so that a model made some other way still loads.
 *
 * <p>Free-form values ({@code settings}, {@code extra}) are JSON-shaped: String, Boolean,
 * Long, Double, List and Map of those, or null. Other numbers are stored as Long (integral)
 * or Double (the rest), so that a value read back equals the one written.
 *
 * @param settings the training settings, e.g. {@code TrainSettings.describe()}
 * @param seed the random seed of the run
 * @param data the training data and its checksum
 * @param epochs one entry per finished epoch, in order
 * @param validationAccuracy the final model's accuracy on the held-out validation rows
 * @param testAccuracy the final model's accuracy on the test set
 * @param validationAcceptance which validation rows a confidence threshold accepts with the
 *     final model and how many wrongly: the points that meet some target error ({@link
 *     AcceptanceCurve#frontier()}), for picking a review threshold without labelled data
 * @param created when the model was made
 * @param sparkVersion the Spark version that trained it
 * @param projectVersion the digitnet version that trained it
 * @param extra any other top-level model.json fields, kept as they are
 */
public record ModelInfo(
        Map<String, Object> settings,
        Long seed,
        DataSource data,
        List<Epoch> epochs,
        Double validationAccuracy,
        Double testAccuracy,
        AcceptanceCurve validationAcceptance,
        Instant created,
        String sparkVersion,
        String projectVersion,
        Map<String, Object> extra) {

    /** The top-level model.json fields that the format itself defines; {@code extra} may use none of them. */
    static final Set<String> RESERVED = Set.of("format", "version", "layers", "hidden_activation",
            "output_activation", "loss", "settings", "seed", "data", "epochs", "validation_accuracy",
            "test_accuracy", "validation_acceptance", "created", "spark_version", "project_version");

    /** No provenance at all. */
    public static final ModelInfo NONE = new ModelInfo(null, null, null, null, null, null, null, null, null, null,
            null);

    /**
     * Where the training data came from.
     *
     * @param source the path or URI it was read from
     * @param checksum e.g. "sha256:..." of the source, or null if none was computed
     */
    public record DataSource(String source, String checksum) {
        public DataSource {
            if (source == null) {
                throw new IllegalArgumentException(
                        "data.source: expected the path or URI of the training data, found null");
            }
        }
    }

    /**
     * How one epoch went.
     *
     * @param epoch its number (the first is 1)
     * @param loss the mean training loss
     * @param validationAccuracy accuracy on the validation rows, or null if none were held out
     * @param seconds wall-clock time of the epoch
     */
    public record Epoch(int epoch, double loss, Double validationAccuracy, double seconds) {
        public Epoch {
            requireFinite("epoch " + epoch + " loss", loss);
            requireFinite("epoch " + epoch + " validation accuracy", validationAccuracy);
            requireFinite("epoch " + epoch + " seconds", seconds);
        }
    }

    public ModelInfo {
        settings = settings == null ? Map.of() : jsonMap("settings", settings);
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
        requireFinite("validation accuracy", validationAccuracy);
        requireFinite("test accuracy", testAccuracy);
        extra = extra == null ? Map.of() : jsonMap("extra", extra);
        for (String key : extra.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("extra: expected a field model.json does not define, found '"
                        + key + "'");
            }
        }
    }

    public ModelInfo withTestAccuracy(Double accuracy) {
        return new ModelInfo(settings, seed, data, epochs, validationAccuracy, accuracy, validationAcceptance, created,
                sparkVersion, projectVersion, extra);
    }

    private static void requireFinite(String what, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + ": expected a finite number (JSON has no NaN or Infinity), found "
                    + value);
        }
    }

    private static Map<String, Object> jsonMap(String where, Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(where + ": expected String keys, found " + e.getKey());
            }
            copy.put(key, jsonValue(where + "." + key, e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** The value as model.json reads it back: Long for integral numbers, Double for the others. */
    static Object jsonValue(String where, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            requireFinite(where, d);
            return d;
        }
        if (value instanceof Map<?, ?> m) {
            return jsonMap(where, m);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(jsonValue(where + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(where + ": expected a string, boolean, number, list or map, found "
                + value.getClass().getName());
    }
}
