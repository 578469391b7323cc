"""Interpretation speed and accuracy against Gradio 3.50.2 and the ``shap`` package, in one run.

    python bench/interpretation.py [--runs 5] [--seeds 10]

1. "default" image interpretation, 64 segments, on a 224×224 photo, same classifier for both:
   Gradio 3.50.2 (``gradio.Interface(classify, Image(shape=(224, 224)), Label(...),
   interpretation="default")``, which calls fn once per superpixel) against pyinterface with
   the same classifier written as a batch fn (``batch=True, max_batch_size=64``). Reports the
   median wall time of each and the ratio, plus the SLIC step alone (scikit-image vs our numpy
   port), and checks that the three highest-scoring superpixels are the same, in the same order.
2. "shap" at equal budgets: our Kernel SHAP against ``shap.KernelExplainer`` (as Gradio called
   it, and with ``l1_reg=False``) on the same classifier seen as a 16-superpixel game, plus
   games with known structure. Error is the RMSE against exact Shapley values (enumeration of
   all 2^16 coalitions), averaged over seeds; time is per explanation, model calls included.
   Also the end-to-end "shap" interpretation time of Gradio 3.50.2 and pyinterface.

The classifier is a fixed random two-layer network (4096 hidden units, 1000 classes) on 8×8
average-pooled pixels, numpy only; the time fn itself takes, one image at a time and as one
batch, is printed too. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pyinterface as gr  # noqa: E402
from pyinterface.components._codecs import encode_png  # noqa: E402
from pyinterface.interpretation import _shap, set_interpret_parameters  # noqa: E402
from pyinterface.interpretation._slic import slic  # noqa: E402

LABELS = [f"class {i}" for i in range(1000)]


class Classifier:
    """Pooled pixels -> 4096 ReLU units -> 1000-way softmax, fixed random weights (5M of them,
    so, as with real networks, one matrix product over a batch costs far less than one per
    image)."""

    def __init__(self, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.hidden = rng.normal(scale=0.15, size=(192, 4096))
        self.out = rng.normal(scale=0.1, size=(4096, 1000))

    def features(self, images: np.ndarray) -> np.ndarray:
        rows = images.reshape(-1, 8, 28, 224 * 3).sum(axis=2, dtype=np.uint32)  # 8 bands of 28 rows
        pooled = rows.reshape(-1, 8, 8, 28, 3).sum(axis=3) / 784.0  # 8x8 blocks of 28x28 pixels
        return pooled.reshape(-1, 192) / 127.5 - 1.0

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = np.maximum(features @ self.hidden, 0) @ self.out
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def batch(self, images: list[np.ndarray]) -> list[list[dict[str, float]]]:
        probs = self.probabilities(self.features(np.stack(images)))
        return [[dict(zip(LABELS, row.tolist())) for row in probs]]

    def single(self, image: np.ndarray) -> dict[str, float]:
        return self.batch([image])[0][0]


def photo() -> np.ndarray:
    from PIL import Image
    from skimage import data

    return np.asarray(Image.fromarray(data.chelsea()).resize((224, 224)))


def timed(run, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def top_segments(heat: np.ndarray, labels: np.ndarray, k: int = 3) -> list[frozenset[int]]:
    """The k highest-scoring superpixels, each as its set of pixel indices."""
    ids = np.unique(labels)
    means = [heat[labels == i].mean() for i in ids]
    order = [ids[j] for j in np.argsort(means)[::-1][:k]]
    return [frozenset(np.flatnonzero((labels == i).ravel()).tolist()) for i in order]


def bench_default(gradio, runs: int) -> None:
    from skimage.segmentation import slic as skimage_slic

    model, image = Classifier(), photo()
    url = encode_png(__import__("PIL.Image", fromlist=["Image"]).fromarray(image))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = gradio.Interface(
            model.single, gradio.Image(shape=(224, 224)).set_interpret_parameters(segments=64),
            gradio.Label(num_top_classes=3), interpretation="default",
        )
        their_time, their_result = timed(lambda: asyncio.run(theirs.interpret([url])), runs)
    ours = gr.Interface(
        model.batch, set_interpret_parameters(gr.Image(shape=(224, 224)), segments=64), gr.Label(num_top_classes=3),
        interpretation="default", batch=True, max_batch_size=64,
    )
    our_time, our_result = timed(lambda: ours.interpret([url]), runs)
    sk_time, sk_labels = timed(lambda: skimage_slic(image, 64, compactness=10, sigma=1, start_label=1), runs)
    slic_time, our_labels = timed(lambda: slic(image, 64), runs)
    count = int(sk_labels.max()) + 1  # the original and one image per superpixel
    batch_time, _ = timed(lambda: model.batch([image] * count), runs)
    single_time, _ = timed(lambda: [model.single(image) for _ in range(count)], runs)

    their_top = top_segments(np.array(their_result[0]["interpretation"]), sk_labels)
    our_top = top_segments(np.array(our_result[0]["interpretation"]), our_labels)
    print("1. default image interpretation, 224x224, 64 segments requested "
          f"({int(sk_labels.max())} from scikit-image, {int(our_labels.max())} from ours)")
    print(f"   gradio 3.50.2 : {their_time * 1000:8.1f} ms  (fn called once per superpixel)")
    print(f"   pyinterface   : {our_time * 1000:8.1f} ms  (batch fn, max_batch_size=64)")
    print(f"   speed-up      : {their_time / our_time:8.1f}x")
    print(f"   SLIC alone    : scikit-image {sk_time * 1000:.1f} ms, numpy port {slic_time * 1000:.1f} ms")
    print(f"   fn alone      : {count} single calls {single_time * 1000:.1f} ms, one batch of {count} "
          f"{batch_time * 1000:.1f} ms")
    print(f"   same top-3 superpixels, same order: {their_top == our_top}")


def image_game(model: Classifier, image: np.ndarray, n_segments: int):
    """The classifier under Gradio's shap masking (absent superpixels black) as a game on
    superpixels; features are linear in the mask, so every coalition is cheap to evaluate."""
    labels = slic(image, n_segments)
    _, token = np.unique(labels, return_inverse=True)
    token = token.reshape(labels.shape)
    players = int(token.max()) + 1
    pooled = np.stack([model.features(np.where((token == t)[..., None], image, 0)[None]) + 1.0
                       for t in range(players)])[:, 0]
    top = int(np.argmax(model.probabilities(pooled.sum(axis=0, keepdims=True) - 1.0)))

    def value(coalitions: np.ndarray) -> np.ndarray:
        return model.probabilities(coalitions.astype(float) @ pooled - 1.0)[:, top]

    return value, players


def structured_games(players: int, rng: np.random.Generator) -> dict:
    a, b = rng.normal(size=players), np.triu(rng.normal(size=(players, players)) * 0.5, 1)
    terms = [(rng.choice(players, size=rng.integers(1, 5), replace=False), rng.normal()) for _ in range(3 * players)]
    return {
        "pairwise": lambda z: z.astype(float) @ a + np.einsum("ni,ij,nj->n", z.astype(float), b, z.astype(float)),
        "higher-order": lambda z: sum(c * z[:, list(m)].all(axis=1) for m, c in terms),
    }


def exact_shapley(value, players: int) -> np.ndarray:
    codes = np.arange(2**players)
    coalitions = ((codes[:, None] >> np.arange(players)) & 1).astype(bool)
    values, sizes = value(coalitions), coalitions.sum(axis=1)
    weight = np.array([math.factorial(s) * math.factorial(players - s - 1) / math.factorial(players) for s in range(players)])
    return np.array([
        np.sum(weight[sizes[w]] * (values[w | (1 << i)] - values[w])) for i in range(players) for w in [codes[~coalitions[:, i]]]
    ])


def ours(value, players: int, budget: int, seed: int) -> np.ndarray:
    plan = _shap.plan(players, budget, seed)
    values = value(plan.masks)
    return _shap.solve(plan, values, value(np.zeros((1, players), bool))[0], value(np.ones((1, players), bool))[0])


def kernel_explainer(shap, value, players: int, budget: int, seed: int, **options) -> np.ndarray:
    np.random.seed(seed)
    explainer = shap.KernelExplainer(lambda x: value(x.astype(bool)), np.zeros((1, players)))
    return np.asarray(explainer.shap_values(np.ones((1, players)), nsamples=budget, silent=True, **options)).reshape(-1)


def bench_shap(gradio, shap, seeds: int, runs: int) -> None:
    model, image = Classifier(), photo()
    value, players = image_game(model, image, 16)
    games = {"image classifier": (value, players), **{k: (v, 16) for k, v in structured_games(16, np.random.default_rng(1)).items()}}
    print(f"\n2. shap at equal budgets ({seeds} seeds; RMSE against exact Shapley values)")
    print(f"   {'game':17s} {'budget':>7s} {'ours':>9s} {'shap':>9s} {'shap l1=0':>9s} {'best shap/ours':>12s} "
          f"{'ours ms':>8s} {'shap ms':>8s}")
    for name, (game, n) in games.items():
        exact = exact_shapley(game, n)
        for num_shap in (2, 5, 10):
            budget = int(num_shap * n)
            errors: dict[str, list[float]] = {"ours": [], "shap": [], "shap0": []}
            clock: dict[str, list[float]] = {"ours": [], "shap": []}
            for seed in range(seeds):
                for key, run in (("ours", lambda: ours(game, n, budget, seed)),
                                 ("shap", lambda: kernel_explainer(shap, game, n, budget, seed)),
                                 ("shap0", lambda: kernel_explainer(shap, game, n, budget, seed, l1_reg=False))):
                    start = time.perf_counter()
                    estimate = run()
                    if key in clock:
                        clock[key].append(time.perf_counter() - start)
                    errors[key].append(float(np.sqrt(np.mean((estimate - exact) ** 2))))
            mean = {k: statistics.mean(v) for k, v in errors.items()}
            best_shap = min(mean["shap"], mean["shap0"])
            ratio = "exact" if mean["ours"] < 1e-9 else f"{best_shap / mean['ours']:.1f}x"
            print(f"   {name:17s} {budget:7d} {mean['ours']:9.4f} {mean['shap']:9.4f} {mean['shap0']:9.4f} "
                  f"{ratio:>12s} {statistics.median(clock['ours']) * 1000:8.2f} "
                  f"{statistics.median(clock['shap']) * 1000:8.2f}")

    url = encode_png(__import__("PIL.Image", fromlist=["Image"]).fromarray(image))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = gradio.Interface(model.single, gradio.Image(shape=(224, 224)), gradio.Label(num_top_classes=3),
                                  interpretation="shap", num_shap=5)
        their_time, _ = timed(lambda: asyncio.run(theirs.interpret([url])), runs)
    mine = gr.Interface(model.batch, gr.Image(shape=(224, 224)), gr.Label(num_top_classes=3), interpretation="shap",
                        num_shap=5, batch=True, max_batch_size=64)
    our_time, _ = timed(lambda: mine.interpret([url]), runs)
    print(f"   end to end, image, 16 segments, num_shap=5: gradio 3.50.2 {their_time * 1000:.1f} ms, "
          f"pyinterface {our_time * 1000:.1f} ms ({their_time / our_time:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median reported)")
    parser.add_argument("--seeds", type=int, default=10, help="seeds per shap budget")
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import gradio
        import shap
    print(f"gradio {gradio.__version__}, shap {shap.__version__}, numpy {np.__version__}\n")
    bench_default(gradio, args.runs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bench_shap(gradio, shap, args.seeds, args.runs)


if __name__ == "__main__":
    main()
