import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { test } from "node:test";

import { SHARE_WARN_BYTES, copyLink, decodeFragment, encodeFragment, filesForMount, toBase64Url } from "../playground/share.mjs";

const HELLO = 'import pyinterface as gr\n\ndemo = gr.Interface(lambda s: s[::-1], "text", "text")\n';

/** A program of `bytes` UTF-8 bytes that deflates poorly (so its link is long), deterministic. */
function incompressibleCode(bytes) {
  let state = 12345;
  const words = [];
  for (let length = 0; length < bytes; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const word = `x${state.toString(36)}`;
    words.push(word);
    length += word.length + 1;
  }
  return `# ${words.join(" ")}`.slice(0, bytes);
}

test("code round-trips through the fragment: ASCII, Unicode, empty", async () => {
  for (const code of [HELLO, 'print("héllo wörld ✓ 你好 🐍")\n', ""]) {
    const fragment = await encodeFragment({ code });
    assert.match(fragment, /^#code=[A-Za-z0-9_-]+$/);
    assert.deepEqual(await decodeFragment(fragment), { code, files: {} });
  }
});

test("a program over 100 kB round-trips", async () => {
  const code = `${HELLO}${"# padding line ✓\n".repeat(8000)}`;
  assert.ok(new TextEncoder().encode(code).length > 100_000);
  assert.equal((await decodeFragment(await encodeFragment({ code }))).code, code);
});

test("files travel as text and as base64 bytes; bytes given as a Uint8Array come back as {base64}", async () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
  const fragment = await encodeFragment({ code: HELLO, files: { "data/words.txt": "one two ✓", "model.bin": bytes } });
  assert.match(fragment, /^#code=[A-Za-z0-9_-]+&files=[A-Za-z0-9_-]+$/);
  const { code, files } = await decodeFragment(fragment);
  assert.equal(code, HELLO);
  assert.equal(files["data/words.txt"], "one two ✓");
  assert.equal(typeof files["model.bin"].base64, "string");
  assert.deepEqual(filesForMount(files), { "data/words.txt": "one two ✓", "model.bin": bytes });
});

test("the link Python's zlib (raw deflate) and urlsafe base64 would write decodes", async () => {
  const raw = deflateRawSync(Buffer.from(HELLO), { level: 9 });
  const code = Buffer.from(raw).toString("base64url");
  const files = Buffer.from(deflateRawSync(Buffer.from(JSON.stringify({ "a.txt": "A" })))).toString("base64url");
  assert.deepEqual(await decodeFragment(`#code=${code}&files=${files}`), { code: HELLO, files: { "a.txt": "A" } });
  // Padding, the standard alphabet, %-escapes and no leading "#" are read too.
  const padded = Buffer.from(raw).toString("base64");
  assert.equal((await decodeFragment(`code=${encodeURIComponent(padded)}`)).code, HELLO);
});

test("a fragment without code is null; unknown keys are ignored", async () => {
  for (const hash of ["", "#", "#section-2", "#other=1"]) assert.equal(await decodeFragment(hash), null);
  const fragment = await encodeFragment({ code: HELLO });
  assert.equal((await decodeFragment(`${fragment}&theme=dark`)).code, HELLO);
});

test("malformed fragments throw errors that name the problem", async () => {
  const fragment = await encodeFragment({ code: HELLO.repeat(20) });
  const cases = [
    [fragment.slice(0, fragment.length - 12), /not valid deflate-raw\/base64url.*cut short/],
    ["#code=", /code= is empty/],
    ["#code=abc$def", /not base64 \(it holds "\$"\)/],
    ["#code=abcde", /length is off by one/],
    ["#code=%E0%A4%A", /broken %-escape/],
    [`#code=${toBase64Url(deflateRawSync(Buffer.from([0xff, 0xfe, 0x00])))}`, /does not hold UTF-8 text/],
    [`${fragment}&files=${toBase64Url(deflateRawSync(Buffer.from("{not json")))}`, /files= is not JSON/],
    [`${fragment}&files=${toBase64Url(deflateRawSync(Buffer.from("[1]")))}`, /files must be an object/],
    [`${fragment}&files=${toBase64Url(deflateRawSync(Buffer.from('{"../x.py": "1"}')))}`, /"\.\.\/x\.py" has an empty, "\." or "\.\." part/],
    [`${fragment}&files=${toBase64Url(deflateRawSync(Buffer.from('{"app.py": "1"}')))}`, /program's own name/],
    [`${fragment}&files=${toBase64Url(deflateRawSync(Buffer.from('{"a": 1}')))}`, /files\["a"\] must be text/],
    [`#files=${fragment.slice(6)}`, /files= but no code=/],
  ];
  for (const [hash, message] of cases) await assert.rejects(decodeFragment(hash), message, hash.slice(0, 60));
});

test("a link that inflates without end is refused, not read into memory", async () => {
  const bomb = toBase64Url(deflateRawSync(Buffer.alloc(70 * 1024 * 1024), { level: 9 }));
  assert.ok(bomb.length < 200_000);
  await assert.rejects(decodeFragment(`#code=${bomb}`), /expands past 64 MB/);
});

test("encodeFragment refuses files it could not decode again", async () => {
  await assert.rejects(encodeFragment({ code: HELLO, files: { "/etc/passwd": "x" } }), /is absolute/);
  await assert.rejects(encodeFragment({ code: 42 }), /code must be a string/);
});

/** Give `globalThis` the browser's `name` for the rest of test `t` (Node 20 has no location or navigator). */
function browserGlobal(t, name, value) {
  const before = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  t.after(() => (before ? Object.defineProperty(globalThis, name, before) : delete globalThis[name]));
}

test("copyLink writes the page's URL with the fragment to the clipboard, and refuses links over the limit", async (t) => {
  const written = [];
  browserGlobal(t, "location", { href: "https://x.test/site/playground/#code=old" });
  browserGlobal(t, "navigator", { clipboard: { writeText: async (text) => written.push(text) } });
  const statuses = [];
  const setStatus = (text) => statuses.push(text);

  const copied = await copyLink({ code: HELLO }, { setStatus });
  assert.equal(copied.copied, true);
  assert.deepEqual(written, [`https://x.test/site/playground/${await encodeFragment({ code: HELLO })}`]);
  assert.match(statuses.at(-1), /^Link copied \(\d+\.\d kB\)/);

  const long = await copyLink({ code: incompressibleCode(200_000) }, { setStatus });
  assert.equal(long.copied, false);
  assert.ok(long.bytes > SHARE_WARN_BYTES);
  assert.equal(written.length, 1);
  assert.match(statuses.at(-1), /over the 100 kB .* Use Download app\.py or Download site instead/);
});

test("copyLink reports a clipboard the page may not use", async (t) => {
  browserGlobal(t, "location", { href: "https://x.test/p/" });
  browserGlobal(t, "navigator", { clipboard: { writeText: async () => { throw new Error("Write permission denied."); } } });
  let status = "";
  const result = await copyLink({ code: HELLO }, { setStatus: (text) => { status = text; } });
  assert.equal(result.copied, false);
  assert.match(status, /Could not copy the link to the clipboard \(Write permission denied\.\)/);
});
