package io.digitnet.train;

import io.digitnet.nn.Samples;
import java.io.Serializable;

/**
 * Up to {@link io.digitnet.nn.CompactRows#CHUNK_ROWS} consecutive rows of a partition,
 * decoded once into compact samples and cached, with a hash of their content (for the data
 * checksum in model.json). Tasks read a partition's chunks one at a time, so that what they
 * hold does not grow with the partition when the cache has put it on disk.
 */
record TrainingChunk(Samples samples, long contentHash) implements Serializable {}
