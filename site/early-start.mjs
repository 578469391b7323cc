// The page's first move: start the worker and its Python runtime's download before the UI's
// modules load. The loader (an export's pyinterface.js) runs this, then imports the bridge.
//
// Why: the bridge's static module graph (element, app, renderers, markdown, sanitiser: ~30
// files) takes 0.3 s on a reload and about 1 s cold to load and run on a 2-core machine, and
// until it ran the worker did not exist. Started here, the worker's modules, pyodide.asm.wasm
// and the stdlib download and compile while the UI's modules load. This module's own graph is
// small on purpose (client, protocol, sources, dedent).
//
// Only the first <pyinterface-app> on the page is looked at: one Pyodide serves the page and
// the first app's runtime is the one it boots (worker.mjs). Its source is resolved once
// (sources.mjs keeps the promise), so the element does not fetch its manifest again.

import { sharedClient } from "./client.mjs";
import { resolveSource } from "./sources.mjs";

/**
 * Start the page's worker and tell it which runtime the first app will ask for. Does nothing
 * on a page without <pyinterface-app> yet (a page that calls mount() later starts it then).
 * Never throws: whatever goes wrong here is reported by the element, with its stage.
 */
export async function startEarly(doc = globalThis.document) {
  const element = doc?.querySelector("pyinterface-app");
  if (!element || location.protocol === "file:") return; // file-protocol.js explains file:// pages
  try {
    const client = sharedClient();
    const source = await resolveSource(element);
    const packages = Array.isArray(source.manifest?.packages) ? source.manifest.packages : null;
    client.startRuntime({ runtime: source.runtime, pyodide: source.manifest?.pyodide ?? null, packages });
  } catch {
    // the element resolves the same source again and reports the failure in its box
  }
}
