package io.digitnet.score;

import io.digitnet.data.DigitImages;
import io.digitnet.data.ImageForm;
import io.digitnet.kernels.Kernels;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.GreyImageNetwork;
import io.digitnet.nn.Network;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Predictions;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * The one scoring path (score, evaluate and report use it): reads a partition's rows a
 * block at a time, decodes each row's image (or notes why it cannot be used), sends the
 * block through the network, and then answers, row by row in input order, the prediction,
 * its confidence (the winning output's activation, a probability for softmax) and all
 * outputs. Grey images (ingest's pixels, scans, CSV) go through the network in single
 * precision straight from their bytes ({@link GreyImageNetwork}); vectors and arrays through
 * the trainer's pass in double precision ({@link Network}). Memory is one block whatever
 * the partition's size. Not thread-safe: one per task.
 */
public final class BlockScorer {
    /** Rows per block: enough to pay a block's set-up once for many, few enough to stay in cache. */
    public static final int BLOCK_ROWS = 256;

    private final Architecture architecture;
    private final Parameters parameters;
    private final ImageForm form;
    private final int imageColumn;
    /** Vectors and arrays: the trainer's forward pass. */
    private final Network pass;
    /** Grey forms' images as they are (byte[] each), scored straight from the bytes. */
    private final GreyImageNetwork greyNetwork;
    private final byte[][] greyImages;
    /** Other forms' values, a block matrix. */
    private final double[] features;
    private final Row[] rows = new Row[BLOCK_ROWS];
    private final String[] rejectReasons = new String[BLOCK_ROWS];
    /** Each row's row in the network's output matrix; -1 for a rejected row. */
    private final int[] outputRow = new int[BLOCK_ROWS];
    private final int[] predictions = new int[BLOCK_ROWS];
    private double[] outputs;
    private int size;

    public BlockScorer(Architecture architecture, Parameters parameters, ImageForm form, int imageColumn) {
        if (architecture.inputs() != DigitImages.PIXELS) {
            throw new IllegalArgumentException("expected a network with " + DigitImages.PIXELS + " inputs, found "
                    + architecture.inputs());
        }
        this.architecture = architecture;
        this.parameters = parameters;
        this.form = form;
        this.imageColumn = imageColumn;
        boolean grey = form.isGrey();
        this.pass = grey ? null : new Network(architecture, BLOCK_ROWS);
        this.greyNetwork = grey ? Kernels.greyImageNetwork(architecture, parameters, BLOCK_ROWS) : null;
        this.greyImages = grey ? new byte[BLOCK_ROWS][] : null;
        this.features = grey ? null : new double[BLOCK_ROWS * DigitImages.PIXELS];
    }

    /** Reads and scores the next block of rows; false when {@code input} has none left. */
    public boolean next(Iterator<Row> input) {
        size = 0;
        int decoded = 0;
        while (size < BLOCK_ROWS && input.hasNext()) {
            Row row = input.next();
            String reason = greyNetwork != null ? form.greyLevels(row, imageColumn, greyImages, decoded)
                    : form.decode(row, imageColumn, features, decoded * DigitImages.PIXELS);
            rows[size] = row;
            rejectReasons[size] = reason;
            outputRow[size] = reason == null ? decoded++ : -1;
            size++;
        }
        if (size == 0) {
            return false;
        }
        if (greyNetwork != null) {
            outputs = greyNetwork.forward(greyImages, decoded);
        } else {
            outputs = pass.feedforward(parameters, features, 0, decoded);
        }
        for (int i = 0; i < size; i++) {
            predictions[i] = outputRow[i] < 0 ? -1 : Predictions.argmax(outputs, outputRow[i], architecture.outputs());
        }
        return true;
    }

    /** The network's outputs: the labels it can be measured against are 0..classes-1. */
    public int classes() {
        return architecture.outputs();
    }

    /** Rows in the current block. */
    public int size() {
        return size;
    }

    public Row row(int i) {
        return rows[i];
    }

    /** Why row i could not be scored, or null if it was. */
    public String rejectReason(int i) {
        return rejectReasons[i];
    }

    /** The digit the network gives row i (a scored row): its brightest output. */
    public int prediction(int i) {
        return predictions[i];
    }

    /** The activation of row i's brightest output. */
    public double confidence(int i) {
        return outputs[outputRow[i] * architecture.outputs() + predictions[i]];
    }

    /** Row i's output activations, one per digit. */
    public double[] outputs(int i) {
        int from = outputRow[i] * architecture.outputs();
        return java.util.Arrays.copyOfRange(outputs, from, from + architecture.outputs());
    }
}
