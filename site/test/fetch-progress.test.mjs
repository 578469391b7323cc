import assert from "node:assert/strict";
import { test } from "node:test";

import { createFetchMeter, fileName, formatBytes, since } from "../fetch-progress.mjs";

function fakeFetch(chunks, { length = null, status = 200 } = {}) {
  return async () => {
    const body = new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
        controller.close();
      },
    });
    const headers = { "content-type": "application/wasm" };
    if (length !== null) headers["content-length"] = String(length);
    return new Response(status === 200 ? body : null, { status, headers });
  };
}

test("bytes of a response body are counted as they are read, and the body is unchanged", async () => {
  const seen = [];
  const meter = createFetchMeter(fakeFetch([3, 5], { length: 8 }), (count) => seen.push(count.loaded));
  const response = await meter.fetch("http://x/pyodide/pyodide.asm.wasm");
  assert.equal(meter.count.total, 8);
  assert.equal(meter.count.current, "pyodide.asm.wasm");
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.equal(bytes.length, 8);
  assert.equal(meter.count.loaded, 8);
  assert.deepEqual(seen, [0, 3, 8]);
  assert.equal(response.headers.get("content-type"), "application/wasm");
});

test("a body longer than its Content-Length (compressed transfer) grows the total", async () => {
  const meter = createFetchMeter(fakeFetch([4, 4, 4], { length: 5 }), () => {});
  await (await meter.fetch("http://x/a.whl")).arrayBuffer();
  assert.equal(meter.count.loaded, 12);
  assert.equal(meter.count.total, 12);
});

test("failed responses pass through uncounted", async () => {
  const meter = createFetchMeter(fakeFetch([], { status: 404 }), () => {});
  const response = await meter.fetch("http://x/missing");
  assert.equal(response.status, 404);
  assert.equal(meter.count.files, 0);
});

test("since() measures one stage from a mark", async () => {
  const meter = createFetchMeter(fakeFetch([2], { length: 2 }), () => {});
  await (await meter.fetch("http://x/one")).arrayBuffer();
  const mark = meter.mark();
  await (await meter.fetch("http://x/two")).arrayBuffer();
  assert.deepEqual(since(meter.count, mark), { loaded: 2, total: 2, files: 1, current: "two" });
});

test("file names and byte counts read well", () => {
  assert.equal(fileName("http://x/pyodide/numpy-2.0.2-cp312.whl?v=1"), "numpy-2.0.2-cp312.whl");
  assert.equal(formatBytes(12_500_000), "12.5 MB");
  assert.equal(formatBytes(812_000), "812 kB");
  assert.equal(formatBytes(96), "96 B");
});
