"""Unit tests of pyinterface.tooling.runtime (CPython): vendoring, verification and export.

Most tests use small synthetic sources (a fake npm tarball, a fake package-files wheel and a
fake CDN around a tiny lock) served by a loopback HTTP server, with the pins pointed at it: the
real download code runs, and no test leaves the machine. The last ones use the real cached
runtime and its kept sources, which the Pyodide tests need anyway.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import io
import json
import socket
import subprocess
import sys
import tarfile
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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

# name -> (depends, file content). "delta" is in the lock and the wheel but not vendored up
# front; "epsilon" (needing delta) is in the lock but only on the CDN, like most of Pyodide's.
FAKE_PACKAGES = {
    "alpha": (["beta"], b"alpha package bytes"),
    "beta": ([], b"beta package bytes"),
    "gamma": ([], b"gamma package bytes"),
    "delta": ([], b"delta package bytes"),
    "epsilon": (["delta"], b"epsilon package bytes"),
}
FAKE_VENDORED = ("alpha", "gamma")
ONLY_ON_THE_CDN = ("epsilon",)


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
    """A fake npm tarball, a fake package-files wheel and a fake CDN folder (``where/cdn/``);
    ``corrupt`` alters one package in the wheel and on the CDN."""
    where.mkdir(parents=True, exist_ok=True)
    (where / "cdn").mkdir(exist_ok=True)
    for name, (_, content) in FAKE_PACKAGES.items():
        (where / "cdn" / _file_name(name)).write_bytes(content.upper() if name == corrupt else content)
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
            if name in ONLY_ON_THE_CDN:
                continue
            if name == corrupt:
                content = content.upper()  # same size, different bytes
            zf.writestr(PREFIX + _file_name(name), content)
    return tarball, wheel


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class Loopback:
    """A static HTTP server on 127.0.0.1 serving ``root``; ``requests`` lists the paths asked for."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[str] = []
        requests = self.requests

        class Recording(_Handler):
            def do_GET(self) -> None:
                requests.append(self.path)
                super().do_GET()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Recording, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def loopback(tmp_path: Path) -> Iterator[Loopback]:
    (tmp_path / "served").mkdir()
    server = Loopback(tmp_path / "served")
    yield server
    server.close()


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def serve_sources(monkeypatch: pytest.MonkeyPatch, loopback: Loopback, sources: tuple[Path, Path]) -> None:
    """Point this release's pins at ``loopback``, serving the fake sources from :func:`make_sources`."""
    served = loopback.root
    tarball, wheel = sources
    for sub, src in (("npm", tarball), ("pypi", wheel)):
        (served / sub).mkdir(exist_ok=True)
        (served / sub / src.name).write_bytes(src.read_bytes())
    if (served / "cdn").exists():
        for old in (served / "cdn").iterdir():
            old.unlink()
        (served / "cdn").rmdir()
    (tarball.parent / "cdn").rename(served / "cdn")
    pins = dataclasses.replace(
        _pins._pins_for(),
        npm_tarball_url=f"{loopback.url}/npm/{tarball.name}",
        npm_integrity=_sri(tarball.read_bytes()),
        wheel_url=f"{loopback.url}/pypi/{wheel.name}",
        wheel_sha256=hashlib.sha256(wheel.read_bytes()).hexdigest(),
        cdn_url=f"{loopback.url}/cdn/",
    )
    monkeypatch.setitem(_pins._PINS, PYODIDE_VERSION, pins)


@dataclasses.dataclass
class Fake:
    """The fake release served on loopback; ``downloads`` counts requests for the two pinned sources."""

    server: Loopback
    monkeypatch: pytest.MonkeyPatch
    tmp_path: Path

    @property
    def downloads(self) -> int:
        return sum(1 for path in self.server.requests if not path.startswith("/cdn/"))

    def replace_sources(self, corrupt: str | None = None) -> None:
        serve_sources(self.monkeypatch, self.server, make_sources(self.tmp_path / f"sources-{corrupt}", corrupt=corrupt))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, loopback: Loopback) -> Fake:
    monkeypatch.setattr(_vendor, "VENDORED_PACKAGES", FAKE_VENDORED)
    serve_sources(monkeypatch, loopback, make_sources(tmp_path / "sources"))
    return Fake(loopback, monkeypatch, tmp_path)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


# --------------------------------------------------------------------------- ensure_runtime


def test_ensure_runtime_builds_the_closure_of_the_vendored_set(fake: Fake, cache: Path) -> None:
    path = ensure_runtime(cache)
    assert path == cache / f"pyodide-{PYODIDE_VERSION}"
    names = {p.name for p in path.iterdir()}
    assert set(runtime.CORE_FILES) <= names
    # alpha pulls beta in; delta is in the lock but not asked for.
    assert {_file_name("alpha"), _file_name("beta"), _file_name("gamma")} <= names
    assert _file_name("delta") not in names
    # The verified downloads are kept beside it; no partial folder is left.
    assert sorted(p.name for p in cache.iterdir()) == sorted([path.name, _pins.SOURCES_DIRNAME])
    kept = sorted(p.name for p in (cache / _pins.SOURCES_DIRNAME).iterdir())
    assert kept == ["carrier-1.0-py3-none-any.whl", f"pyodide-{PYODIDE_VERSION}.tgz"]
    assert [c.name for c in verify_runtime(path)][-3:] == [_file_name(n) for n in ("alpha", "beta", "gamma")]


def test_ensure_runtime_is_idempotent_and_offline_once_complete(fake: Fake, cache: Path) -> None:
    first = ensure_runtime(cache)
    assert fake.downloads == 2
    assert ensure_runtime(cache) == first
    assert ensure_runtime(cache) == first
    assert fake.downloads == 2


def test_ensure_runtime_uses_pyinterface_cache_env(fake: Fake, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYINTERFACE_CACHE", str(cache))
    assert runtime.cache_root() == cache
    assert ensure_runtime() == cache / f"pyodide-{PYODIDE_VERSION}"
    monkeypatch.delenv("PYINTERFACE_CACHE")
    assert runtime.cache_root() == Path.home() / ".cache" / "pyinterface"


def test_corrupt_package_in_the_source_raises_naming_the_file(fake: Fake, cache: Path) -> None:
    fake.replace_sources(corrupt="beta")
    with pytest.raises(RuntimeIntegrityError) as info:
        ensure_runtime(cache)
    err = info.value
    assert _file_name("beta") in err.file and _file_name("beta") in str(err)
    assert err.expected == hashlib.sha256(FAKE_PACKAGES["beta"][1]).hexdigest()
    assert err.actual == hashlib.sha256(FAKE_PACKAGES["beta"][1].upper()).hexdigest()
    assert err.expected in str(err) and err.actual in str(err)
    # Nothing that looks like a runtime was left behind (the downloads, verified, are kept).
    assert not (cache / f"pyodide-{PYODIDE_VERSION}").exists()
    assert [p.name for p in cache.iterdir()] == [_pins.SOURCES_DIRNAME]


def test_interrupted_build_never_looks_complete(fake: Fake, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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


def test_damaged_cache_is_rebuilt_from_the_kept_sources(fake: Fake, cache: Path) -> None:
    path = ensure_runtime(cache)
    (path / _file_name("beta")).unlink()
    assert ensure_runtime(cache) == path
    assert fake.downloads == 2  # no new download: the verified sources were kept
    assert (path / _file_name("beta")).is_file()
    assert sorted(p.name for p in cache.iterdir()) == sorted([path.name, _pins.SOURCES_DIRNAME])


def test_a_damaged_kept_source_is_downloaded_again(fake: Fake, cache: Path) -> None:
    path = ensure_runtime(cache)
    kept = cache / _pins.SOURCES_DIRNAME / f"pyodide-{PYODIDE_VERSION}.tgz"
    kept.write_bytes(b"truncated")
    (path / runtime.MANIFEST_NAME).unlink()
    ensure_runtime(cache)
    assert fake.downloads == 3 and fake.server.requests[-1] == f"/npm/{kept.name}"
    assert _download.npm_tarball().digest_of(kept) == _pins._pins_for().npm_integrity


def test_unpinned_version_has_a_clear_error() -> None:
    with pytest.raises(RuntimeSourceError, match=r"no known source .* Pyodide 9\.9\.9"):
        _pins._pins_for("9.9.9")


# --------------------------------------------------------------------------- downloads


@pytest.fixture(scope="module")
def real_tarball() -> Path:
    """The real npm tarball, kept in the cache (downloaded once per machine, then offline)."""
    folder = _download.sources_dir(runtime.cache_root())
    return _download.ensure_source(_download.npm_tarball(), folder, fix="vendor the runtime once online")


def test_the_real_npm_tarball_downloads_over_plain_http_and_matches_its_pin(
    real_tarball: Path, loopback: Loopback, tmp_path: Path
) -> None:
    # The pinned integrity, the real bytes, the real download code; only the host is loopback.
    (loopback.root / "pyodide" / "-").mkdir(parents=True)
    (loopback.root / "pyodide" / "-" / real_tarball.name).write_bytes(real_tarball.read_bytes())
    pin = _download.npm_tarball()
    assert pin.url == f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz"
    local = dataclasses.replace(pin, url=f"{loopback.url}/pyodide/-/{real_tarball.name}")
    got = _download.download(local, tmp_path / real_tarball.name, fix="")
    assert got.read_bytes() == real_tarball.read_bytes()
    assert local.digest_of(got) == _pins._pins_for().npm_integrity
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_tarball_with_other_bytes_is_refused_and_not_kept(
    real_tarball: Path, loopback: Loopback, tmp_path: Path
) -> None:
    data = bytearray(real_tarball.read_bytes())
    data[len(data) // 2] ^= 1  # one bit: same size, other bytes
    (loopback.root / real_tarball.name).write_bytes(bytes(data))
    local = dataclasses.replace(_download.npm_tarball(), url=f"{loopback.url}/{real_tarball.name}")
    with pytest.raises(RuntimeIntegrityError, match=r"pyodide-.*\.tgz.*expected sha512-") as info:
        _download.download(local, (tmp_path / "dl").mkdir() or tmp_path / "dl" / real_tarball.name, fix="")
    assert info.value.actual == _sri(bytes(data))
    assert list((tmp_path / "dl").iterdir()) == [], "neither the file nor a temporary one is left"


def test_a_failed_download_names_the_url_and_the_fix(loopback: Loopback, tmp_path: Path) -> None:
    dl = tmp_path / "dl"
    dl.mkdir()
    missing = _download.PinnedFile(f"{loopback.url}/nothing-here.tgz", "sha256", "0" * 64)
    with pytest.raises(RuntimeDownloadError, match="(?s)nothing-here.tgz.*HTTP 404.*do this") as info:
        _download.download(missing, dl / "x.tgz", fix="do this")
    assert info.value.url == missing.url
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        refused = _download.PinnedFile(f"http://127.0.0.1:{sock.getsockname()[1]}/x.tgz", "sha256", "0" * 64)
        with pytest.raises(RuntimeDownloadError, match="(?s)refused.*do that"):
            _download.download(refused, dl / "x.tgz", fix="do that")
    assert list(dl.iterdir()) == []


def test_vendoring_needs_neither_npm_nor_pip(fake: Fake, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An empty PATH hides node and npm; subprocess is never used to fetch anything.
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail(f"no subprocess expected: {a}"))
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: pytest.fail(f"no subprocess expected: {a}"))
    assert (ensure_runtime(cache) / runtime.MANIFEST_NAME).is_file()


# --------------------------------------------------------------------------- write_runtime


@pytest.fixture
def source(fake: Fake, cache: Path) -> Path:
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
    assert "python -m pyinterface.tooling.runtime" in str(info.value)
    assert not (tmp_path / "site" / _file_name("alpha")).exists()


def test_write_runtime_names_unknown_packages_and_bad_wheel_dependencies(source: Path, tmp_path: Path) -> None:
    with pytest.raises(RuntimeSourceError, match="'alpah' is not a package.*'alpha'"):
        write_runtime(tmp_path / "a", packages=["alpah"], source=source)
    wheel = make_wheel(tmp_path / "wheels", "needy", ["not-in-the-lock"])
    with pytest.raises(RuntimeSourceError, match="not-in-the-lock"):
        write_runtime(tmp_path / "c", packages=[], wheels=[wheel], source=source)


def test_a_package_not_vendored_up_front_comes_from_the_kept_wheel(fake: Fake, source: Path, tmp_path: Path) -> None:
    requests = len(fake.server.requests)
    dest = write_runtime(tmp_path / "site", packages=["delta"], source=source)
    assert sorted(_lock(dest)["packages"]) == ["delta"]
    assert (dest / _file_name("delta")).read_bytes() == FAKE_PACKAGES["delta"][1]
    assert (source / _file_name("delta")).is_file(), "added to the cache for the next export"
    assert len(fake.server.requests) == requests, "offline: unpacked from the kept wheel"
    assert _file_name("delta") in [c.name for c in verify_runtime(source)]


def test_a_damaged_package_in_the_kept_wheel_stops_the_export_naming_it(source: Path, tmp_path: Path) -> None:
    kept = source.parent / _pins.SOURCES_DIRNAME / "carrier-1.0-py3-none-any.whl"
    member = PREFIX + _file_name("delta")
    with zipfile.ZipFile(kept) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members[member] = members[member].upper()  # same size, other bytes
    with zipfile.ZipFile(kept, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    with pytest.raises(RuntimeIntegrityError) as info:
        write_runtime(tmp_path / "site", packages=["delta"], source=source)
    assert info.value.file == f"{kept}!{member}"
    assert f"delete {kept} and export again" in str(info.value)
    assert not (source / _file_name("delta")).exists(), "the damaged file never reaches the cache"


def test_a_package_the_wheel_lacks_comes_from_the_cdn_verified(fake: Fake, source: Path, tmp_path: Path) -> None:
    dest = write_runtime(tmp_path / "site", packages=["epsilon"], source=source)
    assert sorted(_lock(dest)["packages"]) == ["delta", "epsilon"]  # the lock's depends closure
    assert fake.server.requests[-1] == f"/cdn/{_file_name('epsilon')}"
    assert (dest / _file_name("epsilon")).read_bytes() == FAKE_PACKAGES["epsilon"][1]
    write_runtime(tmp_path / "again", packages=["epsilon"], source=source)
    assert fake.server.requests.count(f"/cdn/{_file_name('epsilon')}") == 1, "kept in the cache"


def test_a_cdn_file_with_other_bytes_stops_the_export(fake: Fake, source: Path, tmp_path: Path) -> None:
    (fake.server.root / "cdn" / _file_name("epsilon")).write_bytes(b"EPSILON PACKAGE BYTES")
    with pytest.raises(RuntimeIntegrityError, match=r"epsilon-1\.0.*expected") as info:
        write_runtime(tmp_path / "site", packages=["epsilon"], source=source)
    assert info.value.expected == hashlib.sha256(FAKE_PACKAGES["epsilon"][1]).hexdigest()
    assert not (source / _file_name("epsilon")).exists()
    assert not [p for p in source.iterdir() if ".download-" in p.name], "no temporary file is left"


def test_a_package_no_source_has_is_named_with_every_place_looked_in(
    fake: Fake, source: Path, tmp_path: Path
) -> None:
    (fake.server.root / "cdn" / _file_name("epsilon")).unlink()
    with pytest.raises(RuntimeSourceError) as info:
        write_runtime(tmp_path / "site", packages=["epsilon"], source=source)
    message = str(info.value)
    assert "'epsilon'" in message and _file_name("epsilon") in message
    kept_wheel = source.parent / _pins.SOURCES_DIRNAME / "carrier-1.0-py3-none-any.whl"
    for place in (str(source), f"{kept_wheel}: does not carry it", f"{fake.server.url}/cdn/{_file_name('epsilon')}: HTTP 404"):
        assert place in message
    assert "VENDORED_PACKAGES" not in message and "edit" not in message
    assert f"into {source}/" in message  # the way out when offline


def test_a_cache_without_the_kept_wheel_downloads_it_once(fake: Fake, source: Path, tmp_path: Path) -> None:
    # A cache vendored before the wheel was kept: the CDN does not have delta, PyPI's wheel does.
    (source.parent / _pins.SOURCES_DIRNAME / "carrier-1.0-py3-none-any.whl").unlink()
    (fake.server.root / "cdn" / _file_name("delta")).unlink()
    write_runtime(tmp_path / "site", packages=["delta"], source=source)
    assert fake.server.requests[-2:] == [f"/cdn/{_file_name('delta')}", "/pypi/carrier-1.0-py3-none-any.whl"]
    assert (source.parent / _pins.SOURCES_DIRNAME / "carrier-1.0-py3-none-any.whl").is_file()


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


def test_real_kept_wheel_carries_scikit_learn_and_its_closure_matches_pyodides_build(real_runtime: Path) -> None:
    lock = json.loads((real_runtime / "pyodide-lock.json").read_text())
    # Pyodide's scikit-learn 1.6.1 needs scipy, joblib and threadpoolctl (CPython's 1.9 also
    # imports narwhals and cloudpickle, which the page must not get).
    assert package_closure(["scikit-learn"], _lock_depends(lock)) == [
        "joblib", "numpy", "openblas", "scikit-learn", "scipy", "threadpoolctl",
    ]  # fmt: skip
    wheel = _download.sources_dir(real_runtime.parent) / _download.package_wheel().name
    if not wheel.is_file():
        pytest.skip(f"{wheel} is not kept (a cache vendored before the wheel was kept)")
    with zipfile.ZipFile(wheel) as zf:
        carried = set(zf.namelist())
    for name in ("scikit-learn", "scipy", "joblib", "threadpoolctl", "openblas"):
        assert PREFIX + lock["packages"][name]["file_name"] in carried


def test_real_runtime_export_with_pandas(real_runtime: Path, tmp_path: Path) -> None:
    dest = write_runtime(tmp_path / "site", packages=["pandas"], source=real_runtime)
    assert sorted(_lock(dest)["packages"]) == ["numpy", "pandas", "python-dateutil", "pytz", "six"]


# --------------------------------------------------------------------------- build/vendor_pyodide.py on a damaged cache


def _vendor_script() -> Any:
    """build/vendor_pyodide.py as a module (it is a script, not part of the package)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "build" / "vendor_pyodide.py"
    spec = importlib.util.spec_from_file_location("vendor_pyodide", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("damaged", ["pyodide.asm.wasm", _file_name("alpha")], ids=["runtime file", "package file"])
def test_vendoring_stops_naming_a_corrupt_file_in_the_cache(
    fake: Fake, cache: Path, damaged: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cached file whose bytes changed but not its size (what a stat() cannot see): the
    vendoring script re-hashes everything, so it stops and names the file and the fix."""
    path = ensure_runtime(cache)
    target = path / damaged
    data = target.read_bytes()
    target.write_bytes(bytes([data[0] ^ 0xFF]) + data[1:])
    assert _vendor._is_complete(path)  # sizes alone still look right
    assert _vendor_script().main(["--cache-dir", str(cache)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: integrity check failed for {target}: expected "), err
    assert "python -m pyinterface.tooling.runtime" in err
    with pytest.raises(RuntimeIntegrityError) as info:
        verify_runtime(path)
    assert info.value.file == str(target)
