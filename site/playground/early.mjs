// The playground's first move, as early-start.mjs is an export page's: start the page's worker
// and its runtime's download while the editor's and the bridge's modules load. The page's HTML
// has no <pyinterface-app> (its apps are mounted later), so the loader's early start finds
// none; this names the runtime every mounted app uses. Its module graph is small on purpose.
//
// packages: [] (pyinterface alone, which every app loads) rather than null ("unknown until the
// code's imports are read"): the worker then fetches the pyinterface wheel while Python boots
// and keeps a memory snapshot for the next visit. What the code imports loads after, as always.

import { sharedClient } from "../pyinterface/client.mjs";
import { DEFAULT_RUNTIME } from "../pyinterface/sources.mjs";

if (location.protocol !== "file:") sharedClient().startRuntime({ runtime: DEFAULT_RUNTIME, pyodide: null, packages: [] });
