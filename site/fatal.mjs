// Why Pyodide stopped, in words a visitor can act on: the worker sends this phrase in its
// `fatal` message, and the page shows "Python stopped: <phrase>." with a Restart button.
// Pyodide marks the errors it cannot recover from with `pyodide_fatal_error`; after one, every
// call into it throws, so the worker is useless until it is replaced.

/** How deep JS/Wasm recursion ends in Chromium and Firefox (a deeply nested repr, recursion in C). */
const STACK_OVERFLOW = /maximum call stack|too much recursion|stack overflow/i;
const OUT_OF_MEMORY = /\bOOM\b|out of memory|cannot enlarge memory|memory access out of bounds|allocation failed|could not allocate/i;

/** A phrase (no final full stop) saying why Python can no longer run after `err`. */
export function describeFatal(err) {
  const name = err?.name || "Error";
  const message = String(err?.message ?? err ?? "").trim();
  if (name === "ExitStatus" || Number.isInteger(err?.status)) {
    return `the app's code ended the Python process (exit code ${err?.status ?? "unknown"}, e.g. os._exit)`;
  }
  if (STACK_OVERFLOW.test(message)) {
    return "Python's C stack overflowed (a very deeply nested value, or recursion in C code, e.g. the repr of a list nested thousands deep)";
  }
  if (OUT_OF_MEMORY.test(message)) return `Python ran out of memory (${name}: ${message})`;
  if (/^Aborted/.test(message)) return `Python aborted (${message})`;
  return `Pyodide failed and cannot go on (${name}: ${message || "no message"})`;
}
