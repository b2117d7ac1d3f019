package io.digitnet.nn.kernels;

import io.digitnet.nn.AdamKernel;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.FirstLayerKernel;
import io.digitnet.nn.GreyImageNetwork;
import io.digitnet.nn.Parameters;

/**
 * The one place that decides, once per JVM, which implementation of the network's math
 * runs: the fast kernels of this package where the JDK's vector API module is present
 * (conf/jvm.args and Spark's JVM options add it), the plain reference of {@code nn}
 * otherwise. Both give the same bits: a kernel's lanes are neurons (or parameters), never
 * parts of one sum, so no result depends on the vector width.
 */
public final class Kernels {
    /** Whether the jdk.incubator.vector module is in this JVM. */
    public static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Adam's update a vector of parameters at a time, or nothing (the reference does it all). */
    public static final AdamKernel ADAM = VECTOR_API ? new VectorAdam() : AdamKernel.NONE;

    private Kernels() {}

    /** The first layer's products for a layer of {@code in} inputs and {@code out} neurons, or null (dgemm then). */
    public static FirstLayerKernel firstLayer(int in, int out) {
        return VECTOR_API ? new SparseFirstLayer(in, out) : null;
    }

    /** Scoring's forward pass from grey images, for up to {@code capacity} images a call. */
    public static GreyImageNetwork greyImageNetwork(Architecture architecture, Parameters p, int capacity) {
        return VECTOR_API ? new VectorGreyImageNetwork(architecture, p, capacity)
                : new GreyImageNetwork(architecture, p, capacity);
    }
}
