package io.digitnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.digitnet.nn.Architecture;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Schedule;
import org.junit.jupiter.api.Test;

class TrainSettingsTest {
    private static TrainSettings settings(Strategy strategy, int partitions, int syncs) {
        return new TrainSettings(Architecture.CLASSIC, strategy,
                new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.003, 0.9, 0.999, 1e-8, 0.00005), Schedule.COSINE,
                10, 0.5, 1, 16, syncs, partitions, 1, 0.0833, 0, 1);
    }

    @Test
    void averagingFarApartIsAdvisedAgainst() {
        assertNull(settings(Strategy.AVERAGE, 2, 1).averagingAdvice(55_000), "MNIST's default run");
        assertNull(settings(Strategy.AVERAGE, 2, 8).averagingAdvice(916_399));
        assertNull(settings(Strategy.FULL_BATCH, 2, 1).averagingAdvice(916_399));
        assertEquals("train: 458199 rows a partition between syncs; averaging partitions trained that far apart loses "
                + "accuracy: consider --syncs-per-epoch 16 (about 30000 rows between syncs)",
                settings(Strategy.AVERAGE, 2, 1).averagingAdvice(916_399));
    }
}
