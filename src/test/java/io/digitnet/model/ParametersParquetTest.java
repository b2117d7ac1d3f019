package io.digitnet.model;

import static io.digitnet.model.ModelFixtures.indexOf;
import static io.digitnet.model.ModelFixtures.parameters;
import static io.digitnet.model.ModelFixtures.rows;
import static io.digitnet.model.ModelFixtures.writeRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.model.ModelFixtures.Row;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Loss;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParametersParquetTest {
    private static final Configuration CONF = new Configuration();
    private static final Architecture CLASSIC = Architecture.CLASSIC;

    @TempDir
    Path dir;

    private int crafted;

    private Parameters roundTrip(Architecture architecture, Parameters p, String name) {
        String file = dir.resolve(name).toString();
        ParametersParquet.write(CONF, file, p);
        return ParametersParquet.read(CONF, file, architecture);
    }

    /** Reads {@code rows}, written with parquet-hadoop's own writer, and returns the refusal. */
    private BadInputException refused(List<Row> rows, Architecture architecture) {
        Path file = dir.resolve("crafted-" + (++crafted) + ".parquet");
        writeRows(file, rows);
        BadInputException e = assertThrows(BadInputException.class,
                () -> ParametersParquet.read(CONF, file.toString(), architecture));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    private static void assertMessage(String expected, BadInputException e) {
        assertTrue(e.getMessage().endsWith(": " + expected), "expected '..." + expected + "', found '"
                + e.getMessage() + "'");
    }

    @Test
    void readsBackBitIdenticalParameters() {
        Parameters classic = parameters(CLASSIC, 1);
        assertTrue(classic.identical(roundTrip(CLASSIC, classic, "classic.parquet")));
        Parameters odd = parameters(ModelFixtures.ODD, 2);
        Parameters back = roundTrip(ModelFixtures.ODD, odd, "odd.parquet");
        assertTrue(odd.identical(back));
        // identical() compares like Double.equals: check the sign of zero and the tiny values bit for bit too.
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.weights[0][0]));
        assertEquals(Double.MIN_VALUE, back.weights[0][1]);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.biases[2][0]));
    }

    @Test
    void storesEachOptimizerSlotOfACheckpointInTheSameFormat() {
        OptimizerSettings adam = new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.01, 0.9, 0.999, 1e-8, 0);
        OptimizerState state = OptimizerState.initial(CLASSIC, adam);
        assertEquals(2, state.slots.length);
        state.slots[0].setTo(parameters(CLASSIC, 3));
        state.slots[1].setTo(parameters(CLASSIC, 4));
        state.slots[1].scale(0.0);
        state.slots[1].addScaled(1e-9, parameters(CLASSIC, 5));
        for (int i = 0; i < state.slots.length; i++) {
            assertTrue(state.slots[i].identical(roundTrip(CLASSIC, state.slots[i], "slot-" + i + ".parquet")),
                    "slot " + i);
        }
    }

    @Test
    void writesOneFileInTheDocumentedSchemaWithOneRowPerNeuron() throws IOException {
        Path file = dir.resolve("w.parquet");
        ParametersParquet.write(CONF, file.toString(), parameters(CLASSIC, 6));
        assertTrue(Files.isRegularFile(file));
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF))) {
            assertEquals(ParametersParquet.SCHEMA, reader.getFooter().getFileMetaData().getSchema());
            assertEquals(16 + 16 + 10, reader.getRecordCount());
        }
        assertEquals(List.of("w.parquet"), Arrays.asList(dir.toFile().list()), "no .crc or other files beside it");
    }

    /**
     * parquet-mr lists a column chunk's encodings in a HashSet's order, which depends on the
     * JVM's identity hash codes: with two or more encodings a column, the same weights give
     * other bytes in another JVM (within one JVM they agree, so the test reads the footer).
     */
    @Test
    void writesTheSameBytesInEveryJvmWithOneEncodingAColumnAndNoTimestamp() throws IOException {
        Parameters p = parameters(CLASSIC, 6);
        Path first = dir.resolve("first.parquet");
        Path second = dir.resolve("second.parquet");
        ParametersParquet.write(CONF, first.toString(), p);
        ParametersParquet.write(CONF, second.toString(), p);
        byte[] bytes = Files.readAllBytes(first);
        assertArrayEquals(bytes, Files.readAllBytes(second));

        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length,
                length));
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk column : group.getColumns()) {
                assertEquals(1, column.getMeta_data().getEncodingsSize(), "encodings of "
                        + column.getMeta_data().getPath_in_schema() + ": " + column.getMeta_data().getEncodings());
            }
        }
        // Nothing in the footer tells one run from another: the writer's name and version, the writer model.
        assertTrue(footer.getCreated_by().startsWith("parquet-mr version "), footer.getCreated_by());
        assertEquals(List.of(new KeyValue("writer.model.name").setValue("example")), footer.getKey_value_metadata());
    }

    @Test
    void refusesToWriteNonFiniteNumbersOrOverAnExistingFile() {
        Parameters p = parameters(ModelFixtures.ODD, 7);
        p.weights[1][3] = Double.NaN;
        Path file = dir.resolve("nan.parquet");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> ParametersParquet.write(CONF, file.toString(), p));
        assertTrue(nan.getMessage().contains("layer 2 weight 3 is NaN"), nan.getMessage());
        assertFalse(Files.exists(file));

        Parameters good = parameters(ModelFixtures.ODD, 8);
        ParametersParquet.write(CONF, file.toString(), good);
        assertThrows(UncheckedIOException.class,
                () -> ParametersParquet.write(CONF, file.toString(), parameters(ModelFixtures.ODD, 9)));
        assertTrue(good.identical(ParametersParquet.read(CONF, file.toString(), ModelFixtures.ODD)));
    }

    @Test
    void readsRowsInAnyOrderAndInt64Columns() {
        Parameters p = parameters(ModelFixtures.ODD, 10);
        List<Row> rows = rows(p);
        java.util.Collections.reverse(rows);
        Path file = dir.resolve("int64.parquet");
        writeRows(file, rows, ModelFixtures.schema("""
                message m {
                  required int64 layer;
                  required int64 neuron;
                  required double bias;
                  required group weights (LIST) { repeated group list { required double element; } }
                  optional binary comment (STRING);
                }"""));
        assertTrue(p.identical(ParametersParquet.read(CONF, file.toString(), ModelFixtures.ODD)));
    }

    @Test
    void refusesAMissingRow() {
        List<Row> rows = rows(parameters(CLASSIC, 11));
        rows.remove(indexOf(rows, 2, 5));
        assertMessage("layer 2 neuron 5: missing (expected 16 rows for layer 2, one per neuron, found 15)",
                refused(rows, CLASSIC));
    }

    @Test
    void refusesADuplicateRow() {
        List<Row> rows = rows(parameters(CLASSIC, 12));
        rows.add(rows.get(indexOf(rows, 1, 3)));
        assertMessage("layer 1 neuron 3: found twice (expected one row per neuron)", refused(rows, CLASSIC));
    }

    @Test
    void refusesALayerOrNeuronOutOfRange() {
        List<Row> rows = rows(parameters(CLASSIC, 13));
        Row last = rows.get(rows.size() - 1);
        rows.set(rows.size() - 1, new Row(4, 0, last.bias(), last.weights()));
        assertMessage("row 42 of 42: expected layer 1 to 3, found 4", refused(rows, CLASSIC));

        rows = rows(parameters(CLASSIC, 13));
        rows.set(0, new Row(0, 0, 0.0, rows.get(0).weights()));
        assertMessage("row 1 of 42: expected layer 1 to 3, found 0", refused(rows, CLASSIC));

        rows = rows(parameters(CLASSIC, 13));
        int i = indexOf(rows, 2, 15);
        rows.set(i, new Row(2, 16, 0.0, rows.get(i).weights()));
        assertMessage("row " + (i + 1) + " of 42: layer 2: expected neuron 0 to 15, found 16", refused(rows, CLASSIC));

        rows = rows(parameters(CLASSIC, 13));
        rows.set(0, new Row(1, -1, 0.0, rows.get(0).weights()));
        assertMessage("row 1 of 42: layer 1: expected neuron 0 to 15, found -1", refused(rows, CLASSIC));
    }

    @Test
    void refusesAWeightsArrayOfTheWrongLength() {
        List<Row> rows = rows(parameters(CLASSIC, 14));
        int i = indexOf(rows, 2, 5);
        rows.set(i, rows.get(i).withWeights(Arrays.copyOf(rows.get(i).weights(), 15)));
        assertMessage("layer 2 neuron 5: expected 16 weights, found 15", refused(rows, CLASSIC));

        rows = rows(parameters(CLASSIC, 14));
        i = indexOf(rows, 1, 0);
        rows.set(i, rows.get(i).withWeights(Arrays.copyOf(rows.get(i).weights(), 785)));
        assertMessage("layer 1 neuron 0: expected 784 weights, found 785", refused(rows, CLASSIC));

        rows = rows(parameters(CLASSIC, 14));
        i = indexOf(rows, 3, 9);
        rows.set(i, rows.get(i).withWeights(new double[0]));
        assertMessage("layer 3 neuron 9: expected 16 weights, found 0", refused(rows, CLASSIC));
    }

    @Test
    void refusesNaNAndInfiniteNumbers() {
        List<Row> rows = rows(parameters(CLASSIC, 15));
        rows.get(indexOf(rows, 1, 3)).weights()[17] = Double.NaN;
        assertMessage("layer 1 neuron 3 weight 17 is NaN", refused(rows, CLASSIC));

        rows = rows(parameters(CLASSIC, 15));
        rows.get(indexOf(rows, 2, 0)).weights()[15] = Double.NEGATIVE_INFINITY;
        assertMessage("layer 2 neuron 0 weight 15 is -Infinity", refused(rows, CLASSIC));

        rows = rows(parameters(CLASSIC, 15));
        int i = indexOf(rows, 3, 9);
        Row r = rows.get(i);
        rows.set(i, new Row(r.layer(), r.neuron(), Double.POSITIVE_INFINITY, r.weights()));
        assertMessage("layer 3 neuron 9 bias is Infinity", refused(rows, CLASSIC));
    }

    @Test
    void refusesParametersOfAnotherArchitecture() {
        List<Row> rows = rows(parameters(CLASSIC, 16));
        Architecture wider = new Architecture(new int[] {784, 16, 16, 11}, Activation.SIGMOID, Activation.SIGMOID,
                Loss.CROSS_ENTROPY);
        assertMessage("layer 3 neuron 10: missing (expected 11 rows for layer 3, one per neuron, found 10)",
                refused(rows, wider));
        Architecture deeper = new Architecture(new int[] {784, 16, 16, 10, 10}, Activation.SIGMOID,
                Activation.SIGMOID, Loss.CROSS_ENTROPY);
        assertMessage("layer 4 neuron 0: missing (expected 10 rows for layer 4, one per neuron, found 0)",
                refused(rows, deeper));
        Architecture narrower = new Architecture(new int[] {784, 32, 10}, Activation.SIGMOID, Activation.SIGMOID,
                Loss.CROSS_ENTROPY);
        assertMessage("layer 2 neuron 0: expected 32 weights, found 16", refused(rows, narrower));
    }

    @Test
    void refusesCorruptBytesInsteadOfReadingOtherNumbers() throws IOException {
        Path good = dir.resolve("good.parquet");
        ParametersParquet.write(CONF, good.toString(), parameters(CLASSIC, 18));
        byte[] bytes = Files.readAllBytes(good);

        byte[] data = bytes.clone();
        for (int i = data.length / 2; i < data.length / 2 + 100; i++) {
            data[i] ^= 0x55;
        }
        Path flipped = Files.write(dir.resolve("flipped-data.parquet"), data);
        BadInputException e = assertThrows(BadInputException.class,
                () -> ParametersParquet.read(CONF, flipped.toString(), CLASSIC));
        assertEquals(flipped + ": expected a readable Parquet file, found corrupt data (could not verify page"
                + " integrity, CRC checksum verification failed)", e.getMessage());

        byte[] header = bytes.clone();
        for (int i = 4; i < 60; i++) {
            header[i] = 0x7f;
        }
        Path broken = Files.write(dir.resolve("broken-header.parquet"), header);
        e = assertThrows(BadInputException.class, () -> ParametersParquet.read(CONF, broken.toString(), CLASSIC));
        assertTrue(e.getMessage().startsWith(broken + ": expected a readable Parquet file, found corrupt data ("),
                e.getMessage());
    }

    @Test
    void refusesFilesThatAreNotParquetOrLackTheColumns() throws IOException {
        Path text = dir.resolve("text.parquet");
        Files.writeString(text, "layer,neuron,bias\n1,0,0.5\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> ParametersParquet.read(CONF, text.toString(), CLASSIC));
        assertTrue(e.getMessage().startsWith(text + ": expected a Parquet file, found one it cannot read"),
                e.getMessage());

        Path empty = Files.createFile(dir.resolve("empty.parquet"));
        e = assertThrows(BadInputException.class, () -> ParametersParquet.read(CONF, empty.toString(), CLASSIC));
        assertTrue(e.getMessage().startsWith(empty + ": expected a Parquet file"), e.getMessage());

        Path good = dir.resolve("good.parquet");
        ParametersParquet.write(CONF, good.toString(), parameters(CLASSIC, 17));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(BadInputException.class, () -> ParametersParquet.read(CONF, truncated.toString(), CLASSIC));
        assertTrue(e.getMessage().startsWith(truncated + ": expected a Parquet file"), e.getMessage());

        Path missing = dir.resolve("absent.parquet");
        e = assertThrows(BadInputException.class, () -> ParametersParquet.read(CONF, missing.toString(), CLASSIC));
        assertEquals(missing + ": no such file", e.getMessage());

        Path floats = dir.resolve("floats.parquet");
        writeRows(floats, List.of(), ModelFixtures.schema("""
                message m {
                  required int32 layer;
                  required int32 neuron;
                  required float bias;
                  required group weights (LIST) { repeated group list { required double element; } }
                }"""));
        e = assertThrows(BadInputException.class, () -> ParametersParquet.read(CONF, floats.toString(), CLASSIC));
        assertEquals(floats + ": column 'bias': expected double, found required float bias", e.getMessage());

        Path noWeights = dir.resolve("no-weights.parquet");
        writeRows(noWeights, List.of(), ModelFixtures.schema("""
                message m {
                  required int32 layer;
                  required int32 neuron;
                  required double bias;
                  required group w (LIST) { repeated group list { required double element; } }
                }"""));
        e = assertThrows(BadInputException.class, () -> ParametersParquet.read(CONF, noWeights.toString(), CLASSIC));
        assertEquals(noWeights + ": expected columns layer, neuron, bias and weights, found no 'weights' among"
                + " [layer, neuron, bias, w]", e.getMessage());
    }
}
