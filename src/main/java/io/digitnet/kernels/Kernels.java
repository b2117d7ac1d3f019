package io.digitnet.kernels;

import io.digitnet.data.images.InkPasses;
import io.digitnet.nn.AdamKernel;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.FirstLayerKernel;
import io.digitnet.nn.GreyImageNetwork;
import io.digitnet.nn.LayerKernel;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.PlainFirstLayer;
import io.digitnet.nn.PlainLayer;

/**
 * The kernel room: every fast path of the project, and the one place that decides, once per
 * JVM, which runs: the vector kernels of this package where the JDK's vector API module is
 * present (conf/jvm.args and Spark's JVM options add it), the plain references of {@code nn}
 * and {@code data.images} otherwise. Nothing outside this package touches the vector API.
 * Both give the same bits: a kernel's lanes are neurons, inputs, parameters or pixels, never
 * parts of one sum, so no result depends on the vector width (VectorWidthTest).
 */
public final class Kernels {
    /** Whether the jdk.incubator.vector module is in this JVM. */
    public static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /**
     * Whether the vector kernels run: the module is here and a vector holds 2 doubles or
     * more. With 1 (-XX:MaxVectorSize=8) the JDK does not compile them to vector
     * instructions, and the plain code, whose bits are the same, trained 17 times faster
     * (BENCHMARKS.md, "The kernel room").
     */
    public static final boolean VECTOR_API = VECTOR_MODULE && VectorWidth.doubles() >= 2;

    /** Adam's update a vector of parameters at a time, or nothing (the reference does it all). */
    public static final AdamKernel ADAM = VECTOR_API ? new VectorAdam() : AdamKernel.NONE;

    private Kernels() {}

    /** Which kernels run here, for the benchmark's report: the vector ones and their width, or the plain reference. */
    public static String describe() {
        if (VECTOR_API) {
            return "vector API, " + VectorWidth.doubles() * Double.SIZE + "-bit vectors";
        }
        return VECTOR_MODULE ? "plain Java (vectors of 1 double)" : "plain Java (no jdk.incubator.vector module)";
    }

    /** The first layer's products for a layer of {@code in} inputs and {@code out} neurons. */
    public static FirstLayerKernel firstLayer(int in, int out) {
        return VECTOR_API ? new SparseFirstLayer(in, out) : new PlainFirstLayer(in, out);
    }

    /** The products of a layer past the first, of {@code in} inputs and {@code out} neurons. */
    public static LayerKernel layer(int in, int out) {
        return VECTOR_API ? new VectorLayer(in, out) : new PlainLayer(in, out);
    }

    /** The ink map's passes over a scan's pixels. */
    public static InkPasses inkPasses() {
        return VECTOR_API ? new VectorInkPasses() : new InkPasses();
    }

    /** Scoring's forward pass from grey images, for up to {@code capacity} images a call. */
    public static GreyImageNetwork greyImageNetwork(Architecture architecture, Parameters p, int capacity) {
        return VECTOR_API ? new VectorGreyImageNetwork(architecture, p, capacity)
                : new GreyImageNetwork(architecture, p, capacity);
    }

    /** The vector width, apart so that a JVM without the module never loads the vector API's classes. */
    private static final class VectorWidth {
        static int doubles() {
            return jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        }
    }
}
