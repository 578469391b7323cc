"""``pyinterface export`` under CPython: the folder it writes is the contract the page reads.

These run the real exporter (a child CPython runs the app, the vendored runtime and
pyodide-lock write the lock) offline: the runtime comes from the cache and extra wheels
are built here, never downloaded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import runpy
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pyinterface import _launch
from pyinterface.tooling._pages import URL_SCHEME_SCRIPT
from pyinterface.tooling._wheel import build_pyinterface_wheel
from pyinterface.tooling._appscan import AppError
from pyinterface.tooling.export import ExportError, collect_app_files, export_app

REPO = Path(__file__).resolve().parents[1]

TEXT_APP = """
import pyinterface as gr

def greet(name):
    return "Hello " + name + "!"

demo = gr.Interface(greet, gr.Textbox(label="name"), gr.Textbox(label="greeting"), title="Greeter <3")

if __name__ == "__main__":
    demo.launch()
"""


def write_app(folder: Path, source: str, name: str = "app.py") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    app = folder / name
    app.write_text(textwrap.dedent(source), encoding="utf-8")
    return app


def make_wheel(folder: Path, name: str, tag: str = "py3-none-any", requires: tuple[str, ...] = ()) -> Path:
    """A minimal, valid wheel holding one module ``<name>.py`` (what pip and pyodide-lock read)."""
    dist_info = f"{name}-0.1.dist-info"
    files = {
        f"{name}.py": b"VALUE = 42\n",
        f"{dist_info}/METADATA": (
            f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
        ).encode(),
        f"{dist_info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: {tag}\n".encode(),
    }
    record = [
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}"
        for path, data in files.items()
    ]
    files[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()
    wheel = folder / f"{name}-0.1-{tag}.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for path, data in files.items():
            zf.writestr(path, data)
    return wheel


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pyinterface", *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def lock_packages(out: Path) -> dict[str, dict]:
    return json.loads((out / "pyodide" / "pyodide-lock.json").read_text())["packages"]


def in_process_config(app: Path) -> dict:
    recording = _launch.recording
    _launch.recording = True
    _launch.launched.clear()
    try:
        runpy.run_path(str(app), run_name="__main__")
        return _launch.launched[0].config()
    finally:
        _launch.launched.clear()
        _launch.recording = recording


@pytest.fixture(scope="module")
def text_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("text")
    # The app reads data/names.txt (by an absolute path), so it ships; notes.txt is read by nothing.
    app = write_app(root / "greeter", TEXT_APP + 'NAMES = (Path(__file__).parent / "data" / "names.txt").read_text()\n')
    app.write_text("from pathlib import Path\n" + app.read_text())
    (root / "greeter" / "data").mkdir()
    (root / "greeter" / "data" / "names.txt").write_text("Ada\n")
    (root / "greeter" / "notes.txt").write_text("not for the page\n")
    out = root / "site-out"
    export_app(app, out)
    return app, out


# --------------------------------------------------------------------------- the folder contract


def test_index_html_loads_the_bridge_with_relative_urls(text_export: tuple[Path, Path]) -> None:
    _, out = text_export
    page = (out / "index.html").read_text()
    # standalone: the app's body CSS colours this whole page (it is the only thing on it);
    # the UI is prerendered in it (tests/test_prerender.py), and the manifest is inline: the
    # element reads it instead of fetching it; before the UI, the one inline script (?__theme=,
    # tooling/_pages.py URL_SCHEME_SCRIPT, hashed in the page's policy)
    assert (f'<pyinterface-app src="app/manifest.json" standalone><script>{URL_SCHEME_SCRIPT}</script>'
            '<template shadowrootmode="open">') in page
    assert '</template><script type="application/json">{' in page
    assert page.count("</pyinterface-app>") == 1
    assert '<script type="module" src="pyinterface.js"></script>' in page
    # from file:// module scripts do not run; this classic script says how to serve the folder
    assert '<script src="pyinterface/file-protocol.js"></script>' in page and page.count("<script>") == 1
    assert (out / "pyinterface" / "file-protocol.js").is_file()
    assert "<title>Greeter &lt;3</title>" in page  # the title is text, escaped
    assert "<noscript>" in page
    assert 'src="/' not in page and 'href="/' not in page and "://" not in page


def test_bridge_is_copied_without_pages_and_tests(text_export: tuple[Path, Path]) -> None:
    _, out = text_export
    bridge = out / "pyinterface"
    assert (bridge / "pyinterface.mjs").is_file()
    assert (bridge / "worker.mjs").is_file()
    assert not (bridge / "pages").exists() and not (bridge / "test").exists()
    # The loader at the root starts the worker, then re-exports the bridge; GitHub Pages serves the folder as is.
    loader = (out / "pyinterface.js").read_text()
    assert 'from "./pyinterface/early-start.mjs"' in loader and 'import("./pyinterface/pyinterface.mjs")' in loader
    assert (out / ".nojekyll").is_file()


def test_loader_re_exports_every_name_of_the_bridge() -> None:
    """The loader names the bridge's exports one by one (a dynamic import cannot `export *`):
    a name added to pyinterface.mjs must be added to the loader too."""
    from pyinterface.tooling.export import LOADER_SOURCE

    bridge = (Path(__file__).resolve().parents[1] / "site" / "pyinterface.mjs").read_text()
    exported = set(re.findall(r"^export (?:\{ ([^}]*) \}|(?:const|class|function) (\w+))", bridge, re.M))
    names = {n.strip() for group, single in exported for n in (group.split(",") if group else [single])}
    loader_names = re.search(r"export const \{ ([^}]*) \}", LOADER_SOURCE).group(1)
    assert names == {n.strip() for n in loader_names.split(",")}


def test_manifest_holds_entry_files_packages_and_config(text_export: tuple[Path, Path]) -> None:
    app, out = text_export
    manifest = json.loads((out / "app" / "manifest.json").read_text())
    assert manifest["entry"] == "app.py"
    assert manifest["files"] == ["app.py", "data/names.txt"]  # not notes.txt: nothing reads it
    assert manifest["packages"] == []  # a text-only app loads nothing beyond pyinterface
    assert manifest["config"] == in_process_config(app)
    assert (manifest["runtime"], manifest["pyodide"]) == ("../pyodide/", "0.27.7")
    assert (out / "app" / "app.py").read_text() == app.read_text()
    assert (out / "app" / "data" / "names.txt").read_text() == "Ada\n"


def test_lock_has_pyinterface_wheel_and_no_numpy_for_a_text_app(text_export: tuple[Path, Path]) -> None:
    _, out = text_export
    packages = lock_packages(out)
    assert "pyinterface" in packages and "numpy" not in packages and "pillow" not in packages
    entry = packages["pyinterface"]
    wheel = out / "pyodide" / entry["file_name"]
    assert entry["file_name"] == "pyinterface-0.1.0-py3-none-any.whl"  # relative: works under any sub-path
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    assert entry["imports"] == ["pyinterface"]
    assert not list((out / "pyodide").glob("numpy-*.whl"))
    for core in ("pyodide.mjs", "pyodide.asm.wasm", "pyodide.asm.js", "python_stdlib.zip"):
        assert (out / "pyodide" / core).is_file()


def test_reexport_replaces_an_earlier_export(text_export: tuple[Path, Path], tmp_path: Path) -> None:
    app, _ = text_export
    out = tmp_path / "site"
    export_app(app, out)
    app2 = write_app(tmp_path / "other", TEXT_APP.replace("Greeter <3", "Second"))
    export_app(app2, out)
    assert "<title>Second</title>" in (out / "index.html").read_text()
    assert json.loads((out / "app" / "manifest.json").read_text())["files"] == ["app.py"]


def test_refuses_a_non_empty_folder_that_is_no_export(text_export: tuple[Path, Path], tmp_path: Path) -> None:
    app, _ = text_export
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="not empty and holds no earlier export"):
        export_app(app, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


# --------------------------------------------------------------------------- packages


def test_image_component_needs_numpy_and_pillow(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", """
        import pyinterface as gr
        demo = gr.Interface(lambda im: im, gr.Image(), gr.Image())
    """)
    result = export_app(app, tmp_path / "out")
    assert result.packages == ["numpy", "pillow"]
    assert {"numpy", "pillow", "pyinterface"} <= set(lock_packages(tmp_path / "out"))


def test_imported_modules_map_to_lock_names(tmp_path: Path) -> None:
    # PIL is pillow's import name; pandas brings its own dependencies through the lock.
    app = write_app(tmp_path / "app", """
        import PIL.Image
        import pandas
        import pyinterface as gr
        demo = gr.Interface(lambda s: s, "text", "text")
    """)
    result = export_app(app, tmp_path / "out")
    assert {"pandas", "pillow"} <= set(result.packages) and "scikit-learn" not in result.packages
    assert {"pandas", "numpy", "pillow", "pytz", "six"} <= set(lock_packages(tmp_path / "out"))


def test_import_the_page_cannot_satisfy_is_warned_about(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", """
        import pkginfo  # installed here, but neither a Pyodide package nor in the app's folder
        import pyinterface as gr
        demo = gr.Interface(lambda s: s, "text", "text")
    """)
    said: list[str] = []
    result = export_app(app, tmp_path / "out", log=said.append)
    assert result.packages == []
    assert len(said) == 1 and said[0].startswith("warning: the app imports 'pkginfo'") and "--requirements" in said[0]


def test_packages_come_from_the_apps_imports_and_pyodides_depends_not_from_cpython(tmp_path: Path) -> None:
    # CPython's scikit-learn imports narwhals and cloudpickle (both in Pyodide's lock too);
    # Pyodide's build needs only scipy, joblib and threadpoolctl, which its lock says.
    import sklearn  # noqa: F401 - the premise: CPython's build imports more than Pyodide's needs

    assert {"narwhals", "cloudpickle"} <= set(sys.modules)
    app = write_app(tmp_path / "app", """
        import numpy as np
        from sklearn.linear_model import LogisticRegression
        import pyinterface as gr
        model = LogisticRegression().fit(np.array([[0.0], [1.0]]), np.array([0, 1]))
        demo = gr.Interface(lambda x: int(model.predict([[x]])[0]), "number", "number")
    """)
    result = export_app(app, tmp_path / "out", log=lambda m: pytest.fail(f"unexpected: {m}"))
    assert result.packages == ["numpy", "scikit-learn"]
    assert sorted(lock_packages(tmp_path / "out")) == [
        "joblib", "numpy", "openblas", "pyinterface", "scikit-learn", "scipy", "threadpoolctl",
    ]  # fmt: skip


def test_an_import_inside_fn_counts_and_a_guarded_one_only_if_it_succeeded(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", """
        import pyinterface as gr
        try:
            import pytz  # guarded and installed here: the page gets it too
        except ImportError:
            pytz = None
        try:
            import no_such_module_anywhere  # guarded and missing: neither shipped nor warned about
        except ImportError:
            no_such_module_anywhere = None

        def expit(x):
            import scipy.special  # never run by the export: still needed on the page

            return float(scipy.special.expit(x))

        demo = gr.Interface(expit, "number", "number")
    """)
    said: list[str] = []
    result = export_app(app, tmp_path / "out", log=said.append)
    assert result.packages == ["pytz", "scipy"] and said == []
    assert {"numpy", "openblas", "pytz", "scipy"} <= set(lock_packages(tmp_path / "out"))


def test_a_package_that_cannot_be_had_is_named_with_where_it_looked_and_out_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses
    import shutil

    from pyinterface.tooling import runtime
    from pyinterface.tooling.runtime import _pins
    from tests.test_runtime import Loopback

    # A cache holding only what is vendored up front, no kept wheel, and an offline world:
    # the CDN and PyPI both answer 404 (a loopback server with nothing to serve).
    real = runtime.ensure_runtime()
    cached = tmp_path / "cache" / real.name
    cached.mkdir(parents=True)
    manifest = json.loads((real / runtime.MANIFEST_NAME).read_text())
    for name in [*manifest["files"], runtime.MANIFEST_NAME]:
        shutil.copyfile(real / name, cached / name)
    (tmp_path / "nothing").mkdir()
    server = Loopback(tmp_path / "nothing")
    try:
        pins = dataclasses.replace(_pins._pins_for(), cdn_url=f"{server.url}/cdn/", wheel_url=f"{server.url}/pypi/w.whl")
        monkeypatch.setitem(_pins._PINS, runtime.PYODIDE_VERSION, pins)
        monkeypatch.setattr(runtime, "ensure_runtime", lambda: cached)
        app = write_app(tmp_path / "app", TEXT_APP)
        export_app(app, tmp_path / "out")
        before = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
        app.write_text("import scipy.special\n" + app.read_text())
        with pytest.raises(ExportError) as info:
            export_app(app, tmp_path / "out")
    finally:
        server.close()
    message = str(info.value)
    assert "cannot get 2 package(s) of Pyodide 0.27.7" in message
    assert "'openblas' (openblas-0.3.26.zip" in message  # scipy's dependency, by the lock
    assert "'scipy' (scipy-1.14.1-cp312-cp312-pyodide_2024_0_wasm32.whl" in message
    for place in (str(cached), f"{server.url}/cdn/scipy-1.14.1", f"{server.url}/pypi/w.whl: HTTP 404"):
        assert place in message
    assert "VENDORED_PACKAGES" not in message
    after = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before, "a failed export leaves --out as it was"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")], "the partial folder is removed"


def test_local_modules_ship_as_app_files(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    write_app(folder, "def shout(s):\n    return s.upper()\n", name="helpers.py")
    app = write_app(folder, """
        import pyinterface as gr
        from helpers import shout
        demo = gr.Interface(shout, "text", "text")
    """)
    result = export_app(app, tmp_path / "out")
    assert result.files == ["app.py", "helpers.py"] and result.packages == []


# --------------------------------------------------------------------------- app files


def test_collect_skips_caches_venvs_exports_and_out(tmp_path: Path) -> None:
    app = write_app(tmp_path, "print(1)\n")
    for path in ("__pycache__/app.cpython-311.pyc", ".git/HEAD", "node_modules/x/index.js", ".env",
                 "venv2/pyvenv.cfg", "venv2/lib/x.py", "old/app/manifest.json", "old/pyodide/pyodide.mjs",
                 "out/index.html", "data/a.csv", "src/util.py"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    assert collect_app_files(app, out=tmp_path / "out", include=["*"]) == ["app.py", "data/a.csv", "src/util.py"]
    assert collect_app_files(app, out=tmp_path / "out") == ["app.py"]  # a glob adds; by default only what is used


def test_large_folder_is_refused_naming_include(tmp_path: Path) -> None:
    app = write_app(tmp_path, "print(1)\n")
    (tmp_path / "big.bin").write_bytes(b"\0" * 4000)
    (tmp_path / "small.txt").write_text("x")
    with pytest.raises(ExportError, match=r"big\.bin.*--include"):
        collect_app_files(app, include=["*"], max_bytes=1000)
    assert collect_app_files(app, include=["*.txt"], max_bytes=1000) == ["app.py", "small.txt"]


# --------------------------------------------------------------------------- bad apps and arguments


def test_failing_app_prints_its_traceback_and_exits_non_zero(tmp_path: Path) -> None:
    app = write_app(tmp_path, """
        import pyinterface as gr
        ratio = 1 / 0
    """, name="broken_app.py")
    proc = run_cli("export", str(app), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert 'broken_app.py", line 3, in <module>' in proc.stderr and "ratio = 1 / 0" in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last == "error: cannot export broken_app.py: ZeroDivisionError: division by zero (its traceback is above)"
    assert "runpy" not in proc.stderr  # the traceback starts at the app's own frame
    assert not (tmp_path / "out").exists()


def test_app_that_builds_no_interface_is_named(tmp_path: Path) -> None:
    app = write_app(tmp_path, "demo = 3\n", name="nothing.py")
    proc = run_cli("export", str(app), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "error: cannot export nothing.py: built no Interface" in proc.stderr
    assert "`demo` is a int" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_app_file_is_an_error(tmp_path: Path) -> None:
    proc = run_cli("export", str(tmp_path / "nope.py"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1 and "nope.py is not one" in proc.stderr


# --------------------------------------------------------------------------- --requirements


def test_pure_python_requirement_is_bundled_and_importable_without_installing_it(tmp_path: Path) -> None:
    # tinylib is installed nowhere: the export's run of the app imports it from the wheel itself.
    app = write_app(tmp_path / "app", """
        import tinylib
        import pyinterface as gr
        demo = gr.Interface(lambda s: s * tinylib.VALUE, "text", "text", title=f"x{tinylib.VALUE}")
    """)
    with pytest.raises(ImportError):
        __import__("tinylib")
    make_wheel(tmp_path, "tinylib")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("./tinylib-0.1-py3-none-any.whl\n")  # relative to the file's folder
    said: list[str] = []
    result = export_app(app, tmp_path / "out", requirements=requirements, log=said.append)
    assert result.config["title"] == "x42" and not said  # imported, and no "neither a Pyodide package" warning
    assert result.packages == ["tinylib"]
    entry = lock_packages(tmp_path / "out")["tinylib"]
    assert entry["file_name"] == "tinylib-0.1-py3-none-any.whl" and entry["imports"] == ["tinylib"]
    assert (tmp_path / "out" / "pyodide" / entry["file_name"]).is_file()


def test_platform_wheel_requirement_is_rejected(text_export: tuple[Path, Path], tmp_path: Path) -> None:
    from packaging.tags import sys_tags

    app, _ = text_export
    tag = next(iter(sys_tags()))  # installable here, so only the exporter's own check can refuse it
    wheel = make_wheel(tmp_path, "fastlib", tag=f"{tag.interpreter}-{tag.abi}-{tag.platform}")
    (tmp_path / "requirements.txt").write_text(f"{wheel}\n")
    proc = run_cli("export", str(app), "--out", str(tmp_path / "out"), "--requirements", str(tmp_path / "requirements.txt"))
    assert proc.returncode == 1
    assert f"{wheel.name} is a platform wheel" in proc.stderr and "pure-Python" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_requirement_with_unavailable_dependency_is_explained(text_export: tuple[Path, Path], tmp_path: Path) -> None:
    app, _ = text_export
    make_wheel(tmp_path, "needy", requires=("not-a-pyodide-package",))
    (tmp_path / "requirements.txt").write_text("./needy-0.1-py3-none-any.whl\n")
    with pytest.raises(ExportError, match="not-a-pyodide-package"):
        export_app(app, tmp_path / "out", requirements=tmp_path / "requirements.txt")


# --------------------------------------------------------------------------- the pyinterface wheel


def test_pyinterface_wheel_is_reproducible_and_complete(tmp_path: Path) -> None:
    first = build_pyinterface_wheel(tmp_path / "a")
    second = build_pyinterface_wheel(tmp_path / "b")
    assert first.name == second.name == "pyinterface-0.1.0-py3-none-any.whl"
    assert first.read_bytes() == second.read_bytes()
    assert build_pyinterface_wheel(tmp_path / "a") == first  # cached by content
    with zipfile.ZipFile(first) as zf:
        names = set(zf.namelist())
        assert {"pyinterface/__init__.py", "pyinterface/_worker.py", "pyinterface/components/base.py"} <= names
        assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
        # The page's wheel holds the library and the worker side, never the build-time room.
        assert not any(n.startswith("pyinterface/tooling/") for n in names)
        metadata = zf.read("pyinterface-0.1.0.dist-info/METADATA").decode()
        record = zf.read("pyinterface-0.1.0.dist-info/RECORD").decode()
    assert "Name: pyinterface\nVersion: 0.1.0\n" in metadata
    assert "pyinterface/__init__.py,sha256=" in record


# --------------------------------------------------------------------------- apps that use gr.load


HUB_APP = """
import pyinterface as gr
gr.load("huggingface/gpt2").launch()
"""


@pytest.fixture(scope="module")
def hub_export(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Any]]:
    """The seed's gr.load snippet exported against the Hub emulator, with HF_TOKEN set while exporting."""
    from tests.hub_emulator import VALID_TOKEN
    from tests.hub_space import make_emulator

    emulator = make_emulator()
    root = tmp_path_factory.mktemp("hub")
    app = write_app(root / "gpt2", HUB_APP)
    out = root / "site-out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_TOKEN", VALID_TOKEN)  # the export's run of the app may use it; the folder must not hold it
        export_app(app, out, hf_endpoint=emulator.url + "/", hf_inference_endpoint=emulator.inference_url)
    try:
        yield out, emulator
    finally:
        emulator.stop()


def test_a_gr_load_app_gets_pyodide_http_and_its_endpoints(hub_export: tuple[Path, Any]) -> None:
    out, emulator = hub_export
    manifest = json.loads((out / "app" / "manifest.json").read_text())
    assert manifest["packages"] == ["pyodide-http"]
    assert manifest["hub"] == {"endpoint": emulator.url, "inference_endpoint": emulator.inference_url}
    assert [c["type"] for c in manifest["config"]["components"]] == ["textbox", "textbox"]
    # the export ran the app against the emulator (the flags are its environment too)
    assert any(r.path.startswith("/api/models/gpt2") for r in emulator.requests)


def test_the_pinned_pypi_wheel_replaces_the_lock_entry(hub_export: tuple[Path, Any]) -> None:
    from pyinterface.tooling.runtime import EXTRA_WHEELS, PYODIDE_VERSION, ensure_extra_wheel

    out, _ = hub_export
    pin = EXTRA_WHEELS[PYODIDE_VERSION]["pyodide-http"]
    entry = lock_packages(out)["pyodide-http"]
    assert entry["file_name"] == pin.file_name
    # The export byte-compiles the wheel (runtime._compile): each module of the pinned wheel is
    # there as its .pyc, every other file as is, and the lock carries the sha256 of the file written.
    written = out / "pyodide" / pin.file_name
    assert hashlib.sha256(written.read_bytes()).hexdigest() == entry["sha256"]
    with zipfile.ZipFile(ensure_extra_wheel("pyodide-http")) as pinned, zipfile.ZipFile(written) as zf:
        names = set(zf.namelist())
        for name in pinned.namelist():
            if name.endswith(".py"):
                assert name + "c" in names and name not in names, name
            elif not name.endswith("RECORD"):
                assert zf.read(name) == pinned.read(name), name
    assert entry["imports"] == ["pyodide_http"]


def test_the_environment_hub_reaches_the_page_and_the_export_says_so(
        hub_export: tuple[Path, Any], tmp_path: Path) -> None:
    """No flags: HF_ENDPOINT / HF_INFERENCE_ENDPOINT, which the export's run loads through, go to the page."""
    import os

    _, emulator = hub_export
    app = write_app(tmp_path / "gpt2", HUB_APP)
    env = dict(os.environ, HF_ENDPOINT=emulator.url, HF_INFERENCE_ENDPOINT=emulator.inference_url + "/")
    proc = subprocess.run([sys.executable, "-m", "pyinterface", "export", str(app), "--out", str(tmp_path / "out")],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "out" / "app" / "manifest.json").read_text())
    assert manifest["hub"] == {"endpoint": emulator.url, "inference_endpoint": emulator.inference_url}
    assert (f"gr.load in the page will use {emulator.url} (from HF_ENDPOINT), "
            f"{emulator.inference_url} (from HF_INFERENCE_ENDPOINT)") in proc.stderr


def test_a_script_that_only_calls_a_loaded_model_is_told_how_to_wrap_it(
        hub_export: tuple[Path, Any], tmp_path: Path) -> None:
    _, emulator = hub_export
    app = write_app(tmp_path, """
        import pyinterface as gr
        print(gr.load("models/gpt2")("Hello"))
    """)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_ENDPOINT", emulator.url)
        patch.setenv("HF_INFERENCE_ENDPOINT", emulator.inference_url)
        with pytest.raises(AppError) as raised:
            export_app(app, tmp_path / "out")
    assert str(raised.value) == (
        "app.py: built no Interface to show: it made an Interface, for model gpt2 (text-generation), "
        "but kept none in a global and launched none. Keep the one to show and launch it: `demo = gr.load(...)`, "
        "then `demo.launch()`."
    )


def test_a_script_that_defines_fn_and_never_wraps_it_is_told_how(tmp_path: Path) -> None:
    app = write_app(tmp_path, """
        def greet(name):
            return "Hello " + name
        def _helper():
            pass
    """)
    with pytest.raises(AppError) as raised:
        export_app(app, tmp_path / "out")
    assert str(raised.value) == (
        "app.py: built no Interface: it defines greet() but wraps none in an Interface. Wrap the "
        "function to show and launch it: `demo = gr.Interface(greet, inputs=..., outputs=...)`, then `demo.launch()`."
    )


def test_no_token_is_ever_exported(hub_export: tuple[Path, Any]) -> None:
    from tests.hub_emulator import VALID_TOKEN

    out, _ = hub_export
    leaks = [p for p in out.rglob("*") if p.is_file() and VALID_TOKEN.encode() in p.read_bytes()]
    assert not leaks
    proc = subprocess.run([sys.executable, "-m", "pyinterface", "export", "x.py", "--out", "o", "--hf-token", "t"],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "unrecognized arguments: --hf-token" in proc.stderr


def test_an_app_without_gr_load_gets_neither(text_export: tuple[Path, Path]) -> None:
    _, out = text_export
    manifest = json.loads((out / "app" / "manifest.json").read_text())
    assert "hub" not in manifest and "pyodide-http" not in lock_packages(out)


@pytest.mark.parametrize("flag, value", [("hf_endpoint", "huggingface.co"), ("hf_inference_endpoint", "ftp://x/y")])
def test_a_bad_endpoint_flag_is_refused_naming_it(tmp_path: Path, flag: str, value: str) -> None:
    app = write_app(tmp_path / "a", TEXT_APP)
    dashed = "--" + flag.replace("_", "-")
    with pytest.raises(ExportError, match=rf"{dashed} must be an http\(s\) URL .*got '{value}'"):
        export_app(app, tmp_path / "out", **{flag: value})
    assert not (tmp_path / "out").exists()


def test_default_interpretation_of_a_number_ships_numpy(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("import pyinterface as gr\n"
                   "gr.Interface(lambda x: {'a': x / 10}, 'number', 'label', interpretation='default').launch()\n")
    result = export_app(app, tmp_path / "out")
    assert result.packages == ["numpy"]
    assert "numpy" in lock_packages(tmp_path / "out")
