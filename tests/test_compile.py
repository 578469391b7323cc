"""Byte-compiling the runtime at export (pyinterface.tooling.runtime._compile), with the real compilers.

Uses the vendored runtime (``ensure_runtime``, offline once cached) and whatever 3.12 compiler the
machine has: these tests skip when neither a CPython 3.12 nor Node is there, except the fallback,
which fakes their absence by emptying the PATH and pyenv lookups.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from pyinterface.tooling.runtime import _compile, ensure_runtime, write_runtime
from pyinterface.tooling.runtime._compile import PYC_MAGIC_312, Archive, compile_archives, find_compiler, wheel_archive
from pyinterface.tooling.runtime._stdlib_imports import imported_names

REPO = Path(__file__).resolve().parents[1]
#: Flags word of a ``.pyc`` made with ``unchecked-hash`` invalidation (PEP 552: bit 0 set, bit 1 clear).
UNCHECKED_HASH_FLAGS = "01000000"


@pytest.fixture(scope="module")
def runtime() -> Path:
    return ensure_runtime()


@pytest.fixture(scope="module")
def compiler(runtime: Path) -> _compile.Compiler:
    found, why = find_compiler(runtime)
    if found is None:
        pytest.skip(why)
    return found


@pytest.fixture(scope="module")
def pyinterface_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pyinterface.tooling._wheel import build_pyinterface_wheel

    return build_pyinterface_wheel(tmp_path_factory.mktemp("wheel"), package_dir=REPO / "pyinterface")


@pytest.fixture(scope="module")
def site(runtime: Path, compiler: _compile.Compiler, pyinterface_wheel: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Path:
    notes: list[str] = []
    dest = write_runtime(tmp_path_factory.mktemp("site"), packages=["pillow"], wheels=[pyinterface_wheel], log=notes.append)
    assert notes == []
    return dest


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sample_wheel(folder: Path, *, module: str = "def f(x):\n    return {x} | {'a', 'b', 'c'}\n") -> Path:
    """A small pure-Python wheel with a package, a module and a RECORD."""
    wheel = folder / "sample-1.0-py3-none-any.whl"
    files = {
        "sample/__init__.py": "from .mod import f\n",
        "sample/mod.py": module,
        "sample/bad.py": "print 'python 2'\n",
        "sample/tests/test_mod.py": "from sample import f\n",
        "sample-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: sample\nVersion: 1.0\n",
    }
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text)
        record = "".join(f"{name},,\n" for name in files) + "sample-1.0.dist-info/RECORD,,\n"
        zf.writestr(zipfile.ZipInfo("sample-1.0.dist-info/RECORD", (1980, 1, 1, 0, 0, 0)), record)
    return wheel


# --------------------------------------------------------------------------- what export writes


def test_stdlib_zip_holds_312_pyc_in_place_of_the_modules_a_page_loads(site: Path, runtime: Path) -> None:
    with zipfile.ZipFile(site / "python_stdlib.zip") as zf:
        names = set(zf.namelist())
        pycs = sorted(n for n in names if n.endswith(".pyc"))
        headers = {zf.read(n)[:8].hex() for n in pycs}
    assert headers == {PYC_MAGIC_312 + UNCHECKED_HASH_FLAGS}
    # What every boot imports is compiled and ships without its source ...
    for module in ("asyncio/__init__", "pyodide/__init__", "_pyodide/_core_docs", "json/__init__", "typing"):
        assert f"{module}.pyc" in names and f"{module}.py" not in names
    # ... and what a page does not load moves, as shipped, to a zip fetched on first use, which
    # the finder (compiled too) lists.
    with zipfile.ZipFile(site / "python_stdlib_more.zip") as more, zipfile.ZipFile(runtime / "python_stdlib.zip") as original:
        moved = set(more.namelist())
        assert "smtplib.py" in moved and "smtplib.py" not in names and "smtplib.pyc" not in names
        assert all(more.read(n) == original.read(n) for n in moved)
        sources = {n for n in original.namelist() if n.endswith(".py")}
        assert sources == moved | {n[:-1] for n in pycs if n != "_pyinterface_stdlib_more.pyc"}
    assert "_pyinterface_stdlib_more.pyc" in names


def test_own_wheel_ships_sourceless_pyc_that_zipimport_reads_listed_in_record(site: Path) -> None:
    lock = json.loads((site / "pyodide-lock.json").read_text())
    wheel = site / lock["packages"]["pyinterface"]["file_name"]
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        pycs = [n for n in names if n.endswith(".pyc")]
        # name.pyc where name.py was: zipimport (the snapshot boot) reads these, never __pycache__
        assert "pyinterface/_interface.pyc" in pycs and "pyinterface/__init__.pyc" in pycs
        assert not [n for n in names if n.endswith(".py")] and not [n for n in names if "__pycache__" in n]
        assert {zf.read(n)[:8].hex() for n in pycs} == {PYC_MAGIC_312 + UNCHECKED_HASH_FLAGS}
        record = {row[0]: row for row in csv.reader(io.StringIO(zf.read("pyinterface-0.1.0.dist-info/RECORD").decode()))}
        assert set(record) == set(names)
        for name in pycs:
            digest = hashlib.sha256(zf.read(name)).digest()
            assert record[name][1] == "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def test_pyodide_s_own_wheels_ship_pyc_instead_of_sources_too(site: Path) -> None:
    """Pyodide's wheels ship sources only: numpy's 174 modules compiled at every import (3.1 s
    against 0.9 s under Node)."""
    lock = json.loads((site / "pyodide-lock.json").read_text())
    wheel = site / lock["packages"]["pillow"]["file_name"]
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert "PIL/Image.pyc" in names and "PIL/Image.py" not in names


def test_test_suites_are_neither_compiled_nor_followed(tmp_path: Path) -> None:
    from pyinterface.tooling.runtime._stdlib_imports import is_test_member

    assert is_test_member("numpy/core/tests/test_umath.py") and is_test_member("numpy/testing/__init__.py")
    assert is_test_member("pkg/conftest.py") and is_test_member("pkg/test_thing.py")
    assert not is_test_member("numpy/core/umath.py") and not is_test_member("attest/latest.py")


def test_lock_sha256_match_the_files_written(site: Path) -> None:
    lock = json.loads((site / "pyodide-lock.json").read_text())
    assert lock["packages"], "the lock lists the pyinterface wheel"
    for spec in lock["packages"].values():
        assert spec["sha256"] == _sha256(site / spec["file_name"]), spec["name"]


def test_compiling_is_reproducible_and_cached(tmp_path: Path, compiler: _compile.Compiler,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    wheel = _sample_wheel(tmp_path)
    first = compile_archives([wheel_archive(wheel)], compiler, tmp_path / "cache1")[wheel]
    second = compile_archives([wheel_archive(wheel)], compiler, tmp_path / "cache2")[wheel]
    assert first.read_bytes() == second.read_bytes()

    def no_compiler(*args: object) -> dict[str, str]:
        raise AssertionError("a cached archive was compiled again")

    monkeypatch.setattr(_compile, "_run_compiler", no_compiler)
    assert compile_archives([wheel_archive(wheel)], compiler, tmp_path / "cache1")[wheel] == first


def test_a_wheel_s_tests_and_a_source_that_does_not_compile_stay_sources(tmp_path: Path, compiler: _compile.Compiler) -> None:
    wheel = _sample_wheel(tmp_path)
    compiled = compile_archives([wheel_archive(wheel)], compiler, tmp_path / "cache")[wheel]
    with zipfile.ZipFile(compiled) as zf:
        names = zf.namelist()
        record = {row[0] for row in csv.reader(io.StringIO(zf.read("sample-1.0.dist-info/RECORD").decode())) if row}
    assert {"sample/mod.pyc", "sample/__init__.pyc", "sample/bad.py", "sample/tests/test_mod.py"} <= set(names)
    assert not {"sample/mod.py", "sample/bad.pyc", "sample/tests/test_mod.pyc"} & set(names)
    assert record == set(names)


def test_pyodide_under_node_compiles_when_there_is_no_cpython_312(
    tmp_path: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "node").symlink_to(node)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "no-pyenv"))
    compiler, _ = find_compiler(runtime)
    assert compiler is not None and compiler.label.startswith("Pyodide")
    wheel = _sample_wheel(tmp_path)
    compiled = compile_archives([wheel_archive(wheel)], compiler, tmp_path / "cache")[wheel]
    with zipfile.ZipFile(compiled) as zf:
        pyc = zf.read("sample/mod.pyc")
    assert pyc[:8].hex() == PYC_MAGIC_312 + UNCHECKED_HASH_FLAGS


def test_without_312_or_node_export_writes_the_runtime_as_shipped_with_a_note(
    tmp_path: Path, runtime: Path, pyinterface_wheel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "no-pyenv"))
    notes: list[str] = []
    dest = write_runtime(tmp_path / "site", packages=[], wheels=[pyinterface_wheel], log=notes.append)
    assert len(notes) == 1 and "\n" not in notes[0]
    assert notes[0].startswith("note: the runtime was not byte-compiled (no Python 3.12")
    assert _sha256(dest / "python_stdlib.zip") == _sha256(runtime / "python_stdlib.zip")
    assert _sha256(dest / pyinterface_wheel.name) == _sha256(pyinterface_wheel)


def test_a_broken_python312_is_passed_over(tmp_path: Path, runtime: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a pyenv shim for an uninstalled version does: exists on PATH, exits non-zero.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "python3.12"
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.12: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "no-pyenv"))
    assert find_compiler(runtime)[0] is None


# --------------------------------------------------------------------------- which stdlib modules


def test_imported_names_follow_load_time_imports_only() -> None:
    source = b"""
import os.path
from . import sibling
from ..up import thing
try:
    import fast
except ImportError:
    fast = None
class C:
    import in_class
def f():
    import in_function
g = lambda: __import__("in_lambda")
"""
    names = imported_names(source, "pkg.sub.mod", is_package=False)
    assert {"os", "os.path", "pkg.sub", "pkg.sub.sibling", "pkg.up", "pkg.up.thing", "fast", "in_class"} <= names
    assert "in_function" not in names and "in_lambda" not in names
    assert imported_names(b"from . import x", "pkg", is_package=True) == {"pkg", "pkg.x"}
    assert imported_names(b"def broken(:\n", "m", is_package=False) == set()


def test_the_archive_of_a_wheel_lists_its_modules_not_its_metadata(tmp_path: Path) -> None:
    archive = wheel_archive(_sample_wheel(tmp_path))
    assert archive.members == {"sample/__init__.py", "sample/mod.py", "sample/bad.py"}  # not its tests
    assert archive.pyc_name("sample/mod.py") == "sample/mod.pyc"
    assert archive.code_name("sample/mod.py") == "/lib/python3.12/site-packages/sample/mod.py"
    stdlib = Archive(tmp_path / "python_stdlib.zip", frozenset({"json/__init__.py"}))
    assert stdlib.pyc_name("json/__init__.py") == "json/__init__.pyc"
    assert stdlib.code_name("json/__init__.py") == "/lib/python312.zip/json/__init__.py"


def test_imports_that_cannot_run_in_the_page_are_not_followed() -> None:
    source = b"""
import json
if __name__ == "__main__":
    import doctest
if sys.platform == "win32":
    import winreg
else:
    import posixpath
if not sys.platform.startswith("win"):
    import fcntl
if os.name == "nt":
    import nt
if TYPE_CHECKING:
    import typing_only
if flag:
    import maybe
"""
    names = imported_names(source, "m", is_package=False)
    assert {"json", "posixpath", "fcntl", "maybe"} <= names
    assert not {"doctest", "winreg", "nt", "typing_only"} & names


def test_the_stdlib_modules_an_app_imports_ship_compiled_with_the_page_s(runtime: Path, tmp_path: Path) -> None:
    from pyinterface.tooling.runtime._stdlib_imports import loaded_stdlib_members

    app = tmp_path / "app.py"
    app.write_text("import colorsys\n\ndef fn():\n    import statistics\n")
    members = loaded_stdlib_members(runtime / "python_stdlib.zip", apps=[app])
    assert "colorsys.py" in members  # imported when the app runs
    assert "statistics.py" not in members  # only if fn runs: fetched then, with the rest


def test_sysconfig_ships_with_the_build_data_it_imports_by_name(runtime: Path, tmp_path: Path) -> None:
    from pyinterface.tooling.runtime._stdlib_imports import loaded_stdlib_members

    plain, uses = tmp_path / "plain.py", tmp_path / "uses.py"
    plain.write_text("import json\n")
    uses.write_text("import sysconfig\n")
    data = "_sysconfigdata__emscripten_wasm32-emscripten.py"
    assert data not in loaded_stdlib_members(runtime / "python_stdlib.zip", apps=[plain])
    assert {"sysconfig.py", data} <= loaded_stdlib_members(runtime / "python_stdlib.zip", apps=[uses])


def test_what_numpy_random_s_compiled_code_imports_ships_too(runtime: Path, tmp_path: Path) -> None:
    import zipfile

    from pyinterface.tooling.runtime._stdlib_imports import loaded_stdlib_members

    wheel = tmp_path / "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("numpy/__init__.py", "")
        zf.writestr("numpy/random/bit_generator.cpython-312-wasm32-emscripten.so", b"\0asm")
    members = loaded_stdlib_members(runtime / "python_stdlib.zip", wheels=[wheel])
    assert {"secrets.py", "hmac.py"} <= members  # Cython imports secrets; secrets imports hmac
