package io.digitnet.model;

import static io.digitnet.model.ModelFixtures.parameters;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.testing.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** weights.parquet is plain Parquet: Spark reads it without this project, and this project reads Spark's. */
class WeightsInSparkTest {
    private static final Configuration CONF = new Configuration();
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(WeightsInSparkTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private static double[] doubles(Row row, String field) {
        List<Object> list = CollectionConverters.asJava(row.<Object>getSeq(row.fieldIndex(field)));
        return list.stream().mapToDouble(v -> (Double) v).toArray();
    }

    /** The single part file Spark wrote into {@code out}. */
    private static Path partFile(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
            assertEquals(1, parts.size(), parts.toString());
            return parts.get(0);
        }
    }

    @Test
    void sparkReadsLayerNeuronBiasAndAnArrayOfDoubles() {
        Parameters p = parameters(Architecture.CLASSIC, 21);
        Path model = dir.resolve("model");
        ModelDir.write(CONF, model.toString(), Architecture.CLASSIC, p, ModelInfo.NONE, false);

        Dataset<Row> weights = spark.read().parquet(model.resolve("weights.parquet").toString());
        StructType schema = weights.schema();
        assertEquals(List.of("layer", "neuron", "bias", "weights"), Arrays.asList(schema.fieldNames()));
        assertEquals(DataTypes.IntegerType, schema.apply("layer").dataType());
        assertEquals(DataTypes.IntegerType, schema.apply("neuron").dataType());
        assertEquals(DataTypes.DoubleType, schema.apply("bias").dataType());
        // array<double> (Spark reads every file column as nullable, so containsNull is true here)
        ArrayType array = assertInstanceOf(ArrayType.class, schema.apply("weights").dataType());
        assertEquals(DataTypes.DoubleType, array.elementType());

        List<Row> rows = weights.orderBy("layer", "neuron").collectAsList();
        assertEquals(42, rows.size());
        Row row = weights.where("layer = 2 AND neuron = 5").first();
        assertEquals(p.biases[1][5], row.getDouble(row.fieldIndex("bias")));
        assertArrayEquals(Arrays.copyOfRange(p.weights[1], 5 * 16, 6 * 16), doubles(row, "weights"));
        Row first = rows.get(0);
        assertEquals(1, first.getInt(first.fieldIndex("layer")));
        assertArrayEquals(Arrays.copyOfRange(p.weights[0], 0, 784), doubles(first, "weights"));
    }

    @Test
    void readsTheFileSparkWritesAndChecksIt() throws IOException {
        Parameters p = parameters(Architecture.CLASSIC, 22);
        Path ours = dir.resolve("ours.parquet");
        ParametersParquet.write(CONF, ours.toString(), p);
        Dataset<Row> weights = spark.read().parquet(ours.toString());

        // Spark writes every column nullable, and the list's elements as optional.
        Path copy = dir.resolve("copy");
        weights.orderBy(col("layer").desc(), col("neuron")).coalesce(1).write().parquet(copy.toString());
        assertTrue(p.identical(ParametersParquet.read(CONF, partFile(copy).toString(), Architecture.CLASSIC)));

        Path shortened = dir.resolve("short");
        weights.withColumn("weights", when(col("layer").equalTo(2).and(col("neuron").equalTo(5)),
                        slice(col("weights"), 1, 15)).otherwise(col("weights")))
                .coalesce(1).write().parquet(shortened.toString());
        Path part = partFile(shortened);
        BadInputException e = assertThrows(BadInputException.class,
                () -> ParametersParquet.read(CONF, part.toString(), Architecture.CLASSIC));
        assertEquals(part + ": layer 2 neuron 5: expected 16 weights, found 15", e.getMessage());

        Path nullBias = dir.resolve("null-bias");
        weights.withColumn("bias", when(col("layer").equalTo(3).and(col("neuron").equalTo(9)), lit(null))
                        .otherwise(col("bias")))
                .coalesce(1).write().parquet(nullBias.toString());
        Path nullPart = partFile(nullBias);
        e = assertThrows(BadInputException.class,
                () -> ParametersParquet.read(CONF, nullPart.toString(), Architecture.CLASSIC));
        assertEquals(nullPart + ": layer 3 neuron 9: bias is null", e.getMessage());
    }
}
