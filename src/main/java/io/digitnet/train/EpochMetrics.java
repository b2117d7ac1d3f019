package io.digitnet.train;

import java.io.Serializable;

/** One epoch as model.json records it. */
public record EpochMetrics(int epoch, double loss, double validationAccuracy, double learningRate, double seconds)
        implements Serializable {}
