"""SLIC superpixels in numpy alone, so image interpretation runs where scikit-image cannot.

Gradio 3 split images with ``skimage.segmentation.slic(image, n_segments, compactness=10,
sigma=1, start_label=1)``. This is a port of that call (scikit-image 0.19+): the image is
scaled to [0, 1], converted to CIE Lab, smoothed with a Gaussian, seeded on scikit-image's
regular grid and clustered for ``max_num_iter`` k-means rounds in which each centre only
claims pixels within two grid steps of it; then small disconnected fragments are merged into a
neighbour and labels are renumbered in raster order from 1.

The k-means step loops over centres and updates each centre's window with whole-array
operations, so its cost is one small batch of numpy calls per centre and round. The one
departure from the Cython original: a connected component larger than ``max_size_factor``
times the mean segment size is not split in two (scikit-image's breadth-first search stops
there). ``tests/interpretation/test_slic.py`` measures the agreement with scikit-image.

In Pyodide, where each numpy call costs several times what it costs in CPython, the three
loops (smoothing, k-means rounds, connectivity) run as JavaScript on the same arrays
(:mod:`._slic_js`), with the same arithmetic in the same order, so the labels are the same.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple

from ._slic_js import loops

if TYPE_CHECKING:
    import numpy as np

__all__ = ["slic"]

# sRGB (D65) -> XYZ and the D65 2-degree white point, as scikit-image's rgb2lab uses them.
_XYZ_FROM_RGB = (
    (0.412453, 0.357580, 0.180423),
    (0.212671, 0.715160, 0.072169),
    (0.019334, 0.119193, 0.950227),
)
_WHITE_D65 = (0.95047, 1.0, 1.08883)


def slic(
    image: np.ndarray,
    n_segments: int = 16,
    *,
    compactness: float = 10.0,
    sigma: float = 1.0,
    max_num_iter: int = 10,
    min_size_factor: float = 0.5,
) -> np.ndarray:
    """Label map (H, W) of int32 superpixel labels 1..K for an (H, W), (H, W, 3) or (H, W, C) image.

    Integer images are scaled by their dtype's maximum and floats are used as they are, as
    ``skimage.img_as_float`` does; three-channel images are clustered in Lab space.
    """
    pixels = _lab_of_bytes(image)
    if pixels is None:
        pixels = _stretched(_as_float_channels(image))
        if pixels.shape[2] == 3:
            pixels = _rgb_to_lab(pixels)
    height, width, _ = pixels.shape
    if n_segments < 1:
        raise ValueError(f"slic: n_segments must be a positive int, got {n_segments!r}.")
    if sigma > 0:
        pixels = _gaussian_yx(pixels, sigma)
    seeds = _seeds(height, width, n_segments)
    labels = _cluster(pixels / compactness, seeds, max_num_iter)
    min_size = int(min_size_factor * height * width / len(seeds.centres))
    return _enforce_connectivity(labels, min_size)


class _Seeds(NamedTuple):
    """Where k-means starts for an image size and segment count (arrays are read-only)."""

    step: float  # the grid step that scales spatial distances
    window: tuple[int, int]  # each centre claims pixels within two of these of it (rows, columns)
    centres: np.ndarray  # (K, 2) seed rows and columns
    first: np.ndarray | None  # the first round's labels, when the seeds form a grid


@functools.lru_cache(maxsize=16)
def _seeds(height: int, width: int, n_segments: int) -> _Seeds:
    """The seeds depend on the image's size only, so an app that resizes every image to one
    ``shape`` computes them once."""
    import numpy as np

    steps, centres_y, centres_x = _grid(height, width, n_segments)
    window_y, window_x = _grid(height, width, len(centres_y))[0][1:]
    centres = np.column_stack([centres_y, centres_x]).astype(np.float64)
    reach = (2 * window_y, 2 * window_x)
    first = _grid_assignment(centres, np.arange(height, dtype=np.float64), np.arange(width, dtype=np.float64), reach)
    for array in (centres, first):
        if array is not None:
            array.flags.writeable = False
    return _Seeds(float(max(steps)), (window_y, window_x), centres, first)


def _as_float_channels(image: np.ndarray) -> np.ndarray:
    import numpy as np

    array = np.asarray(image)
    if array.ndim == 2:
        array = array[:, :, None]
    if array.ndim != 3 or 0 in array.shape:
        raise ValueError(f"slic: expected an image shaped (H, W) or (H, W, C), got shape {array.shape}.")
    if array.dtype.kind == "b":
        return array.astype(np.float64)
    if array.dtype.kind in "ui":
        info = np.iinfo(array.dtype)
        return array.astype(np.float64) / info.max
    return array.astype(np.float64)


def _stretched(pixels: np.ndarray) -> np.ndarray:
    """Min-max stretched to [0, 1] (a flat image: shifted to 0), as scikit-image's slic does."""
    low, high = pixels.min(), pixels.max()
    pixels = pixels - low
    if high != low:
        pixels /= high - low
    return pixels


def _lab_of_bytes(image: np.ndarray) -> np.ndarray | None:
    """For an 8-bit RGB image (what PIL decodes), ``_rgb_to_lab(_stretched(_as_float_channels(image)))``
    with the per-channel steps (scaling, stretching, sRGB linearisation) done once per level
    the image uses (at most 256), then looked up per pixel: the same operations on the same values, so the same
    result to the bit, without a power per pixel (in Pyodide ~1 ms of the 2 a 64×64 image took).
    None for any other image."""
    import numpy as np

    array = np.asarray(image)
    if array.dtype != np.uint8 or array.ndim != 3 or array.shape[2] != 3 or 0 in array.shape:
        return None
    lowest, highest = int(array.min()), int(array.max())
    # The levels the image uses, scaled as _as_float_channels scales them, then stretched.
    levels = _stretched(np.arange(lowest, highest + 1, dtype=np.float64) / 255)
    return _lab_of_linear(_linearised(levels)[array - np.uint8(lowest)])


def _rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    return _lab_of_linear(_linearised(rgb))


def _linearised(rgb: np.ndarray) -> np.ndarray:
    """sRGB values in [0, 1] -> linear light (the inverse sRGB gamma), element by element."""
    import numpy as np

    return np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)


def _lab_of_linear(linear: np.ndarray) -> np.ndarray:
    import numpy as np

    xyz = linear @ np.array(_XYZ_FROM_RGB).T / np.array(_WHITE_D65)
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16.0 / 116.0)
    lab = np.empty_like(f)
    lab[..., 0] = 116.0 * f[..., 1] - 16.0
    lab[..., 1] = 500.0 * (f[..., 0] - f[..., 1])
    lab[..., 2] = 200.0 * (f[..., 1] - f[..., 2])
    return lab


def _gaussian_yx(pixels: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian over rows then columns: scipy.ndimage.gaussian_filter with
    ``mode="reflect"`` (numpy's "symmetric" padding) and ``truncate=4``."""
    import numpy as np

    radius = int(4.0 * sigma + 0.5)
    kernel = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    kernel /= kernel.sum()
    js = loops()
    if js is not None:
        height, width, channels = pixels.shape
        out = np.empty((height, width, channels))
        js.gaussian(np.ascontiguousarray(pixels), out, kernel, height, width, channels)
        return out
    out = pixels
    for axis in (0, 1):
        padded = np.pad(np.moveaxis(out, axis, 0), [(radius, radius), (0, 0), (0, 0)], mode="symmetric")
        size = out.shape[axis]
        smoothed = sum(weight * padded[index : index + size] for index, weight in enumerate(kernel))
        out = np.moveaxis(smoothed, 0, axis)
    return out


def _grid(height: int, width: int, n_points: int) -> tuple[tuple[int, int, int], np.ndarray, np.ndarray]:
    """scikit-image's ``regular_grid((1, height, width), n_points)``: steps (z, y, x) and the
    seed coordinates (rows, columns) of the grid."""
    import numpy as np

    shape = np.array([1, height, width])
    order = np.argsort(shape, kind="stable")
    dims = shape[order]
    if height * width <= n_points:
        starts, steps = np.zeros(3, dtype=int), np.ones(3, dtype=int)
    else:
        sizes = np.full(3, (height * width / n_points) ** (1.0 / 3))
        for dim in range(2):  # a dimension shorter than the step gets its full length
            if (dims >= sizes).all():
                break
            sizes[dim] = dims[dim]
            sizes[dim + 1 :] = (float(np.prod(dims[dim + 1 :])) / n_points) ** (1.0 / (2 - dim))
        starts, steps = (sizes // 2).astype(int), np.round(sizes).astype(int)
    unsort = np.argsort(order, kind="stable")
    starts, steps = starts[unsort], steps[unsort]
    rows, cols = np.meshgrid(np.arange(starts[1], height, steps[1]), np.arange(starts[2], width, steps[2]), indexing="ij")
    return (int(steps[0]), int(steps[1]), int(steps[2])), rows.ravel(), cols.ravel()


def _cluster(features: np.ndarray, seeds: _Seeds, iterations: int) -> np.ndarray:
    """k-means rounds, each centre claiming pixels only within its window; (H, W) labels 0..K-1.

    The cost of pixel p for centre k is ``|colour_p - colour_k|^2 + |p - c_k|^2 / step^2``.
    ``|colour_p|^2`` is the same for every centre, so it is left out; what remains is one
    matrix-vector product plus a row and a column term per window. Pixels keep the first
    centre that reaches their lowest cost, as in the Cython loop. The first round is the
    seeds' (closed form when they form a grid); in Pyodide the later rounds run as one
    JavaScript function (:mod:`._slic_js`), elsewhere as the numpy loop below.
    """
    import numpy as np

    height, width, channels = features.shape
    spatial_weight = 1.0 / (seeds.step * seeds.step)
    n_centres = len(seeds.centres)
    reach = (2 * seeds.window[0], 2 * seeds.window[1])
    ys = np.arange(height, dtype=np.float64)
    xs = np.arange(width, dtype=np.float64)
    best = np.empty((height, width))
    if seeds.first is not None:
        labels = seeds.first.copy()  # the rounds rewrite it in place
    else:
        labels = np.zeros((height, width), dtype=np.intp)
        colours = np.zeros((n_centres, channels))  # scikit-image seeds colour at 0, not the pixel's
        _assign(features, seeds.centres, colours, np.ones(n_centres), spatial_weight, reach, best, labels)
    rounds = max(iterations, 1) - 1
    js = loops()
    if js is not None and rounds:
        labels = np.ascontiguousarray(labels, dtype=np.int32)
        sums = np.empty(n_centres * (2 + channels))
        pixels = np.ascontiguousarray(features)  # the kernel reads raw memory: (H, W, C) in C order
        js.rounds(pixels, labels, sums, best, height, width, channels, n_centres, reach[0], reach[1], spatial_weight, rounds)
        return labels.astype(np.intp)
    flat_y = np.repeat(ys, width)
    flat_x = np.tile(xs, height)
    planes = [np.ascontiguousarray(features[:, :, c]).ravel() for c in range(channels)]
    for _ in range(rounds):
        flat = labels.ravel()
        counts = np.bincount(flat, minlength=n_centres).astype(np.float64)
        safe = np.maximum(counts, 1.0)[:, None]
        centres = np.column_stack([np.bincount(flat, flat_y, n_centres), np.bincount(flat, flat_x, n_centres)]) / safe
        colours = np.column_stack([np.bincount(flat, plane, n_centres) for plane in planes]) / safe
        _assign(features, centres, colours, counts, spatial_weight, reach, best, labels)
    return labels


def _assign(
    features: np.ndarray, centres: np.ndarray, colours: np.ndarray, counts: np.ndarray, spatial_weight: float,
    reach: tuple[int, int], best: np.ndarray, labels: np.ndarray,
) -> None:
    """One assignment round, in place: each live centre claims the pixels of its window that
    it reaches more cheaply than the centres before it."""
    import numpy as np

    height, width = labels.shape
    ys, xs = np.arange(height, dtype=np.float64), np.arange(width, dtype=np.float64)
    best.fill(np.inf)
    # Per-centre pieces of the cost, for all centres at once: the row term carries |colour_k|^2,
    # and the window bounds are the Cython loop's int(max(...)), int(min(...)).
    row_terms = spatial_weight * (ys[None, :] - centres[:, :1]) ** 2 + np.einsum("kc,kc->k", colours, colours)[:, None]
    col_terms = spatial_weight * (xs[None, :] - centres[:, 1:]) ** 2
    y0 = np.maximum(centres[:, 0] - reach[0], 0).astype(np.intp).tolist()
    y1 = np.minimum(centres[:, 0] + reach[0] + 1, height).astype(np.intp).tolist()
    x0 = np.maximum(centres[:, 1] - reach[1], 0).astype(np.intp).tolist()
    x1 = np.minimum(centres[:, 1] + reach[1] + 1, width).astype(np.intp).tolist()
    weights = -2.0 * colours
    for k in np.flatnonzero(counts).tolist():  # an emptied centre claims nothing again (NaN in scikit-image)
        rows, cols = slice(y0[k], y1[k]), slice(x0[k], x1[k])
        cost = features[rows, cols] @ weights[k]
        cost += row_terms[k, rows, None]
        cost += col_terms[k, cols]
        window_best = best[rows, cols]
        better = cost < window_best
        np.copyto(window_best, cost, where=better)
        np.copyto(labels[rows, cols], k, where=better)


def _grid_assignment(centres: np.ndarray, ys: np.ndarray, xs: np.ndarray, reach: tuple[int, int]) -> np.ndarray | None:
    """The first round in closed form. The seeds form a grid and start with colour 0, so the
    cost is distance alone: each pixel takes the nearest seed row and the nearest seed column
    (the lower one on a tie, like the Cython loop). None if a pixel lies outside every window."""
    import numpy as np

    grid_rows, grid_cols = np.unique(centres[:, 0]), np.unique(centres[:, 1])
    if len(grid_rows) * len(grid_cols) != len(centres):
        return None
    row_gap = np.abs(ys[:, None] - grid_rows[None, :])
    col_gap = np.abs(xs[:, None] - grid_cols[None, :])
    nearest_row, nearest_col = row_gap.argmin(axis=1), col_gap.argmin(axis=1)
    if row_gap.min(axis=1).max() > reach[0] or col_gap.min(axis=1).max() > reach[1]:
        return None
    return nearest_row[:, None] * len(grid_cols) + nearest_col[None, :]


def _enforce_connectivity(labels: np.ndarray, min_size: int) -> np.ndarray:
    """scikit-image's ``_enforce_label_connectivity_cython``: 4-connected components in raster
    order get labels 1, 2, ...; a component smaller than ``min_size`` takes the label of the
    last earlier component its breadth-first search touched (or, with none, the label the
    next component will get)."""
    import numpy as np

    js = loops()
    if js is not None:
        final = np.empty(labels.shape, dtype=np.int32)
        js.connectivity(np.ascontiguousarray(labels, dtype=np.int32), final, labels.shape[0], labels.shape[1], min_size)
        return final
    component = _components(labels)
    sizes = np.bincount(component.ravel())
    adjacent = _adjacent_earlier(component, np.flatnonzero(sizes < min_size), sizes)
    final = [0] * len(sizes)
    next_label = 1
    for index, size in enumerate(sizes.tolist()):
        if size < min_size:
            earlier = adjacent[index]
            final[index] = next_label if earlier is None else final[earlier]
        else:
            final[index] = next_label
            next_label += 1
    return np.asarray(final, dtype=np.int32)[component]


def _components(labels: np.ndarray) -> np.ndarray:
    """(H, W) ids of the 4-connected regions of equal label, numbered 0.. in raster order of
    their first pixel. Works on runs of equal labels along rows, merged where runs touch
    vertically by a vectorised union-find (hook to the smaller root, then pointer jumping)."""
    import numpy as np

    height, width = labels.shape
    starts = np.ones((height, width), dtype=bool)
    starts[:, 1:] = labels[:, 1:] != labels[:, :-1]
    run_of_pixel = np.cumsum(starts.ravel()) - 1
    n_runs = int(run_of_pixel[-1]) + 1
    touching = (labels[1:] == labels[:-1]).ravel()
    pairs = np.unique(run_of_pixel[:-width][touching] * n_runs + run_of_pixel[width:][touching])
    upper, lower = np.divmod(pairs, n_runs)
    parent = np.arange(n_runs)
    while upper.size:
        a, b = parent[upper], parent[lower]
        differ = a != b
        if not differ.any():
            break
        a, b = a[differ], b[differ]
        np.minimum.at(parent, np.maximum(a, b), np.minimum(a, b))
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
    _, numbered = np.unique(parent, return_inverse=True)  # a root is its component's first run
    return numbered.ravel()[run_of_pixel].reshape(height, width)


def _adjacent_earlier(component: np.ndarray, small: np.ndarray, sizes: np.ndarray) -> dict[int, int | None]:
    """For each small component, the last earlier component (lower id) that a breadth-first
    search from its first pixel touches, visiting neighbours in scikit-image's order
    (x+1, x-1, y+1, y-1). Single pixels, the common case, are done with array operations."""
    import numpy as np

    height, width = component.shape
    result: dict[int, int | None] = {}
    if small.size == 0:
        return result
    flat = component.ravel()
    first = np.full(len(sizes), flat.size, dtype=np.intp)
    np.minimum.at(first, flat, np.arange(flat.size))
    singles = small[sizes[small] == 1]
    if singles.size:
        ys, xs = np.divmod(first[singles], width)
        found = np.full(singles.size, -1)
        for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
            ny, nx = ys + dy, xs + dx
            inside = (ny >= 0) & (ny < height) & (nx >= 0) & (nx < width)
            other = np.where(inside, component[np.clip(ny, 0, height - 1), np.clip(nx, 0, width - 1)], flat.size)
            found = np.where(other < singles, other, found)
        result.update((int(c), None if f < 0 else int(f)) for c, f in zip(singles.tolist(), found.tolist()))
    larger = small[sizes[small] > 1].tolist()
    if larger:
        grid = flat.tolist()
        for index in larger:
            result[index] = _bfs_last_earlier(grid, index, int(first[index]), height, width)
    return result


def _bfs_last_earlier(grid: list[int], index: int, start: int, height: int, width: int) -> int | None:
    size = height * width
    queue = [start]
    seen = {start}
    adjacent = None
    for pixel in queue:  # the list grows while we iterate: a FIFO queue
        x = pixel % width
        for neighbour, inside in (
            (pixel + 1, x + 1 < width), (pixel - 1, x > 0), (pixel + width, pixel + width < size), (pixel - width, pixel >= width)
        ):
            if inside:
                other = grid[neighbour]
                if other == index:
                    if neighbour not in seen:
                        seen.add(neighbour)
                        queue.append(neighbour)
                elif other < index:
                    adjacent = other
    return adjacent
