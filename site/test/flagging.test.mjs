import assert from "node:assert/strict";
import { test } from "node:test";

import { csvRow, flagRow, logCsv, pythonNumber, pythonRepr, pythonTimestamp, stripInvalidFilenameCharacters, zipPath } from "../flag-log.mjs";
import { MemoryFlagStore, flagLogKey, onFlagLogChange, textHash } from "../flag-store.mjs";
import { flagZip } from "../flagged-view.mjs";
import { fileBlob } from "../flagging.mjs";

const FFLATE = new URL("../vendor/fflate/browser.js", import.meta.url);

test("numbers read as Python's str() of what json.loads gave it", () => {
  assert.equal(pythonNumber(3), "3");
  assert.equal(pythonNumber(-0), "0");
  assert.equal(pythonNumber(2.5), "2.5");
  assert.equal(pythonNumber(0.1 + 0.2), "0.30000000000000004");
  assert.equal(pythonNumber(1e-7), "1e-07");
  assert.equal(pythonNumber(-1.5e-5), "-1.5e-05");
  assert.equal(pythonNumber(0.0001), "0.0001");
  assert.equal(pythonNumber(1e21), "1e+21");
  assert.equal(pythonNumber(1.5e16), "15000000000000000"); // JSON.stringify writes it as an int
  assert.equal(pythonNumber(123.456), "123.456");
});

test("lists and strings read as Python's repr()", () => {
  assert.equal(pythonRepr(["a", "it's", 'say "hi"', "\n\t\\", null, true, 1.5]), `['a', "it's", 'say "hi"', '\\n\\t\\\\', None, True, 1.5]`);
  assert.equal(pythonRepr(["é✓", "\u200b", "\x7f"]), "['é✓', '\\u200b', '\\x7f']");
});

test("rows are written as Python's csv module writes them", () => {
  assert.equal(csvRow(["a", "b,c", 'q"q', "x\ny", ""]), 'a,"b,c","q""q","x\ny",\r\n');
  assert.equal(csvRow([""]), '""\r\n');
});

test("timestamps read as str(datetime.now()), a zero fraction left out", () => {
  assert.equal(pythonTimestamp(new Date(2024, 4, 1, 13, 4, 5, 120)), "2024-05-01 13:04:05.120000");
  assert.equal(pythonTimestamp(new Date(2024, 4, 1, 13, 4, 5, 0)), "2024-05-01 13:04:05");
});

test("folder names keep letters, digits and ._- and space, as Gradio's", () => {
  assert.equal(stripInvalidFilenameCharacters("Level = 1 / (ok?)"), "Level  1  ok");
  assert.equal(stripInvalidFilenameCharacters("héllo✓"), "héllo");
  assert.equal(new TextEncoder().encode(stripInvalidFilenameCharacters("é".repeat(150))).length, 200);
});

test("a flag's row: labels, then flag, username and timestamp; media become files beside log.csv", () => {
  const components = [{ type: "textbox", label: "=text" }, { type: "image", label: "photo" }, { type: "label", label: "verdict" }, { type: "state", label: "memory" }];
  const names = { hexFolder: () => "h".repeat(40), tempName: () => "tmpabcdefgh", uuid: () => "u" };
  const row = flagRow(components, ["-1", "data:image/png;base64,AAEC", { label: "cat" }, null], { dir: "flags", option: "bad", names, date: new Date(2024, 0, 2, 3, 4, 5, 6) });
  assert.deepEqual(row.columns, ["'=text", "photo", "verdict", "memory", "flag", "username", "timestamp"]);
  assert.deepEqual(row.cells, ["'-1", `flags/photo/${"h".repeat(40)}/tmpabcdefgh.png`, "flags/verdict/tmpabcdefgh.json", "", "bad", "", "2024-01-02 03:04:05.006000"]);
  assert.deepEqual(row.files.map((file) => file.path), [`flags/photo/${"h".repeat(40)}/tmpabcdefgh.png`, "flags/verdict/tmpabcdefgh.json"]);
  assert.equal(row.files[1].text, '{"label": "cat"}');
  assert.equal(logCsv([row, { ...row, columns: ["changed"] }]).split("\r\n")[0], "'=text,photo,verdict,memory,flag,username,timestamp");
});

test("zip paths never leave the zip's folder", () => {
  assert.equal(zipPath("/abs/flagged/log.csv"), "abs/flagged/log.csv");
  assert.equal(zipPath("../up/./x.png"), "up/x.png");
});

test("each app has its own log: by manifest URL, or page plus code hash for inline code, and flagging_dir", () => {
  const manifest = (url) => ({ sourceUrl: url, files: [{ name: "app.py", url: "x" }], manifest: { entry: "app.py", config: {} } });
  const inline = (code) => ({ sourceUrl: "https://h/page.html?__theme=dark#top", files: [{ name: "app.py", text: code }], manifest: { entry: "app.py", config: null } });
  assert.equal(flagLogKey(manifest("https://h/a/app/manifest.json"), "flagged"), "https://h/a/app/manifest.json|flagged");
  assert.notEqual(flagLogKey(manifest("https://h/a/app/manifest.json"), "flagged"), flagLogKey(manifest("https://h/b/app/manifest.json"), "flagged"));
  assert.notEqual(flagLogKey(manifest("https://h/a/app/manifest.json"), "flagged"), flagLogKey(manifest("https://h/a/app/manifest.json"), "other"));
  assert.equal(flagLogKey(inline("one"), "flagged"), `https://h/page.html#code=${textHash("one")}|flagged`);
  assert.notEqual(flagLogKey(inline("one"), "flagged"), flagLogKey(inline("two"), "flagged"));
});

test("the memory store keeps apps apart and announces changes", async () => {
  const store = new MemoryFlagStore();
  let changes = 0;
  const stop = onFlagLogChange("a", () => changes++);
  const first = await store.add({ app: "a", columns: [], cells: ["1"], files: [] });
  await store.add({ app: "b", columns: [], cells: ["2"], files: [] });
  await store.add({ app: "a", columns: [], cells: ["3"], files: [] });
  assert.deepEqual((await store.list("a")).map((r) => r.cells[0]), ["1", "3"]);
  await store.remove("b", first); // another app's id: nothing happens
  assert.equal(await store.count("a"), 2);
  await store.remove("a", first);
  await store.clear("a");
  assert.equal(await store.count("a"), 0);
  assert.equal(await store.count("b"), 1);
  assert.equal(changes, 4);
  stop();
});

test("files come from text, data URLs (base64 or not) and the app's files", async () => {
  assert.equal(await (await fileBlob({ text: "{}", type: "application/json" }, null)).text(), "{}");
  const png = await fileBlob({ source: "data:image/png;base64,AAEC" }, null);
  assert.equal(png.type, "image/png");
  assert.deepEqual([...new Uint8Array(await png.arrayBuffer())], [0, 1, 2]);
  assert.equal(await (await fileBlob({ source: "data:text/plain,a%20b" }, null)).text(), "a b");
});

test("the zip holds <dir>/log.csv and the media at the paths log.csv names", async () => {
  const fflate = await import(FFLATE);
  const records = [{ columns: ["photo", "flag", "username", "timestamp"], cells: ["flagged/photo/h/tmpa.png", "", "", "t"],
    files: [{ path: "flagged/photo/h/tmpa.png", blob: new Blob([Uint8Array.of(9, 8)]) }] }];
  const entries = fflate.unzipSync(await flagZip(records, "flagged", fflate));
  assert.deepEqual(Object.keys(entries).sort(), ["flagged/log.csv", "flagged/photo/h/tmpa.png"]);
  assert.equal(new TextDecoder().decode(entries["flagged/log.csv"]), "photo,flag,username,timestamp\r\nflagged/photo/h/tmpa.png,,,t\r\n");
  assert.deepEqual([...entries["flagged/photo/h/tmpa.png"]], [9, 8]);
});
