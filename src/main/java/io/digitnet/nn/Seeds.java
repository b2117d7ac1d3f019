package io.digitnet.nn;

/**
 * Random streams derived from (seed, epoch, partition), so that a partition's work does not
 * depend on which executor runs it, in what order, or how often (a re-run task draws the
 * same numbers).
 */
public final class Seeds {
    private Seeds() {}

    public static long derive(long seed, long epoch, long partition) {
        return mix(mix(mix(seed) ^ epoch) ^ (partition * 0x9E3779B97F4A7C15L));
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
