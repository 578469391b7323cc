import assert from "node:assert/strict";
import { test } from "node:test";

import { WHEEL_DIR, sha256Hex, snapshotKey, snapshotWheels, wheelPathCode } from "../snapshot.mjs";
import { parseLock } from "../worker-runtimes.mjs";

const entry = (name, fileName, depends = [], sha256 = `${name}-sha`) => ({ name, file_name: fileName, depends, sha256, imports: [name] });
const LOCK = parseLock({
  info: { version: "0.27.7" },
  packages: {
    pyinterface: entry("pyinterface", "pyinterface-0.1.0-py3-none-any.whl"),
    "python-dateutil": entry("python-dateutil", "python_dateutil-2.9.0-py2.py3-none-any.whl", ["six"]),
    six: entry("six", "six-1.16.0-py2.py3-none-any.whl"),
    numpy: entry("numpy", "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"),
    pandas: entry("pandas", "pandas-2.2.3-cp312-cp312-pyodide_2024_0_wasm32.whl", ["numpy", "python-dateutil"]),
    "pyodide-http": entry("pyodide-http", "pyodide_http-0.2.1-py3-none-any.whl"),
  },
}, "http://x/pyodide-lock.json");

test("a snapshot holds pyinterface and the app's pure-Python packages with their dependencies", () => {
  const wheels = snapshotWheels(LOCK, ["pyinterface", "Python_Dateutil"]);
  assert.deepEqual(wheels.map((w) => w.name), ["pyinterface", "python-dateutil", "six"]);
});

test("an app whose packages (or their dependencies) have compiled code gets no snapshot", () => {
  assert.equal(snapshotWheels(LOCK, ["pyinterface", "numpy"]), null);
  assert.equal(snapshotWheels(LOCK, ["pyinterface", "pandas"]), null);
});

test("an app using a wheel that reads JS globals at import (gr.load's pyodide-http) gets no snapshot", () => {
  assert.equal(snapshotWheels(LOCK, ["pyinterface", "pyodide-http"]), null);
});

test("a package the lock lacks is an error naming it", () => {
  assert.throws(() => snapshotWheels(LOCK, ["pyinterface", "scipy"]), /no package scipy.*export the app again/);
});

test("the key changes with the Pyodide version and with any wheel's sha256, not with the order", async () => {
  const wheels = snapshotWheels(LOCK, ["pyinterface", "six"]);
  const key = await snapshotKey("0.27.7", wheels);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(await snapshotKey("0.27.7", [...wheels].reverse()), key);
  assert.notEqual(await snapshotKey("0.27.8", wheels), key);
  const rebuilt = wheels.map((w) => (w.name === "six" ? { ...w, sha256: "other" } : w));
  assert.notEqual(await snapshotKey("0.27.7", rebuilt), key);
});

test("the wheels go on sys.path once, and the snapshot's imports follow", () => {
  const code = wheelPathCode(["a-1-py3-none-any.whl"], ["pyinterface._worker"]);
  assert.equal(code, [
    "import sys",
    `for _p in ["${WHEEL_DIR}/a-1-py3-none-any.whl"]:`,
    "    if _p not in sys.path: sys.path.append(_p)",
    "import pyinterface._worker",
  ].join("\n"));
});

test("sha256Hex writes the digest as pyodide-lock.json does", async () => {
  assert.equal(await sha256Hex(new TextEncoder().encode("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});
