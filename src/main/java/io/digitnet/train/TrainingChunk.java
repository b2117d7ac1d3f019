package io.digitnet.train;

import io.digitnet.nn.Samples;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Up to {@link io.digitnet.nn.CompactRows#CHUNK_ROWS} consecutive rows of a partition,
 * decoded once into compact samples and cached (a cache with disk keeps or spills each chunk
 * on its own), with a hash of their content (for the data checksum in model.json).
 */
record TrainingChunk(Samples samples, long contentHash) implements Serializable {
    /** A partition's chunks, in order, as one block of samples (the rows are not copied). */
    static Samples partition(Iterator<TrainingChunk> chunks) {
        List<Samples> parts = new ArrayList<>();
        chunks.forEachRemaining(chunk -> parts.add(chunk.samples()));
        return Samples.concat(parts);
    }
}
