package io.digitnet.model;

import io.digitnet.BadInputException;
import io.digitnet.data.HadoopFiles;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.ParquetRuntimeException;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Parameters (a network's, or anything shaped like them: an optimiser's moments) as one
 * Parquet file with one row per neuron, readable by any Parquet reader:
 * <pre>
 * layer   int32          the weight layer, from 1
 * neuron  int32          the neuron in that layer, from 0
 * bias    double         its bias
 * weights array&lt;double&gt;  its incoming weights, one per neuron of the layer before
 * </pre>
 * weights is a standard three-level Parquet LIST. Reading also takes the files other
 * writers make of the same columns (nullable columns, as Spark writes them; int64 layer
 * and neuron; two-level lists), and checks every row against the architecture.
 */
public final class ParametersParquet {
    /** The schema this class writes. */
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message digitnet_parameters {
              required int32 layer;
              required int32 neuron;
              required double bias;
              required group weights (LIST) {
                repeated group list {
                  required double element;
                }
              }
            }""");

    private ParametersParquet() {}

    /**
     * Writes {@code parameters} as a new Parquet file at {@code path} (which must not exist),
     * on any Hadoop file system.
     *
     * @throws IllegalArgumentException if a number is NaN or infinite: such a file could not be read
     */
    public static void write(Configuration conf, String path, Parameters parameters) {
        Path file = new Path(path);
        write(HadoopFiles.plainFileSystem(file, conf), file, parameters);
    }

    /**
     * Reads the Parquet file at {@code path} as parameters of {@code architecture}.
     *
     * @throws BadInputException naming the file and the first problem: not Parquet, a missing
     *     or mistyped column, a row missing, repeated or out of range, a weights array of the
     *     wrong length, a NaN or infinite number
     */
    public static Parameters read(Configuration conf, String path, Architecture architecture) {
        Path file = new Path(path);
        return read(HadoopFiles.plainFileSystem(file, conf), file, architecture);
    }

    /** Checks that {@code parameters} have the shape of {@code architecture}. */
    static void checkShape(Architecture architecture, Parameters parameters) {
        if (parameters.layers() != architecture.layers()) {
            throw new IllegalArgumentException("expected parameters of " + architecture.layers() + " weight layers ("
                    + architecture.sizesText() + "), found " + parameters.layers());
        }
        for (int l = 0; l < architecture.layers(); l++) {
            long weights = (long) architecture.out(l) * architecture.in(l);
            if (parameters.weights[l].length != weights || parameters.biases[l].length != architecture.out(l)) {
                throw new IllegalArgumentException("layer " + (l + 1) + ": expected " + weights + " weights and "
                        + architecture.out(l) + " biases, found " + parameters.weights[l].length + " and "
                        + parameters.biases[l].length);
            }
        }
    }

    static void write(FileSystem fs, Path file, Parameters parameters) {
        String nonFinite = parameters.firstNonFinite();
        if (nonFinite != null) {
            throw new IllegalArgumentException(file + ": refusing to write parameters that are not all finite: "
                    + nonFinite);
        }
        for (int l = 0; l < parameters.layers(); l++) {
            int out = parameters.biases[l].length;
            if (out == 0 || parameters.weights[l].length == 0 || parameters.weights[l].length % out != 0) {
                throw new IllegalArgumentException(file + ": layer " + (l + 1) + ": expected weights a whole, non-zero"
                        + " multiple of its " + out + " biases, found " + parameters.weights[l].length);
            }
        }
        SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(ModelFiles.outputFile(fs, file))
                .withConf(fs.getConf() == null ? new Configuration() : fs.getConf())
                .withType(SCHEMA)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                // One encoding a column: parquet-mr lists a column's encodings in a HashSet's order, which
                // changes from JVM to JVM, so two or more would make identical weights differ in bytes.
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withDictionaryEncoding(false)
                .build()) {
            for (int l = 0; l < parameters.layers(); l++) {
                double[] weights = parameters.weights[l];
                double[] biases = parameters.biases[l];
                int in = weights.length / biases.length;
                for (int j = 0; j < biases.length; j++) {
                    Group row = rows.newGroup().append("layer", l + 1).append("neuron", j).append("bias", biases[j]);
                    Group list = row.addGroup("weights");
                    for (int i = j * in; i < (j + 1) * in; i++) {
                        list.addGroup("list").append("element", weights[i]);
                    }
                    writer.write(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    static Parameters read(FileSystem fs, Path file, Architecture architecture) {
        FileStatus status = HadoopFiles.status(fs, file, "file");
        if (status.isDirectory()) {
            throw new BadInputException(file + ": expected a Parquet file, found a directory");
        }
        ParquetFileReader reader;
        try {
            // Page checksums (which parquet-hadoop writes by default) turn flipped bits into an error, not numbers.
            reader = ParquetFileReader.open(ModelFiles.inputFile(fs, file, status.getLen()),
                    ParquetReadOptions.builder().usePageChecksumVerification(true).build());
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": expected a Parquet file, found one it cannot read ("
                    + detail(file, e) + ")", e);
        }
        try (reader) {
            Columns columns = Columns.of(file, reader.getFooter().getFileMetaData().getSchema());
            reader.setRequestedSchema(columns.requested);
            Rows rows = new Rows(file, architecture, reader.getRecordCount());
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(columns.requested);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(columns.requested));
                for (long r = 0, n = pages.getRowCount(); r < n; r++) {
                    rows.add(columns, records.read());
                }
            }
            return rows.parameters();
        } catch (ParquetRuntimeException e) {
            throw new BadInputException(file + ": expected a readable Parquet file, found corrupt data ("
                    + detail(file, e) + ")", e);
        } catch (IOException e) {
            if (corrupt(e)) {
                throw new BadInputException(file + ": expected a readable Parquet file, found corrupt data ("
                        + detail(file, e) + ")", e);
            }
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Whether an IOException says that the bytes are wrong (a page header Thrift cannot decode, a short file). */
    private static boolean corrupt(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.io.EOFException || c instanceof ParquetRuntimeException
                    || c.getClass().getName().contains(".thrift.")) {
                return true;
            }
        }
        return false;
    }

    /** The first line of the exception's message, without the file name that the caller has given already. */
    private static String detail(Path file, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).replace(file + " ", "").trim();
    }

    /** The four columns as the file has them, checked, and the projection that reads only them. */
    private record Columns(MessageType requested, boolean longLayer, boolean longNeuron, boolean threeLevelList) {

        static Columns of(Path file, MessageType schema) {
            Type layer = field(file, schema, "layer");
            Type neuron = field(file, schema, "neuron");
            Type bias = field(file, schema, "bias");
            Type weights = field(file, schema, "weights");
            boolean longLayer = integer(file, layer);
            boolean longNeuron = integer(file, neuron);
            if (!isDouble(bias)) {
                throw new BadInputException(file + ": column 'bias': expected double, found " + describe(bias));
            }
            boolean threeLevel;
            GroupType list = weights.isPrimitive() ? null : weights.asGroupType();
            Type repeated = list != null && list.getFieldCount() == 1 ? list.getType(0) : null;
            if (repeated != null && repeated.isRepetition(Type.Repetition.REPEATED) && isDouble(repeated)) {
                threeLevel = false;
            } else if (repeated != null && repeated.isRepetition(Type.Repetition.REPEATED) && !repeated.isPrimitive()
                    && repeated.asGroupType().getFieldCount() == 1 && isDouble(repeated.asGroupType().getType(0))) {
                threeLevel = true;
            } else {
                throw new BadInputException(file + ": column 'weights': expected a list of double, found "
                        + describe(weights));
            }
            MessageType requested = new MessageType(schema.getName(), List.of(layer, neuron, bias, weights));
            return new Columns(requested, longLayer, longNeuron, threeLevel);
        }

        private static Type field(Path file, MessageType schema, String name) {
            if (!schema.containsField(name)) {
                List<String> found = new ArrayList<>();
                schema.getFields().forEach(f -> found.add(f.getName()));
                throw new BadInputException(file + ": expected columns layer, neuron, bias and weights, found no '"
                        + name + "' among " + found);
            }
            Type type = schema.getType(name);
            if (type.isRepetition(Type.Repetition.REPEATED)) {
                throw new BadInputException(file + ": column '" + name + "': expected one value a row, found "
                        + describe(type));
            }
            return type;
        }

        /** Whether an integer column is int64 (else int32). */
        private static boolean integer(Path file, Type type) {
            if (type.isPrimitive() && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32) {
                return false;
            }
            if (type.isPrimitive() && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64) {
                return true;
            }
            throw new BadInputException(file + ": column '" + type.getName() + "': expected int32, found "
                    + describe(type));
        }

        private static boolean isDouble(Type type) {
            return type.isPrimitive() && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE;
        }

        private static String describe(Type type) {
            return type.toString().replaceAll("\\s+", " ").trim();
        }
    }

    /** The rows read so far, checked one by one, and assembled into parameters once all are in. */
    private static final class Rows {
        private final Path file;
        private final Architecture architecture;
        private final long total;
        private final Map<Long, double[]> weights = new HashMap<>();
        private final Map<Long, Double> biases = new HashMap<>();
        private final long[] counts;
        private long row;

        Rows(Path file, Architecture architecture, long total) {
            this.file = file;
            this.architecture = architecture;
            this.total = total;
            this.counts = new long[architecture.layers()];
        }

        void add(Columns columns, Group group) {
            row++;
            String where = "row " + row + " of " + total;
            long layer = integer(group, "layer", columns.longLayer, where);
            if (layer < 1 || layer > architecture.layers()) {
                throw bad(where + ": expected layer 1 to " + architecture.layers() + ", found " + layer);
            }
            int l = (int) layer - 1;
            long neuron = integer(group, "neuron", columns.longNeuron, where);
            if (neuron < 0 || neuron >= architecture.out(l)) {
                throw bad(where + ": layer " + layer + ": expected neuron 0 to " + (architecture.out(l) - 1)
                        + ", found " + neuron);
            }
            String at = "layer " + layer + " neuron " + neuron;
            long key = ((long) l << 32) | neuron;
            if (biases.containsKey(key)) {
                throw bad(at + ": found twice (expected one row per neuron)");
            }
            if (group.getFieldRepetitionCount("bias") == 0) {
                throw bad(at + ": bias is null");
            }
            double bias = group.getDouble("bias", 0);
            if (!Double.isFinite(bias)) {
                throw bad(at + " bias is " + bias);
            }
            biases.put(key, bias);
            weights.put(key, incoming(group, columns.threeLevelList, architecture.in(l), at));
            counts[l]++;
        }

        private double[] incoming(Group group, boolean threeLevel, int expected, String at) {
            if (group.getFieldRepetitionCount("weights") == 0) {
                throw bad(at + ": weights is null");
            }
            Group list = group.getGroup("weights", 0);
            int found = list.getFieldRepetitionCount(0);
            if (found != expected) {
                throw bad(at + ": expected " + expected + " weights, found " + found);
            }
            double[] values = new double[expected];
            for (int i = 0; i < expected; i++) {
                if (threeLevel) {
                    Group element = list.getGroup(0, i);
                    if (element.getFieldRepetitionCount(0) == 0) {
                        throw bad(at + " weight " + i + " is null");
                    }
                    values[i] = element.getDouble(0, 0);
                } else {
                    values[i] = list.getDouble(0, i);
                }
                if (!Double.isFinite(values[i])) {
                    throw bad(at + " weight " + i + " is " + values[i]);
                }
            }
            return values;
        }

        private long integer(Group group, String column, boolean isLong, String where) {
            if (group.getFieldRepetitionCount(column) == 0) {
                throw bad(where + ": " + column + " is null");
            }
            return isLong ? group.getLong(column, 0) : group.getInteger(column, 0);
        }

        /** The parameters, once every neuron of every layer has been read exactly once. */
        Parameters parameters() {
            for (int l = 0; l < counts.length; l++) {
                int out = architecture.out(l);
                if (counts[l] != out) {
                    int missing = 0;
                    while (biases.containsKey(((long) l << 32) | missing)) {
                        missing++;
                    }
                    throw bad("layer " + (l + 1) + " neuron " + missing + ": missing (expected " + out
                            + " rows for layer " + (l + 1) + ", one per neuron, found " + counts[l] + ")");
                }
            }
            Parameters parameters = Parameters.zeros(architecture);
            for (int l = 0; l < counts.length; l++) {
                int in = architecture.in(l);
                for (int j = 0; j < architecture.out(l); j++) {
                    long key = ((long) l << 32) | j;
                    System.arraycopy(weights.remove(key), 0, parameters.weights[l], j * in, in);
                    parameters.biases[l][j] = biases.get(key);
                }
            }
            return parameters;
        }

        private BadInputException bad(String problem) {
            return new BadInputException(file + ": " + problem);
        }
    }
}
