'use strict';
// The explorer page: a drawing pad, the input the network receives, every layer's
// activations, the output bars, and the weights and contributions of a hidden neuron.
(() => {
  const SIDE = 28;
  const PAD = 280;
  const CELL = PAD / SIDE;
  /** The pen: wider than a twelfth of the pad, so that no stroke passes for a printed line (normalise.js). */
  const PEN = 26;
  const MAP_CELL = 6;
  const BAR = 150;
  const RED = [178, 24, 43];
  const BLUE = [33, 102, 172];

  const data = JSON.parse(document.getElementById('digitnet-data').textContent);
  const net = DigitnetNetwork.of(data.model);
  const examples = data.examples.map((e) => ({ id: e.id, label: e.label, pixels: DigitnetNetwork.doubles(e.pixels) }));
  let pixelMaps = null;

  const pad = document.getElementById('pad');
  const padContext = context2d(pad);
  const strokes = document.createElement('canvas');
  strokes.width = PAD;
  strokes.height = PAD;
  const strokesContext = context2d(strokes);

  /** What the pad holds: a drawing of its own, or a test image being drawn over. */
  let mode = { kind: 'draw' };
  let input = new Float64Array(SIDE * SIDE);
  let hasInk = false;
  let activations = net.feedforward(input);
  let shown = null;
  let lastPoint = null;
  let pending = false;

  document.title = 'digitnet explorer: ' + data.model.name;
  document.getElementById('about').textContent = 'Model ' + data.model.name + ': layers '
      + data.model.sizes.join('-') + ', ' + data.model.hidden + ' hidden, ' + data.model.output + ' output'
      + (data.model.testAccuracy == null ? '' : ', test accuracy ' + (100 * data.model.testAccuracy).toFixed(2) + ' %')
      + '. This page computes every number itself from the model\'s weights, embedded in it; it loads nothing.';

  // ---- drawing ----

  /** Where the pointer is, in the pad's own pixels (any border left out, whatever size it is shown at). */
  function padPoint(event) {
    const rect = pad.getBoundingClientRect();
    return {
      x: (event.clientX - rect.left - pad.clientLeft) * (PAD / pad.clientWidth),
      y: (event.clientY - rect.top - pad.clientTop) * (PAD / pad.clientHeight),
    };
  }

  function penDown(event) {
    event.preventDefault();
    pad.setPointerCapture(event.pointerId);
    lastPoint = padPoint(event);
    strokesContext.fillStyle = '#fff';
    strokesContext.beginPath();
    strokesContext.arc(lastPoint.x, lastPoint.y, PEN / 2, 0, 2 * Math.PI);
    strokesContext.fill();
    changed();
  }

  function penMove(event) {
    if (lastPoint === null) {
      return;
    }
    event.preventDefault();
    const point = padPoint(event);
    strokesContext.strokeStyle = '#fff';
    strokesContext.lineWidth = PEN;
    strokesContext.lineCap = 'round';
    strokesContext.lineJoin = 'round';
    strokesContext.beginPath();
    strokesContext.moveTo(lastPoint.x, lastPoint.y);
    strokesContext.lineTo(point.x, point.y);
    strokesContext.stroke();
    lastPoint = point;
    changed();
  }

  function penUp() {
    lastPoint = null;
  }

  pad.addEventListener('pointerdown', penDown);
  pad.addEventListener('pointermove', penMove);
  pad.addEventListener('pointerup', penUp);
  pad.addEventListener('pointercancel', penUp);

  /** Recomputes once a frame at most, however fast the pointer moves. */
  function changed() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        update();
      });
    }
  }

  function clear() {
    strokesContext.clearRect(0, 0, PAD, PAD);
    mode = { kind: 'draw' };
    update();
  }

  function load(index) {
    strokesContext.clearRect(0, 0, PAD, PAD);
    mode = { kind: 'edit', example: examples[index] };
    update();
  }

  /** The pad as shown: black paper, the test image being drawn over (10x), the strokes. */
  function paintPad() {
    padContext.fillStyle = '#000';
    padContext.fillRect(0, 0, PAD, PAD);
    if (mode.kind === 'edit') {
      const pixels = mode.example.pixels;
      for (let i = 0; i < pixels.length; i++) {
        if (pixels[i] > 0) {
          padContext.fillStyle = grey(pixels[i]);
          padContext.fillRect((i % SIDE) * CELL, Math.floor(i / SIDE) * CELL, CELL, CELL);
        }
      }
    }
    padContext.drawImage(strokes, 0, 0);
  }

  /**
   * The input: a drawing of its own is normalised as score normalises a scan of it; a test
   * image drawn over keeps its place, each pixel the larger of the image and the share of
   * its 10x10 cell of the pad that the strokes cover.
   */
  function readInput() {
    const values = new Float64Array(SIDE * SIDE);
    if (mode.kind === 'draw') {
      const bytes = DigitnetNormalise.normalise(padContext.getImageData(0, 0, PAD, PAD).data, PAD, PAD);
      hasInk = bytes !== null;
      if (hasInk) {
        bytes.forEach((b, i) => { values[i] = b / 255.0; });
      }
      return values;
    }
    const alpha = strokesContext.getImageData(0, 0, PAD, PAD).data;
    for (let i = 0; i < values.length; i++) {
      const left = (i % SIDE) * CELL;
      const top = Math.floor(i / SIDE) * CELL;
      let covered = 0;
      for (let y = top; y < top + CELL; y++) {
        for (let x = left; x < left + CELL; x++) {
          covered += alpha[4 * (y * PAD + x) + 3];
        }
      }
      values[i] = Math.max(mode.example.pixels[i], covered / (255 * CELL * CELL));
    }
    hasInk = true;
    return values;
  }

  // ---- the views ----

  /** A value 0..1 (clamped) as a grey, 0 black and 1 white, as the report's pictures draw activations. */
  function grey(value) {
    const level = Math.round(255 * Math.max(0, Math.min(1, value)));
    return 'rgb(' + level + ',' + level + ',' + level + ')';
  }

  function diverging(value, scale) {
    if (scale === 0 || value === 0 || Number.isNaN(value)) {
      return 'rgb(255,255,255)';
    }
    const strength = Math.min(1, Math.abs(value) / scale);
    const full = value > 0 ? RED : BLUE;
    return 'rgb(' + full.map((c) => Math.round(255 + (c - 255) * strength)).join(',') + ')';
  }

  /** A canvas's drawing context, set up to be read back (tests read the maps' colours). */
  function context2d(canvas) {
    return canvas.getContext('2d', { willReadFrequently: true });
  }

  function paintGreys(canvas, values) {
    const context = context2d(canvas);
    for (let i = 0; i < values.length; i++) {
      context.fillStyle = grey(values[i]);
      context.fillRect((i % SIDE) * MAP_CELL, Math.floor(i / SIDE) * MAP_CELL, MAP_CELL, MAP_CELL);
    }
  }

  /** Paints a 784-value map in diverging colours scaled to its largest value; returns that scale. */
  function paintMap(canvas, values) {
    let scale = 0;
    values.forEach((v) => {
      if (Number.isFinite(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    });
    const context = context2d(canvas);
    for (let i = 0; i < values.length; i++) {
      context.fillStyle = diverging(values[i], scale);
      context.fillRect((i % SIDE) * MAP_CELL, Math.floor(i / SIDE) * MAP_CELL, MAP_CELL, MAP_CELL);
    }
    return scale;
  }

  const neuronElements = [];

  function buildLayers() {
    const container = document.getElementById('layers');
    for (let l = 0; l < net.layers - 1; l++) {
      const column = document.createElement('div');
      column.className = 'layer';
      const name = document.createElement('div');
      name.className = 'layer-name';
      name.textContent = 'layer ' + (l + 1) + ' (' + net.sizes[l + 1] + ')';
      column.appendChild(name);
      const grid = document.createElement('div');
      grid.className = 'neurons';
      const count = net.sizes[l + 1];
      grid.style.gridTemplateColumns = 'repeat(' + Math.ceil(count / 16) + ', 14px)';
      grid.style.gridAutoFlow = 'column';
      grid.style.gridTemplateRows = 'repeat(' + Math.min(16, count) + ', 14px)';
      const elements = [];
      for (let n = 0; n < count; n++) {
        const neuron = document.createElement('div');
        neuron.className = 'neuron';
        neuron.id = 'neuron-' + (l + 1) + '-' + n;
        neuron.title = 'layer ' + (l + 1) + ', neuron ' + n;
        neuron.addEventListener('pointerenter', () => show(l, n));
        neuron.addEventListener('click', () => show(l, n));
        grid.appendChild(neuron);
        elements.push(neuron);
      }
      neuronElements.push(elements);
      column.appendChild(grid);
      container.appendChild(column);
    }
    const outputs = document.getElementById('outputs');
    for (let d = 0; d < net.sizes[net.layers]; d++) {
      const row = document.createElement('div');
      row.className = 'output-row';
      row.id = 'output-' + d;
      row.innerHTML = '<span class="digit"></span><span class="bar"></span><span class="value"></span>';
      row.querySelector('.digit').textContent = String(d);
      outputs.appendChild(row);
    }
  }

  function buildButtons() {
    document.getElementById('clear').addEventListener('click', clear);
    const container = document.getElementById('examples');
    if (examples.length === 0) {
      container.textContent = 'No test images: make the report with --data to draw over some.';
      return;
    }
    examples.forEach((example, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.id = 'example-' + i;
      button.textContent = 'test image ' + example.id + ' (a ' + example.label + ')';
      button.addEventListener('click', () => load(i));
      container.appendChild(button);
    });
  }

  function show(layer, index) {
    shown = { layer, index };
    neuronElements.forEach((elements, l) => elements.forEach((e, n) => {
      e.classList.toggle('shown', l === layer && n === index);
    }));
    paintShown();
  }

  /** The shown neuron's weights on the pixels and, times the input, what each pixel gives it. */
  function shownMaps() {
    if (pixelMaps === null) {
      pixelMaps = net.pixelMaps();
    }
    const weights = pixelMaps[shown.layer][shown.index];
    return { weights, contributions: weights.map((w, p) => w * input[p]) };
  }

  function paintShown() {
    if (shown === null) {
      return;
    }
    const { weights, contributions } = shownMaps();
    const a = activations[shown.layer][shown.index];
    const first = shown.layer === 0;
    document.getElementById('neuron-title').textContent = 'Layer ' + (shown.layer + 1) + ', neuron ' + shown.index
        + ': activation ' + a.toFixed(3);
    const weightScale = paintMap(document.getElementById('weight-map'), weights);
    const contributionScale = paintMap(document.getElementById('contribution-map'), contributions);
    document.getElementById('weight-caption').textContent = (first
        ? 'Its 784 weights, one per pixel'
        : 'Its weights carried back to the pixels through the layers before (activations left out)')
        + ': red raises its input, blue lowers it; full colour ' + weightScale.toPrecision(3) + '.';
    document.getElementById('contribution-caption').textContent = (first
        ? 'Weight x input pixel: what each pixel of this input adds to it'
        : 'Carried-back weight x input pixel: a linear view of what each pixel adds')
        + '; full colour ' + contributionScale.toPrecision(3) + '.';
  }

  function update() {
    paintPad();
    input = readInput();
    activations = net.feedforward(input);
    paintGreys(document.getElementById('input'), input);
    neuronElements.forEach((elements, l) => elements.forEach((e, n) => {
      e.style.background = grey(activations[l][n]);
    }));
    const outputs = activations[activations.length - 1];
    const { digit, confidence } = DigitnetNetwork.answer(outputs);
    outputs.forEach((a, d) => {
      const row = document.getElementById('output-' + d);
      row.classList.toggle('winner', hasInk && d === digit);
      row.querySelector('.bar').style.width = Math.round(BAR * Math.max(0, Math.min(1, a))) + 'px';
      row.querySelector('.value').textContent = a.toFixed(3);
    });
    const verdict = document.getElementById('verdict');
    verdict.className = '';
    if (!hasInk) {
      verdict.textContent = 'Draw a digit in the black square (the outputs are the network\'s answer to a blank image).';
    } else {
      const review = confidence < data.reviewBelow;
      verdict.textContent = 'The network reads a ' + digit + ', confidence ' + confidence.toFixed(3) + ': '
          + (review ? 'score would flag it for review (below ' + data.reviewBelow + ').'
            : 'score would accept it (review below ' + data.reviewBelow + ').');
      verdict.classList.toggle('review', review);
    }
    document.getElementById('mode').textContent = mode.kind === 'draw'
        ? 'Your drawing is cropped, scaled to 20x20 and centred by its centre of mass, as score prepares a scan.'
        : 'Drawing over test image ' + mode.example.id + ' (a ' + mode.example.label + '): it stays in place, '
          + 'each input pixel the brighter of the image and your ink.';
    paintShown();
  }

  function arrays(maps) {
    return { weights: Array.from(maps.weights), contributions: Array.from(maps.contributions) };
  }

  /** For tests and the curious: what the page computed, as plain arrays. */
  window.digitnetExplorer = {
    state() {
      const outputs = activations[activations.length - 1];
      const { digit, confidence } = DigitnetNetwork.answer(outputs);
      return {
        mode: mode.kind,
        example: mode.kind === 'edit' ? mode.example.id : null,
        hasInk,
        input: Array.from(input),
        activations: activations.map((a) => Array.from(a)),
        digit,
        confidence,
        review: confidence < data.reviewBelow,
        shown: shown === null ? null : { layer: shown.layer, index: shown.index, ...arrays(shownMaps()) },
      };
    },
    /** The drawing as a PNG data URL: the file score would read. */
    drawingPng() {
      return pad.toDataURL('image/png');
    },
    clear,
    load,
  };

  buildLayers();
  buildButtons();
  update();
})();
