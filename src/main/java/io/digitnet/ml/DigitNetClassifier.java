package io.digitnet.ml;

import io.digitnet.Version;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Loss;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Schedule;
import io.digitnet.train.EpochLoop;
import io.digitnet.train.Strategy;
import io.digitnet.train.TrainDefaults;
import io.digitnet.train.TrainJob;
import io.digitnet.train.TrainSettings;
import io.digitnet.train.Trainer;
import io.digitnet.train.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The classic network as a Spark ML estimator, where MLlib's MultilayerPerceptronClassifier
 * stands: {@code fit} trains with the command line's trainer (every setting a Param, the
 * same defaults) and gives a {@link DigitNetModel}. The features are a vector column
 * (784 values in [0,1] for MNIST), the label a class 0..outputs-1. Rows are split, partitioned
 * and ordered by an {@code id} column if the data has one, else by their position, so that
 * the same rows give the same model as {@code jobs/train.sh} on the same input.
 */
public final class DigitNetClassifier extends ProbabilisticClassifier<Vector, DigitNetClassifier, DigitNetModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DigitNetClassifier.class);

    private final String uid;
    private final IntArrayParam layers;
    private final Param<String> hiddenActivation;
    private final Param<String> outputActivation;
    private final Param<String> loss;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final DoubleParam momentum;
    private final DoubleParam weightDecay;
    private final Param<String> schedule;
    private final IntParam stepEpochs;
    private final DoubleParam stepGamma;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final IntParam shift;
    private final Param<String> strategy;
    private final IntParam syncsPerEpoch;
    private final IntParam partitions;
    private final LongParam seed;
    private final DoubleParam validationFraction;
    private final IntParam patience;

    public DigitNetClassifier() {
        this(Identifiable$.MODULE$.randomUID("digitNet"));
    }

    public DigitNetClassifier(String uid) {
        this(new ConstructingUid(uid));
    }

    private DigitNetClassifier(ConstructingUid constructing) {
        super();
        this.uid = constructing.release();
        layers = new IntArrayParam(this, "layers", "layer sizes, inputs first (the feature count) and outputs last "
                + "(the classes)", Validators.layerSizes());
        hiddenActivation = new Param<>(this, "hiddenActivation", "hidden layers' activation: sigmoid, tanh or relu",
                ParamValidators.inArray(ids(Activation.SIGMOID, Activation.TANH, Activation.RELU)));
        outputActivation = new Param<>(this, "outputActivation", "output activation: sigmoid or softmax",
                ParamValidators.inArray(ids(Activation.SIGMOID, Activation.SOFTMAX)));
        loss = new Param<>(this, "loss", "cross-entropy or quadratic", ParamValidators.inArray(ids(Loss.values())));
        optimizer = new Param<>(this, "optimizer", "adam, or sgd with momentum",
                ParamValidators.inArray(ids(OptimizerSettings.Kind.values())));
        learningRate = new DoubleParam(this, "learningRate", "base learning rate (> 0)", ParamValidators.gt(0.0));
        momentum = new DoubleParam(this, "momentum", "sgd's momentum, or adam's beta1 (0 <= m < 1)",
                ParamValidators.inRange(0.0, 1.0, true, false));
        weightDecay = new DoubleParam(this, "weightDecay", "L2 penalty on the weights (>= 0)", ParamValidators.gtEq(0.0));
        schedule = new Param<>(this, "schedule", "learning-rate schedule: constant, step or cosine",
                ParamValidators.inArray(ids(Schedule.values())));
        stepEpochs = new IntParam(this, "stepEpochs", "schedule step: epochs between steps (>= 1)",
                ParamValidators.gtEq(1.0));
        stepGamma = new DoubleParam(this, "stepGamma", "schedule step: factor per step (> 0)", ParamValidators.gt(0.0));
        epochs = new IntParam(this, "epochs", "at most this many epochs (>= 1)", ParamValidators.gtEq(1.0));
        batchSize = new IntParam(this, "batchSize", "mini-batch rows (>= 1)", ParamValidators.gtEq(1.0));
        shift = new IntParam(this, "shift", "move each 28x28 training image at random by up to this many pixels "
                + "each time it is used (0..27; 0: off)", ParamValidators.inRange(0.0, 27.0));
        strategy = new Param<>(this, "strategy", "average (each partition trains, the driver averages) or full-batch",
                ParamValidators.inArray(ids(Strategy.values())));
        syncsPerEpoch = new IntParam(this, "syncsPerEpoch", "strategy average: averaging rounds per epoch (>= 1)",
                ParamValidators.gtEq(1.0));
        partitions = new IntParam(this, "partitions", "training partitions, part of the result (>= 1)",
                ParamValidators.gtEq(1.0));
        seed = new LongParam(this, "seed", "random seed");
        validationFraction = new DoubleParam(this, "validationFraction",
                "share of the rows held out to pick the best epoch (0 <= f < 1)",
                ParamValidators.inRange(0.0, 1.0, true, false));
        patience = new IntParam(this, "patience", "stop after this many epochs without a better validation "
                + "accuracy (0: never)", ParamValidators.gtEq(0.0));
        setDefault(layers, Arrays.stream(TrainDefaults.LAYERS.split(",")).mapToInt(Integer::parseInt).toArray());
        setDefault(hiddenActivation, TrainDefaults.HIDDEN_ACTIVATION);
        setDefault(outputActivation, TrainDefaults.OUTPUT_ACTIVATION);
        setDefault(loss, TrainDefaults.LOSS);
        setDefault(optimizer, TrainDefaults.OPTIMIZER);
        setDefault(learningRate, Double.parseDouble(TrainDefaults.LEARNING_RATE));
        setDefault(momentum, Double.parseDouble(TrainDefaults.MOMENTUM));
        setDefault(weightDecay, Double.parseDouble(TrainDefaults.WEIGHT_DECAY));
        setDefault(schedule, TrainDefaults.SCHEDULE);
        setDefault(stepEpochs, Integer.parseInt(TrainDefaults.STEP_EPOCHS));
        setDefault(stepGamma, Double.parseDouble(TrainDefaults.STEP_GAMMA));
        setDefault(epochs, Integer.parseInt(TrainDefaults.EPOCHS));
        setDefault(batchSize, Integer.parseInt(TrainDefaults.BATCH_SIZE));
        setDefault(shift, Integer.parseInt(TrainDefaults.SHIFT));
        setDefault(strategy, TrainDefaults.STRATEGY);
        setDefault(syncsPerEpoch, Integer.parseInt(TrainDefaults.SYNCS_PER_EPOCH));
        setDefault(partitions, Integer.parseInt(TrainDefaults.PARTITIONS));
        setDefault(seed, Long.parseLong(TrainDefaults.SEED));
        setDefault(validationFraction, Double.parseDouble(TrainDefaults.VALIDATION_FRACTION));
        setDefault(patience, Integer.parseInt(TrainDefaults.PATIENCE));
    }

    @Override
    public String uid() {
        return uid != null ? uid : ConstructingUid.current();
    }

    @Override
    public DigitNetClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<DigitNetClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static DigitNetClassifier load(String path) {
        return read().load(path);
    }

    @Override
    public DigitNetModel train(Dataset<?> dataset) {
        return trainTogether(List.of(this), dataset.toDF()).get(0);
    }

    /**
     * The model of these Params with {@code paramMap}'s, as {@code copy(paramMap).fit(dataset)}
     * gives it; but calls that arrive together on the same dataset, as MLlib's tuning tools
     * make them ({@code parallelism} at a time), train in one shared pass where they can
     * ({@link FitGathering}). Each model has its own bits whatever it trained with.
     */
    @Override
    public DigitNetModel fit(Dataset<?> dataset, ParamMap paramMap) {
        DigitNetClassifier run = copy(paramMap);
        run.transformSchema(dataset.schema(), true);
        DigitNetModel model = FitGathering.fit(run, dataset);
        run.copyValues(model, ParamMap.empty()).setParent(run);
        return model;
    }

    /**
     * One model per param map. Where the maps vary only what a shared pass can share
     * (hidden layers, activations, loss, optimiser, learning rate and its schedule, epochs,
     * patience), all models train in shared passes over one cached copy of the data, as
     * {@code jobs/tune.sh} trains a grid: each model is the one {@code fit(dataset, map)}
     * gives alone, bit for bit. Otherwise they train one by one.
     */
    @Override
    public scala.collection.immutable.Seq<DigitNetModel> fit(Dataset<?> dataset,
            scala.collection.immutable.Seq<ParamMap> paramMaps) {
        List<DigitNetClassifier> runs = new ArrayList<>();
        for (ParamMap map : CollectionConverters.asJava(paramMaps)) {
            runs.add(copy(map));
        }
        if (runs.size() < 2 || !shareAPass(runs)) {
            return super.fit(dataset, paramMaps);
        }
        for (DigitNetClassifier run : runs) {
            run.transformSchema(dataset.schema(), true);
        }
        List<DigitNetModel> models = trainTogether(runs, dataset.toDF());
        for (int i = 0; i < runs.size(); i++) {
            runs.get(i).copyValues(models.get(i), ParamMap.empty()).setParent(runs.get(i));
        }
        return CollectionConverters.asScala(models).toList();
    }

    /** Whether the runs can take the same batches of the same data: one pass for all. */
    static boolean shareAPass(List<DigitNetClassifier> runs) {
        DigitNetClassifier first = runs.get(0);
        int[] firstLayers = first.getLayers();
        for (DigitNetClassifier run : runs) {
            int[] layers = run.getLayers();
            boolean same = layers[0] == firstLayers[0]
                    && layers[layers.length - 1] == firstLayers[firstLayers.length - 1]
                    && run.getFeaturesCol().equals(first.getFeaturesCol())
                    && run.getLabelCol().equals(first.getLabelCol()) && run.getSeed() == first.getSeed()
                    && run.getBatchSize() == first.getBatchSize() && run.getShift() == first.getShift()
                    && run.getSyncsPerEpoch() == first.getSyncsPerEpoch() && run.getPartitions() == first.getPartitions()
                    && run.getValidationFraction() == first.getValidationFraction()
                    && run.getStrategy().equals(Strategy.AVERAGE.id()) && first.getStrategy().equals(run.getStrategy());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /**
     * Trains the runs (which {@link #shareAPass}, or one) on the frame in one pass per epoch,
     * with the command line's trainer; a run that fails fails the fit.
     */
    static List<DigitNetModel> trainTogether(List<DigitNetClassifier> runs, Dataset<Row> frame) {
        DigitNetClassifier first = runs.get(0);
        int features = Frames.featureCount(frame, first.getFeaturesCol());
        List<TrainSettings> settings = runs.stream().map(run -> run.trainSettings(features)).toList();
        Dataset<Row> digits = Frames.digits(frame, first.getFeaturesCol(), first.getLabelCol());
        String source = "Spark ML dataset (featuresCol " + first.getFeaturesCol() + ", labelCol "
                + first.getLabelCol() + ")";
        TrainSettings shared = settings.get(0);
        List<Trainer> trainers = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String name = runs.size() == 1 ? "" : "model " + (i + 1) + ": ";
            trainers.add(new Trainer(settings.get(i), line -> LOG.info(name + line)));
        }
        SparkSession spark = frame.sparkSession();
        try (TrainingData data = TrainingData.prepare(digits, source, shared.architecture().outputs(), shared.partitions(),
                shared.validationFraction(), shared.seed())) {
            Trainer.Progress[] done = new Trainer.Progress[runs.size()];
            EpochLoop.train(JavaSparkContext.fromSparkContext(spark.sparkContext()), data, trainers, ended -> {
                for (EpochLoop.Ended run : ended) {
                    if (run.failure() != null) {
                        throw run.failure();
                    }
                    done[run.index()] = run.progress();
                }
            });
            List<DigitNetModel> models = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                TrainSettings run = settings.get(i);
                models.add(new DigitNetModel(runs.get(i).uid(), TrainJob.model(spark, run, done[i], source,
                        data.checksum(), null, data.validationAcceptance(run.architecture(), done[i].best),
                        Version.project())));
            }
            return models;
        }
    }

    /** The command line's training settings that these Params give, for features of {@code featureCount} values. */
    public TrainSettings trainSettings(int featureCount) {
        int[] sizes = getLayers();
        if (sizes[0] != featureCount) {
            throw new IllegalArgumentException("layers: expected the first layer to be the feature count, "
                    + featureCount + ", found " + Arrays.toString(sizes));
        }
        Architecture architecture = new Architecture(sizes, Activation.of(getHiddenActivation()),
                Activation.of(getOutputActivation()), Loss.of(getLoss()));
        OptimizerSettings optimizerSettings = new OptimizerSettings(named(getOptimizer(),
                OptimizerSettings.Kind.values()), getLearningRate(), getMomentum(), TrainDefaults.BETA2,
                TrainDefaults.EPSILON, getWeightDecay());
        return new TrainSettings(architecture, named(getStrategy(), Strategy.values()), optimizerSettings,
                named(getSchedule(), Schedule.values()), getStepEpochs(), getStepGamma(), getEpochs(), getBatchSize(),
                getSyncsPerEpoch(), getPartitions(), getSeed(), getValidationFraction(), getPatience(), getShift());
    }

    private static String[] ids(Enum<?>... constants) {
        return Arrays.stream(constants).map(DigitNetClassifier::id).toArray(String[]::new);
    }

    private static String id(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static <E extends Enum<E>> E named(String value, E[] accepted) {
        for (E constant : accepted) {
            if (id(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.toString(ids(accepted)) + ", found " + value);
    }

    public IntArrayParam layers() {
        return layers;
    }

    /**
     * Layer-size lists for a grid, as {@code ParamGridBuilder.addGrid(classifier.layers(),
     * DigitNetClassifier.layerChoices(new int[] {784, 16, 10}, new int[] {784, 32, 10}))}
     * takes them from Java (its addGrid for arrays wants a Scala collection).
     */
    public static scala.collection.Iterable<int[]> layerChoices(int[]... choices) {
        return CollectionConverters.asScala(Arrays.asList(choices));
    }

    public int[] getLayers() {
        return (int[]) getOrDefault(layers);
    }

    public DigitNetClassifier setLayers(int[] value) {
        set(layers, value);
        return this;
    }

    public Param<String> hiddenActivation() {
        return hiddenActivation;
    }

    public String getHiddenActivation() {
        return getOrDefault(hiddenActivation);
    }

    public DigitNetClassifier setHiddenActivation(String value) {
        set(hiddenActivation, value);
        return this;
    }

    public Param<String> outputActivation() {
        return outputActivation;
    }

    public String getOutputActivation() {
        return getOrDefault(outputActivation);
    }

    public DigitNetClassifier setOutputActivation(String value) {
        set(outputActivation, value);
        return this;
    }

    public Param<String> loss() {
        return loss;
    }

    public String getLoss() {
        return getOrDefault(loss);
    }

    public DigitNetClassifier setLoss(String value) {
        set(loss, value);
        return this;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public String getOptimizer() {
        return getOrDefault(optimizer);
    }

    public DigitNetClassifier setOptimizer(String value) {
        set(optimizer, value);
        return this;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public double getLearningRate() {
        return (Double) getOrDefault(learningRate);
    }

    public DigitNetClassifier setLearningRate(double value) {
        set(learningRate, value);
        return this;
    }

    public DoubleParam momentum() {
        return momentum;
    }

    public double getMomentum() {
        return (Double) getOrDefault(momentum);
    }

    public DigitNetClassifier setMomentum(double value) {
        set(momentum, value);
        return this;
    }

    public DoubleParam weightDecay() {
        return weightDecay;
    }

    public double getWeightDecay() {
        return (Double) getOrDefault(weightDecay);
    }

    public DigitNetClassifier setWeightDecay(double value) {
        set(weightDecay, value);
        return this;
    }

    public Param<String> schedule() {
        return schedule;
    }

    public String getSchedule() {
        return getOrDefault(schedule);
    }

    public DigitNetClassifier setSchedule(String value) {
        set(schedule, value);
        return this;
    }

    public IntParam stepEpochs() {
        return stepEpochs;
    }

    public int getStepEpochs() {
        return (Integer) getOrDefault(stepEpochs);
    }

    public DigitNetClassifier setStepEpochs(int value) {
        set(stepEpochs, value);
        return this;
    }

    public DoubleParam stepGamma() {
        return stepGamma;
    }

    public double getStepGamma() {
        return (Double) getOrDefault(stepGamma);
    }

    public DigitNetClassifier setStepGamma(double value) {
        set(stepGamma, value);
        return this;
    }

    public IntParam epochs() {
        return epochs;
    }

    public int getEpochs() {
        return (Integer) getOrDefault(epochs);
    }

    public DigitNetClassifier setEpochs(int value) {
        set(epochs, value);
        return this;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    public DigitNetClassifier setBatchSize(int value) {
        set(batchSize, value);
        return this;
    }

    public IntParam shift() {
        return shift;
    }

    public int getShift() {
        return (Integer) getOrDefault(shift);
    }

    public DigitNetClassifier setShift(int value) {
        set(shift, value);
        return this;
    }

    public Param<String> strategy() {
        return strategy;
    }

    public String getStrategy() {
        return getOrDefault(strategy);
    }

    public DigitNetClassifier setStrategy(String value) {
        set(strategy, value);
        return this;
    }

    public IntParam syncsPerEpoch() {
        return syncsPerEpoch;
    }

    public int getSyncsPerEpoch() {
        return (Integer) getOrDefault(syncsPerEpoch);
    }

    public DigitNetClassifier setSyncsPerEpoch(int value) {
        set(syncsPerEpoch, value);
        return this;
    }

    public IntParam partitions() {
        return partitions;
    }

    public int getPartitions() {
        return (Integer) getOrDefault(partitions);
    }

    public DigitNetClassifier setPartitions(int value) {
        set(partitions, value);
        return this;
    }

    public LongParam seed() {
        return seed;
    }

    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    public DigitNetClassifier setSeed(long value) {
        set(seed, value);
        return this;
    }

    public DoubleParam validationFraction() {
        return validationFraction;
    }

    public double getValidationFraction() {
        return (Double) getOrDefault(validationFraction);
    }

    public DigitNetClassifier setValidationFraction(double value) {
        set(validationFraction, value);
        return this;
    }

    public IntParam patience() {
        return patience;
    }

    public int getPatience() {
        return (Integer) getOrDefault(patience);
    }

    public DigitNetClassifier setPatience(int value) {
        set(patience, value);
        return this;
    }
}
