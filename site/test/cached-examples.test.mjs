import assert from "node:assert/strict";
import { test } from "node:test";

import { ExampleCache, exampleCache } from "../cached-examples.mjs";

const config = (cache) => ({
  examples: { inputs: [0], samples: [["a"], ["b"], ["c"]], samples_per_page: 10, cache },
  events: [{ name: "predict", inputs: [0], outputs: [1, 2] }],
});

test("an app that does not cache examples has no cache", () => {
  assert.equal(exampleCache(config(false), [["A", 1], null, null]), null);
  assert.equal(exampleCache({ examples: null, events: [] }), null);
});

test("the outputs shipped with the export are there at once; null ones are not", () => {
  const cache = exampleCache(config(true), [["A", 1], null, ["C", 3]]);
  assert.deepEqual(cache.get(0), ["A", 1]);
  assert.equal(cache.get(1), undefined);
  assert.deepEqual(cache.get(2), ["C", 3]);
  assert.equal(cache.size, 2);
});

test("shipped outputs that do not fit the config are ignored with a warning (all cached lazily)", (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  for (const shipped of [[["A", 1]], [["A"], null, null], "nope"]) {
    assert.equal(exampleCache(config(true), shipped).size, 0);
  }
  assert.equal(warn.mock.callCount(), 3);
  assert.match(warn.mock.calls[0].arguments[0], /cached on their first click instead/);
});

test("a clicked example's next run is kept, and only that run", () => {
  const cache = new ExampleCache(3, 2);
  cache.pick(1);
  const example = cache.take();
  assert.equal(example, 1);
  assert.equal(cache.take(), null, "the pick is taken by one run only");
  cache.store(example, ["B", 2]);
  assert.deepEqual(cache.get(1), ["B", 2]);
});

test("an input the visitor edits after the click means the run is not the example's", () => {
  const cache = new ExampleCache(3, 2);
  cache.pick(2);
  cache.edited();
  const example = cache.take();
  cache.store(example, ["edited", 0]);
  assert.equal(example, null);
  assert.equal(cache.size, 0);
});

test("outputs of the wrong length are not kept", () => {
  const cache = new ExampleCache(3, 2);
  cache.store(0, ["only one"]);
  assert.equal(cache.get(0), undefined);
});
