"""The engine inside the real Pyodide (numpy 2.0.2, WebAssembly) gives the numbers it gives in
CPython, and its async variant reports progress there, as the page's worker will use it."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.pyodide

SETUP = """
import numpy as np
import pyinterface as gr
from pyinterface.interpretation import set_interpret_parameters
yy, xx = np.mgrid[:96, :128]
img = np.stack([(np.sin(xx / 9) + 1) * 100 + 20, (np.cos(yy / 11) + 1) * 100 + 20, ((xx + yy) % 41) * 5.0], -1).astype(np.uint8)

def redness(images):
    return [[{"red": float(np.asarray(im)[:, :, 0].mean()) / 255, "blue": float(np.asarray(im)[:, :, 2].mean()) / 255}
             for im in images]]

image_io = gr.Interface(redness, set_interpret_parameters(gr.Image(), segments=24), "label",
                        interpretation="default", batch=True, max_batch_size=8)
text_io = gr.Interface(lambda s: {"long": min(1.0, len(s) / 40), "short": 0.2}, "textbox", "label",
                       interpretation="shap", num_shap=3)
SENTENCE = "explanations should read the same everywhere"
"""


def test_same_numbers_as_cpython_and_progress(run_pyodide):
    result = run_pyodide(
        SETUP
        + """
reports = []
heat = (await image_io.ainterpret([img], progress=lambda done, total: reports.append([done, total])))[0]["interpretation"]
words = text_io.interpret([SENTENCE])[0]["interpretation"]
# a summary of the map (printing all of it would overflow the runner's output)
heat = np.array(heat)
{"numpy": np.__version__, "rows": heat.sum(axis=1).tolist(), "cols": heat.sum(axis=0).tolist(),
 "values": np.unique(heat).tolist(), "words": words, "reports": reports}
""",
        packages=["pyinterface", "numpy", "pillow"],
    )
    namespace: dict = {}
    exec(SETUP, namespace)  # the same apps in CPython
    heat = np.array(namespace["image_io"].interpret([namespace["img"]])[0]["interpretation"])
    words = namespace["text_io"].interpret([namespace["SENTENCE"]])[0]["interpretation"]
    assert result["numpy"].startswith("2.")
    assert np.allclose(result["values"], np.unique(heat), atol=1e-9) and len(result["values"]) > 10
    assert np.allclose(result["rows"], heat.sum(axis=1), atol=1e-9)
    assert np.allclose(result["cols"], heat.sum(axis=0), atol=1e-9)
    assert [token for token, _ in result["words"]] == [token for token, _ in words]
    assert [score for _, score in result["words"]] == pytest.approx([score for _, score in words], abs=1e-12)
    reports = result["reports"]
    assert reports[0][0] == 0 and reports[-1][0] == reports[-1][1] and len(reports) >= 3


SLIC_CASES = """
import numpy as np
from pyinterface.interpretation import _slic, _slic_js

rng = np.random.default_rng(5)
yy, xx = np.mgrid[:72, :90]
smooth = np.stack([(np.sin(xx / 7) + 1) * 110, (np.cos(yy / 5) + 1) * 110, (xx + yy) % 256], -1).astype(np.uint8)
flat = np.zeros((40, 60, 3), np.uint8)
flat[:, :30] = (240, 20, 20)
flat[:, 30:] = 90  # two flat halves: equal costs, so ties must break the same way
IMAGES = {
    "smooth": smooth,
    "flat": flat,
    "noise": rng.integers(0, 256, (37, 53, 3)).astype(np.uint8),
    "gray": smooth[:, :, 0],
    "floats": rng.random((30, 41, 3)),
    "tiny": rng.integers(0, 256, (3, 5, 3)).astype(np.uint8),  # smaller than the Gaussian: mirrored again
}


def numpy_only(run):
    loops = _slic.loops
    _slic.loops = lambda: None
    try:
        return run()
    finally:
        _slic.loops = loops
"""


def test_slic_loops_in_javascript_give_the_numpy_labels(run_pyodide):
    result = run_pyodide(
        SLIC_CASES
        + """
uses_javascript = _slic_js.loops() is not None
different = [
    f"{name}/{n}" for name, image in IMAGES.items() for n in (4, 16, 64)
    if not np.array_equal(_slic.slic(image, n), numpy_only(lambda: _slic.slic(image, n)))
]
# the smoothing alone, bit for bit, down to images narrower than the Gaussian's radius
blurred = []
for shape in ((1, 1, 3), (2, 7, 1), (5, 3, 3), (40, 33, 3)):
    pixels = rng.random(shape) * 100
    for sigma in (0.5, 1.0, 3.0):
        if not np.array_equal(_slic._gaussian_yx(pixels, sigma), numpy_only(lambda: _slic._gaussian_yx(pixels, sigma))):
            blurred.append(f"{shape}/{sigma}")
# the connectivity pass alone, on label maps full of fragments of every size
fragments = []
for trial in range(200):
    height, width = (int(v) for v in rng.integers(1, 25, 2))
    labels = rng.integers(0, int(rng.integers(1, 6)), (height, width))
    if trial % 2:
        labels = np.repeat(np.repeat(labels, 3, 0), 2, 1)
    min_size = int(rng.integers(0, 12))
    ours = _slic._enforce_connectivity(labels, min_size)
    if not np.array_equal(ours, numpy_only(lambda: _slic._enforce_connectivity(labels, min_size))):
        fragments.append(trial)
{"uses_javascript": uses_javascript, "different": different, "blurred": blurred, "fragments": fragments}
""",
        packages=["pyinterface", "numpy"],
    )
    assert result == {"uses_javascript": True, "different": [], "blurred": [], "fragments": []}


def test_slic_falls_back_to_numpy_where_javascript_cannot_be_compiled(run_pyodide):
    result = run_pyodide(
        SLIC_CASES
        + """
import pyodide.code

def refuse(source):  # what a Content-Security-Policy without 'unsafe-eval' does to run_js
    raise RuntimeError("EvalError: Refused to evaluate a string as JavaScript")

expected = _slic.slic(smooth, 16)
_slic_js._loops, _slic_js._tried = None, False
pyodide.code.run_js = refuse
{"loops": repr(_slic_js.loops()), "same": bool(np.array_equal(_slic.slic(smooth, 16), expected))}
""",
        packages=["pyinterface", "numpy"],
    )
    assert result == {"loops": "None", "same": True}
