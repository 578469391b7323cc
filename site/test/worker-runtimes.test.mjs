import assert from "node:assert/strict";
import { test } from "node:test";

import { RuntimeError, checkVersion, importNames, integrityOf, lockClosure, packageSources, parseLock } from "../worker-runtimes.mjs";

const lock = (packages) => parseLock({ info: { version: "0.27.7" }, packages }, "http://x/pyodide-lock.json");
const entry = (name, depends = [], imports = [name]) => ({ name, depends, imports, file_name: `${name}-1.0-py3-none-any.whl` });

// The first app's runtime booted the page: it has pyinterface only. The second app's has numpy and pandas.
const BOOTED = lock({ pyinterface: entry("pyinterface") });
const OWN = lock({
  pyinterface: entry("pyinterface"),
  numpy: entry("numpy"),
  "python-dateutil": entry("python-dateutil", ["six"], ["dateutil"]),
  six: entry("six"),
  pandas: entry("pandas", ["numpy", "python-dateutil", "pyinterface"]),
});
const OWN_URL = "http://other:8001/site/pyodide/";

test("packages the booted lock knows are loaded by name, the rest by URL from the app's own folder with their dependencies", () => {
  const sources = packageSources({ names: ["pyinterface", "Pandas"], booted: BOOTED, own: OWN, ownUrl: OWN_URL, loaded: new Set() });
  assert.deepEqual(sources, [
    "pyinterface",
    `${OWN_URL}pandas-1.0-py3-none-any.whl`,
    `${OWN_URL}numpy-1.0-py3-none-any.whl`,
    `${OWN_URL}python-dateutil-1.0-py3-none-any.whl`,
    `${OWN_URL}six-1.0-py3-none-any.whl`,
  ]);
});

test("a wheel already loaded from another folder is not loaded again", () => {
  const sources = packageSources({ names: ["numpy"], booted: BOOTED, own: OWN, ownUrl: OWN_URL, loaded: new Set(["numpy"]) });
  assert.deepEqual(sources, []);
});

test("a package neither lock has is named with the runtime that lacks it", () => {
  assert.throws(
    () => packageSources({ names: ["scipy", "numpy", "torch"], booted: BOOTED, own: OWN, ownUrl: OWN_URL, loaded: new Set() }),
    (err) => err instanceof RuntimeError && err.message.startsWith(`the runtime at ${OWN_URL} has no package scipy, torch`),
  );
});

test("import names map to package names across locks, the booted lock first", () => {
  const names = importNames(BOOTED, OWN);
  assert.equal(names.get("dateutil"), "python-dateutil");
  assert.equal(names.get("pyinterface"), "pyinterface");
});

test("a different Pyodide version is refused naming both versions and the fix", () => {
  checkVersion({ wanted: null, running: "0.27.7", runningUrl: "http://a/pyodide/", source: "x" });
  checkVersion({ wanted: "0.27.7", running: "0.27.7", runningUrl: "http://a/pyodide/", source: "x" });
  assert.throws(
    () => checkVersion({ wanted: "0.26.4", running: "0.27.7", runningUrl: "http://a/pyodide/", source: "its manifest says so" }),
    (err) => /needs Pyodide 0\.26\.4 .* already runs Pyodide 0\.27\.7, loaded from http:\/\/a\/pyodide\/.*same pyinterface version/.test(err.message),
  );
});

test("something that is not a lock file is named", () => {
  assert.throws(() => parseLock({ packages: {} }, "http://x/pyodide-lock.json"), /http:\/\/x\/pyodide-lock.json is not a Pyodide lock file/);
});

test("lockClosure lists each package and its dependencies once, and the names the lock lacks", () => {
  const lock = parseLock({
    info: { version: "0.27.7" },
    packages: {
      numpy: { name: "numpy", file_name: "numpy.whl", depends: [], imports: ["numpy"], sha256: "00" },
      pillow: { name: "pillow", file_name: "pillow.whl", depends: [], imports: ["PIL"], sha256: "00" },
      scipy: { name: "scipy", file_name: "scipy.whl", depends: ["numpy", "openblas"], imports: ["scipy"], sha256: "00" },
      openblas: { name: "openblas", file_name: "openblas.zip", depends: [], imports: [], sha256: "00" },
    },
  }, "http://x/pyodide/pyodide-lock.json");
  const { entries, missing } = lockClosure(lock, ["scipy", "numpy", "nope"]);
  assert.deepEqual(entries.map((entry) => entry.name), ["scipy", "numpy", "openblas"]);
  assert.deepEqual(missing, ["nope"]);
});

test("integrityOf turns a lock's hex sha256 into the SRI string Pyodide fetches with", () => {
  assert.equal(integrityOf("00ff10"), "sha256-AP8Q");
});
