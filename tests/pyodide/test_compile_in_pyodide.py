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


def test_pyinterface_runs_sourceless_unpacked_and_its_frames_stay_out_of_app_tracebacks(run_pyodide, pyodide_runtime) -> None:
    _compiled(pyodide_runtime)
    result = run_pyodide(
        """
import traceback
import pyinterface._interface as mod
from pyinterface._worker import _is_user_frame
try:
    mod.Interface(lambda x: x, "no_such_component", "text")
except ValueError as exc:
    frames = traceback.extract_tb(exc.__traceback__)
{"file": mod.__file__, "loader": type(mod.__spec__.loader).__name__,
 "frames": [(f.filename, f.lineno, _is_user_frame(f)) for f in frames]}
""",
    )
    assert result["file"].endswith("site-packages/pyinterface/_interface.pyc")
    assert result["loader"] == "SourcelessFileLoader"
    inside = [f for f in result["frames"] if "site-packages/pyinterface/" in f[0]]
    # Frames name the module and line (no source line to show), and the app's tracebacks leave them out.
    assert inside and all(line > 0 and not user for _, line, user in inside), result["frames"]


def test_pyinterface_imports_from_its_zipped_wheel_without_compiling(run_pyodide, pyodide_runtime) -> None:
    """How a snapshot boot imports it (site/snapshot.mjs): the wheel zip on sys.path."""
    _compiled(pyodide_runtime)
    import base64

    wheel = next(pyodide_runtime.glob("pyinterface-*.whl"))
    data = base64.b64encode(wheel.read_bytes()).decode("ascii")  # Node's Pyodide sees no host files
    result = run_pyodide(
        f"""
import base64, sys, traceback
with open("/tmp/{wheel.name}", "wb") as fh:
    fh.write(base64.b64decode("{data}"))
sys.path.insert(0, "/tmp/{wheel.name}")
import pyinterface._interface as mod
from pyinterface._worker import _is_user_frame
try:
    mod.Interface(lambda x: x, "no_such_component", "text")
except ValueError as exc:
    frames = traceback.extract_tb(exc.__traceback__)
{{"file": mod.__file__, "loader": type(mod.__loader__).__name__,
  "user": [f.filename for f in frames if _is_user_frame(f)]}}
""",
        packages=(),
    )
    assert result["loader"] == "zipimporter" and result["file"].endswith(f"{wheel.name}/pyinterface/_interface.pyc")
    # Only the test's own frame is the "app's"; pyinterface's, named for site-packages, are not.
    assert all("pyinterface/" not in name for name in result["user"]), result["user"]


def test_the_rest_of_the_stdlib_serves_a_module_no_import_statement_can_name(run_pyodide, pyodide_runtime) -> None:
    """sysconfig imports _sysconfigdata__emscripten_wasm32-emscripten with __import__ (scikit-learn
    reaches it through joblib and pydoc); it is in the rest of the stdlib, and its finder must
    list it though the name is no identifier."""
    _compiled(pyodide_runtime)
    result = run_pyodide(
        """
import sysconfig
sysconfig.get_config_vars()["EXT_SUFFIX"], sys.modules[sysconfig._get_sysconfigdata_name()].__file__
""".replace("import sysconfig", "import sys, sysconfig"),
        packages=(),
    )
    suffix, origin = result
    assert suffix.endswith(".so") and origin.startswith("/lib/python312_more.zip/")
