package io.digitnet.nn;

import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch gradient descent over one block of samples: each pass visits the samples in
 * a fresh random order (within each {@link #WINDOW_ROWS} rows, for a block larger than
 * that), in batches, and takes one optimiser step per batch. The rows are
 * gathered (moved at random on the way, if asked) a chunk of batches at a time, as lists of
 * their non-zero inputs ({@link NonZeroPixels}, which the first layer multiplies), so that
 * every batch is a single block pass over consecutive rows.
 *
 * <p>Several models can take the same pass {@link #together}: each chunk is gathered once
 * and every model takes its steps on it in turn. With one model per pass, gathering was a
 * fifth of a 784-64-10 network's training time (measured), and the shared pass of a tuning
 * paid it once per model.
 */
public final class MiniBatches {
    /**
     * Rows gathered at once (in whole batches, at least one), for every model in turn: each
     * model's numbers are loaded into its core's cache once for all of them. For the tuning
     * benchmark's 8 models (batches of 16), 64 batches took the shared pass 10.2 s in two
     * runs, against 10.3-11.4 s in six with 16 (measured); 4 were slower.
     */
    private static final int CHUNK_ROWS = 1024;
    /**
     * Rows a pass shuffles together, at most: a partition larger than this is passed a
     * window at a time (about 160 MB of MNIST-like rows), so that what a task holds does not
     * grow with its partition.
     */
    public static final int WINDOW_ROWS = 64 * CompactRows.CHUNK_ROWS;

    private final Architecture architecture;
    private final int batchSize;
    private final Network network;
    private final Shift shift;

    /** One model in a pass: its numbers and optimiser, updated in place, and the pass's learning rate. */
    public record Learner(MiniBatches batches, Parameters parameters, Optimizer optimizer, double learningRate) {
        /**
         * One update a batch over the first {@code rows} rows that {@code pixels} lists;
         * returns {@code loss} plus each batch's summed loss, added one by one.
         */
        double updateEachBatch(NonZeroPixels pixels, int rows, int[] labels, double loss) {
            for (int start = 0; start < rows; start += batches.batchSize) {
                loss += batches.network.updateMiniBatch(parameters, optimizer, pixels, start,
                        Math.min(batches.batchSize, rows - start), labels, learningRate);
            }
            return loss;
        }
    }

    public MiniBatches(Architecture architecture, int batchSize) {
        this(architecture, batchSize, Shift.NONE);
    }

    /** With {@code shift}, each sample is moved at random every time it is used. */
    public MiniBatches(Architecture architecture, int batchSize, Shift shift) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size: expected 1 or more, found " + batchSize);
        }
        this.architecture = architecture;
        this.batchSize = batchSize;
        this.network = new Network(architecture, batchSize);
        this.shift = shift;
    }

    /**
     * One pass over {@code samples} in the order drawn from {@code shuffleSeed}, updating
     * {@code p} in place; returns the training loss summed over the samples (each measured
     * before its batch's step).
     */
    public double pass(Parameters p, Optimizer optimizer, Samples samples, double learningRate, long shuffleSeed) {
        return pass(p, optimizer, samples, learningRate, shuffleSeed, 0, 1);
    }

    /**
     * Part {@code part} of {@code parts} of such a pass: the same random order, cut into
     * equal consecutive pieces, so that the pieces of one pass visit every sample once.
     */
    public double pass(Parameters p, Optimizer optimizer, Samples samples, double learningRate, long shuffleSeed,
            int part, int parts) {
        return together(List.of(new Learner(this, p, optimizer, learningRate)), samples, shuffleSeed, part, parts)[0];
    }

    /**
     * The same part of a pass for every learner, whose batch sizes and shifts must agree:
     * the same batches, moved the same way, so each learner ends as its own
     * {@link #pass} would leave it, bit for bit. Returns each one's summed loss. Each
     * chunk's non-zero inputs are listed once for all learners, whose first layers (weights
     * and optimiser state) the pass works on through input-major views, written back after it.
     */
    public static double[] together(List<Learner> learners, Samples samples, long shuffleSeed, int part, int parts) {
        return together(learners, List.of(samples).iterator(), samples.count, shuffleSeed, part, parts);
    }

    /**
     * The same over {@code count} samples that come in pieces, every piece but the last whole
     * chunks of {@link CompactRows#CHUNK_ROWS} (a partition's cached chunks, read as they come):
     * the pass's order shuffles each window of {@link #WINDOW_ROWS} rows on its own, so that it
     * holds one window at a time. Up to one window, the order is a shuffle of all the rows.
     */
    public static double[] together(List<Learner> learners, Iterator<Samples> pieces, int count, long shuffleSeed,
            int part, int parts) {
        return together(learners, new Windows(pieces, WINDOW_ROWS), count, shuffleSeed, part, parts);
    }

    /** The same, over windows of any size (tests use small ones). */
    static double[] together(List<Learner> learners, Windows windows, int count, long shuffleSeed, int part,
            int parts) {
        MiniBatches first = sameBatches(learners);
        SplittableRandom shifts = new SplittableRandom(Seeds.mix(shuffleSeed + part));
        int from = rowsBefore(count, part, parts);
        int to = rowsBefore(count, part + 1, parts);
        int chunkRows = Math.max(1, CHUNK_ROWS / first.batchSize) * first.batchSize;
        int[] labels = new int[Math.min(chunkRows, Math.max(0, to - from))];
        NonZeroPixels pixels = null;
        double[] loss = new double[learners.size()];
        List<Learner> working = inputMajor(learners);
        try {
            int start = 0; // the rows before this window
            for (int w = 0; start < to; w++) {
                if (!windows.hasNext()) {
                    throw new IllegalArgumentException("expected " + count + " samples, found " + start);
                }
                Samples window = windows.next();
                if (pixels == null) {
                    pixels = new NonZeroPixels(window.width, first.batchSize);
                }
                int lo = Math.max(from, start) - start;
                int hi = Math.min(to, start + window.count) - start;
                int[] order = lo < hi ? permutation(window.count, windowSeed(shuffleSeed, w)) : null;
                for (int chunk = lo; chunk < hi; chunk += chunkRows) {
                    int rows = Math.min(chunkRows, hi - chunk);
                    pixels.list(window, order, chunk, rows, first.shift, shifts);
                    for (int r = 0; r < rows; r++) {
                        labels[r] = window.labels[order[chunk + r]];
                    }
                    for (int l = 0; l < working.size(); l++) {
                        loss[l] = working.get(l).updateEachBatch(pixels, rows, labels, loss[l]);
                    }
                }
                start += window.count;
            }
        } finally {
            writeBack(working, learners);
        }
        return loss;
    }

    /** The seed of window w's shuffle: the pass's own for the first, so that one window is a shuffle of all the rows. */
    static long windowSeed(long shuffleSeed, int w) {
        return w == 0 ? shuffleSeed : Seeds.mix(shuffleSeed + w * 0x9E3779B97F4A7C15L);
    }

    /** The learners' batches, which must be the same size and moved the same way. */
    private static MiniBatches sameBatches(List<Learner> learners) {
        MiniBatches first = learners.get(0).batches();
        for (Learner learner : learners) {
            if (learner.batches().batchSize != first.batchSize || !learner.batches().shift.equals(first.shift)) {
                throw new IllegalArgumentException("models that take a pass together need the same batch size and shift");
            }
        }
        return first;
    }

    /**
     * Each learner as the sparse first layer works on it: its weights and optimiser state
     * through views whose first layer is input-major ({@link Parameters#withFirstLayerInputMajor}).
     */
    private static List<Learner> inputMajor(List<Learner> learners) {
        List<Learner> views = new java.util.ArrayList<>();
        for (Learner learner : learners) {
            OptimizerState state = learner.optimizer().state();
            Parameters[] slots = new Parameters[state.slots.length];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = state.slots[i].withFirstLayerInputMajor();
            }
            views.add(new Learner(learner.batches(), learner.parameters().withFirstLayerInputMajor(),
                    learner.optimizer().over(new OptimizerState(slots, state.steps)), learner.learningRate()));
        }
        return views;
    }

    /** Writes the views' first layers and step counts back into the learners they stand for. */
    private static void writeBack(List<Learner> views, List<Learner> learners) {
        for (int l = 0; l < learners.size(); l++) {
            Learner learner = learners.get(l);
            Learner view = views.get(l);
            learner.parameters().firstLayerFrom(view.parameters());
            OptimizerState state = learner.optimizer().state();
            for (int i = 0; i < state.slots.length; i++) {
                state.slots[i].firstLayerFrom(view.optimizer().state().slots[i]);
            }
            state.steps = view.optimizer().state().steps;
        }
    }

    /** Where part {@code part} of {@code parts} of {@code count} rows starts. */
    public static int rowsBefore(int count, int part, int parts) {
        return (int) ((long) count * part / parts);
    }

    /** 0..n-1 in a random order (Fisher-Yates), the same for the same seed. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    public Architecture architecture() {
        return architecture;
    }
}
