import assert from "node:assert/strict";
import { test } from "node:test";

import { describeFatal } from "../fatal.mjs";
import { timeoutReason, withTimeout } from "../run-control.mjs";

/** A runner as client.event behaves: resolves after `ms`, or rejects CancelledError once its signal aborts. */
function runner(ms, calls = []) {
  return (event, data, { signal }) => new Promise((resolve, reject) => {
    calls.push({ event, data, signal });
    const timer = setTimeout(() => resolve(["done"]), ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(Object.assign(new Error("Cancelled."), { type: "CancelledError" }));
    });
  });
}

test("no timeout: the runner is used as it is", () => {
  const run = runner(1);
  assert.equal(withTimeout(run, null), run);
  assert.equal(withTimeout(run, 0), run);
});

test("a run within the timeout resolves with its outputs", async () => {
  assert.deepEqual(await withTimeout(runner(5), 1)("predict", ["a"], {}), ["done"]);
});

test("a run past the timeout is cancelled with the timeout as the reason, and fails naming the limit", async () => {
  const calls = [];
  await assert.rejects(withTimeout(runner(10_000, calls), 0.05)("predict", ["a"], {}), (err) => {
    assert.equal(err.type, "TimeoutError");
    assert.match(err.message, /^fn ran longer than this app's timeout of 0.05 s, so it was stopped\. Change the limit with Interface\(\.\.\., timeout=seconds\)/);
    return true;
  });
  assert.equal(calls[0].signal.reason, timeoutReason(0.05));
  assert.match(timeoutReason(2), /timeout of 2 s \(Interface\(\.\.\., timeout=2\)\)/);
});

test("the caller's own cancel still works under a timeout and stays a CancelledError", async () => {
  const controller = new AbortController();
  const calls = [];
  const running = withTimeout(runner(10_000, calls), 60)("predict", [], { signal: controller.signal });
  controller.abort("Cancel was pressed");
  await assert.rejects(running, (err) => err.type === "CancelledError");
  assert.equal(calls[0].signal.reason, "Cancel was pressed"); // the reason reaches client.mjs (its restart message)
});

test("Pyodide's fatal errors are described in words a visitor can act on", () => {
  const exit = Object.assign(new Error("Program terminated with exit(1)"), { name: "ExitStatus", status: 1 });
  assert.equal(describeFatal(exit), "the app's code ended the Python process (exit code 1, e.g. os._exit)");
  assert.match(describeFatal(new RangeError("Maximum call stack size exceeded")), /^Python's C stack overflowed/);
  assert.equal(describeFatal(new Error("Aborted(OOM)")), "Python ran out of memory (Error: Aborted(OOM))");
  assert.equal(describeFatal(new Error("Aborted(Assertion failed)")), "Python aborted (Aborted(Assertion failed))");
  assert.equal(describeFatal(new TypeError("x is undefined")), "Pyodide failed and cannot go on (TypeError: x is undefined)");
});
