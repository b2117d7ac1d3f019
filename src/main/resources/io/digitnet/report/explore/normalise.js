'use strict';
// A drawing into the 28x28 input, exactly as `score` normalises a scanned digit (the Java
// classes named below): every step rounded to single precision where Java computes in
// floats, so that the bytes are the ones score would give for the drawing saved as a PNG.
// Printed lines (PrintedLines.java) are not looked for: the pad's pen is wider than a
// twelfth of the pad, so no stroke is ever thin enough to be one. A change to the Java
// steps must be made here too: report/ExplorePageTest compares the two on drawings.
const DigitnetNormalise = (() => {
  const f = Math.fround;
  const SIDE = 28;
  const BOX = 20;
  const CENTRE = 14.0;
  const BLACK_AND_WHITE_SCALE = 0.5;
  const BLACK_SHARE = f(0.35);
  const MIN_CONTRAST = 32;
  const PAPER_FRACTION = f(0.1);
  const NOISE_FLOOR = 8;
  const NOISE_SIGMAS = 4;
  const MAD_TO_SIGMA = f(1.4826);
  const SPECK_PART = 0.1;
  const SPECK_GRAIN = 0.005;
  const RED = f(0.299);
  const GREEN = f(0.587);
  const BLUE = f(0.114);

  /** GreyLevels: Rec. 601 luma of each opaque pixel, 0 black to 255 white. */
  function greyLevels(rgba, width, height) {
    const greys = new Float32Array(width * height);
    for (let i = 0, p = 0; i < greys.length; i++, p += 4) {
      greys[i] = f(f(f(RED * rgba[p]) + f(GREEN * rgba[p + 1])) + f(BLUE * rgba[p + 2]));
    }
    return greys;
  }

  function median(counts, total) {
    let seen = 0;
    for (let level = 0; level < counts.length; level++) {
      seen += counts[level];
      if (2 * seen > total) {
        return level;
      }
    }
    throw new Error('no pixels');
  }

  /** InkMap.Paper: the median of the outermost pixels, and their noise. */
  function paper(greys, width, height) {
    const counts = new Array(256).fill(0);
    let total = 0;
    for (let y = 0; y < height; y++) {
      const step = y === 0 || y === height - 1 ? 1 : Math.max(1, width - 1);
      for (let x = 0; x < width; x += step) {
        counts[Math.round(Math.max(0, Math.min(255, greys[y * width + x])))]++;
        total++;
      }
    }
    const level = median(counts, total);
    const deviations = new Array(256).fill(0);
    for (let l = 0; l < 256; l++) {
      deviations[Math.abs(l - level)] += counts[l];
    }
    return { level, noise: f(MAD_TO_SIGMA * median(deviations, total)) };
  }

  /** InkMap.page and InkPasses: the ink's difference from the paper, or null for no ink. */
  function ink(greys, width, height) {
    const edges = paper(greys, width, height);
    const lightPaper = edges.level > 127.5;
    const noise = Math.max(NOISE_FLOOR, f(NOISE_SIGMAS * edges.noise));
    let contrast = 0;
    for (let i = 0; i < greys.length; i++) {
      const level = lightPaper ? f(edges.level - greys[i]) : f(greys[i] - edges.level);
      contrast = Math.max(contrast, level);
      greys[i] = level > noise ? level : 0;
    }
    const written = contrast > noise ? contrast : 0;
    if (contrast < MIN_CONTRAST || written < MIN_CONTRAST) {
      return null;
    }
    const threshold = f(PAPER_FRACTION * written);
    for (let i = 0; i < greys.length; i++) {
      if (greys[i] <= threshold) {
        greys[i] = 0;
      }
    }
    return greys;
  }

  /** Components: the 8-connected pieces of ink, numbered in the order of their first pixel. */
  function components(levels, width, height) {
    const label = new Int32Array(levels.length).fill(-1);
    const pieces = [];
    const stack = [];
    for (let start = 0; start < levels.length; start++) {
      if (!(levels[start] > 0) || label[start] >= 0) {
        continue;
      }
      const piece = { mass: 0, area: 0, left: width, top: height, right: -1, bottom: -1 };
      const c = pieces.length;
      pieces.push(piece);
      label[start] = c;
      stack.push(start);
      while (stack.length > 0) {
        const i = stack.pop();
        const x = i % width;
        const y = (i - x) / width;
        piece.mass += levels[i];
        piece.area++;
        piece.left = Math.min(piece.left, x);
        piece.right = Math.max(piece.right, x);
        piece.top = Math.min(piece.top, y);
        piece.bottom = Math.max(piece.bottom, y);
        for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
          for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
            const n = ny * width + nx;
            if (levels[n] > 0 && label[n] < 0) {
              label[n] = c;
              stack.push(n);
            }
          }
        }
      }
    }
    return { label, pieces };
  }

  function overlaps(a, b) {
    return b.left <= a.right && a.left <= b.right && b.top <= a.bottom && a.top <= b.bottom;
  }

  /** Specks: drops the pieces that are neither a real share of the digit nor inside its box. */
  function removeSpecks(levels, width, height) {
    const { label, pieces } = components(levels, width, height);
    if (pieces.length < 2) {
      return;
    }
    let digit = 0;
    for (let c = 1; c < pieces.length; c++) {
      if (pieces[c].mass > pieces[digit].mass) {
        digit = c;
      }
    }
    const kept = pieces.map((_, c) => c === digit);
    const box = { left: pieces[digit].left, top: pieces[digit].top, right: pieces[digit].right,
      bottom: pieces[digit].bottom };
    for (let grew = true; grew;) {
      grew = false;
      for (let c = 0; c < pieces.length; c++) {
        const p = pieces[c];
        if (!kept[c] && (p.mass >= SPECK_PART * pieces[digit].mass
            || (overlaps(box, p) && p.area >= SPECK_GRAIN * pieces[digit].area))) {
          kept[c] = true;
          box.left = Math.min(box.left, p.left);
          box.top = Math.min(box.top, p.top);
          box.right = Math.max(box.right, p.right);
          box.bottom = Math.max(box.bottom, p.bottom);
          grew = true;
        }
      }
    }
    for (let i = 0; i < levels.length; i++) {
      if (label[i] >= 0 && !kept[label[i]]) {
        levels[i] = 0;
      }
    }
  }

  /** ScanNormaliser.inkBox: left, top, width, height of the non-zero levels. */
  function inkBox(levels, width, height) {
    let left = width;
    let right = -1;
    let top = -1;
    let bottom = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (levels[y * width + x] > 0) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          if (top < 0) {
            top = y;
          }
          bottom = y;
        }
      }
    }
    return [left, top, right - left + 1, bottom - top + 1];
  }

  /** ScanNormaliser.blackAndWhite: the box's ink at a third of its strong level or more is full ink. */
  function blackAndWhite(levels, width, box) {
    const counts = new Array(256).fill(0);
    let total = 0;
    for (let y = box[1]; y < box[1] + box[3]; y++) {
      for (let i = y * width + box[0]; i < y * width + box[0] + box[2]; i++) {
        if (levels[i] > 0) {
          counts[Math.min(255, Math.round(levels[i]))]++;
          total++;
        }
      }
    }
    let strong = 255;
    for (let seen = 0, level = 0; level < 256; level++) {
      seen += counts[level];
      if (seen >= 0.95 * total) {
        strong = level;
        break;
      }
    }
    const cut = Math.max(f(1.4e-45), f(BLACK_SHARE * strong)); // Float.MIN_VALUE
    const black = new Float32Array(box[2] * box[3]);
    for (let y = 0; y < box[3]; y++) {
      const from = (box[1] + y) * width + box[0];
      for (let x = 0; x < box[2]; x++) {
        black[y * box[2] + x] = levels[from + x] >= cut ? 255 : 0;
      }
    }
    return black;
  }

  /** AreaResampler.Weights: which source pixels each output pixel covers, and by how much. */
  function weights(length, scale, side) {
    const count = Math.min(side, Math.ceil(length * scale - 1e-6));
    const spans = [];
    for (let o = 0; o < count; o++) {
      const from = o / scale;
      const to = Math.min((o + 1) / scale, length);
      const first = Math.trunc(from);
      const last = Math.min(length - 1, Math.ceil(to) - 1);
      const w = [];
      for (let k = first; k <= last; k++) {
        w.push(f((Math.min(k + 1, to) - Math.max(k, from)) * scale));
      }
      spans.push({ first, weights: w });
    }
    return spans;
  }

  /** AreaResampler.resample: the box scaled by area averaging into the top left of side x side. */
  function resample(source, stride, box, scale, side) {
    const [left, top, width, height] = box;
    const columns = weights(width, scale, side);
    const rows = weights(height, scale, side);
    const narrowed = new Float32Array(height * side);
    for (let y = 0; y < height; y++) {
      const from = (top + y) * stride + left;
      for (let o = 0; o < columns.length; o++) {
        let sum = 0;
        const span = columns[o];
        for (let k = 0; k < span.weights.length; k++) {
          sum = f(sum + f(span.weights[k] * source[from + span.first + k]));
        }
        narrowed[y * side + o] = sum;
      }
    }
    const target = new Float32Array(side * side);
    for (let o = 0; o < rows.length; o++) {
      const span = rows[o];
      for (let k = 0; k < span.weights.length; k++) {
        const weight = span.weights[k];
        const from = (span.first + k) * side;
        for (let x = 0; x < columns.length; x++) {
          target[o * side + x] = f(target[o * side + x] + f(weight * narrowed[from + x]));
        }
      }
    }
    return target;
  }

  /** ScanNormaliser.centred: moved by whole pixels to put the centre of mass at (14, 14), stretched to 255. */
  function centred(boxed) {
    let mass = 0;
    let sumX = 0;
    let sumY = 0;
    for (let y = 0; y < BOX; y++) {
      for (let x = 0; x < BOX; x++) {
        const level = boxed[y * BOX + x];
        mass += level;
        sumX += f(level * x);
        sumY += f(level * y);
      }
    }
    const dx = Math.round(CENTRE - sumX / mass);
    const dy = Math.round(CENTRE - sumY / mass);
    const fromX = Math.max(0, -dx);
    const toX = Math.min(BOX, SIDE - dx);
    const fromY = Math.max(0, -dy);
    const toY = Math.min(BOX, SIDE - dy);
    let strongest = 0;
    for (let y = fromY; y < toY; y++) {
      for (let x = fromX; x < toX; x++) {
        strongest = Math.max(strongest, boxed[y * BOX + x]);
      }
    }
    const pixels = new Uint8Array(SIDE * SIDE);
    const stretch = f(255 / strongest);
    for (let y = fromY; y < toY; y++) {
      for (let x = fromX; x < toX; x++) {
        pixels[(y + dy) * SIDE + x + dx] = Math.min(255, Math.round(f(boxed[y * BOX + x] * stretch)));
      }
    }
    return pixels;
  }

  /**
   * RGBA pixels (an ImageData's) of one drawn digit into MNIST's 784 grey bytes, 0 paper
   * and 255 full ink; null when there is no ink.
   */
  function normalise(rgba, width, height) {
    let levels = ink(greyLevels(rgba, width, height), width, height);
    if (levels === null) {
      return null;
    }
    removeSpecks(levels, width, height);
    let stride = width;
    let box = inkBox(levels, width, height);
    if (BOX / Math.max(box[2], box[3]) <= BLACK_AND_WHITE_SCALE) {
      levels = blackAndWhite(levels, stride, box);
      stride = box[2];
      box = inkBox(levels, box[2], box[3]);
    }
    return centred(resample(levels, stride, box, BOX / Math.max(box[2], box[3]), BOX));
  }

  return { normalise };
})();
