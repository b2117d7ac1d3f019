package io.digitnet.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitLoader;
import io.digitnet.model.ModelDir;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.spark.connect.proto.MlCommandResult;
import org.apache.spark.connect.proto.MlParams;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkproject.connect.grpc.StatusRuntimeException;
import scala.Option;

/**
 * The classifier and its model used by name through a real Spark Connect server on
 * 127.0.0.1, as a remote client asks (see {@link ConnectClient}); trained on the real MNIST
 * test set (10,000 digits), as Parquet the server reads.
 */
class SparkConnectTest {
    private static final String CLASSIFIER = DigitNetClassifier.class.getName();
    private static final String MODEL = DigitNetModel.class.getName();

    static SparkSession spark;
    static ConnectClient client;
    @TempDir
    static Path dir;
    static String digits;

    @BeforeAll
    static void start() throws Exception {
        Path mnist = MnistDir.require();
        spark = LocalSpark.builder(SparkConnectTest.class)
                .config("spark.connect.grpc.binding.address", "127.0.0.1")
                .config("spark.connect.grpc.binding.port", "0") // any free port
                .getOrCreate();
        digits = dir.resolve("digits").toString();
        DigitLoader.vectors(spark, DigitLoader.Source.of(mnist.resolve("t10k-images-idx3-ubyte.gz").toString()), 0)
                .write().parquet(digits);
        SparkConnectService.start(spark.sparkContext());
        client = new ConnectClient(SparkConnectService$.MODULE$.localPort()); // the object's: no static forwarder
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        SparkConnectService.stop(Option.empty(), Option.empty());
        LocalSpark.stop(spark);
    }

    private static MlParams settings() {
        return ConnectClient.params(Map.of(
                "layers", new int[] {784, 24, 10},
                "hiddenActivation", "relu",
                "learningRate", 0.002,
                "epochs", 2,
                "seed", 11L));
    }

    private static List<Row> predictions(String path, String predictionCol) {
        return spark.read().parquet(path).orderBy("id").select(predictionCol, "probability", "rawPrediction")
                .collectAsList();
    }

    /**
     * Fitted by name over Connect, the model equals the one fitted here with the same Params,
     * bit for bit; its methods answer, its transform is the local one, and saved over Connect it
     * is a model directory that loads back by name (same uid) and transforms the same.
     */
    @Test
    void aRemoteClientFitsUsesSavesAndLoadsItByName() throws Exception {
        Relation data = ConnectClient.parquet(digits);
        String fitted = client.fit(CLASSIFIER, "digitNet_remote", settings(), data);

        assertEquals(784, client.fetch(fitted, "numFeatures").getParam().getInteger());
        assertEquals(10, client.fetch(fitted, "numClasses").getParam().getInteger());

        String scored = dir.resolve("scored").toString();
        client.transformToParquet(fitted, ConnectClient.params(Map.of()), data, scored);
        String saved = dir.resolve("model").toString();
        client.save(fitted, saved);

        DigitNetModel local = new DigitNetClassifier().setLayers(new int[] {784, 24, 10}).setHiddenActivation("relu")
                .setLearningRate(0.002).setEpochs(2).setSeed(11).fit(spark.read().parquet(digits));
        DigitNetModel remote = DigitNetModel.load(saved);
        assertEquals("digitNet_remote", remote.uid());
        assertArrayEquals(local.weights().toArray(), remote.weights().toArray());
        assertArrayEquals(new int[] {784, 24, 10},
                ModelDir.read(spark.sparkContext().hadoopConfiguration(), saved).architecture().sizes());
        String here = dir.resolve("here").toString();
        local.transform(spark.read().parquet(digits)).write().parquet(here);
        assertEquals(predictions(here, "prediction"), predictions(scored, "prediction"));

        MlCommandResult.MlOperatorInfo loaded = client.load(MODEL, saved);
        assertEquals("digitNet_remote", loaded.getUid());
        assertEquals(10, client.fetch(loaded.getObjRef().getId(), "numClasses").getParam().getInteger());
        String rescored = dir.resolve("rescored").toString();
        client.transformToParquet(loaded.getObjRef().getId(), ConnectClient.params(Map.of("predictionCol", "digit")),
                data, rescored);
        assertEquals(predictions(scored, "prediction"), predictions(rescored, "digit"));
    }

    /** A Param the classifier refuses reaches the remote client with the classifier's message. */
    @Test
    void aBadParamIsRefusedWithItsName() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> client.fit(CLASSIFIER,
                "digitNet_bad", ConnectClient.params(Map.of("learningRate", -0.5)), ConnectClient.parquet(digits)));
        assertTrue(refused.getMessage().contains("learningRate"), refused.getMessage());
    }

    /** Both classes are registered where Connect looks, and the model's no-argument constructor says what it holds. */
    @Test
    void bothAreRegisteredForServiceLoader() {
        assertTrue(ServiceLoader.load(Estimator.class).stream().anyMatch(p -> p.type() == DigitNetClassifier.class));
        assertTrue(ServiceLoader.load(Transformer.class).stream().anyMatch(p -> p.type() == DigitNetModel.class));
        DigitNetModel empty = new DigitNetModel();
        assertTrue(empty.uid().startsWith("digitNet_"), empty.uid());
        IllegalStateException refused = assertThrows(IllegalStateException.class, empty::numFeatures);
        assertTrue(refused.getMessage().contains("holds no network"), refused.getMessage());
    }
}
