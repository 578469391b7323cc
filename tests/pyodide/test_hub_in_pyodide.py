"""pyinterface.hub inside the real Pyodide 0.27.7 under Node, against the loopback emulator.

The async transport is the real one: ``pyodide.http.pyfetch`` over Node's ``fetch``. The
harness disables ``fetch`` (offline by construction); a preload module given through
``NODE_OPTIONS=--import`` lets through only the origins of this test's loopback servers.

The blocking transport is pyodide-http's real code (its ``send``: a synchronous
``XMLHttpRequest``). Node has no ``XMLHttpRequest``, so the preload adds a minimal synchronous
one that performs each request in a child Node process; it keeps pyodide-http's two modes
(main thread: ISO-8859-15 text; worker: ``arraybuffer``). The browser's own XHR is exercised
by the end-to-end tests in Chromium.

The runtime here also carries pyodide-http, from its PyPI wheel (pinned below; the wheel in
Pyodide's lock is a rebuild with another digest, so it cannot be checked against the lock).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub.conftest import SPACE_ID, make_emulator, real_space  # noqa: F401  (fixture)
from tests.hub_emulator import HubEmulator, Reply, SilentHost, continuation, translate
from tests.pyodide.conftest import REPO, run_in_runtime

pytestmark = pytest.mark.pyodide

PYODIDE_HTTP = "pyodide-http==0.2.1"
PYODIDE_HTTP_WHEEL = "pyodide_http-0.2.1-py3-none-any.whl"
PYODIDE_HTTP_SHA256 = "504f62904536a91049c12d0b9162ebaa187a84a3dd877e17c04fd9bf6ec3b68e"

PRELOAD = r"""
// Test-only: let Pyodide reach this test's loopback servers, and nothing else.
import { execFileSync } from "node:child_process";

const allowed = new Set((process.env.PYINTERFACE_TEST_ORIGINS || "").split(",").filter(Boolean));
const originOf = (url) => { try { return new URL(String(url)).origin; } catch { return ""; } };
const realFetch = globalThis.fetch;
let replacement = realFetch;
Object.defineProperty(globalThis, "fetch", {
  configurable: true,
  get() {
    return (input, init) => {
      const url = typeof input === "string" ? input : (input && input.url) || String(input);
      return allowed.has(originOf(url)) ? realFetch(input, init) : replacement(input, init);
    };
  },
  set(value) { replacement = value; },  // run_in_pyodide.mjs disables fetch this way
});
globalThis.crossOriginIsolated = false;  // pyodide-http reads it at import

const CHILD = `
let input = "";
process.stdin.on("data", (c) => (input += c));
process.stdin.on("end", async () => {
  const r = JSON.parse(input);
  try {
    const res = await fetch(r.url, { method: r.method, headers: r.headers,
                                     body: r.body === null ? undefined : Buffer.from(r.body, "base64") });
    const body = Buffer.from(await res.arrayBuffer()).toString("base64");
    const headers = [...res.headers].map(([k, v]) => k + ": " + v).join("\\r\\n");
    process.stdout.write(JSON.stringify({ status: res.status, headers, body }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: String((e && e.cause) || e) }));
  }
});`;

const ISO_8859_15 = { 0xa4: 0x20ac, 0xa6: 0x160, 0xa8: 0x161, 0xb4: 0x17d, 0xb8: 0x17e, 0xbc: 0x152, 0xbd: 0x153, 0xbe: 0x178 };

class SynchronousXMLHttpRequest {
  constructor() { this.responseType = ""; this.timeout = 0; this.status = 0; this.response = null; this._headers = {}; this._raw = ""; }
  overrideMimeType() {}
  open(method, url, async = true) {
    if (async !== false) throw new Error("this test XMLHttpRequest only does synchronous requests");
    this._method = method; this._url = String(url);
  }
  setRequestHeader(name, value) { this._headers[name] = value; }
  send(body) {
    if (!allowed.has(originOf(this._url))) throw new Error(`NetworkError: ${this._url} is not a test origin`);
    const bytes = body == null ? null : Buffer.from(body.buffer ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : body);
    const env = { ...process.env }; delete env.NODE_OPTIONS;
    let out;
    try {
      out = execFileSync(process.execPath, ["-e", CHILD], {
        env, maxBuffer: 1 << 28, timeout: this.timeout || undefined,  // xhr.timeout, in ms (0: none)
        input: JSON.stringify({ method: this._method, url: this._url, headers: this._headers, body: bytes && bytes.toString("base64") }),
      });
    } catch (e) {
      if (e.code !== "ETIMEDOUT") throw e;
      const timeout = new Error("Failed to execute 'send' on 'XMLHttpRequest': the request timed out");
      timeout.name = "TimeoutError";  // what a browser's synchronous XHR throws (a DOMException)
      throw timeout;
    }
    const answer = JSON.parse(out.toString());
    if (answer.error) throw new Error(`NetworkError: Failed to execute 'send' on 'XMLHttpRequest': ${answer.error}`);
    const data = Buffer.from(answer.body, "base64");
    this.status = answer.status;
    this._raw = answer.headers;
    if (this.responseType === "arraybuffer") {
      this.response = data.buffer.slice(data.byteOffset, data.byteOffset + data.length);
    } else {
      const chars = [];
      for (const b of data) chars.push(String.fromCharCode(ISO_8859_15[b] || b));
      this.response = chars.join("");
    }
  }
  getAllResponseHeaders() { return this._raw; }
}
globalThis.XMLHttpRequest = SynchronousXMLHttpRequest;
"""


def pyodide_http_wheel() -> Path:
    """pyodide-http's PyPI wheel, downloaded once into build/.cache and checked against its pin."""
    folder = REPO / "build" / ".cache" / "wheels"
    wheel = folder / PYODIDE_HTTP_WHEEL
    if not wheel.is_file():
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q",
                   "--disable-pip-version-check", "-d", str(folder), PYODIDE_HTTP]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not wheel.is_file():
            pytest.fail(f"`{' '.join(command)}` failed (it needs PyPI once):\n{proc.stdout}\n{proc.stderr}")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != PYODIDE_HTTP_SHA256:
        wheel.unlink()
        pytest.fail(f"{wheel.name} has sha256 {digest}, expected {PYODIDE_HTTP_SHA256}; deleted, run again.")
    return wheel


@pytest.fixture(scope="module")
def hub_runtime(tmp_path_factory: pytest.TempPathFactory, pyinterface_wheel: Path) -> Path:
    from pyinterface.tooling.runtime import write_runtime

    dest = tmp_path_factory.mktemp("pyodide-hub-runtime")
    return write_runtime(dest, packages=("numpy", "pillow"), wheels=[pyinterface_wheel, pyodide_http_wheel()])


@pytest.fixture(scope="module")
def emulator() -> Iterator[HubEmulator]:
    hub = make_emulator()
    yield hub
    hub.stop()


@pytest.fixture()
def run(hub_runtime: Path, emulator: HubEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``run(code, origins=(), packages=...)``: code runs with HF_ENDPOINT/HF_INFERENCE_ENDPOINT
    set to the emulator; only the emulator's and ``origins`` are reachable."""
    preload = tmp_path / "loopback_preload.mjs"
    preload.write_text(PRELOAD)
    monkeypatch.setenv("NODE_OPTIONS", f"--import={preload.as_uri()}")
    with emulator._lock:
        emulator.requests.clear()
        emulator.scripts.clear()

    def run_code(code: str, origins: tuple[str, ...] = (), packages=("pyinterface", "pyodide-http")):
        monkeypatch.setenv("PYINTERFACE_TEST_ORIGINS", ",".join((emulator.url, *origins)))
        prelude = (f"import os\nos.environ['HF_ENDPOINT'] = {emulator.url!r}\n"
                   f"os.environ['HF_INFERENCE_ENDPOINT'] = {emulator.inference_url!r}\n")
        return run_in_runtime(hub_runtime, prelude + code, packages)

    return run_code


def test_async_load_and_call_use_pyfetch(run, emulator):
    # No pyodide-http in this runtime: only fetch can have done the HTTP.
    result = run("""
import sys
import pyinterface.hub as hub
io = await hub.aload("huggingface/gpt2")
text = await io.fn.acall("It was the best of times")
translator = await hub.aload("huggingface/t5-small")
translated = await translator.fn.acall("My name is Sarah and I live in London")
try:
    io("blocking")
except hub.HubError as error:
    blocking = str(error)
[sys.platform, text, translated, blocking]
""", packages=("pyinterface",))
    assert result[:3] == ["emscripten", f"It was the best of times {continuation('gpt2', 'It was the best of times')}",
                          "Mein Name ist Sarah und ich lebe in London"]
    assert "needs the pyodide-http package" in result[3] and "await interface.acall" in result[3]
    assert [r.path.split("?")[0] for r in emulator.requests] == [
        "/api/models/gpt2", "/hf-inference/models/gpt2", "/api/models/t5-small", "/api/models/google-t5/t5-small",
        "/hf-inference/models/google-t5/t5-small"]


def test_interface_acall_and_async_series_use_fetch(run):
    # Needs Interface.arun to await fn.acall when fn has one (the hook HubFunction provides).
    result = run("""
import pyinterface as gr
import pyinterface.hub as hub
generator = await hub.aload("huggingface/gpt2")
translator = await hub.aload("huggingface/t5-small")
[await generator.acall("Hello"), await gr.Series(generator, translator).acall("Hello")]
""", packages=("pyinterface",))
    generated = f"Hello {continuation('gpt2', 'Hello')}"
    assert result == [generated, translate(generated)]


@pytest.mark.parametrize("worker", [False, True], ids=["main-thread", "worker"])
def test_blocking_calls_go_through_pyodide_http(run, worker):
    setup = "from pyodide.code import run_js\nrun_js('globalThis.importScripts = () => {}')\n" if worker else ""
    result = run(setup + """
import pyinterface as gr
import pyinterface.hub as hub
generator = hub.load("huggingface/gpt2")
translator = hub.load("huggingface/t5-small")
series = gr.Series(generator, translator)
[generator("Hello"), series("My name is Sarah"), hub.load("models/emulator/sentiment")("I love it")["label"]]
""")
    assert result == [f"Hello {continuation('gpt2', 'Hello')}",
                      translate(f"My name is Sarah {continuation('gpt2', 'My name is Sarah')}"), "POSITIVE"]


def test_binary_answers_and_token_in_pyodide(run, emulator):
    result = run("""
import numpy as np
import pyinterface.hub as hub
image = (await (await hub.aload("models/emulator/sd")).acall("a fox"))
rate, samples = await (await hub.aload("models/emulator/tts")).acall("hello")
label = await (await hub.aload("models/emulator/vit")).acall(np.full((6, 8, 3), (220, 30, 30), np.uint8))
private = await hub.aload("models/emulator/private", hf_token="hf_emulator_inference_token")
[list(image.shape), rate, len(samples), label["label"], (await private.acall("I love it"))["label"]]
""", packages=("numpy", "pillow", "pyinterface", "pyodide-http"))
    assert result == [[48, 64, 3], 16000, 4000, "red", "POSITIVE"]
    assert emulator.logged("/hf-inference/models/emulator/private")[-1].headers["authorization"] == (
        "Bearer hf_emulator_inference_token")


def test_errors_and_retries_in_pyodide(run, emulator):
    emulator.script("gpt2", Reply(503, {"error": "Model gpt2 is currently loading", "estimated_time": 0.2}))
    result = run("""
import pyinterface.hub as hub
waits = []
hub.add_wait_listener(lambda wait: waits.append([wait.seconds, wait.status]))
io = await hub.aload("huggingface/gpt2")
first = await io.acall("Hi")
try:
    await (await hub.aload("models/emulator/private")).acall("x")
except hub.HubAuthError as error:
    auth = error.to_dict()
import os
os.environ["HF_INFERENCE_ENDPOINT"] = "http://127.0.0.1:9/hf-inference"
try:
    await (await hub.aload("huggingface/gpt2")).acall("Hi")
except hub.HubConnectionError as error:
    offline = str(error)
[first, waits, auth["kind"], auth["needs_token"], offline]
""")
    first, waits, kind, needs_token, offline = result
    assert first == f"Hi {continuation('gpt2', 'Hi')}"
    assert waits == [[1.0, 503]]  # estimated_time 0.2 s, waited at least 1 s
    assert (kind, needs_token) == ("token", True)
    assert "Could not reach 127.0.0.1:9" in offline and "the browser blocked the request" in offline


def test_space_from_pyodide(run, emulator, real_space):  # noqa: F811
    emulator.add_space(SPACE_ID, real_space)
    result = run(f"""
import numpy as np
import pyinterface.hub as hub
io = await hub.aload("spaces/{SPACE_ID}", inputs="webcam", title="Remove your webcam background!")
frame = np.full((24, 32, 3), 255, np.uint8)
frame[4:20, 4:12] = (40, 40, 160)
cutout = await io.acall(frame)
describe = hub.load("spaces/{SPACE_ID}", api_name="describe")  # blocking, through pyodide-http
[io.title, list(cutout.shape), int(cutout[12, 23, 3]), int(cutout[0, 0, 3]), describe("in the browser")]
""", origins=(real_space,), packages=("numpy", "pillow", "pyinterface", "pyodide-http"))
    assert result == ["Remove your webcam background!", [24, 32, 4], 255, 0, "3 words: IN THE BROWSER"]


def test_retry_after_is_read_and_waited_in_pyodide(run, emulator):
    # Node's fetch has no CORS: the header is readable, as in a page whose Hub exposes it.
    emulator.script("gpt2", Reply(429, {"error": "Rate limit reached"}, headers={"Retry-After": "2"}))
    result = run("""
import time
import pyinterface.hub as hub
waits = []
hub.add_wait_listener(lambda wait: waits.append([wait.seconds, wait.source, wait.message.split(".")[0]]))
io = await hub.aload("huggingface/gpt2")
started = time.monotonic()
text = await io.acall("Hi")
[text, waits, time.monotonic() - started]
""", packages=("pyinterface",))
    text, waits, elapsed = result
    assert text == f"Hi {continuation('gpt2', 'Hi')}"
    assert waits == [[2.0, "Retry-After", "The Hub asked to wait 2 s (Retry-After header)"]]
    assert 2.0 <= elapsed < 6.0  # what the Hub asked, not the 10 s back-off


@pytest.mark.parametrize("way", ["fetch", "blocking-xhr"])
def test_a_host_that_never_answers_times_out_in_pyodide(run, way):
    with SilentHost() as silent:
        # blocking: pyodide-http in a worker (it sets xhr.timeout only there; the page's Python runs in one)
        setup = "from pyodide.code import run_js\nrun_js('globalThis.importScripts = () => {}')\n" if way != "fetch" else ""
        call = "await io.acall('Hi')" if way == "fetch" else "io('Hi')"
        result = run(setup + f"""
import os, time
import pyinterface.hub as hub
os.environ["HF_INFERENCE_ENDPOINT"] = {silent.url + "/hf-inference"!r}
io = await hub.aload("huggingface/gpt2", hf_timeout=1.5)
started = time.monotonic()
try:
    {call}
except hub.HubTimeoutError as error:
    message, kind = str(error), error.kind
[message, kind, time.monotonic() - started]
""", origins=(silent.url,))
        assert silent.requests() == ["POST /hf-inference/models/gpt2 HTTP/1.1"]
    message, kind, elapsed = result
    host = silent.url.split("/")[2]
    assert message.startswith(f"No answer from {host} within 1.5 s (POST {silent.url}/hf-inference/models/gpt2)")
    assert "CORS" not in message and kind == "timeout"
    assert 1.5 <= elapsed < 8.0


def test_fetch_times_out_on_silence_not_on_a_slow_answer_that_keeps_coming(run, emulator):
    # Four slices 0.4 s apart (1.6 s in all) within a 1 s timeout; then one that stops after its headers.
    emulator.script("gpt2", Reply(200, [{"generated_text": "slow but alive"}], drip=0.4),
                    Reply(200, [{"generated_text": "too late"}], drip=2.0))
    result = run("""
import pyinterface.hub as hub
io = await hub.aload("huggingface/gpt2", hf_timeout=1)
alive = await io.acall("Hi")
try:
    await io.acall("Hi")
except hub.HubTimeoutError as error:
    stalled = str(error)
[alive, stalled]
""", packages=("pyinterface",))
    assert result[0] == "slow but alive"
    assert result[1].startswith(f"No answer from {emulator.url.split('/')[2]} within 1 s (POST ")
