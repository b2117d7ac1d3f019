package io.digitnet.train;

/**
 * The training settings' defaults, as text: the command line's options show and parse them,
 * and Spark ML's {@code DigitNetClassifier} parses the same, so both start from the same
 * network and the same run.
 */
public final class TrainDefaults {
    public static final String LAYERS = "784,16,16,10";
    public static final String HIDDEN_ACTIVATION = "sigmoid";
    public static final String OUTPUT_ACTIVATION = "sigmoid";
    public static final String LOSS = "cross-entropy";
    public static final String STRATEGY = "average";
    public static final String SYNCS_PER_EPOCH = "1";
    public static final String EPOCHS = "100";
    public static final String BATCH_SIZE = "16";
    public static final String OPTIMIZER = "adam";
    public static final String LEARNING_RATE = "0.003";
    public static final String MOMENTUM = "0.9";
    public static final String WEIGHT_DECAY = "0.00005";
    public static final String SCHEDULE = "cosine";
    public static final String STEP_EPOCHS = "10";
    public static final String STEP_GAMMA = "0.5";
    public static final String SHIFT = "1";
    public static final String PARTITIONS = "2";
    public static final String SEED = "1";
    public static final String VALIDATION_FRACTION = "0.0833";
    public static final String PATIENCE = "0";
    /** Adam's second-moment decay and its epsilon: not options. */
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private TrainDefaults() {}
}
