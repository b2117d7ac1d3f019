package io.digitnet.kernels;

import io.digitnet.data.images.InkPasses;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link InkPasses} a vector of pixels at a time, each row's tail past its last whole
 * vector in the plain way. Only loaded where the jdk.incubator.vector module is present.
 */
final class VectorInkPasses extends InkPasses {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** As many ints as floats, for the columns' counts. */
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    @Override
    public float ink(float[] greys, int width, int height, float paper, boolean lightPaper, float noise, int[] rowInk,
            int[] columnInk) {
        int whole = FLOATS.loopBound(width);
        FloatVector paperLevel = FloatVector.broadcast(FLOATS, paper);
        FloatVector contrasts = FloatVector.zero(FLOATS);
        float contrast = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int count = 0;
            for (int x = 0; x < whole; x += FLOATS.length()) {
                FloatVector grey = FloatVector.fromArray(FLOATS, greys, row + x);
                FloatVector ink = lightPaper ? paperLevel.sub(grey) : grey.sub(paperLevel);
                contrasts = contrasts.max(ink);
                VectorMask<Float> on = ink.compare(VectorOperators.GT, noise);
                FloatVector.zero(FLOATS).blend(ink, on).intoArray(greys, row + x);
                count += on.trueCount();
                IntVector.fromArray(INTS, columnInk, x).add(1, on.cast(INTS)).intoArray(columnInk, x);
            }
            rowInk[y] += count;
            contrast = Math.max(contrast, inkFrom(greys, width, y, whole, paper, lightPaper, noise, rowInk, columnInk));
        }
        return Math.max(contrast, contrasts.reduceLanes(VectorOperators.MAX));
    }

    /** Paper a vector at a time, the vector holding ink a pixel at a time. */
    @Override
    public int nextInk(float[] levels, int from, int to) {
        int i = from;
        for (int whole = to - FLOATS.length(); i <= whole; i += FLOATS.length()) {
            if (FloatVector.fromArray(FLOATS, levels, i).compare(VectorOperators.GT, 0f).anyTrue()) {
                break;
            }
        }
        return super.nextInk(levels, i, to);
    }

    @Override
    public float strongest(float[] levels) {
        int whole = FLOATS.loopBound(levels.length);
        FloatVector strongest = FloatVector.zero(FLOATS);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            strongest = strongest.max(FloatVector.fromArray(FLOATS, levels, i));
        }
        return Math.max(strongestFrom(levels, whole), strongest.reduceLanes(VectorOperators.MAX));
    }

    @Override
    public void zeroBelow(float[] levels, float threshold) {
        int whole = FLOATS.loopBound(levels.length);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            FloatVector level = FloatVector.fromArray(FLOATS, levels, i);
            level.blend(0f, level.compare(VectorOperators.LE, threshold)).intoArray(levels, i);
        }
        zeroBelowFrom(levels, threshold, whole);
    }
}
