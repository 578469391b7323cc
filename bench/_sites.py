"""The folders the benchmarks serve, built in one place below one root.

    <root>/text/      examples/gender_classifier.py, exported by the command line
    <root>/digits/    examples/digits_classifier.py (numpy + pillow), exported the same way
    <root>/interp/    bench/apps/linear_image.py + linear_batch.py (interpretation in the page)
    <root>/stock/     Pyodide's npm files as shipped, and a page that loadPyodide()s and runs 1+1
    <root>/pyscript/  @pyscript/core 0.6.50 (pinned, verified) booting the text app's fn on stock/

Exports run ``python -m pyinterface export`` in a child process, so the harness never imports
the build-time modules (they may move); only the runtime cache is looked up in-process.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APPS = Path(__file__).resolve().with_name("apps")

PYSCRIPT_SPEC = "@pyscript/core@0.6.50"
#: ``npm view @pyscript/core@0.6.50 dist.integrity``
PYSCRIPT_INTEGRITY = "sha512-9QOtNpDUcR4w6P+Ms7/tPPkj+LDblfplN43jErGoESlxHnrND2d5orelOvl2K4wmC1+oV8Y7HLcyQ9b0yDAXoA=="

STOCK_PAGE = """<!doctype html>
<meta charset="utf-8">
<title>stock Pyodide</title>
<p>stock Pyodide</p>
<script type="module">
  import { loadPyodide } from "./pyodide.mjs";
  const pyodide = await loadPyodide();
  const two = pyodide.runPython("1+1");
  window.__marks = { ready: performance.now() };
  document.body.dataset.status = two === 2 ? "ready" : "wrong";
</script>
"""

#: The text app's fn (taken from its file) under PyScript, on the stock runtime files; its
#: last line is the ready mark.
PYSCRIPT_PAGE = """<!doctype html>
<meta charset="utf-8">
<title>PyScript 0.6.50</title>
<link rel="stylesheet" href="./core/core.css">
<script type="module" src="./core/core.js"></script>
<script type="py" config='{"interpreter": "../stock/pyodide.mjs"}'>
{fn}


print(gender_of_sentence("She went to his house to get her keys."))
from js import performance
performance.mark("bench:ready")
</script>
"""


#: Both interpretation apps on one page, so they share one runtime (bench/run.py times them).
INTERP_PAGE_NAME = "bench.html"
INTERP_PAGE = """<!doctype html>
<meta charset="utf-8">
<title>interpretation bench</title>
<script type="module" src="pyinterface.js"></script>
<pyinterface-app id="image" src="linear_image/app/manifest.json"></pyinterface-app>
<pyinterface-app id="batch" src="linear_batch/app/manifest.json"></pyinterface-app>
"""


#: Checks that throttling reaches a module worker: the page, then its worker, download
#: stock/pyodide.asm.wasm (HTTP cache bypassed, nothing compiled) and report the times.
PROBE_PAGE_NAME = "probe.html"
PROBE_PAGE = """<!doctype html>
<meta charset="utf-8">
<title>throttle probe</title>
<script type="module">
  const url = new URL("stock/pyodide.asm.wasm", location.href).href;
  const timed = async () => {
    const start = performance.now();
    const bytes = (await (await fetch(url, { cache: "no-store" })).arrayBuffer()).byteLength;
    return { ms: performance.now() - start, bytes };
  };
  const page = await timed();
  const worker = new Worker(new URL("probe-worker.mjs", location.href), { type: "module" });
  worker.postMessage(url);
  const inWorker = await new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); });
  window.__probe = { page, worker: inWorker };
</script>
"""
PROBE_WORKER = """onmessage = async (event) => {
  const start = performance.now();
  const bytes = (await (await fetch(event.data, { cache: "no-store" })).arrayBuffer()).byteLength;
  postMessage({ ms: performance.now() - start, bytes });
};
"""


def cache_dir() -> Path:
    """Where the bench keeps what it downloads: ``$PYINTERFACE_CACHE/bench`` (default
    ``~/.cache/pyinterface/bench``)."""
    return Path(os.environ.get("PYINTERFACE_CACHE") or Path.home() / ".cache" / "pyinterface").expanduser() / "bench"


def runtime_folder() -> tuple[Path, tuple[str, ...]]:
    """The runtime cache (vendored first if missing), re-hashed against the digests recorded
    when its files came out of the integrity-checked npm tarball, and its npm file names."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    try:
        from pyinterface.tooling import runtime
    except ImportError:  # the build-time modules moved into pyinterface.tooling
        from pyinterface.tooling import runtime  # type: ignore[no-redef]
    folder = runtime.ensure_runtime()
    try:
        runtime.verify_runtime(folder)
    except Exception as exc:
        raise RuntimeError(
            f"the stock baseline needs Pyodide's npm files as shipped, but {folder} fails its check: {exc}"
        ) from exc
    return folder, tuple(runtime.CORE_FILES)


def export(apps: list[Path], out: Path, extra: tuple[str, ...] = ()) -> str:
    """``pyinterface export APP... --out OUT [EXTRA...]`` through the command line; returns its
    output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(
        [sys.executable, "-m", "pyinterface", "export", *map(str, apps), "--out", str(out), *extra],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"export of {[a.name for a in apps]} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    return proc.stdout


def stock(out: Path) -> None:
    runtime, names = runtime_folder()
    out.mkdir(parents=True)
    for name in names:
        shutil.copy2(runtime / name, out / name)
    (out / "index.html").write_text(STOCK_PAGE, encoding="utf-8")


def pyscript(out: Path) -> None:
    package = vendor_pyscript()
    out.mkdir(parents=True)
    shutil.copytree(package / "dist", out / "core")
    page = PYSCRIPT_PAGE.replace("{fn}", text_app_fn())
    (out / "index.html").write_text(page, encoding="utf-8")


def text_app_fn() -> str:
    """examples/gender_classifier.py without its imports, docstring, Interface and launch: the
    word lists and the fn, as source."""
    source = (REPO / "examples" / "gender_classifier.py").read_text(encoding="utf-8")
    keep = [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef) or (isinstance(node, ast.Assign) and not isinstance(node.value, ast.Call))
    ]
    return "\n\n".join(ast.get_source_segment(source, node) or "" for node in keep)


def vendor_pyscript() -> Path:
    """``npm pack`` @pyscript/core 0.6.50 once into the bench cache, checked against the pin
    (and against what the registry says now); returns the unpacked package folder."""
    dest = cache_dir() / "pyscript-core-0.6.50"
    if (dest / "dist" / "core.js").is_file():
        return dest
    listed = subprocess.run(
        ["npm", "view", PYSCRIPT_SPEC, "dist.integrity"], capture_output=True, text=True, check=True
    ).stdout.strip()
    if listed != PYSCRIPT_INTEGRITY:
        raise RuntimeError(
            f"npm lists {PYSCRIPT_SPEC} with integrity {listed!r}, not the pinned {PYSCRIPT_INTEGRITY!r}"
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
        packed = subprocess.run(
            ["npm", "pack", PYSCRIPT_SPEC, "--json", "--pack-destination", tmp],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        tarball = Path(tmp) / json.loads(packed)[0]["filename"]
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != PYSCRIPT_INTEGRITY:
            raise RuntimeError(f"{tarball.name} hashes to {digest}, not the pinned {PYSCRIPT_INTEGRITY}")
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        shutil.rmtree(dest, ignore_errors=True)
        os.replace(Path(tmp) / "package", dest)
    return dest


def build(
    root: Path, *, pyscript_too: bool = True, interp_too: bool = True, export_args: tuple[str, ...] = ()
) -> dict[str, str]:
    """Everything below ``root`` (``export_args``: more options for the two demos' exports);
    returns each export's summary line."""
    notes = {
        "text": export([REPO / "examples" / "gender_classifier.py"], root / "text", export_args),
        "digits": export([REPO / "examples" / "digits_classifier.py"], root / "digits", export_args),
    }
    if interp_too:
        notes["interp"] = export([APPS / "linear_image.py", APPS / "linear_batch.py"], root / "interp", ("--no-playground",))
        (root / "interp" / INTERP_PAGE_NAME).write_text(INTERP_PAGE, encoding="utf-8")
    stock(root / "stock")
    (root / PROBE_PAGE_NAME).write_text(PROBE_PAGE, encoding="utf-8")
    (root / "probe-worker.mjs").write_text(PROBE_WORKER, encoding="utf-8")
    if pyscript_too:
        pyscript(root / "pyscript")
    return {name: out.strip().splitlines()[-2] if out.strip() else "" for name, out in notes.items()}
