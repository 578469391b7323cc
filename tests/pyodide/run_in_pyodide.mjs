#!/usr/bin/env node
// Run Python code inside a vendored Pyodide runtime under Node 20, with no network.
//
//   node run_in_pyodide.mjs RUNTIME_DIR [SCRIPT.py | -] [--packages a,b,c]
//
// RUNTIME_DIR is a folder made by pyinterface.tooling.runtime.write_runtime() (or ensure_runtime()).
// The code comes from SCRIPT.py, or stdin when it is "-" or missing. Packages are loaded
// with pyodide.loadPackage() from the folder's own pyodide-lock.json, and fetch() is
// disabled so anything that tries the network fails loudly instead of passing by luck.
//
// Output: whatever the Python code prints, then on the LAST line of stdout the value of
// the code's last expression as JSON (via Python's json.dumps). On a Python error the
// traceback goes to stderr and the exit status is 1; usage errors exit with 2.
// Timings (boot, packages, run) go to stderr.

import { readFile } from "node:fs/promises";
import path from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";

function usage(message) {
  process.stderr.write(
    `${message}\nusage: node run_in_pyodide.mjs RUNTIME_DIR [SCRIPT.py | -] [--packages a,b,c]\n`,
  );
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  let packages = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--packages") {
      if (i + 1 >= argv.length) usage("--packages needs a value");
      packages = argv[++i].split(",").map((s) => s.trim()).filter(Boolean);
    } else if (arg.startsWith("--packages=")) {
      packages = arg.slice("--packages=".length).split(",").map((s) => s.trim()).filter(Boolean);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length < 1 || positional.length > 2) usage("expected RUNTIME_DIR and an optional script");
  return { runtimeDir: positional[0], script: positional[1] ?? "-", packages };
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * An export's runtime keeps the stdlib modules a page does not load at start in
 * python_stdlib_more.zip, which the page downloads on first use (worker.mjs). Here, with no
 * network, it is written into Python's file system up front, where that download would put it.
 */
async function mountMoreStdlib(pyodide, indexURL) {
  let bytes;
  try {
    bytes = await readFile(path.join(indexURL, "python_stdlib_more.zip"));
  } catch {
    return; // the vendored runtime as shipped: one whole stdlib zip
  }
  const finder = pyodide.pyimport("_pyinterface_stdlib_more");
  try {
    pyodide.FS.writeFile(finder.ARCHIVE, bytes);
    finder.install(null);
  } finally {
    finder.destroy();
  }
}

async function main() {
  const { runtimeDir, script, packages } = parseArgs(process.argv.slice(2));
  const indexURL = path.resolve(runtimeDir) + path.sep;
  const code = script === "-" ? await readStdin() : await readFile(script, "utf8");
  const filename = script === "-" ? "<stdin>" : path.resolve(script);

  // Offline by construction: a local indexURL makes Pyodide read files with fs; any
  // fetch() (a URL in the lock, micropip reaching for PyPI) is a bug we want to see.
  globalThis.fetch = async (url) => {
    throw new Error(`network disabled in run_in_pyodide.mjs (tried to fetch ${url})`);
  };

  const t0 = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL,
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  await mountMoreStdlib(pyodide, indexURL);
  const t1 = performance.now();
  if (packages.length) {
    let failure = null;
    await pyodide.loadPackage(packages, {
      messageCallback: (msg) => process.stderr.write(`[loadPackage] ${msg}\n`),
      errorCallback: (msg) => {
        failure = msg;
        process.stderr.write(`[loadPackage] ERROR ${msg}\n`);
      },
    });
    if (failure) throw new Error(`loadPackage(${JSON.stringify(packages)}) failed: ${failure}`);
  }
  const t2 = performance.now();

  const ns = pyodide.globals.get("dict")();
  let json;
  try {
    const value = await pyodide.runPythonAsync(code, { globals: ns, filename });
    ns.set("__run_in_pyodide_result__", value);
    if (value && typeof value.destroy === "function") value.destroy();
    json = pyodide.runPython(
      "import json as _json\n_json.dumps(__run_in_pyodide_result__)",
      { globals: ns },
    );
  } finally {
    ns.destroy();
  }
  const t3 = performance.now();
  process.stderr.write(
    `[run_in_pyodide] boot ${(t1 - t0).toFixed(0)} ms, packages ${(t2 - t1).toFixed(0)} ms, ` +
      `run ${(t3 - t2).toFixed(0)} ms\n`,
  );
  process.stdout.write(json + "\n");
}

main().then(
  () => process.exit(0),
  (err) => {
    // A PythonError's message is the full Python traceback.
    process.stderr.write(`${err && err.message ? err.message : err}\n`);
    if (err && err.type) process.stderr.write(`(Python exception type: ${err.type})\n`);
    process.exit(1);
  },
);
