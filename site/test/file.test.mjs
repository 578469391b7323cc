import assert from "node:assert/strict";
import { test } from "node:test";

import { acceptAttribute, fileList, fileName, fileSource, formatSize } from "../components/file.mjs";

test("a file value is shown by its own name; a bare example path by its last segment", () => {
  assert.equal(fileName({ name: "report.csv", data: "data:text/csv;base64,YQ==", size: 1 }), "report.csv");
  assert.equal(fileName("examples/data/report.csv"), "report.csv");
  assert.equal(fileName("data:text/plain;base64,YQ=="), "file");
});

test("its bytes are the data URL, or the example path itself", () => {
  assert.equal(fileSource({ name: "a", data: "data:x;base64,", size: 0 }), "data:x;base64,");
  assert.equal(fileSource("examples/a.csv"), "examples/a.csv");
});

test("single and multiple values both list their files", () => {
  assert.deepEqual(fileList(null), []);
  assert.deepEqual(fileList("a.csv"), ["a.csv"]);
  assert.deepEqual(fileList(["a.csv", "b.csv"]), ["a.csv", "b.csv"]);
});

test("sizes read as people write them", () => {
  assert.equal(formatSize(12), "12 B");
  assert.equal(formatSize(3400), "3.4 kB");
  assert.equal(formatSize(25_000_000), "25 MB");
  assert.equal(formatSize(undefined), null);
});

test("Gradio's file_types become the file chooser's accept list", () => {
  assert.equal(acceptAttribute(["image", ".csv"]), "image/*,.csv");
  assert.equal(acceptAttribute(["file"]), "");
  assert.equal(acceptAttribute(null), "");
});
