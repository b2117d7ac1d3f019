package io.digitnet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.digitnet.BadInputException;
import io.digitnet.data.JsonFiles;
import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Loss;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * model.json: the format name and version, the architecture, then the provenance
 * ({@link ModelInfo}). Reading checks every field and names the one that is wrong.
 */
final class ModelJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What model.json describes. */
    record Contents(Architecture architecture, ModelInfo info) {}

    private ModelJson() {}

    static void write(OutputStream out, Architecture architecture, ModelInfo info) throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("format", ModelDir.FORMAT);
        root.put("version", ModelDir.VERSION);
        ArrayNode layers = root.putArray("layers");
        for (int size : architecture.sizes()) {
            layers.add(size);
        }
        root.put("hidden_activation", architecture.hidden().id());
        root.put("output_activation", architecture.output().id());
        root.put("loss", architecture.loss().id());
        root.put("created", info.created() == null ? null : info.created().toString());
        root.put("project_version", info.projectVersion());
        root.put("spark_version", info.sparkVersion());
        root.put("seed", info.seed());
        if (info.data() == null) {
            root.putNull("data");
        } else {
            ObjectNode data = root.putObject("data");
            data.put("source", info.data().source());
            data.put("checksum", info.data().checksum());
        }
        root.set("settings", node(info.settings()));
        ArrayNode epochs = root.putArray("epochs");
        for (ModelInfo.Epoch e : info.epochs()) {
            ObjectNode epoch = epochs.addObject();
            epoch.put("epoch", e.epoch());
            epoch.put("loss", e.loss());
            epoch.put("validation_accuracy", e.validationAccuracy());
            epoch.put("seconds", e.seconds());
        }
        root.put("validation_accuracy", info.validationAccuracy());
        root.put("test_accuracy", info.testAccuracy());
        if (info.validationAcceptance() != null) {
            root.set("validation_acceptance", acceptance(info.validationAcceptance()));
        }
        info.extra().forEach((key, value) -> root.set(key, node(value)));
        JsonFiles.MAPPER.writeValue(out, root);
    }

    /**
     * Reads model.json, {@code bytes} long, from {@code in}.
     *
     * @throws BadInputException naming {@code file}: too large, not JSON (truncated, nested too
     *     deep, a string or number too long), or a field wrong
     */
    static Contents read(String file, long bytes, InputStream in) throws IOException {
        JsonNode root = JsonFiles.read(file, bytes, in);
        Fields fields = new Fields(file);
        checkFormat(fields, root);
        Architecture architecture = architecture(fields, root);
        JsonNode settings = fields.optional(root, "settings");
        if (settings != null && !settings.isObject()) {
            throw fields.bad("settings: expected an object, found " + describe(settings));
        }
        String created = fields.text(root, "created", "");
        try {
            ModelInfo info = new ModelInfo(
                    settings == null ? null : fields.map("settings", settings),
                    fields.integer(root, "seed", ""),
                    dataSource(fields, root),
                    epochs(fields, root),
                    fields.number(root, "validation_accuracy", ""),
                    fields.number(root, "test_accuracy", ""),
                    acceptance(fields, fields.optional(root, "validation_acceptance")),
                    created == null ? null : Instant.parse(created),
                    fields.text(root, "spark_version", ""),
                    fields.text(root, "project_version", ""),
                    extra(fields, root));
            return new Contents(architecture, info);
        } catch (DateTimeParseException e) {
            throw fields.bad("created: expected an ISO-8601 instant like 2025-01-31T12:00:00Z, found \"" + created
                    + "\"");
        } catch (IllegalArgumentException e) {
            throw fields.bad(e.getMessage());
        }
    }

    /** The root is an object of this format and version. */
    private static void checkFormat(Fields fields, JsonNode root) {
        if (!root.isObject()) {
            throw fields.bad("expected a JSON object, found " + describe(root));
        }
        JsonNode format = fields.required(root, "format");
        if (!format.isTextual() || !format.asText().equals(ModelDir.FORMAT)) {
            throw fields.bad("expected format \"" + ModelDir.FORMAT + "\", found " + describe(format));
        }
        JsonNode version = fields.required(root, "version");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != ModelDir.VERSION) {
            throw fields.bad("expected format version " + ModelDir.VERSION + ", found " + describe(version));
        }
    }

    /** The fields this format does not name, kept as they are. */
    private static Map<String, Object> extra(Fields fields, JsonNode root) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!ModelInfo.RESERVED.contains(field.getKey())) {
                extra.put(field.getKey(), fields.value(field.getKey(), field.getValue()));
            }
        }
        return extra;
    }

    /** The training data's source and checksum, or null. */
    private static ModelInfo.DataSource dataSource(Fields fields, JsonNode root) {
        JsonNode data = fields.optional(root, "data");
        if (data == null) {
            return null;
        }
        if (!data.isObject()) {
            throw fields.bad("data: expected an object with source and checksum, found " + describe(data));
        }
        return new ModelInfo.DataSource(fields.text(data, "source", "data."), fields.text(data, "checksum", "data."));
    }

    /** The per-epoch metrics, none if absent. */
    private static List<ModelInfo.Epoch> epochs(Fields fields, JsonNode root) {
        List<ModelInfo.Epoch> epochs = new ArrayList<>();
        JsonNode epochsNode = fields.optional(root, "epochs");
        if (epochsNode == null) {
            return epochs;
        }
        if (!epochsNode.isArray()) {
            throw fields.bad("epochs: expected an array, found " + describe(epochsNode));
        }
        for (int i = 0; i < epochsNode.size(); i++) {
            JsonNode e = epochsNode.get(i);
            String where = "epochs[" + i + "]";
            if (!e.isObject()) {
                throw fields.bad(where + ": expected an object, found " + describe(e));
            }
            Long epoch = fields.integer(e, "epoch", where + ".");
            Double loss = fields.number(e, "loss", where + ".");
            Double seconds = fields.number(e, "seconds", where + ".");
            if (epoch == null || loss == null || seconds == null) {
                throw fields.bad(where + ": expected epoch, loss and seconds, found " + describe(e));
            }
            if (epoch < Integer.MIN_VALUE || epoch > Integer.MAX_VALUE) {
                throw fields.bad(where + ".epoch: expected a 32-bit integer, found " + epoch);
            }
            epochs.add(new ModelInfo.Epoch(epoch.intValue(), loss, fields.number(e, "validation_accuracy", where + "."),
                    seconds));
        }
        return epochs;
    }

    /** An acceptance curve: its counts, and its points as [threshold, accepted, wrong] each. */
    private static ObjectNode acceptance(AcceptanceCurve curve) {
        ObjectNode node = NODES.objectNode();
        node.put("answers", curve.answers());
        node.put("wrong", curve.wrong());
        ArrayNode points = node.putArray("points");
        for (AcceptanceCurve.Point p : curve.points()) {
            points.addArray().add(p.threshold()).add(p.accepted()).add(p.wrong());
        }
        return node;
    }

    /** The curve written by {@link #acceptance(AcceptanceCurve)}, checked; null if absent (older models). */
    private static AcceptanceCurve acceptance(Fields fields, JsonNode node) {
        if (node == null) {
            return null;
        }
        String where = "validation_acceptance";
        if (!node.isObject()) {
            throw fields.bad(where + ": expected an object with answers, wrong and points, found " + describe(node));
        }
        Long answers = fields.integer(node, "answers", where + ".");
        Long wrong = fields.integer(node, "wrong", where + ".");
        JsonNode points = fields.optional(node, "points");
        if (answers == null || wrong == null || points == null || !points.isArray()) {
            throw fields.bad(where + ": expected answers, wrong and an array of points, found " + describe(node));
        }
        List<AcceptanceCurve.Point> read = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            if (!(p.isArray() && p.size() == 3 && p.get(0).isNumber() && p.get(1).isIntegralNumber()
                    && p.get(1).canConvertToLong() && p.get(2).isIntegralNumber() && p.get(2).canConvertToLong())) {
                throw fields.bad(where + ".points[" + i + "]: expected [threshold, accepted, wrong], found "
                        + describe(p));
            }
            read.add(new AcceptanceCurve.Point(p.get(0).doubleValue(), p.get(1).longValue(), p.get(2).longValue(),
                    answers));
        }
        try {
            return new AcceptanceCurve(answers, wrong, read);
        } catch (IllegalArgumentException e) {
            throw fields.bad(where + ": " + e.getMessage());
        }
    }

    private static Architecture architecture(Fields fields, JsonNode root) {
        JsonNode layers = fields.required(root, "layers");
        boolean valid = layers.isArray() && layers.size() >= 2;
        for (int i = 0; valid && i < layers.size(); i++) {
            JsonNode size = layers.get(i);
            valid = size.isIntegralNumber() && size.canConvertToInt() && size.intValue() >= 1;
        }
        if (!valid) {
            throw fields.bad("layers: expected at least 2 sizes (inputs first, outputs last), each 1 or more, found "
                    + describe(layers));
        }
        int[] sizes = new int[layers.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = layers.get(i).intValue();
        }
        for (int l = 0; l + 1 < sizes.length; l++) {
            if ((long) sizes[l] * sizes[l + 1] > Integer.MAX_VALUE - 8) {
                throw fields.bad("layers: expected at most " + (Integer.MAX_VALUE - 8) + " weights a layer, found "
                        + sizes[l] + " x " + sizes[l + 1] + " in layer " + (l + 1));
            }
        }
        Activation hidden = fields.choice(root, "hidden_activation", Activation::of);
        Activation output = fields.choice(root, "output_activation", Activation::of);
        Loss loss = fields.choice(root, "loss", Loss::of);
        try {
            return new Architecture(sizes, hidden, output, loss);
        } catch (IllegalArgumentException e) {
            throw fields.bad("hidden_activation " + hidden.id() + ", output_activation " + output.id() + ": "
                    + e.getMessage());
        }
    }


    /** A JSON value as a short one-line text for messages. */
    static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long n) {
            return NODES.numberNode(n);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set((String) k, node(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(v -> array.add(node(v)));
            return array;
        }
        // ModelInfo has made every value one of the above.
        throw new IllegalStateException("not a JSON value: " + value.getClass().getName());
    }

    /** Typed access to the fields of model.json, each failure a BadInputException naming the file and field. */
    private record Fields(String file) {
        BadInputException bad(String problem) {
            return new BadInputException(file + ": " + problem);
        }

        JsonNode required(JsonNode object, String name) {
            JsonNode node = object.get(name);
            if (node == null || node.isNull()) {
                throw bad("expected a field \"" + name + "\", found none");
            }
            return node;
        }

        /** The field, or null if it is absent or null. */
        JsonNode optional(JsonNode object, String name) {
            JsonNode node = object.get(name);
            return node == null || node.isNull() ? null : node;
        }

        <T> T choice(JsonNode object, String name, java.util.function.Function<String, T> of) {
            JsonNode node = required(object, name);
            try {
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("expected a string, found " + describe(node));
                }
                return of.apply(node.asText());
            } catch (IllegalArgumentException e) {
                throw bad(name + ": " + e.getMessage());
            }
        }

        String text(JsonNode object, String name, String prefix) {
            JsonNode node = optional(object, name);
            if (node != null && !node.isTextual()) {
                throw bad(prefix + name + ": expected a string, found " + describe(node));
            }
            return node == null ? null : node.asText();
        }

        Long integer(JsonNode object, String name, String prefix) {
            JsonNode node = optional(object, name);
            if (node != null && !(node.isIntegralNumber() && node.canConvertToLong())) {
                throw bad(prefix + name + ": expected a 64-bit integer, found " + describe(node));
            }
            return node == null ? null : node.longValue();
        }

        Double number(JsonNode object, String name, String prefix) {
            JsonNode node = optional(object, name);
            if (node != null && !node.isNumber()) {
                throw bad(prefix + name + ": expected a number, found " + describe(node));
            }
            return node == null ? null : node.doubleValue();
        }

        Map<String, Object> map(String where, JsonNode object) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                map.put(field.getKey(), value(where + "." + field.getKey(), field.getValue()));
            }
            return map;
        }

        /** A JSON value as Java: the types {@link ModelInfo} keeps (Long, Double, String, Boolean, List, Map, null). */
        Object value(String where, JsonNode node) {
            if (node.isNull()) {
                return null;
            }
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isIntegralNumber()) {
                if (!node.canConvertToLong()) {
                    throw bad(where + ": expected a 64-bit integer, found " + describe(node));
                }
                return node.longValue();
            }
            if (node.isNumber()) {
                return node.doubleValue();
            }
            if (node.isArray()) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    list.add(value(where + "[" + i + "]", node.get(i)));
                }
                return list;
            }
            if (node.isObject()) {
                return map(where, node);
            }
            throw bad(where + ": expected a JSON value, found " + describe(node));
        }
    }
}
