package io.digitnet.train;

import io.digitnet.nn.Samples;
import java.io.Serializable;

/**
 * One partition's training rows, decoded once into a matrix and cached for every epoch,
 * with a hash of their content (for the data checksum in model.json).
 */
record TrainingBlock(Samples samples, long contentHash) implements Serializable {}
