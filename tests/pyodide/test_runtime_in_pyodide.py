"""pyinterface inside the real Pyodide 0.27.7, under Node, from local files only.

Each test boots a fresh interpreter (about 1-2 s) from the folder ``write_runtime`` made,
so these also prove that folder is a complete, offline Pyodide distribution.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyinterface.tooling.runtime import PYODIDE_VERSION

pytestmark = pytest.mark.pyodide


def test_runtime_boots_offline_and_imports_numpy_and_pil(run_pyodide) -> None:
    result = run_pyodide(
        """
import sys
import numpy as np
import PIL, PIL.Image
import pyodide
img = PIL.Image.fromarray(np.arange(12, dtype=np.uint8).reshape(3, 4))
{
    "platform": sys.platform,
    "python": list(sys.version_info[:2]),
    "pyodide": pyodide.__version__,
    "numpy": np.__version__,
    "pil": PIL.__version__,
    "size": list(img.size),
}
""",
        packages=["numpy", "pillow"],
    )
    assert result == {
        "platform": "emscripten",
        "python": [3, 12],
        "pyodide": PYODIDE_VERSION,
        "numpy": "2.0.2",
        "pil": "10.2.0",
        "size": [4, 3],
    }


def test_runtime_lock_only_has_the_closure(pyodide_runtime: Path) -> None:
    lock = json.loads((pyodide_runtime / "pyodide-lock.json").read_text())
    assert sorted(lock["packages"]) == ["numpy", "pillow", "pyinterface"]
    assert lock["packages"]["pyinterface"]["depends"] == []
    for spec in lock["packages"].values():
        assert (pyodide_runtime / spec["file_name"]).is_file()


def test_pyinterface_installs_from_its_wheel_without_importing_numpy(run_pyodide) -> None:
    # numpy and pillow are installed too, so "not in sys.modules" really means "not imported".
    result = run_pyodide(
        """
import sys
import pyinterface
import pyinterface as gr
{
    "file": pyinterface.__file__,
    "version": pyinterface.__version__,
    "has_interface": hasattr(gr, "Interface") and hasattr(gr, "Series"),
    "numpy_imported": "numpy" in sys.modules,
    "pil_imported": "PIL" in sys.modules,
}
""",
        packages=["numpy", "pillow", "pyinterface"],
    )
    assert "site-packages/pyinterface/" in result["file"]
    assert result["has_interface"] is True
    assert result["numpy_imported"] is False
    assert result["pil_imported"] is False


def test_interface_and_series_run_in_pyodide(run_pyodide) -> None:
    result = run_pyodide(
        """
import pyinterface as gr
doubled = gr.Interface(lambda x: x * 2, "number", "number")(3)
series = gr.Series(
    gr.Interface(lambda x: x + " World", "textbox", "textbox"),
    gr.Interface(lambda x: x + "!", "textbox", "textbox"),
)
[doubled, series("Hello")]
""",
    )
    assert result == [6, "Hello World!"]


def test_image_interface_runs_in_pyodide(run_pyodide) -> None:
    result = run_pyodide(
        """
import numpy as np
import pyinterface as gr

def invert(im):
    assert isinstance(im, np.ndarray), type(im)
    return 255 - im

image = np.zeros((4, 6, 3), dtype=np.uint8)
image[:, :3] = (255, 0, 0)
out = gr.Interface(invert, "image", "image")(image)
{
    "type": type(out).__name__,
    "shape": list(out.shape),
    "dtype": str(out.dtype),
    "left": out[0, 0].tolist(),
    "right": out[0, 5].tolist(),
}
""",
        packages=["numpy", "pillow", "pyinterface"],
    )
    assert result == {
        "type": "ndarray",
        "shape": [4, 6, 3],
        "dtype": "uint8",
        "left": [0, 255, 255],
        "right": [255, 255, 255],
    }


def test_run_pyodide_reports_python_errors_and_keeps_prints_apart(run_pyodide) -> None:
    assert run_pyodide('print("noise")\nprint("[1, 2]")\n{"ok": True}', packages=[]) == {"ok": True}
    with pytest.raises(AssertionError, match=r"(?s)Traceback.*ValueError: boom"):
        run_pyodide('raise ValueError("boom")', packages=[])


def test_an_apps_imports_are_planned_against_pyodides_own_modules(run_pyodide) -> None:
    """In Pyodide, `js` and `pyodide` are available without a package; numpy comes from the
    lock (as worker.mjs maps it) and an unknown module is missing."""
    result = run_pyodide(
        """
from pyinterface._app_imports import plan_imports
source = "import js\\nfrom pyodide.ffi import to_js\\nimport json, asyncio\\nimport numpy\\nimport no_such_module\\n"
plan = plan_imports({"app.py": source}, {"numpy": "numpy"})
{"packages": plan.packages, "missing": plan.missing}
""",
        packages=["pyinterface"],
    )
    assert result == {"packages": ["numpy"], "missing": ["no_such_module"]}
