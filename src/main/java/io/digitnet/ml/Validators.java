package io.digitnet.ml;

import java.io.Serializable;
import scala.runtime.AbstractFunction1;

/** The checks of Params that Spark's ParamValidators have none for. */
final class Validators {
    private Validators() {}

    /** Layer sizes: at least an input and an output layer, every one at least 1 wide. */
    static AbstractFunction1<int[], Object> layerSizes() {
        return new LayerSizes();
    }

    private static final class LayerSizes extends AbstractFunction1<int[], Object> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object apply(int[] sizes) {
            if (sizes == null || sizes.length < 2) {
                return false;
            }
            for (int size : sizes) {
                if (size < 1) {
                    return false;
                }
            }
            return true;
        }
    }
}
