"""Unit tests of pyinterface.tooling.runtime (CPython): vendoring, verification and export.

Most tests use small synthetic sources (a fake npm tarball and a fake package-files wheel
around a tiny lock) so they are fast and need no network; the last ones use the real
cached runtime, which the Pyodide tests need anyway.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from pyinterface.tooling import runtime
from pyinterface.tooling.runtime import (
    PYODIDE_VERSION,
    RuntimeDownloadError,
    RuntimeIntegrityError,
    RuntimeSourceError,
    ensure_runtime,
    package_closure,
    verify_runtime,
    write_runtime,
)

# Private helpers are patched in the module that looks them up (see each test).
from pyinterface.tooling.runtime import _download, _pins, _vendor
from pyinterface.tooling.runtime._lock import _lock_depends

PREFIX = _pins._pins_for().wheel_prefix

# name -> (depends, file content). "delta" is in the lock but never vendored.
FAKE_PACKAGES = {
    "alpha": (["beta"], b"alpha package bytes"),
    "beta": ([], b"beta package bytes"),
    "gamma": ([], b"gamma package bytes"),
    "delta": ([], b"delta package bytes"),
}
FAKE_VENDORED = ("alpha", "gamma")


def _file_name(name: str) -> str:
    return f"{name}-1.0-py3-none-any.whl"


def fake_lock() -> dict:
    packages = {}
    for name, (depends, content) in FAKE_PACKAGES.items():
        packages[name] = {
            "name": name,
            "version": "1.0",
            "file_name": _file_name(name),
            "install_dir": "site",
            "sha256": hashlib.sha256(content).hexdigest(),
            "package_type": "package",
            "imports": [name],
            "depends": depends,
            "unvendored_tests": False,
        }
    info = {
        "abi_version": "2024_0",
        "arch": "wasm32",
        "platform": "emscripten_3_1_58",
        "python": "3.12.7",
        "version": PYODIDE_VERSION,
    }
    return {"info": info, "packages": packages}


def make_sources(where: Path, corrupt: str | None = None) -> tuple[Path, Path]:
    """A fake npm tarball and a fake package-files wheel; ``corrupt`` alters one package."""
    where.mkdir(parents=True, exist_ok=True)
    tarball = where / f"pyodide-{PYODIDE_VERSION}.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        for name in runtime.CORE_FILES:
            data = json.dumps(fake_lock()).encode() if name == "pyodide-lock.json" else f"core {name}".encode()
            member = tarfile.TarInfo(f"package/{name}")
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    wheel = where / "carrier-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, (_, content) in FAKE_PACKAGES.items():
            if name == corrupt:
                content = content.upper()  # same size, different bytes
            zf.writestr(PREFIX + _file_name(name), content)
    return tarball, wheel


class FakeFetch:
    """Stands in for npm + pip: copies prepared sources and counts the calls."""

    def __init__(self, sources: tuple[Path, Path]) -> None:
        self.sources = sources
        self.calls = 0

    def __call__(self, workdir: Path) -> tuple[Path, Path]:
        self.calls += 1
        out = []
        for src in self.sources:
            dest = workdir / src.name
            dest.write_bytes(src.read_bytes())
            out.append(dest)
        return out[0], out[1]


def _no_download(workdir: Path) -> tuple[Path, Path]:
    raise AssertionError("npm/pip must not run when the cache is complete")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeFetch:
    monkeypatch.setattr(_vendor, "VENDORED_PACKAGES", FAKE_VENDORED)
    fetch = FakeFetch(make_sources(tmp_path / "sources"))
    monkeypatch.setattr(_vendor, "_fetch_sources", fetch)
    return fetch


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


# --------------------------------------------------------------------------- ensure_runtime


def test_ensure_runtime_builds_the_closure_of_the_vendored_set(fake: FakeFetch, cache: Path) -> None:
    path = ensure_runtime(cache)
    assert path == cache / f"pyodide-{PYODIDE_VERSION}"
    names = {p.name for p in path.iterdir()}
    assert set(runtime.CORE_FILES) <= names
    # alpha pulls beta in; delta is in the lock but not asked for.
    assert {_file_name("alpha"), _file_name("beta"), _file_name("gamma")} <= names
    assert _file_name("delta") not in names
    assert [p.name for p in cache.iterdir()] == [path.name]  # no partial or download folders left
    assert [c.name for c in verify_runtime(path)][-3:] == [_file_name(n) for n in ("alpha", "beta", "gamma")]


def test_ensure_runtime_is_idempotent_and_offline_once_complete(
    fake: FakeFetch, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ensure_runtime(cache)
    assert fake.calls == 1
    monkeypatch.setattr(_vendor, "_fetch_sources", _no_download)
    monkeypatch.setattr(_download, "_run", lambda *a, **k: pytest.fail("no subprocess expected"))
    assert ensure_runtime(cache) == first
    assert ensure_runtime(cache) == first


def test_ensure_runtime_uses_pyinterface_cache_env(
    fake: FakeFetch, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYINTERFACE_CACHE", str(cache))
    assert runtime.cache_root() == cache
    assert ensure_runtime() == cache / f"pyodide-{PYODIDE_VERSION}"
    monkeypatch.delenv("PYINTERFACE_CACHE")
    assert runtime.cache_root() == Path.home() / ".cache" / "pyinterface"


def test_corrupt_package_in_the_source_raises_naming_the_file(
    fake: FakeFetch, cache: Path, tmp_path: Path
) -> None:
    fake.sources = make_sources(tmp_path / "bad", corrupt="beta")
    with pytest.raises(RuntimeIntegrityError) as info:
        ensure_runtime(cache)
    err = info.value
    assert _file_name("beta") in err.file and _file_name("beta") in str(err)
    assert err.expected == hashlib.sha256(FAKE_PACKAGES["beta"][1]).hexdigest()
    assert err.actual == hashlib.sha256(FAKE_PACKAGES["beta"][1].upper()).hexdigest()
    assert err.expected in str(err) and err.actual in str(err)
    # Nothing that looks like a runtime was left behind.
    assert not (cache / f"pyodide-{PYODIDE_VERSION}").exists()
    assert list(cache.iterdir()) == []


def test_interrupted_build_never_looks_complete(
    fake: FakeFetch, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_copy = _vendor._copy_hashed
    copies = 0

    def dying_copy(src, dest):
        nonlocal copies
        copies += 1
        if copies == 9:  # after the core files, in the middle of the packages
            raise KeyboardInterrupt
        return real_copy(src, dest)

    monkeypatch.setattr(_vendor, "_copy_hashed", dying_copy)
    with pytest.raises(KeyboardInterrupt):
        ensure_runtime(cache)
    assert not (cache / f"pyodide-{PYODIDE_VERSION}").exists()
    monkeypatch.setattr(_vendor, "_copy_hashed", real_copy)
    assert (ensure_runtime(cache) / runtime.MANIFEST_NAME).is_file()


def test_damaged_cache_is_vendored_again(fake: FakeFetch, cache: Path) -> None:
    path = ensure_runtime(cache)
    (path / _file_name("beta")).unlink()
    assert ensure_runtime(cache) == path
    assert fake.calls == 2
    assert (path / _file_name("beta")).is_file()
    assert sorted(p.name for p in cache.iterdir()) == [path.name]


def test_unpinned_version_has_a_clear_error() -> None:
    with pytest.raises(RuntimeSourceError, match=r"no known source .* Pyodide 9\.9\.9"):
        _pins._pins_for("9.9.9")


# --------------------------------------------------------------------------- downloads


def test_failed_command_error_names_the_command() -> None:
    with pytest.raises(RuntimeDownloadError, match="(?s)definitely-not-npm-xyz.*not installed.*do this"):
        _download._run(["definitely-not-npm-xyz", "pack"], "do this")
    with pytest.raises(RuntimeDownloadError, match=r"exit status 3") as info:
        _download._run([sys.executable, "-c", "import sys; sys.exit(3)"], "do that")
    assert info.value.command[0] == sys.executable
    assert "do that" in str(info.value)


def test_npm_tarball_is_checked_against_the_pinned_integrity(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def fake_npm(command, fix):
        assert command[:3] == ["npm", "pack", f"pyodide@{PYODIDE_VERSION}"]
        Path(command[command.index("--pack-destination") + 1], f"pyodide-{PYODIDE_VERSION}.tgz").write_bytes(b"evil")
        return "[]"

    monkeypatch.setattr(_download, "_run", fake_npm)
    with pytest.raises(RuntimeIntegrityError, match=r"pyodide-.*\.tgz.*expected sha512-"):
        _download._npm_pack(tmp_path)


# --------------------------------------------------------------------------- write_runtime


@pytest.fixture
def source(fake: FakeFetch, cache: Path) -> Path:
    return ensure_runtime(cache)


def _lock(path: Path) -> dict:
    return json.loads((path / "pyodide-lock.json").read_text())


def make_wheel(where: Path, name: str, requires: list[str]) -> Path:
    """A minimal pure-Python wheel whose METADATA has ``requires`` as Requires-Dist."""
    where.mkdir(parents=True, exist_ok=True)
    wheel = where / f"{name}-0.1.0-py3-none-any.whl"
    dist_info = f"{name}-0.1.0.dist-info"
    metadata = "Metadata-Version: 2.1\nName: {}\nVersion: 0.1.0\n{}".format(
        name, "".join(f"Requires-Dist: {r}\n" for r in requires)
    )
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(f"{name}/__init__.py", "VALUE = 1\n")
        zf.writestr(f"{dist_info}/METADATA", metadata)
        zf.writestr(f"{dist_info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        zf.writestr(f"{dist_info}/RECORD", "")
    return wheel


def test_write_runtime_keeps_only_the_requested_closure(source: Path, tmp_path: Path) -> None:
    dest = write_runtime(tmp_path / "site", packages=["Alpha"], source=source)
    lock = _lock(dest)
    assert sorted(lock["packages"]) == ["alpha", "beta"]
    assert lock["info"] == fake_lock()["info"]
    files = {p.name for p in dest.iterdir()}
    assert files == (set(runtime.CORE_FILES) | {_file_name("alpha"), _file_name("beta")})
    for spec in lock["packages"].values():
        assert not Path(spec["file_name"]).is_absolute() and "/" not in spec["file_name"]
        assert hashlib.sha256((dest / spec["file_name"]).read_bytes()).hexdigest() == spec["sha256"]


def test_write_runtime_adds_wheels_with_browser_dependencies_only(source: Path, tmp_path: Path) -> None:
    wheel = make_wheel(
        tmp_path / "wheels",
        "myapp",
        [
            'pyodide-lock; sys_platform != "emscripten"',  # build-time only
            'beta; sys_platform == "emscripten"',  # needed in the browser
            'delta; extra == "media"',  # optional: not installed
        ],
    )
    dest = write_runtime(tmp_path / "site", packages=[], wheels=[wheel], source=source)
    lock = _lock(dest)
    assert sorted(lock["packages"]) == ["beta", "myapp"]
    app = lock["packages"]["myapp"]
    assert app["depends"] == ["beta"]
    assert "pyodide-lock" not in json.dumps(lock)
    assert app["file_name"] == wheel.name
    assert app["imports"] == ["myapp"]
    assert app["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert (dest / wheel.name).read_bytes() == wheel.read_bytes()


def test_write_runtime_detects_a_corrupt_cached_wheel(source: Path, tmp_path: Path) -> None:
    target = source / _file_name("alpha")
    target.write_bytes(target.read_bytes().upper())  # same size: only a hash can tell
    with pytest.raises(RuntimeIntegrityError) as info:
        write_runtime(tmp_path / "site", packages=["alpha"], source=source)
    assert info.value.file == str(target)
    assert info.value.expected == hashlib.sha256(FAKE_PACKAGES["alpha"][1]).hexdigest()
    assert "vendor_pyodide.py" in str(info.value)
    assert not (tmp_path / "site" / _file_name("alpha")).exists()


def test_write_runtime_names_unknown_and_unvendored_packages(source: Path, tmp_path: Path) -> None:
    with pytest.raises(RuntimeSourceError, match="'alpah' is not a package.*'alpha'"):
        write_runtime(tmp_path / "a", packages=["alpah"], source=source)
    with pytest.raises(RuntimeSourceError, match=r"\['delta'\].*VENDORED_PACKAGES"):
        write_runtime(tmp_path / "b", packages=["delta"], source=source)
    wheel = make_wheel(tmp_path / "wheels", "needy", ["not-in-the-lock"])
    with pytest.raises(RuntimeSourceError, match="not-in-the-lock"):
        write_runtime(tmp_path / "c", packages=[], wheels=[wheel], source=source)


def test_package_closure_follows_depends() -> None:
    depends = {"a": ["b"], "b": ["c", "a"], "c": [], "d": []}
    assert package_closure(["a"], depends) == ["a", "b", "c"]
    assert package_closure([], depends) == []


# --------------------------------------------------------------------------- module hygiene


def test_runtime_module_is_not_imported_by_the_package_and_needs_no_pyodide_lock() -> None:
    code = (
        "import sys, pyinterface\n"
        "assert 'pyinterface.tooling.runtime' not in sys.modules, 'imported by pyinterface'\n"
        "import pyinterface.tooling.runtime\n"
        "assert 'pyodide_lock' not in sys.modules, 'pyodide_lock imported eagerly'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


# --------------------------------------------------------------------------- the real runtime


@pytest.fixture(scope="module")
def real_runtime() -> Path:
    """The real vendored runtime (downloads once per machine, then offline)."""
    return ensure_runtime()


def test_real_runtime_is_complete_and_verified(real_runtime: Path) -> None:
    checks = {c.name: c for c in verify_runtime(real_runtime)}
    assert set(runtime.CORE_FILES) <= set(checks)
    lock = json.loads((real_runtime / "pyodide-lock.json").read_text())
    assert lock["info"]["version"] == PYODIDE_VERSION
    assert package_closure(["pandas"], _lock_depends(lock)) == [
        "numpy", "pandas", "python-dateutil", "pytz", "six",
    ]  # fmt: skip
    assert {lock["packages"][n]["file_name"] for n in runtime.VENDORED_PACKAGES} <= set(checks)


def test_real_runtime_export_with_pandas(real_runtime: Path, tmp_path: Path) -> None:
    dest = write_runtime(tmp_path / "site", packages=["pandas"], source=real_runtime)
    assert sorted(_lock(dest)["packages"]) == ["numpy", "pandas", "python-dateutil", "pytz", "six"]
