package io.digitnet.model;

import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Loss;
import io.digitnet.nn.Parameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Networks, provenance and hand-made weights files for the model tests. */
final class ModelFixtures {
    /** A small odd shape: every other activation, a one-neuron layer, the quadratic loss. */
    static final Architecture ODD = new Architecture(new int[] {7, 1, 5, 3}, Activation.RELU, Activation.SOFTMAX,
            Loss.QUADRATIC);

    private ModelFixtures() {}

    /** Random parameters with the numbers that text formats tend to get wrong mixed in. */
    static Parameters parameters(Architecture architecture, long seed) {
        Parameters p = Parameters.initial(architecture, seed);
        java.util.Random random = new java.util.Random(seed);
        for (int l = 0; l < p.layers(); l++) {
            for (int j = 0; j < p.biases[l].length; j++) {
                p.biases[l][j] = random.nextGaussian();
            }
        }
        double[] awkward = {-0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Math.nextUp(1.0), 1e-300, 0.1 + 0.2};
        double[] first = p.weights[0];
        for (int i = 0; i < awkward.length && i < first.length; i++) {
            first[i] = awkward[i];
        }
        p.biases[p.layers() - 1][0] = -0.0;
        return p;
    }

    /** Provenance with every field set, and settings of every JSON type (ints given as Integer). */
    static ModelInfo fullInfo() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("strategy", "sync-sgd");
        settings.put("learning_rate", 0.1);
        settings.put("epochs", 30);
        settings.put("seed", 1234567890123L);
        settings.put("validation_fraction", 1.0 / 12);
        settings.put("nesterov", false);
        settings.put("milestones", List.of(10, 20));
        settings.put("optimizer", Map.of("kind", "adam", "beta2", 0.999));
        settings.put("note", null);
        List<ModelInfo.Epoch> epochs = List.of(
                new ModelInfo.Epoch(1, 0.912345678901, 0.8875, 3.25),
                new ModelInfo.Epoch(2, 0.4, null, 2.0));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("notes", "trained for the test");
        extra.put("tags", List.of("a", 1, 2.5));
        return new ModelInfo(settings, 42L, new ModelInfo.DataSource("hdfs://nn/data/mnist-train.parquet",
                "sha256:0123abcd"), epochs, 0.9512, null, acceptance(), Instant.parse("2026-11-29T07:04:24.123456Z"),
                "4.2.0", "0.1.0-SNAPSHOT", extra);
    }

    /** A validation curve of 40 answers, 6 wrong, with thresholds of the kinds that text formats round. */
    static AcceptanceCurve acceptance() {
        return new AcceptanceCurve(40, 6, List.of(new AcceptanceCurve.Point(0.31, 40, 6, 40),
                new AcceptanceCurve.Point(0.9023, 30, 3, 40), new AcceptanceCurve.Point(0.99999999877, 12, 0, 40),
                new AcceptanceCurve.Point(Math.nextDown(1.0), 3, 0, 40)));
    }

    /** One row of a weights file, as a test wants it (possibly wrong). */
    record Row(long layer, long neuron, double bias, double[] weights) {
        Row withWeights(double[] w) {
            return new Row(layer, neuron, bias, w);
        }
    }

    /** The rows {@link ParametersParquet} would write for {@code p}, in order. */
    static List<Row> rows(Parameters p) {
        List<Row> rows = new ArrayList<>();
        for (int l = 0; l < p.layers(); l++) {
            int out = p.biases[l].length;
            int in = p.weights[l].length / out;
            for (int j = 0; j < out; j++) {
                rows.add(new Row(l + 1, j, p.biases[l][j], Arrays.copyOfRange(p.weights[l], j * in, (j + 1) * in)));
            }
        }
        return rows;
    }

    /** The index of a row in {@link #rows}. */
    static int indexOf(List<Row> rows, int layer, int neuron) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).layer() == layer && rows.get(i).neuron() == neuron) {
                return i;
            }
        }
        throw new IllegalArgumentException("no row for layer " + layer + " neuron " + neuron);
    }

    /** Writes {@code rows} as a Parquet file with parquet-hadoop's own writer, in digitnet's schema. */
    static void writeRows(java.nio.file.Path file, List<Row> rows) {
        writeRows(file, rows, ParametersParquet.SCHEMA);
    }

    /**
     * Writes {@code rows} in {@code schema}, which must have the fields layer, neuron, bias
     * and a three-level list weights/list/element, but may give them other types
     * (int64 layer and neuron here; see the tests for the rest).
     */
    static void writeRows(java.nio.file.Path file, List<Row> rows, MessageType schema) {
        boolean longs = schema.getType("layer").asPrimitiveType().getPrimitiveTypeName()
                == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(HadoopOutputFile.fromPath(new Path(file.toUri()), new Configuration()))
                .withType(schema).build()) {
            for (Row row : rows) {
                Group g = groups.newGroup();
                if (longs) {
                    g.append("layer", row.layer()).append("neuron", row.neuron());
                } else {
                    g.append("layer", (int) row.layer()).append("neuron", (int) row.neuron());
                }
                g.append("bias", row.bias());
                Group list = g.addGroup("weights");
                for (double w : row.weights()) {
                    list.addGroup("list").append("element", w);
                }
                writer.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageType schema(String text) {
        return MessageTypeParser.parseMessageType(text);
    }
}
