// Share links: a program (and its extra files) travels in the URL's fragment, so nothing of it
// ever reaches a server (browsers do not send the fragment).
//
//   #code=<C>              C: the program's UTF-8 text, raw deflate (CompressionStream
//                          "deflate-raw"), base64url without padding
//   #code=<C>&files=<F>    F: the same encoding of a JSON object naming the extra files:
//                          {"data.csv": "text …", "model.bin": {"base64": "<standard base64>"}}
//
// Python writes the same link: base64.urlsafe_b64encode(zlib.compressobj(wbits=-15) output)
// with the trailing "=" removed. Decoding is lenient where that costs nothing (padding, the
// standard base64 alphabet, percent-encoding a chat app added) and strict where a wrong guess
// would run code that is not what was shared (truncated deflate, bad UTF-8, bad JSON).
//
// The program is the app's entry, app.py; a file of that name is refused. File names are
// relative paths inside the app's folder (no "..", no leading "/"), as mount() and the
// downloaded site take them.

/** Links longer than this (bytes; a link is ASCII) are not copied: the page offers Download. */
export const SHARE_WARN_BYTES = 100_000;

/** The app's entry; the code is saved under this name, so no extra file may take it. */
export const ENTRY_NAME = "app.py";

/** A link's code or files never inflate past this (a few kB of deflate can expand a thousandfold). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/**
 * @typedef {string | {base64: string} | Uint8Array} ShareFile  text, or bytes (as base64 or as is)
 * @typedef {{code: string, files?: Record<string, ShareFile>}} Program
 */

/** `{code, files}` -> "#code=…[&files=…]" (files only when there are some). */
export async function encodeFragment({ code, files = {} }) {
  if (typeof code !== "string") throw new TypeError(`encodeFragment(): code must be a string, got ${typeof code}.`);
  let fragment = `#code=${toBase64Url(await deflateRaw(new TextEncoder().encode(code)))}`;
  const entries = Object.entries(checkFiles(files, "encodeFragment()"));
  if (entries.length) {
    const json = JSON.stringify(Object.fromEntries(entries.map(([name, value]) => [name, value instanceof Uint8Array ? { base64: toBase64(value) } : value])));
    fragment += `&files=${toBase64Url(await deflateRaw(new TextEncoder().encode(json)))}`;
  }
  return fragment;
}

/**
 * A location's hash ("#code=…", with or without the "#") -> `{code, files}`, files as in the
 * link (text, or `{base64}`); null when it carries no code. A malformed fragment throws an
 * Error whose message says what is wrong with the link.
 */
export async function decodeFragment(hash) {
  const params = fragmentParams(hash ?? "");
  if (!params.has("code")) {
    if (params.has("files")) throw new Error("the link has files= but no code=: it is not a whole share link (copied in part?).");
    return null;
  }
  const code = await inflateText(params.get("code"), "code");
  let files = {};
  if (params.has("files")) {
    const json = await inflateText(params.get("files"), "files");
    try {
      files = JSON.parse(json);
    } catch (err) {
      throw new Error(`the link's files= is not JSON (${err.message}); a share link's files= is a JSON object of name -> text or {"base64": …}.`);
    }
    checkFiles(files, "the link's files=");
  }
  return { code, files };
}

/** The files of a program in the form mount() takes: text as is, `{base64}` as a Uint8Array. */
export function filesForMount(files = {}) {
  return Object.fromEntries(Object.entries(files).map(([name, value]) => [name, typeof value === "string" || value instanceof Uint8Array ? value : fromBase64(value.base64, `files[${JSON.stringify(name)}]`)]));
}

/**
 * Copy the share link of `program` (this page's URL with the program as its fragment) to the
 * clipboard, and say what happened through `setStatus(text)`. A link over SHARE_WARN_BYTES is
 * not copied (long links are cut by browsers, chat apps and mail), and the status says to
 * download the program instead. Resolves `{copied, link, bytes}`.
 */
export async function copyLink(program, { setStatus = () => {} } = {}) {
  const link = `${location.href.split("#")[0]}${await encodeFragment(program)}`;
  const bytes = link.length;
  if (bytes > SHARE_WARN_BYTES) {
    setStatus(
      `This program's link would be ${formatKb(bytes)}, over the ${formatKb(SHARE_WARN_BYTES)} a share link can ` +
        "safely carry (browsers, chat apps and mail cut longer ones), so it was not copied. Use Download app.py or " +
        "Download site instead.",
    );
    return { copied: false, link, bytes };
  }
  try {
    await navigator.clipboard.writeText(link);
  } catch (err) {
    setStatus(`Could not copy the link to the clipboard (${err.message}). Allow clipboard access for this page and press Copy link again.`);
    return { copied: false, link, bytes };
  }
  setStatus(`Link copied (${formatKb(bytes)}): whoever opens it sees this code and its app.`);
  return { copied: true, link, bytes };
}

// -- the fragment ------------------------------------------------------------------------------

function fragmentParams(hash) {
  const params = new Map();
  for (const part of hash.replace(/^#/, "").split("&")) {
    if (!part) continue;
    const at = part.indexOf("=");
    const key = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? "" : part.slice(at + 1);
    if (key !== "code" && key !== "files") continue; // room for later keys; old pages ignore them
    try {
      params.set(key, decodeURIComponent(value));
    } catch {
      throw new Error(`the link's ${key}= holds a broken %-escape; copy the whole link again.`);
    }
  }
  return params;
}

/** `files` checked: an object of safe relative names -> text, {base64} or bytes. Returns it. */
function checkFiles(files, where) {
  if (!files || typeof files !== "object" || Array.isArray(files)) {
    throw new Error(`${where}: files must be an object of name -> text or {"base64": …}, got ${Array.isArray(files) ? "an array" : typeof files}.`);
  }
  for (const [name, value] of Object.entries(files)) {
    const problem = fileNameProblem(name);
    if (problem) throw new Error(`${where}: the file name ${JSON.stringify(name)} ${problem}.`);
    const ok = typeof value === "string" || value instanceof Uint8Array || (value && typeof value === "object" && typeof value.base64 === "string");
    if (!ok) throw new Error(`${where}: files[${JSON.stringify(name)}] must be text or {"base64": "…"}, got ${JSON.stringify(value)?.slice(0, 60)}.`);
  }
  return files;
}

/** Why `name` cannot be a file of the app (a phrase), or "" when it can. */
export function fileNameProblem(name) {
  if (!name) return "is empty";
  if (name === ENTRY_NAME) return `is the program's own name (the code is ${ENTRY_NAME}); rename the file`;
  if (name.includes("\\")) return 'contains "\\": use "/" between folders';
  if (name.startsWith("/")) return "is absolute: name files relative to the app's folder";
  if (name.split("/").some((part) => part === "" || part === "." || part === "..")) return "has an empty, \".\" or \"..\" part: files stay inside the app's folder";
  return "";
}

// -- bytes ---------------------------------------------------------------------------------------

async function deflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** base64url of raw deflate -> the UTF-8 text it holds; `what` ("code", "files") names it in errors. */
async function inflateText(value, what) {
  if (!value) throw new Error(`the link's ${what}= is empty: the link was cut short, copy the whole link again.`);
  const compressed = fromBase64(value, `the link's ${what}=`);
  const chunks = [];
  let total = 0;
  const reader = new Blob([compressed]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      total += chunk.length;
      if (total > MAX_INFLATED_BYTES) {
        await reader.cancel();
        throw new Error(`the link's ${what}= expands past ${MAX_INFLATED_BYTES / 1024 / 1024} MB; it is not a program share link.`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err.message.startsWith("the link's")) throw err;
    throw new Error(`the link's ${what}= is not valid deflate-raw/base64url (${err.message}): was it cut short? Copy the whole link again.`, { cause: err });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await new Blob(chunks).arrayBuffer());
  } catch {
    throw new Error(`the link's ${what}= does not hold UTF-8 text; share links carry text (bytes go in files= as {"base64": …}).`);
  }
}

/** base64url (no padding) of `bytes`. */
export function toBase64Url(bytes) {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Standard base64 of `bytes`, in chunks so a large program does not overflow the call stack. */
function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** base64 or base64url, padded or not -> bytes; anything else throws naming `where`. */
export function fromBase64(text, where) {
  const body = text.replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/_-]*$/.test(body) || body.length % 4 === 1) {
    const bad = body.match(/[^A-Za-z0-9+/_-]/)?.[0];
    throw new Error(`${where} is not base64${bad ? ` (it holds ${JSON.stringify(bad)})` : " (its length is off by one: cut short?)"}.`);
  }
  const binary = atob(body.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - (body.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function formatKb(bytes) {
  return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
}
