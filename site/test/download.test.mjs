import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";

import { appEntries, zipEntries } from "../playground/download.mjs";

const FFLATE = new URL("../vendor/playground/fflate/browser.js", import.meta.url);
const LISTING = {
  format: 1,
  pyodide: "0.27.7",
  page: "<title>{{t}}</title><pyinterface-app src=\"app/manifest.json\" standalone></pyinterface-app>",
  title_placeholder: "{{t}}",
  files: [],
};
const CODE = 'import pyinterface as gr\ndemo = gr.Interface(str.upper, "text", "text")\n';
const text = (bytes) => new TextDecoder().decode(bytes);

test("the program's part of the site: titled page, app files and a manifest that finds packages from imports", () => {
  const bytes = Uint8Array.of(0, 1, 2, 255);
  const entries = appEntries({ code: CODE, files: { "data/w.txt": "one ✓", "m.bin": { base64: "AAEC/w" }, "raw.bin": bytes }, title: "Upper & <lower>" }, LISTING);
  assert.deepEqual(Object.keys(entries).sort(), [".nojekyll", "app/app.py", "app/data/w.txt", "app/m.bin", "app/manifest.json", "app/raw.bin", "index.html"]);
  assert.equal(text(entries["index.html"]), '<title>Upper &#38; &#60;lower&#62;</title><pyinterface-app src="app/manifest.json" standalone></pyinterface-app>');
  assert.equal(text(entries["app/app.py"]), CODE);
  assert.equal(text(entries["app/data/w.txt"]), "one ✓");
  assert.deepEqual(entries["app/m.bin"], bytes);
  assert.deepEqual(entries["app/raw.bin"], bytes);
  assert.deepEqual(JSON.parse(text(entries["app/manifest.json"])), {
    entry: "app.py", files: ["app.py", "data/w.txt", "m.bin", "raw.bin"], packages: null, config: null, css: null,
    runtime: "../pyodide/", pyodide: "0.27.7",
  });
});

test("without a title the page is untitled, so the element names it after the app", () => {
  assert.equal(text(appEntries({ code: CODE }, LISTING)["index.html"]).slice(0, 15), "<title></title>");
});

test("a file name that would leave the app's folder, or take app.py's place, is refused", () => {
  assert.throws(() => appEntries({ code: CODE, files: { "../index.html": "x" }, title: "t" }, LISTING), /"\.\.\/index\.html" has an empty/);
  assert.throws(() => appEntries({ code: CODE, files: { "app.py": "x" }, title: "t" }, LISTING), /program's own name/);
});

test("the zip holds every entry; compressed formats are stored, the rest deflated", { skip: !existsSync(FFLATE) && "site/vendor is not vendored" }, async () => {
  const fflate = await import(FFLATE);
  const python = new TextEncoder().encode("print('hi')\n".repeat(500));
  const wheel = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 256);
  const blob = await zipEntries({ "app/app.py": python, "pyodide/x-1.0-py3-none-any.whl": wheel, ".nojekyll": new Uint8Array(0) }, fflate);
  const zip = new Uint8Array(await blob.arrayBuffer());
  const methods = {};
  const files = fflate.unzipSync(zip, { filter: (file) => { methods[file.name] = file.compression; return true; } });
  assert.deepEqual(Object.keys(files).sort(), [".nojekyll", "app/app.py", "pyodide/x-1.0-py3-none-any.whl"]);
  assert.deepEqual(files["app/app.py"], python);
  assert.deepEqual(files["pyodide/x-1.0-py3-none-any.whl"], wheel);
  assert.equal(methods["app/app.py"], 8);
  assert.equal(methods["pyodide/x-1.0-py3-none-any.whl"], 0);
});
