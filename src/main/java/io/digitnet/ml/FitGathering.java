package io.digitnet.ml;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;

/**
 * Gathers calls of {@code fit(dataset, paramMap)} that arrive together on the same dataset
 * into one shared pass. MLlib's TrainValidationSplit and CrossValidator fit a grid that way,
 * {@code parallelism} maps at a time, each on its own thread: the first call waits a moment
 * for the others, then trains all that can share its batches at once. Which calls end up
 * together depends on timing, but no model does: a run trained with others has the bits
 * it has alone.
 */
final class FitGathering {
    /** How long the first call of a group waits for others to join it. */
    private static final long WINDOW_MILLIS = 300;
    /** The group still open on each dataset, by identity. */
    private static final Map<Dataset<?>, Group> OPEN = new IdentityHashMap<>();
    /** Runs trained in a pass with others, so far: what shows a test that gathering happened. */
    static final AtomicLong SHARED = new AtomicLong();

    private FitGathering() {}

    /** The model of {@code run} (a classifier with its map's Params) on the dataset. */
    static DigitNetModel fit(DigitNetClassifier run, Dataset<?> dataset) {
        Group group;
        int index;
        synchronized (OPEN) {
            group = OPEN.get(dataset);
            if (group != null && group.accepts(run)) {
                index = group.add(run);
            } else {
                group = new Group(run);
                index = 0;
                OPEN.put(dataset, group);
            }
        }
        if (index == 0) {
            group.train(dataset);
        }
        return group.model(index);
    }

    /** Calls trained in one pass: the first one trains, the others wait for its models. */
    private static final class Group {
        private final List<DigitNetClassifier> runs = new ArrayList<>();
        private final CountDownLatch trained = new CountDownLatch(1);
        private List<DigitNetModel> models;
        private RuntimeException failure;

        Group(DigitNetClassifier first) {
            runs.add(first);
        }

        /** Whether {@code run} can take this group's batches (called holding OPEN's lock). */
        boolean accepts(DigitNetClassifier run) {
            List<DigitNetClassifier> with = new ArrayList<>(runs);
            with.add(run);
            return DigitNetClassifier.shareAPass(with);
        }

        int add(DigitNetClassifier run) {
            runs.add(run);
            return runs.size() - 1;
        }

        void train(Dataset<?> dataset) {
            try {
                Thread.sleep(WINDOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<DigitNetClassifier> members;
            synchronized (OPEN) {
                OPEN.remove(dataset, this);
                members = List.copyOf(runs);
            }
            try {
                models = DigitNetClassifier.trainTogether(members, dataset.toDF());
                if (members.size() > 1) {
                    SHARED.addAndGet(members.size());
                }
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException("training failed: " + e, e);
                throw e;
            } finally {
                trained.countDown();
            }
        }

        DigitNetModel model(int index) {
            try {
                trained.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the models trained", e);
            }
            if (failure != null) {
                throw failure;
            }
            return models.get(index);
        }
    }
}
