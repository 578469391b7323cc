// The playground page's controller: the editor's code runs as a real <pyinterface-app> (made
// with mount()) in the app pane, the console talks to that app, and the bar's buttons share or
// download the program. The program is the editor's code plus the files that came with it (from
// a share link or an example).
//
// A Run mounts the new code in a hidden slot beside the shown app; when its `ready` resolves it
// takes the old app's place (the old element is removed, which unloads its app from the worker),
// and when it fails its traceback goes to the console and the old app stays. The latest Run wins.

import { createConsole } from "./console.mjs";
import { downloadAppPy, downloadSite } from "./download.mjs";
import { createEditor } from "./editor.mjs";
import { DEFAULT_SNIPPET, SITE_GROUP, SNIPPETS, loadSiteApp, loadSnippet, siteApps } from "./examples.mjs";
import { SHARE_WARN_BYTES, copyLink, decodeFragment, filesForMount } from "./share.mjs";

// The bridge (mount() and the element) loads while the editor and console are set up: they
// do not need it, so the page is usable before its ~30 modules have loaded.
const bridge = import("../pyinterface.js");

const $ = (selector) => document.querySelector(selector);

const ui = {
  run: $("#pg-run"), examples: $("#pg-examples"), copy: $("#pg-copy"), downloadApp: $("#pg-download-app"),
  downloadSite: $("#pg-download-site"), status: $("#pg-status"), appPane: $("#pg-app"),
};

/** Files of the program: name -> text, {base64}, Uint8Array or {url} (a site app's, fetched when shared). */
let files = {};
/** The app on show: {slot, el}; one that failed to start stays shown for its error box until a Run works. */
let shown = null;
let runs = 0;

const setStatus = (text) => {
  ui.status.textContent = text;
};

const terminal = createConsole({
  input: $("#pg-console-input"), prompt: $("#pg-console-prompt"), log: $("#pg-console-log"),
  exec: (code, onOutput) => {
    if (!shown || shown.el.status === "error") {
      const why = shown ? "The app failed to start (its traceback is above)" : "No app is running";
      return Promise.reject(new Error(`${why}, and the console runs in the app's namespace: fix the code and press Run.`));
    }
    return shown.el.exec(code, { onOutput }); // waits for an app still loading
  },
});

const editor = createEditor($("#pg-editor"), { doc: "", onRun: () => run() });

/** Run the editor's code: mount it beside the shown app, swap when it is ready. */
async function run() {
  const code = editor.getCode();
  const token = ++runs;
  setStatus("Running…");
  const slot = document.createElement("div");
  slot.className = "pg-app-slot";
  slot.hidden = shown?.el.status === "ready"; // else it shows at once, with its progress
  ui.appPane.append(slot);
  let el;
  try {
    const { mount } = await bridge;
    el = mount(slot, { code, files: mountFiles(files) });
    // What the app prints as it starts (and its fn later, outside the console) goes to the log as plain text.
    el.addEventListener("pyinterface-output", (event) => terminal.write(event.detail.stream, event.detail.text));
  } catch (err) {
    slot.remove();
    terminal.writeError(err);
    setStatus("The code could not be run: see the console.");
    return;
  }
  if (!slot.hidden) show({ slot, el });
  const failure = await el.ready.then(() => null, (err) => err);
  if (token !== runs) {
    if (shown?.slot !== slot) slot.remove(); // a later Run superseded this one, whatever its outcome
    return;
  }
  if (failure) {
    terminal.writeError(failure);
    const kept = shown?.slot !== slot && shown?.el.status === "ready";
    if (shown?.slot !== slot) slot.remove(); // a hidden attempt: the app on show stays
    setStatus(kept ? "The run failed (see the console); the previous app stays." : "The run failed: see the console.");
    return;
  }
  show({ slot, el });
  setStatus("Ready. The console runs in this app's namespace (gr and demo are bound).");
}

function show(next) {
  if (shown && shown.slot !== next.slot) shown.slot.remove(); // removing it unloads its app
  next.slot.hidden = false;
  shown = next;
}

/** The program's files as mount() takes them: share's {base64} decoded, {url} resolved against the page. */
function mountFiles(programFiles) {
  const links = Object.fromEntries(Object.entries(programFiles).filter(([, value]) => value?.url));
  const rest = Object.fromEntries(Object.entries(programFiles).filter(([, value]) => !value?.url));
  return { ...filesForMount(rest), ...links };
}

/** The program with every {url} file fetched as bytes: what a link or a zip must carry. */
async function wholeProgram() {
  const entries = await Promise.all(Object.entries(files).map(async ([name, value]) => {
    if (!value?.url) return [name, value];
    const response = await fetch(value.url);
    if (!response.ok) throw new Error(`could not read the file ${name} (${value.url}): HTTP ${response.status}`);
    return [name, new Uint8Array(await response.arrayBuffer())];
  }));
  return { code: editor.getCode(), files: Object.fromEntries(entries) };
}

/** Put `program` in the editor and run it. */
function open(program) {
  files = program.files ?? {};
  editor.setCode(program.code);
  return run();
}

/** Open the program of the page's link (#code=…), else the default example. */
async function openFragment() {
  let program = null;
  try {
    program = await decodeFragment(location.hash);
  } catch (err) {
    terminal.write("error", `This page's link cannot be opened: ${err.message}`);
  }
  try {
    await open(program ?? (await loadSnippet(SNIPPETS.find((s) => s.id === DEFAULT_SNIPPET))));
  } catch (err) {
    terminal.writeError(err);
  }
}

async function fillExamples() {
  const groups = new Map();
  const entries = [...SNIPPETS, ...(await siteApps().catch(() => []))];
  for (const entry of entries) {
    if (!groups.has(entry.group)) groups.set(entry.group, ui.examples.appendChild(Object.assign(document.createElement("optgroup"), { label: entry.group })));
    groups.get(entry.group).append(new Option(entry.title, entry.id));
  }
  ui.examples.addEventListener("change", async () => {
    const entry = entries.find((e) => e.id === ui.examples.value);
    ui.examples.selectedIndex = 0; // back to "Examples…", so picking the same one again reloads it
    if (!entry) return;
    try {
      await open(await (entry.group === SITE_GROUP ? loadSiteApp(entry) : loadSnippet(entry)));
    } catch (err) {
      terminal.write("error", `The example ${entry.title} could not be loaded: ${err.message}`);
    }
  });
}

/** A button's action, its failure said in the status line rather than lost. */
function onClick(button, action) {
  button.addEventListener("click", async () => {
    try {
      await action();
    } catch (err) {
      setStatus(`${button.textContent}: ${err.message}`);
    }
  });
}

onClick(ui.run, run);
onClick(ui.copy, async () => {
  const { bytes } = await copyLink(await wholeProgram(), { setStatus });
  ui.downloadSite.classList.toggle("pg-suggested", bytes > SHARE_WARN_BYTES); // too long to share: download it
});
onClick(ui.downloadApp, () => downloadAppPy(editor.getCode()));
onClick(ui.downloadSite, async () => downloadSite(await wholeProgram(), { setStatus }));
window.addEventListener("hashchange", () => openFragment());

fillExamples();
openFragment();
