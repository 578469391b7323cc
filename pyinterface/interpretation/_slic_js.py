"""SLIC's loops (smoothing, k-means rounds, connectivity pass) as JavaScript, for Pyodide.

In the browser numpy pays about 5 µs per call (CPython: about 1 µs). The k-means rounds make
a small batch of numpy calls per centre (9 rounds of 64 centres: ~27 ms of a 64×64 image's
interpretation, nearly all of it call overhead), the smoothing some 40 calls, and the
connectivity pass runs a Python breadth-first search per small fragment. The same loops in
JavaScript, reading and writing the numpy arrays' own memory (no copy), take a few
milliseconds once V8 has compiled them (the first calls of a page are slower). They compute
what :func:`._slic._gaussian_yx`, :func:`._slic._cluster` and
:func:`._slic._enforce_connectivity` compute, with the same floating-point operations in the
same order, so the labels are the same bit for bit; ``tests/interpretation/test_in_pyodide.py``
checks both paths against each other.

:func:`loops` returns None outside Pyodide, or when the page forbids compiling JavaScript
(a Content-Security-Policy without ``'unsafe-eval'``); SLIC then runs its numpy code.
"""

from __future__ import annotations

from typing import Any

from .._env import IN_PYODIDE

__all__ = ["loops"]

# rounds(features, labels, sums, best, height, width, channels, centres, reachY, reachX,
#        spatialWeight, count) -- _slic._cluster's rounds after the first:
#   features  Float64Array, H*W*C (pixel-major), the scaled Lab (or other) channels
#   labels    Int32Array, H*W, the current labels; each round rewrites it in place
#   sums      Float64Array, K*(2+C), scratch for the centre update
#   best      Float64Array, H*W, scratch for the cheapest cost per pixel
# Each round: centres and colours from the labels (sums in pixel order, as np.bincount adds),
# then each centre with pixels, in order, claims the pixels of its window that it reaches
# more cheaply than the centres before it (strict <, as in _slic._assign and the Cython loop).
#
# gaussian(pixels, out, kernel, height, width, channels) -- _slic._gaussian_yx: the kernel
# along rows, then along columns, summed in kernel order as numpy's sum() adds.
#
# connectivity(labels, out, height, width, minSize) -- _slic._enforce_connectivity: one
# breadth-first search per 4-connected component in raster order (neighbours x+1, x-1, y+1,
# y-1); a component smaller than minSize takes the final label of the last earlier component
# it touched (none: the label the next component gets), the others get 1, 2, ... into out.
_SOURCE = r"""
({
rounds: function (featuresProxy, labelsProxy, sumsProxy, bestProxy, height, width, channels, centres, reachY, reachX,
                 spatialWeight, count) {
  const buffers = [featuresProxy, labelsProxy, sumsProxy, bestProxy].map((proxy) => proxy.getBuffer());
  try {
    const [features, labels, sums, best] = buffers.map((buffer) => buffer.data);
    const stride = 2 + channels;
    const colTerms = new Float64Array(width);
    for (let round = 0; round < count; round++) {
      sums.fill(0);
      const counts = new Float64Array(centres);
      for (let y = 0, p = 0; y < height; y++) {
        for (let x = 0; x < width; x++, p++) {
          const k = labels[p];
          const at = k * stride;
          counts[k] += 1;
          sums[at] += y;
          sums[at + 1] += x;
          for (let c = 0; c < channels; c++) sums[at + 2 + c] += features[p * channels + c];
        }
      }
      best.fill(Infinity);
      for (let k = 0; k < centres; k++) {
        if (counts[k] === 0) continue; // an emptied centre claims nothing again
        const at = k * stride;
        const cy = sums[at] / counts[k];
        const cx = sums[at + 1] / counts[k];
        let colourSquared = 0;
        for (let c = 0; c < channels; c++) {
          const colour = sums[at + 2 + c] / counts[k];
          sums[at + 2 + c] = -2.0 * colour; // the weights of the colour term
          colourSquared += colour * colour;
        }
        const y0 = Math.trunc(Math.max(cy - reachY, 0));
        const y1 = Math.trunc(Math.min(cy + reachY + 1, height));
        const x0 = Math.trunc(Math.max(cx - reachX, 0));
        const x1 = Math.trunc(Math.min(cx + reachX + 1, width));
        for (let x = x0; x < x1; x++) {
          const dx = x - cx;
          colTerms[x] = spatialWeight * (dx * dx);
        }
        if (channels === 3) {
          const w0 = sums[at + 2], w1 = sums[at + 3], w2 = sums[at + 4];
          for (let y = y0; y < y1; y++) {
            const dy = y - cy;
            const rowTerm = spatialWeight * (dy * dy) + colourSquared;
            for (let x = x0, p = y * width + x0; x < x1; x++, p++) {
              const f = 3 * p;
              const cost = features[f] * w0 + features[f + 1] * w1 + features[f + 2] * w2 + rowTerm + colTerms[x];
              if (cost < best[p]) {
                best[p] = cost;
                labels[p] = k;
              }
            }
          }
        } else {
          for (let y = y0; y < y1; y++) {
            const dy = y - cy;
            const rowTerm = spatialWeight * (dy * dy) + colourSquared;
            for (let x = x0, p = y * width + x0; x < x1; x++, p++) {
              let cost = 0;
              for (let c = 0; c < channels; c++) cost += features[p * channels + c] * sums[at + 2 + c];
              cost = cost + rowTerm + colTerms[x];
              if (cost < best[p]) {
                best[p] = cost;
                labels[p] = k;
              }
            }
          }
        }
      }
    }
  } finally {
    for (const buffer of buffers) buffer.release();
  }
},

connectivity: function (labelsProxy, outProxy, height, width, minSize) {
  const buffers = [labelsProxy, outProxy].map((proxy) => proxy.getBuffer());
  try {
    const [labels, out] = buffers.map((buffer) => buffer.data);
    const size = height * width;
    const component = new Int32Array(size).fill(-1);
    const queue = new Int32Array(size);
    const finals = [];
    let nextLabel = 1;
    for (let start = 0; start < size; start++) {
      if (component[start] >= 0) continue;
      const index = finals.length;
      const label = labels[start];
      component[start] = index;
      queue[0] = start;
      let length = 1;
      let adjacent = -1;
      for (let head = 0; head < length; head++) {
        const pixel = queue[head];
        const x = pixel % width;
        for (let n = 0; n < 4; n++) {
          let neighbour;
          if (n === 0) { if (x + 1 >= width) continue; neighbour = pixel + 1; }
          else if (n === 1) { if (x === 0) continue; neighbour = pixel - 1; }
          else if (n === 2) { neighbour = pixel + width; if (neighbour >= size) continue; }
          else { if (pixel < width) continue; neighbour = pixel - width; }
          const other = component[neighbour];
          if (other === index) continue;
          if (other < 0 && labels[neighbour] === label) {
            component[neighbour] = index;
            queue[length++] = neighbour;
          } else if (other >= 0) {
            adjacent = other;
          }
        }
      }
      if (length < minSize) finals.push(adjacent < 0 ? nextLabel : finals[adjacent]);
      else finals.push(nextLabel++);
    }
    for (let p = 0; p < size; p++) out[p] = finals[component[p]];
  } finally {
    for (const buffer of buffers) buffer.release();
  }
},

gaussian: function (pixelsProxy, outProxy, kernelProxy, height, width, channels) {
  const buffers = [pixelsProxy, outProxy, kernelProxy].map((proxy) => proxy.getBuffer());
  try {
    const [pixels, out, kernel] = buffers.map((buffer) => buffer.data);
    const taps = kernel.length;
    const radius = (taps - 1) >> 1;
    // numpy's "symmetric" padding: the edge value repeats, then the image mirrors, periodically
    const mirrored = (size) => Int32Array.from({ length: size + 2 * radius }, (_, i) => {
      const m = (((i - radius) % (2 * size)) + 2 * size) % (2 * size);
      return m < size ? m : 2 * size - 1 - m;
    });
    const rowOf = mirrored(height), colOf = mirrored(width);
    const line = width * channels;
    const rows = new Float64Array(height * line); // each sum runs over the taps in order, from 0
    for (let y = 0; y < height; y++) {
      for (let t = 0; t < taps; t++) {
        const weight = kernel[t], from = rowOf[y + t] * line, to = y * line;
        for (let i = 0; i < line; i++) rows[to + i] += weight * pixels[from + i];
      }
    }
    out.fill(0);
    for (let y = 0; y < height; y++) {
      const at = y * line;
      for (let t = 0; t < taps; t++) {
        const weight = kernel[t];
        for (let x = 0; x < width; x++) {
          const from = at + colOf[x + t] * channels, to = at + x * channels;
          for (let c = 0; c < channels; c++) out[to + c] += weight * rows[from + c];
        }
      }
    }
  } finally {
    for (const buffer of buffers) buffer.release();
  }
}
})
"""


_loops: Any = None
_tried = False


def loops() -> Any:
    """The compiled JavaScript functions (a JsProxy with ``gaussian``, ``rounds`` and
    ``connectivity``), or
    None where they cannot run."""
    global _loops, _tried
    if not _tried:
        _tried = True
        if IN_PYODIDE:
            try:
                from pyodide.code import run_js  # type: ignore[import-not-found]

                _loops = run_js(_SOURCE)
            except Exception:  # noqa: BLE001 - no eval here (CSP): the numpy loop does the work
                _loops = None
    return _loops
