'use strict';
// The model's forward pass, as Network.java computes it: every layer a' = f(W a + b), W
// row-major (row j holds the weights into neuron j), in double precision.
const DigitnetNetwork = (() => {
  /** Base64 of little-endian doubles (how the report writes them) into a Float64Array. */
  function doubles(base64) {
    const text = atob(base64);
    const view = new DataView(new ArrayBuffer(text.length));
    for (let i = 0; i < text.length; i++) {
      view.setUint8(i, text.charCodeAt(i));
    }
    const values = new Float64Array(text.length / 8);
    for (let i = 0; i < values.length; i++) {
      values[i] = view.getFloat64(8 * i, true);
    }
    return values;
  }

  const ACTIVATIONS = {
    sigmoid: (z) => z.map((v) => 1.0 / (1.0 + Math.exp(-v))),
    tanh: (z) => z.map(Math.tanh),
    relu: (z) => z.map((v) => (v > 0 ? v : 0.0)),
    softmax: (z) => {
      let max = -Infinity;
      z.forEach((v) => { max = Math.max(max, v); });
      const a = z.map((v) => Math.exp(v - max));
      let sum = 0;
      a.forEach((v) => { sum += v; });
      return a.map((v) => v / sum);
    },
  };

  function activation(name) {
    const f = ACTIVATIONS[name];
    if (!f) {
      throw new Error('unknown activation ' + name);
    }
    return f;
  }

  /** A network from the report's description: sizes, activations, base64 weights and biases per layer. */
  function of(model) {
    const sizes = model.sizes;
    const weights = model.weights.map(doubles);
    const biases = model.biases.map(doubles);
    const hidden = activation(model.hidden);
    const output = activation(model.output);
    const layers = weights.length;

    /** Every layer's activations for one input (784 values 0..1), the last being the outputs. */
    function feedforward(input) {
      const activations = [];
      let a = input;
      for (let l = 0; l < layers; l++) {
        const inputs = sizes[l];
        const w = weights[l];
        const z = new Float64Array(sizes[l + 1]);
        for (let n = 0; n < z.length; n++) {
          let sum = 0;
          for (let k = 0, row = n * inputs; k < inputs; k++) {
            sum += a[k] * w[row + k];
          }
          z[n] = biases[l][n] + sum;
        }
        a = (l === layers - 1 ? output : hidden)(z);
        activations.push(a);
      }
      return activations;
    }

    /**
     * Each neuron's weights carried back to the 784 pixels through the layers before it
     * (the report's maps for deeper layers: a linear view that leaves activations out).
     */
    function pixelMaps() {
      const maps = [];
      let carried = null;
      for (let l = 0; l < layers; l++) {
        const inputs = sizes[l];
        const out = sizes[l + 1];
        const w = weights[l];
        const layer = [];
        for (let n = 0; n < out; n++) {
          if (carried === null) {
            layer.push(w.subarray(n * inputs, (n + 1) * inputs));
            continue;
          }
          const map = new Float64Array(sizes[0]);
          for (let k = 0; k < inputs; k++) {
            const weight = w[n * inputs + k];
            const below = carried[k];
            for (let p = 0; p < map.length; p++) {
              map[p] += weight * below[p];
            }
          }
          layer.push(map);
        }
        maps.push(layer);
        carried = layer;
      }
      return maps;
    }

    return { sizes, weights, biases, feedforward, pixelMaps, layers };
  }

  /** The brightest output (the first of equals) and its activation, as score answers. */
  function answer(outputs) {
    let best = 0;
    for (let j = 1; j < outputs.length; j++) {
      if (outputs[j] > outputs[best]) {
        best = j;
      }
    }
    return { digit: best, confidence: outputs[best] };
  }

  return { of, answer, doubles };
})();
