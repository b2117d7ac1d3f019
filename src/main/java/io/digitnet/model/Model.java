package io.digitnet.model;

import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;

/** A trained network as a model directory holds it: its shape, its numbers and its provenance. */
public record Model(Architecture architecture, Parameters parameters, ModelInfo info) {
    public Model {
        if (architecture == null || parameters == null) {
            throw new IllegalArgumentException("expected an architecture and parameters, found null");
        }
        info = info == null ? ModelInfo.NONE : info;
        ParametersParquet.checkShape(architecture, parameters);
    }
}
