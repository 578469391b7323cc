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

