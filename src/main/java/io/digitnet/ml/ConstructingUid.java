package io.digitnet.ml;

/**
 * The uid of a stage being constructed. Spark's Scala superclasses make their Params in
 * their constructors and ask the stage for its uid then, before a Java subclass can set a
 * field; the stage's {@code uid()} answers from here until its own field is set.
 */
final class ConstructingUid {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final String value;

    /** Made as the argument of a constructor's {@code this(...)} call: before the superclass runs. */
    ConstructingUid(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("uid: expected a non-empty string, found " + value);
        }
        this.value = value;
        CURRENT.set(value);
    }

    /** The uid, no longer pending: the stage holds it now. */
    String release() {
        CURRENT.remove();
        return value;
    }

    /** The uid of the stage this thread is constructing. */
    static String current() {
        String uid = CURRENT.get();
        if (uid == null) {
            throw new IllegalStateException("a stage's uid was asked for outside its construction");
        }
        return uid;
    }
}
