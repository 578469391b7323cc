import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ERROR_FIELDS, MESSAGE_FIELDS, MESSAGE_TYPES, PROTOCOL_VERSION, ProtocolError, checkProtocolVersion, makeAppOutput, makeCancel, makeConfig,
  makeError, makeEvent, makeExec, makeExecOutput, makeExecResult, makeFatal, makeHello, makeHubToken, makeHubWait, makeLoadApp,
  makeProgress, makeResult, makeRunApp, makeStartRuntime, makeUnloadApp, validateMessage,
} from "../protocol.mjs";

const SAMPLES = {
  hello: makeHello(),
  "start-runtime": makeStartRuntime({ runtime: "http://x/pyodide/", pyodide: "0.27.7", packages: ["numpy"] }),
  "load-app": makeLoadApp({
    id: 1, app: "app1", runtime: "http://x/pyodide/", source_url: "http://x/app/manifest.json", manifest: { entry: "app.py" },
    files: [{ name: "app.py", url: "http://x/app/app.py" }],
  }),
  "run-app": makeRunApp({ id: 1, app: "app1", path: "/home/pyodide/apps/app1", entry: "app.py" }),
  progress: makeProgress({ stage: "load runtime", message: "Downloading", loaded: 10, total: 20.5 }),
  config: makeConfig({ id: 1, app: "app1", config: { version: 1 } }),
  event: makeEvent({ id: 2, app: "app1", event: "predict", data: ["Ada", 3, null] }),
  cancel: makeCancel({ id: 2 }),
  result: makeResult({ id: 2, data: [{ label: "cat" }] }),
  error: makeError({ id: 2, error: { type: "ValueError", message: "bad", traceback: "Traceback...", stage: null } }),
  "hub-token": makeHubToken({ token: "hf_pasted" }),
  "hub-wait": makeHubWait({ id: 2, app: "app1", seconds: 12.5, message: "Model is loading", attempt: 1, max_attempts: 4, status: 503 }),
  exec: makeExec({ id: 3, app: "app1", code: "print(6*7)" }),
  "exec-output": makeExecOutput({ id: 3, stream: "stdout", text: "42\n" }),
  "exec-result": makeExecResult({ id: 3, status: "complete", value: "'ABC'" }),
  "unload-app": makeUnloadApp({ app: "app1" }),
  "app-output": makeAppOutput({ app: "app1", stream: "stdout", text: "starting\n" }),
  fatal: makeFatal({ reason: "Python exited (exit code 1)" }),
};

test("every message type has a constructor sample", () => {
  assert.deepEqual(Object.keys(SAMPLES).sort(), [...MESSAGE_TYPES].sort());
});

for (const [type, message] of Object.entries(SAMPLES)) {
  test(`a ${type} message survives a JSON round trip and validates`, () => {
    const copy = JSON.parse(JSON.stringify(message));
    assert.deepEqual(validateMessage(copy), message);
    assert.equal(copy.type, type);
  });

  test(`a ${type} message missing a field is refused, naming the field`, () => {
    const field = Object.keys(MESSAGE_FIELDS[type])[0];
    const broken = { ...message };
    delete broken[field];
    assert.throws(() => validateMessage(broken), (err) => err instanceof ProtocolError && err.message.includes(`"${field}"`));
  });
}

test("a field of the wrong type names the field, what was expected and what came", () => {
  assert.throws(() => validateMessage({ ...SAMPLES.result, id: "seven" }), /"id" must be integer, got "seven"/);
});

test("unknown types, unknown events and malformed errors are refused", () => {
  assert.throws(() => validateMessage({ type: "shout" }), /unknown message type "shout"/);
  assert.throws(() => validateMessage(null), /must be an object/);
  assert.throws(() => validateMessage({ ...SAMPLES.event, event: "flag" }), /must be one of predict, interpret/);
  assert.throws(() => validateMessage({ type: "error", id: 1, error: { type: "E", message: "m" } }), /has no "traceback"/);
});

test("exec streams and statuses are checked; a config may come unasked (id null)", () => {
  assert.throws(() => validateMessage({ ...SAMPLES["exec-output"], stream: "stdin" }), /"stream" must be one of stdout, stderr, got "stdin"/);
  assert.throws(() => validateMessage({ ...SAMPLES["exec-result"], status: "done" }), /"status" must be one of complete, incomplete/);
  assert.throws(() => validateMessage({ ...SAMPLES["app-output"], stream: "log" }), /"stream" must be one of stdout, stderr, got "log"/);
  assert.equal(validateMessage(makeExecResult({ id: 3, status: "incomplete" })).value, null);
  assert.equal(validateMessage(makeConfig({ app: "app1", config: { version: 1 } })).id, null);
});

test("makeError turns a JS Error into the error fields", () => {
  const message = makeError({ id: 3, error: new TypeError("nope"), stage: "load runtime" });
  assert.deepEqual(message.error, { type: "TypeError", message: "nope", traceback: null, stage: "load runtime" });
  assert.deepEqual(Object.keys(message.error).sort(), Object.keys(ERROR_FIELDS).sort());
});

test("a different protocol version fails, naming both versions", () => {
  checkProtocolVersion(PROTOCOL_VERSION, "the worker");
  assert.throws(() => checkProtocolVersion(PROTOCOL_VERSION + 1, "The worker"),
    new RegExp(`The worker speaks pyinterface protocol ${PROTOCOL_VERSION + 1} but this page speaks ${PROTOCOL_VERSION}`));
});

test("a Hub error's details pass through makeError and are checked when present", () => {
  const hub = { kind: "token", needs_token: true, help_url: "https://hub/settings/tokens", status: 401 };
  const message = makeError({ id: 4, error: { type: "Error", message: "needs a token", traceback: null, stage: null, hub } });
  assert.deepEqual(validateMessage(JSON.parse(JSON.stringify(message))).error.hub, hub);
  assert.throws(() => validateMessage({ ...message, error: { ...message.error, hub: "token" } }), /"hub" must be object\|null/);
  assert.equal("hub" in makeError({ id: 4, error: new Error("plain") }).error, false);
});
