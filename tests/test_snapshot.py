"""site/snapshot.mjs against the real runtime under Node: a memory snapshot made after importing
pyinterface from its zipped wheel restores with pyinterface imported, needs its wheel written
back (files are not in a snapshot) before a module not imported yet can load, and leaves
loadPackage treating pyinterface as installed. A snapshot with a bad header is refused by
Pyodide, which is what worker.mjs's fallback boot catches. (Cache Storage and the fallback
itself are tested in Chromium: tests/e2e/test_snapshot_boot.py.)"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pyinterface.tooling.runtime import ensure_runtime, write_runtime

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")

ROUND_TRIP = """
import fs from "node:fs";
import { loadPyodide } from "RUNTIME/pyodide.mjs";
import { markLoaded, snapshotWheels, wheelPathCode, writeWheels } from "SITE/snapshot.mjs";
import { parseLock } from "SITE/worker-runtimes.mjs";

const quiet = { indexURL: "RUNTIME/", stdout: () => {}, stderr: () => {} };
const lock = parseLock(JSON.parse(fs.readFileSync("RUNTIME/pyodide-lock.json", "utf8")), "lock");
const wheels = snapshotWheels(lock, ["pyinterface"]);
const files = wheels.map((w) => ({ fileName: w.file_name, bytes: fs.readFileSync(`RUNTIME/${w.file_name}`) }));

const maker = await loadPyodide({ ...quiet, _makeSnapshot: true });
writeWheels(maker, files);
maker.runPython(wheelPathCode([], ["pyinterface._worker"]));
// A pyinterface module the worker does not import at start-up: it must come from the wheel file.
const later = maker.runPython(`
import pkgutil, sys, pyinterface
sorted(m.name for m in pkgutil.iter_modules(pyinterface.__path__, "pyinterface.")
       if m.name not in sys.modules and m.name not in ("pyinterface.__main__", "pyinterface.tooling"))[0]`);
const snapshot = maker.makeMemorySnapshot();

const restored = await loadPyodide({ ...quiet, _loadSnapshot: snapshot });
const found = { later, size: snapshot.length };
found.importedAtRestore = restored.runPython("import sys; 'pyinterface._worker' in sys.modules");
try {
  restored.runPython(`import ${later}`);
  found.withoutFiles = "imported";
} catch (err) {
  found.withoutFiles = "failed";
}
writeWheels(restored, files);
markLoaded(restored, wheels);
found.withFiles = restored.runPython(`import importlib; importlib.import_module("${later}").__name__`);
const messages = [];
await restored.loadPackage(["pyinterface"], { messageCallback: (m) => messages.push(m), errorCallback: (m) => messages.push(m) });
found.loadPackage = messages;

const bad = snapshot.slice();
bad[0] ^= 0xff;
try {
  await loadPyodide({ ...quiet, _loadSnapshot: bad });
  found.badHeader = "restored";
} catch (err) {
  found.badHeader = err.message;
}
console.log(JSON.stringify(found));
"""


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pyinterface.tooling._wheel import build_pyinterface_wheel

    wheel = build_pyinterface_wheel(tmp_path_factory.mktemp("wheel"), package_dir=REPO / "pyinterface")
    ensure_runtime()
    return write_runtime(tmp_path_factory.mktemp("site"), packages=[], wheels=[wheel], log=lambda note: None)


def test_a_snapshot_restores_pyinterface_imported_and_its_wheel_file_is_written_back(runtime: Path) -> None:
    script = ROUND_TRIP.replace("RUNTIME", runtime.as_posix()).replace("SITE", (REPO / "site").as_posix())
    proc = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found["importedAtRestore"] is True
    assert found["later"].startswith("pyinterface.")
    assert found["withoutFiles"] == "failed", "a snapshot was expected to carry no files"
    assert found["withFiles"] == found["later"]
    assert found["loadPackage"] == ["pyinterface already loaded from pyinterface snapshot", "No new packages to load"]
    assert "magic number" in found["badHeader"]
    assert found["size"] > 10_000_000
