"""The byte-compiled runtime (write_runtime compiles it; see conftest.py) inside Pyodide under Node.

The session's runtime is written by ``write_runtime`` like an export's, so every test in this
folder already runs on the compiled stdlib and wheels; these check that the bytecode is what
actually loads, and that a traceback still shows pyinterface's source lines.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pyodide


def _compiled(pyodide_runtime) -> None:
    import zipfile

    with zipfile.ZipFile(pyodide_runtime / "python_stdlib.zip") as zf:
        if not any(n.endswith(".pyc") for n in zf.namelist()):
            pytest.skip("this machine has no Python 3.12 and no Node to compile with")


def test_every_stdlib_module_the_worker_imports_loads_from_bytecode(run_pyodide, pyodide_runtime) -> None:
    _compiled(pyodide_runtime)
    result = run_pyodide(
        """
import sys
import pyinterface._worker
zipped = {m: v.__file__ for m, v in list(sys.modules.items())
          if "python312.zip" in (getattr(v, "__file__", None) or "")}
{"from_source": sorted(m for m, f in zipped.items() if not f.endswith(".pyc")), "compiled": len(zipped)}
""",
    )
    # The static import closure covers what the boot and pyinterface really import.
    assert result["from_source"] == []
    assert result["compiled"] > 100


def test_pyinterface_runs_from_its_pyc_and_tracebacks_show_its_source(run_pyodide, pyodide_runtime) -> None:
    _compiled(pyodide_runtime)
    result = run_pyodide(
        """
import importlib.util, sys, traceback
import pyinterface._interface as mod
cached = importlib.util.cache_from_source(mod.__file__)
import os
try:
    mod.Interface(lambda x: x, "no_such_component", "text")
except ValueError:
    text = traceback.format_exc()
{"pyc_exists": os.path.exists(cached), "loader": type(mod.__spec__.loader).__name__,
 "cached": mod.__spec__.cached, "traceback": text}
""",
    )
    assert result["pyc_exists"] and result["cached"].endswith("_interface.cpython-312.pyc")
    assert result["loader"] == "SourceFileLoader"
    # The frame inside pyinterface shows its line of source, read from the kept .py.
    frames = result["traceback"].split('File "')[2:]
    assert any("site-packages/pyinterface/" in f and len(f.splitlines()) >= 2 for f in frames), result["traceback"]
