package io.digitnet.model;

import static io.digitnet.model.ModelFixtures.fullInfo;
import static io.digitnet.model.ModelFixtures.parameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.digitnet.BadInputException;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirTest {
    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path model;
    private int written;

    /** Writes the classic model with full provenance to a new directory and returns it. */
    private Path writeClassic() {
        Path target = dir.resolve("model-" + (++written));
        ModelDir.write(CONF, target.toString(), Architecture.CLASSIC, parameters(Architecture.CLASSIC, 1), fullInfo(),
                false);
        return target;
    }

    private static List<String> list(Path d) {
        String[] names = d.toFile().list();
        Arrays.sort(names);
        return List.of(names);
    }

    /** The refusal of a model whose model.json holds {@code text}; its message must name model.json. */
    private BadInputException refusedJson(String text) {
        model = writeClassic();
        Path json = model.resolve("model.json");
        try {
            Files.writeString(json, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ModelDir.read(CONF, model.toString()));
        assertTrue(e.getMessage().startsWith(json + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    /** The refusal of a model whose model.json is edited by {@code edit}. */
    private String refusedEdit(Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(writeClassic().resolve("model.json").toFile());
            edit.accept(root);
            String message = refusedJson(JSON.writeValueAsString(root)).getMessage();
            return message.substring(message.indexOf("model.json: ") + "model.json: ".length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsBackTheClassicModelBitIdenticalWithItsProvenance() {
        Parameters p = parameters(Architecture.CLASSIC, 1);
        Path target = writeClassic();
        Model back = ModelDir.read(CONF, target.toString());
        assertEquals(Architecture.CLASSIC, back.architecture());
        assertTrue(p.identical(back.parameters()));
        assertEquals(fullInfo(), back.info());
        // Integers in free-form settings come back as the Long they were stored as.
        assertInstanceOf(Long.class, back.info().settings().get("epochs"));
        assertEquals(List.of(10L, 20L), back.info().settings().get("milestones"));
        assertEquals(List.of("model-1"), list(dir), "no staging directory left beside the model");
        assertEquals(List.of("model.json", "weights.parquet"), list(target), "no .crc or other files");
    }

    @Test
    void readsBackAnOddShapeWithoutProvenance() {
        Parameters p = parameters(ModelFixtures.ODD, 2);
        Path target = dir.resolve("odd");
        ModelDir.write(CONF, target.toString(), new Model(ModelFixtures.ODD, p, null), false, "--model");
        Model back = ModelDir.read(CONF, target.toString());
        assertEquals(ModelFixtures.ODD, back.architecture());
        assertTrue(p.identical(back.parameters()));
        assertEquals(ModelInfo.NONE, back.info());
    }

    @Test
    void writesModelJsonWithTheDocumentedFields() throws IOException {
        JsonNode root = JSON.readTree(writeClassic().resolve("model.json").toFile());
        assertEquals("digitnet-model", root.get("format").asText());
        assertEquals(1, root.get("version").intValue());
        assertEquals("[784,16,16,10]", root.get("layers").toString());
        assertEquals("sigmoid", root.get("hidden_activation").asText());
        assertEquals("sigmoid", root.get("output_activation").asText());
        assertEquals("cross-entropy", root.get("loss").asText());
        assertEquals(42, root.get("seed").longValue());
        assertEquals("sha256:0123abcd", root.get("data").get("checksum").asText());
        assertEquals(30, root.get("settings").get("epochs").intValue());
        assertEquals(0.8875, root.get("epochs").get(0).get("validation_accuracy").doubleValue());
        assertTrue(root.get("epochs").get(1).get("validation_accuracy").isNull());
        assertEquals(0.9512, root.get("validation_accuracy").doubleValue());
        assertTrue(root.get("test_accuracy").isNull());
        assertEquals("2026-11-29T07:04:24.123456Z", root.get("created").asText());
        assertEquals("4.2.0", root.get("spark_version").asText());
        assertEquals("0.1.0-SNAPSHOT", root.get("project_version").asText());
        assertEquals("trained for the test", root.get("notes").asText());
    }

    @Test
    void refusesAnExistingDirectoryUnlessToldToOverwrite() {
        Path target = writeClassic();
        Parameters other = parameters(Architecture.CLASSIC, 99);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelDir.write(CONF, target.toString(),
                new Model(Architecture.CLASSIC, other, ModelInfo.NONE), false, "--out"));
        assertEquals("--out " + target + ": already exists (pass --overwrite to replace it)", e.getMessage());
        assertTrue(parameters(Architecture.CLASSIC, 1).identical(ModelDir.read(CONF, target.toString()).parameters()));

        ModelDir.write(CONF, target.toString(), ModelFixtures.ODD, parameters(ModelFixtures.ODD, 3), ModelInfo.NONE,
                true);
        Model back = ModelDir.read(CONF, target.toString());
        assertEquals(ModelFixtures.ODD, back.architecture());
        assertTrue(parameters(ModelFixtures.ODD, 3).identical(back.parameters()));
        assertEquals(ModelInfo.NONE, back.info());
        assertEquals(List.of("model-1"), list(dir), "no staging directory left beside the model");
        assertEquals(List.of("model.json", "weights.parquet"), list(target));
    }

    @Test
    void writesNothingForNonFiniteParametersAndKeepsTheOldModel() {
        Path target = writeClassic();
        Parameters nan = parameters(Architecture.CLASSIC, 4);
        nan.biases[1][7] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelDir.write(CONF, target.toString(), Architecture.CLASSIC, nan, ModelInfo.NONE, true));
        assertTrue(e.getMessage().endsWith("layer 2 bias 7 is NaN"), e.getMessage());
        assertTrue(parameters(Architecture.CLASSIC, 1).identical(ModelDir.read(CONF, target.toString()).parameters()));
        Path fresh = dir.resolve("fresh");
        assertThrows(IllegalArgumentException.class,
                () -> ModelDir.write(CONF, fresh.toString(), Architecture.CLASSIC, nan, ModelInfo.NONE, false));
        assertEquals(List.of("model-1"), list(dir));
    }

    @Test
    void refusesParametersOfAnotherShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Model(Architecture.CLASSIC, parameters(ModelFixtures.ODD, 5), ModelInfo.NONE));
        assertEquals("layer 1: expected 12544 weights and 16 biases, found 7 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Model(Architecture.CLASSIC,
                parameters(new Architecture(new int[] {784, 16, 10}, io.digitnet.nn.Activation.SIGMOID,
                        io.digitnet.nn.Activation.SIGMOID, io.digitnet.nn.Loss.CROSS_ENTROPY), 5), ModelInfo.NONE));
        assertEquals("expected parameters of 3 weight layers (784,16,16,10), found 2", e.getMessage());
    }

    @Test
    void refusesMissingDirectoriesAndFiles() throws IOException {
        Path absent = dir.resolve("absent");
        BadInputException e = assertThrows(BadInputException.class, () -> ModelDir.read(CONF, absent.toString()));
        assertEquals(absent + ": no such model directory", e.getMessage());

        Path file = Files.writeString(dir.resolve("file"), "x");
        e = assertThrows(BadInputException.class, () -> ModelDir.read(CONF, file.toString()));
        assertEquals(file + ": expected a model directory (model.json and weights.parquet), found a file",
                e.getMessage());

        Path noJson = writeClassic();
        Files.delete(noJson.resolve("model.json"));
        e = assertThrows(BadInputException.class, () -> ModelDir.read(CONF, noJson.toString()));
        assertEquals(noJson.resolve("model.json") + ": no such file (a model directory holds model.json and"
                + " weights.parquet)", e.getMessage());

        Path noWeights = writeClassic();
        Files.delete(noWeights.resolve("weights.parquet"));
        e = assertThrows(BadInputException.class, () -> ModelDir.read(CONF, noWeights.toString()));
        assertEquals(noWeights.resolve("weights.parquet") + ": no such file (a model directory holds model.json and"
                + " weights.parquet)", e.getMessage());
    }

    @Test
    void refusesModelJsonThatIsNotAJsonObject() {
        assertContains("model.json: expected JSON, found a syntax error at line 1 column 2: Unexpected character ('n'",
                refusedJson("{not json"));
        assertContains("model.json: expected a JSON object, found an empty file", refusedJson(""));
        assertContains("model.json: expected a JSON object, found [784,16,10]", refusedJson("[784, 16, 10]"));
        assertContains("model.json: expected JSON, found a syntax error at line 1 column",
                refusedJson("{\"format\": \"digitnet-model\"} {}"));
        assertContains("Duplicate field 'format'",
                refusedJson("{\"format\": \"digitnet-model\", \"format\": \"x\"}"));
    }

    @Test
    void refusesATruncatedModelJsonInOneLine() throws IOException {
        String json = Files.readString(writeClassic().resolve("model.json"));
        assertContains("model.json: expected JSON, found the file ending half-way (truncated?) at line ",
                refusedJson(json.substring(0, json.length() / 2)));
    }

    @Test
    void refusesADeeplyNestedModelJsonInOneLine() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        BadInputException e = refusedJson("{\"format\": \"digitnet-model\", \"version\": 1, \"notes\": " + nested + "}");
        assertTrue(e.getMessage().endsWith("model.json: expected JSON within digitnet's limits, found Document"
                + " nesting depth (101) exceeds the maximum allowed (100)"), e.getMessage());
    }

    @Test
    void refusesAnOversizedModelJsonBeforeReadingIt() throws IOException {
        model = writeClassic();
        Path json = model.resolve("model.json");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(json.toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024 + 1); // sparse: no disk written, and never parsed
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ModelDir.read(CONF, model.toString()));
        assertEquals(json + ": expected at most 64 MB (67108864 bytes) of JSON, found 67108865 bytes",
                e.getMessage());
    }

    private static void assertContains(String expected, BadInputException e) {
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in '" + e.getMessage() + "'");
    }

    @Test
    void refusesAnUnknownFormatOrVersion() {
        assertEquals("expected format \"digitnet-model\", found \"keras\"",
                refusedEdit(root -> root.put("format", "keras")));
        assertEquals("expected a field \"format\", found none", refusedEdit(root -> root.remove("format")));
        assertEquals("expected format version 1, found 7", refusedEdit(root -> root.put("version", 7)));
        assertEquals("expected format version 1, found \"1\"", refusedEdit(root -> root.put("version", "1")));
        assertEquals("expected format version 1, found 1.5", refusedEdit(root -> root.put("version", 1.5)));
        assertEquals("expected a field \"version\", found none", refusedEdit(root -> root.putNull("version")));
    }

    @Test
    void refusesMissingOrInvalidArchitectureFields() {
        for (String field : List.of("layers", "hidden_activation", "output_activation", "loss")) {
            assertEquals("expected a field \"" + field + "\", found none", refusedEdit(root -> root.remove(field)));
        }
        String sizes = "layers: expected at least 2 sizes (inputs first, outputs last), each 1 or more, found ";
        assertEquals(sizes + "[784,0,10]", refusedEdit(root -> root.putArray("layers").add(784).add(0).add(10)));
        assertEquals(sizes + "[784]", refusedEdit(root -> root.putArray("layers").add(784)));
        assertEquals(sizes + "\"784,16,16,10\"", refusedEdit(root -> root.put("layers", "784,16,16,10")));
        assertEquals(sizes + "[784,16.5,10]", refusedEdit(root -> root.putArray("layers").add(784).add(16.5).add(10)));
        assertEquals("layers: expected at most 2147483639 weights a layer, found 784 x 3000000 in layer 1",
                refusedEdit(root -> root.putArray("layers").add(784).add(3_000_000).add(10)));
        assertEquals("hidden_activation: expected sigmoid, tanh, relu or softmax, found 'swish'",
                refusedEdit(root -> root.put("hidden_activation", "swish")));
        assertEquals("loss: expected cross-entropy or quadratic, found 'hinge'",
                refusedEdit(root -> root.put("loss", "hinge")));
        assertEquals("loss: expected a string, found 3", refusedEdit(root -> root.put("loss", 3)));
        assertEquals("hidden_activation sigmoid, output_activation relu: expected a sigmoid or softmax output layer,"
                + " found relu", refusedEdit(root -> root.put("output_activation", "relu")));
        assertEquals("hidden_activation softmax, output_activation sigmoid: softmax is for the output layer only",
                refusedEdit(root -> root.put("hidden_activation", "softmax")));
    }

    @Test
    void refusesAValidationAcceptanceCurveThatIsNotOneNamingIt() {
        String where = "validation_acceptance";
        assertEquals(where + ": expected an object with answers, wrong and points, found [1]",
                refusedEdit(root -> root.putArray(where).add(1)));
        assertEquals(where + ": expected answers, wrong and an array of points, found {\"answers\":40,\"wrong\":6}",
                refusedEdit(root -> ((ObjectNode) root.get(where)).remove("points")));
        assertEquals(where + ".points[1]: expected [threshold, accepted, wrong], found [0.9023,30.5,3]",
                refusedEdit(root -> ((ArrayNode) root.get(where).get("points").get(1)).set(1, 30.5)));
        assertEquals(where + ": point 1 (threshold 0.9023): expected 1..39 accepted with 0..6 wrong, found 30 with 7 "
                + "wrong", refusedEdit(root -> ((ArrayNode) root.get(where).get("points").get(1)).set(2, 7)));
        assertEquals(where + ": point 2 (threshold 0.5): expected a threshold above 0.9023",
                refusedEdit(root -> ((ArrayNode) root.get(where).get("points").get(2)).set(0, 0.5)));
        assertEquals(where + ".wrong: expected a 64-bit integer, found \"6\"",
                refusedEdit(root -> ((ObjectNode) root.get(where)).put("wrong", "6")));
    }

    @Test
    void refusesMistypedProvenance() throws IOException {
        assertEquals("seed: expected a 64-bit integer, found \"abc\"", refusedEdit(root -> root.put("seed", "abc")));
        assertEquals("epochs[1].loss: expected a number, found \"x\"",
                refusedEdit(root -> ((ObjectNode) root.get("epochs").get(1)).put("loss", "x")));
        assertEquals("epochs: expected an array, found {}", refusedEdit(root -> root.putObject("epochs")));
        assertEquals("settings: expected an object, found [1]", refusedEdit(root -> root.putArray("settings").add(1)));
        assertEquals("created: expected an ISO-8601 instant like 2025-01-31T12:00:00Z, found \"yesterday\"",
                refusedEdit(root -> root.put("created", "yesterday")));
        String json = Files.readString(writeClassic().resolve("model.json"));
        assertTrue(json.contains("0.9512"), json);
        assertTrue(refusedJson(json.replace("0.9512", "1e400")).getMessage().endsWith("model.json: validation"
                + " accuracy: expected a finite number (JSON has no NaN or Infinity), found Infinity"));
        String nan = refusedJson("{\"format\": \"digitnet-model\", \"version\": 1, \"test_accuracy\": NaN}")
                .getMessage();
        assertTrue(nan.contains("expected JSON, found a syntax error at line 1"), nan);
    }

    @Test
    void keepsUnknownTopLevelFieldsAndToleratesAbsentProvenance() throws IOException {
        Path target = writeClassic();
        ObjectNode root = (ObjectNode) JSON.readTree(target.resolve("model.json").toFile());
        for (String field : List.of("settings", "seed", "data", "epochs", "validation_accuracy", "test_accuracy",
                "validation_acceptance", "created", "spark_version", "project_version", "notes", "tags")) {
            root.remove(field);
        }
        root.put("made_by", "a notebook");
        Files.writeString(target.resolve("model.json"), JSON.writeValueAsString(root));
        Model back = ModelDir.read(CONF, target.toString());
        assertEquals(new ModelInfo(null, null, null, null, null, null, null, null, null, null, Map.of("made_by",
                "a notebook")), back.info());
        assertTrue(parameters(Architecture.CLASSIC, 1).identical(back.parameters()));
    }

    @Test
    void refusesWeightsThatDoNotMatchModelJson() throws IOException {
        String message = refusedEditOfWeights(root -> root.putArray("layers").add(784).add(16).add(16).add(11));
        assertTrue(message.endsWith("weights.parquet: layer 3 neuron 10: missing (expected 11 rows for layer 3,"
                + " one per neuron, found 10)"), message);
        message = refusedEditOfWeights(root -> root.putArray("layers").add(785).add(16).add(16).add(10));
        assertTrue(message.endsWith("weights.parquet: layer 1 neuron 0: expected 785 weights, found 784"), message);
    }

    private String refusedEditOfWeights(Consumer<ObjectNode> edit) throws IOException {
        Path target = writeClassic();
        ObjectNode root = (ObjectNode) JSON.readTree(target.resolve("model.json").toFile());
        edit.accept(root);
        Files.writeString(target.resolve("model.json"), JSON.writeValueAsString(root));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelDir.read(CONF, target.toString()));
        assertTrue(e.getMessage().startsWith(target.resolve("weights.parquet") + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void refusesACorruptWeightsFileInsideAModel() throws IOException {
        Path target = writeClassic();
        Path weights = target.resolve("weights.parquet");
        List<ModelFixtures.Row> rows = ModelFixtures.rows(parameters(Architecture.CLASSIC, 1));
        rows.get(ModelFixtures.indexOf(rows, 1, 3)).weights()[17] = Double.NaN;
        Files.delete(weights);
        ModelFixtures.writeRows(weights, rows);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelDir.read(CONF, target.toString()));
        assertEquals(weights + ": layer 1 neuron 3 weight 17 is NaN", e.getMessage());
    }

    @Test
    void provenanceHoldsOnlyWhatJsonCanSayAndNoReservedExtraField() {
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo.Epoch(1, Double.NaN, null, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo(null, null, null, null,
                Double.POSITIVE_INFINITY, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo(Map.of("when", new Object()), null, null,
                null, null, null, null, null, null, null, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelInfo(null, null,
                null, null, null, null, null, null, null, null, Map.of("layers", List.of(1, 2))));
        assertEquals("extra: expected a field model.json does not define, found 'layers'", e.getMessage());
        assertEquals(0.5, fullInfo().withTestAccuracy(0.5).testAccuracy());
    }
}
