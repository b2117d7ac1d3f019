package io.digitnet.ml;

import io.digitnet.data.ImageForm;
import io.digitnet.model.Model;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Network;
import io.digitnet.nn.Parameters;
import io.digitnet.score.BlockRows;
import io.digitnet.score.BlockScorer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained network as a Spark ML model. {@code transform} scores through the command
 * line's block scorer, a block of rows at a time, streaming, and adds rawPrediction (the
 * output activations), probability (those scaled to sum to 1; softmax's as they are) and
 * prediction. Saved, it is a model directory that {@code jobs/score.sh}, {@code evaluate} and
 * {@code report} read (model.json, weights.parquet), with Spark ML's metadata beside them; a
 * model directory written by {@code jobs/train.sh} loads here too.
 */
public final class DigitNetModel extends ProbabilisticClassificationModel<Vector, DigitNetModel>
        implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Model model;
    /** Each thread's pass for one vector at a time ({@link #predictRaw}), made when first asked for. */
    private transient ThreadLocal<Network> single;

    public DigitNetModel(String uid, Model model) {
        this(new ConstructingUid(uid), model);
        if (model == null) {
            throw new IllegalArgumentException("model: expected a trained network, found null");
        }
    }

    /**
     * A model that holds no network. Spark Connect lists the models it may load through
     * ServiceLoader, which requires this constructor; it then loads one with {@link #load}.
     */
    public DigitNetModel() {
        this(new ConstructingUid(Identifiable$.MODULE$.randomUID("digitNet")), null);
    }

    private DigitNetModel(ConstructingUid constructing, Model model) {
        super();
        this.uid = constructing.release();
        this.model = model;
    }

    /** A model of the network in a model directory that has no Spark ML metadata (as train writes it). */
    static DigitNetModel of(Model model) {
        return new DigitNetModel(Identifiable$.MODULE$.randomUID("digitNet"), model);
    }

    @Override
    public String uid() {
        return uid != null ? uid : ConstructingUid.current();
    }

    /** The network, its weights and its provenance, as a model directory holds them. */
    public Model model() {
        if (model == null) {
            throw new IllegalStateException("DigitNetModel " + uid + " holds no network: it was made by the"
                    + " no-argument constructor; load one with DigitNetModel.load(path) or fit a DigitNetClassifier");
        }
        return model;
    }

    @Override
    public int numFeatures() {
        return model().architecture().inputs();
    }

    @Override
    public int numClasses() {
        return model().architecture().outputs();
    }

    /** The layer sizes, inputs first. */
    public int[] layers() {
        return model().architecture().sizes();
    }

    /** Every weight and bias in one vector: layer by layer, its weights (out x in, row by row), then its biases. */
    public Vector weights() {
        return Vectors.dense(model().parameters().flat());
    }

    /** The training's epochs: loss and validation accuracy of each. */
    public DigitNetTrainingSummary summary() {
        return new DigitNetTrainingSummary(model().info().epochs());
    }

    @Override
    public Vector predictRaw(Vector features) {
        Architecture architecture = model().architecture();
        if (features.size() != architecture.inputs()) {
            throw new IllegalArgumentException("features: expected " + architecture.inputs() + " values, found "
                    + features.size());
        }
        if (single == null) {
            single = ThreadLocal.withInitial(() -> new Network(architecture, 1));
        }
        double[] outputs = single.get().feedforward(model().parameters(), features.toArray(), 0, 1);
        return Vectors.dense(outputs.clone());
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        if (model().architecture().output() != Activation.SOFTMAX) {
            ProbabilisticClassificationModel.normalizeToProbabilitiesInPlace((DenseVector) rawPrediction);
        }
        return rawPrediction;
    }

    /**
     * As Spark's: declared here because Java sees the two Scala superclasses' versions, whose
     * tuple types differ, as a clash; the raw type overrides both.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public DigitNetModel copy(ParamMap extra) {
        return copyValues(new DigitNetModel(new ConstructingUid(uid), model), extra).setParent(parent());
    }

    /**
     * Adds the output columns through the block scorer: rawPrediction, probability and
     * prediction (each unless its column name is empty), as MLlib's classifiers name them. A
     * row whose features cannot be scored (another length, a value not finite) fails the job
     * with the reason: no row is dropped.
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType inputSchema = dataset.schema();
        transformSchema(inputSchema, true);
        Dataset<Row> frame = dataset.toDF();
        Columns columns = new Columns(getRawPredictionCol(), getProbabilityCol(), getPredictionCol());
        StructType schema = columns.appendTo(inputSchema);
        int featuresIndex = inputSchema.fieldIndex(getFeaturesCol());
        Architecture architecture = model().architecture();
        Parameters parameters = model().parameters();
        double[] thresholds = isDefined(thresholds()) ? Thresholds.check(getThresholds(), numClasses()) : null;
        String featuresCol = getFeaturesCol();
        boolean softmax = architecture.output() == Activation.SOFTMAX;
        JavaRDD<Row> scored = frame.javaRDD().mapPartitions(rows -> new Scored(new BlockScorer(architecture,
                parameters, ImageForm.VECTOR, featuresIndex), rows, columns, thresholds, featuresCol, softmax));
        return frame.sparkSession().createDataFrame(scored, schema);
    }

    @Override
    public MLWriter write() {
        return new ModelDirWriter(this);
    }

    public static MLReader<DigitNetModel> read() {
        return new ModelDirReader();
    }

    public static DigitNetModel load(String path) {
        return read().load(path);
    }

    /** Which output columns a transform adds, in this order; an empty name leaves one out. */
    record Columns(String rawPrediction, String probability, String prediction) implements java.io.Serializable {
        StructType appendTo(StructType schema) {
            StructType out = schema;
            if (!rawPrediction.isEmpty()) {
                out = out.add(rawPrediction, SQLDataTypes.VectorType(), false);
            }
            if (!probability.isEmpty()) {
                out = out.add(probability, SQLDataTypes.VectorType(), false);
            }
            if (!prediction.isEmpty()) {
                out = out.add(prediction, DataTypes.DoubleType, false);
            }
            return out;
        }
    }

    /** A partition's rows, each with its scores appended, read and scored a block at a time. */
    private static final class Scored extends BlockRows {
        private final Columns columns;
        private final double[] thresholds;
        private final String featuresCol;
        private final boolean softmax;

        Scored(BlockScorer scorer, Iterator<Row> input, Columns columns, double[] thresholds, String featuresCol,
                boolean softmax) {
            super(scorer, input);
            this.columns = columns;
            this.thresholds = thresholds;
            this.featuresCol = featuresCol;
            this.softmax = softmax;
        }

        @Override
        protected Row row(int i) {
            String reason = scorer.rejectReason(i);
            if (reason != null) {
                throw new IllegalArgumentException(featuresCol + ": a row cannot be scored: " + reason);
            }
            Row row = scorer.row(i);
            double[] raw = scorer.outputs(i);
            double[] probability = probabilities(raw);
            List<Object> values = new ArrayList<>(row.size() + 3);
            for (int k = 0; k < row.size(); k++) {
                values.add(row.get(k));
            }
            if (!columns.rawPrediction().isEmpty()) {
                values.add(Vectors.dense(raw));
            }
            if (!columns.probability().isEmpty()) {
                values.add(Vectors.dense(probability));
            }
            if (!columns.prediction().isEmpty()) {
                values.add((double) (thresholds == null ? scorer.prediction(i) : Thresholds.predict(probability,
                        thresholds)));
            }
            return RowFactory.create(values.toArray());
        }

        private double[] probabilities(double[] raw) {
            double[] probability = raw.clone();
            if (!softmax) {
                ProbabilisticClassificationModel.normalizeToProbabilitiesInPlace(new DenseVector(probability));
            }
            return probability;
        }
    }

    /** The summary of the training that made a model. */
    public static final class DigitNetTrainingSummary implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private final List<ModelInfo.Epoch> epochs;

        DigitNetTrainingSummary(List<ModelInfo.Epoch> epochs) {
            this.epochs = List.copyOf(epochs);
        }

        /** Epochs trained. */
        public int totalIterations() {
            return epochs.size();
        }

        /** Each epoch's training loss per row. */
        public double[] objectiveHistory() {
            return epochs.stream().mapToDouble(ModelInfo.Epoch::loss).toArray();
        }

        /** Each epoch's validation accuracy (NaN without validation rows). */
        public double[] validationAccuracy() {
            return epochs.stream().mapToDouble(e -> e.validationAccuracy() == null ? Double.NaN
                    : e.validationAccuracy()).toArray();
        }
    }
}
