import assert from "node:assert/strict";
import { test } from "node:test";

import { countdownText } from "../countdown.mjs";
import { DEFAULT_ENDPOINTS, hubEndpoints, safeHelpUrl, tokenHosts } from "../hub.mjs";
import { forgetToken, readToken, saveToken, tokenKey } from "../hub-token.mjs";

const BASE = "http://127.0.0.1:8000/sub/page/";
const attrs = (values) => (name) => values[name] ?? null;

test("the countdown says what is happening, how long is left and which try comes next", () => {
  const wait = { status: 503, attempt: 1, max_attempts: 4, seconds: 12, message: "loading" };
  assert.equal(countdownText(wait, 12), "Model is loading, retrying in 12 s… (try 2 of 4)");
  assert.equal(countdownText(wait, 11.2), "Model is loading, retrying in 12 s… (try 2 of 4)"); // rounds up, never shows 0 early
  assert.equal(countdownText(wait, 0), "Model is loading, retrying now… (try 2 of 4)");
  assert.equal(countdownText({ ...wait, status: 429, attempt: 2 }, 3), "Too many requests, retrying in 3 s… (try 3 of 4)");
  assert.equal(countdownText({ ...wait, status: 500 }, -1), "The server is busy, retrying now… (try 2 of 4)");
});

test("endpoints: the manifest's unless an attribute overrides it; relative attributes resolve", () => {
  const manifest = { endpoint: "http://127.0.0.1:9000", inference_endpoint: "http://127.0.0.1:9000/hf-inference" };
  assert.deepEqual(hubEndpoints(manifest, attrs({}), BASE), manifest);
  assert.deepEqual(hubEndpoints(undefined, attrs({}), BASE), {});
  assert.deepEqual(
    hubEndpoints(manifest, attrs({ "hf-inference-endpoint": "/proxy/inference/", "hf-endpoint": "  " }), BASE),
    { endpoint: "http://127.0.0.1:9000", inference_endpoint: "http://127.0.0.1:8000/proxy/inference" },
  );
});

test("a bad endpoint is refused, naming where it came from", () => {
  assert.throws(() => hubEndpoints({}, attrs({ "hf-endpoint": "javascript:alert(1)" }), BASE),
    /the hf-endpoint attribute of <pyinterface-app> must be an http\(s\) URL such as "https:\/\/huggingface.co"/);
  assert.throws(() => hubEndpoints({ inference_endpoint: "ftp://x" }, attrs({}), BASE),
    /the manifest's hub.inference_endpoint \(--hf-inference-endpoint when exporting\) must be an http\(s\) URL/);
});

test("hf-timeout: seconds a Hub request may go unanswered, passed on as text; nonsense is refused", () => {
  assert.deepEqual(hubEndpoints({}, attrs({ "hf-timeout": " 2.5 " }), BASE), { timeout: "2.5" });
  assert.deepEqual(hubEndpoints({}, attrs({ "hf-timeout": "" }), BASE), {});
  for (const bad of ["0", "-3", "soon", "Infinity"]) {
    assert.throws(() => hubEndpoints({}, attrs({ "hf-timeout": bad }), BASE),
      /the hf-timeout attribute of <pyinterface-app> must be a positive number of seconds such as "60"/);
  }
});

test("the token note names the hosts the token may go to", () => {
  assert.deepEqual(tokenHosts({}), ["huggingface.co", "router.huggingface.co", "the Spaces that Hub names"]);
  assert.deepEqual(tokenHosts({ endpoint: "http://127.0.0.1:9", inference_endpoint: "http://127.0.0.1:9/x" }),
    ["127.0.0.1:9", "the Spaces that Hub names"]);
  assert.equal(DEFAULT_ENDPOINTS.endpoint, "https://huggingface.co");
});

test("help links are http(s) only", () => {
  assert.equal(safeHelpUrl({ help_url: "https://huggingface.co/gpt2" }), "https://huggingface.co/gpt2");
  assert.equal(safeHelpUrl({ help_url: "javascript:alert(1)" }), null);
  assert.equal(safeHelpUrl({ help_url: null }), null);
  assert.equal(safeHelpUrl(null), null);
});

test("the token is kept per app under its manifest URL, and can be forgotten", () => {
  const data = new Map();
  const storage = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => data.set(k, v), removeItem: (k) => data.delete(k) };
  const key = tokenKey("http://127.0.0.1:8000/app/manifest.json");
  assert.equal(readToken(storage, key), null);
  assert.equal(saveToken(storage, key, "  hf_abc \n"), true);
  assert.equal(readToken(storage, key), "hf_abc");
  assert.equal(readToken(storage, tokenKey("http://127.0.0.1:8000/other/manifest.json")), null);
  forgetToken(storage, key);
  assert.equal(readToken(storage, key), null);
  const refusing = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } };
  assert.equal(readToken(refusing, key), null);
  assert.equal(saveToken(refusing, key, "hf_abc"), false);
  assert.equal(readToken(null, key), null);
});
