package io.digitnet.nn;

/** The learning rate for each epoch, from the base rate. */
public enum Schedule {
    CONSTANT,
    /** Multiplied by {@code gamma} every {@code stepEpochs} epochs. */
    STEP,
    /** Half a cosine from the base rate down to 0 over the run's epochs. */
    COSINE;

    /** The rate for epoch {@code epoch} (0-based) of {@code epochs}. */
    public double rate(double base, int epoch, int epochs, int stepEpochs, double gamma) {
        return switch (this) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(gamma, epoch / Math.max(1, stepEpochs));
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs)));
        };
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
