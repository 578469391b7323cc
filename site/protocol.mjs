// The messages the page, the Web Worker and Python exchange: one list, one version.
//
// Mirrors pyinterface/_protocol.py (same PROTOCOL_VERSION, same types, same fields; a test
// compares the two). Every message is plain JSON with a `type`. A request carries an `id`
// (an integer unique on the page) and its reply repeats it, as in Pyodide's worker guide.
//
//   page -> worker     start-runtime {runtime, pyodide: version | null, packages: [lock names] | null}
//                                 boot that runtime now, before the first load-app (early-start.mjs);
//                                 no reply: a failure is reported to the load-app that needs the runtime
//                      load-app   {id, app, runtime, source_url, manifest, files}
//                                 runtime: the runtime folder's absolute URL; source_url: where the app
//                                 came from (its manifest, its .py file, or the page for inline code);
//                                 manifest: {entry, packages: [lock names] | null (null: find them from
//                                 the code's imports), pyodide: version | null, hub}; files: the app's
//                                 files, each {name, url} | {name, text} | {name, bytes: Uint8Array}
//                      event      {id, app, event: "predict" | "interpret", data: [wire value per input]}
//                      cancel     {id}                            stop the running event with that id
//                      hub-token  {token | null}                  a Hugging Face token the visitor pasted (null: forget it)
//                      exec       {id, app, code}                 run console input in the app's namespace
//                                 (pyinterface/_console.py); replies exec-output (any number), then
//                                 exec-result or error
//                      unload-app {app}                           drop the app (its element left the page): its
//                                 Interface, namespace, modules and files; no reply
//   worker -> page     hello      {protocol}                      first message of the worker
//                      progress   {id | null, stage, message, loaded, total}   (id null: every loading app;
//                                 stage "interpret": an interpret event's evaluations done of total)
//                      config     {id | null, app, config}        reply to load-app; id null: the app's Interface
//                                 was launched again from console input (exec), the page re-renders it
//                      result     {id, data: [wire value per output]}          reply to event
//                      error      {id, error: {type, message, traceback, stage}}  reply to either
//                                 (a cancelled event: type "CancelledError"); a failed Hub request adds
//                                 error.hub: {kind, needs_token, help_url, status, ...} (HubError.to_dict())
//                      hub-wait   {id | null, app | null, seconds, message, attempt, max_attempts, status}
//                                 a Hub request will be retried in `seconds` (503 loading, 429): the countdown
//                      exec-output {id, stream: "stdout" | "stderr", text}   what the exec's code printed, as printed
//                      exec-result {id, status: "complete" | "incomplete", value: repr | null}  reply to exec
//                                 (incomplete: nothing ran, the input continues on the next line)
//                      app-output {app, stream: "stdout" | "stderr", text}   what the app printed outside exec
//                                 (its code at run-app, its fn in events), a line at a time; the element
//                                 dispatches it as a pyinterface-output event
//                      fatal      {reason}                        Python can no longer run (Pyodide's fatal error:
//                                 os._exit, a C-stack overflow, an abort); the page stops the worker and
//                                 offers Restart (client.mjs). Sent by worker.mjs, never by Python.
//   worker -> Python   run-app    {id, app, path, entry}          worker.mjs wrote the files to `path`
//                      event, cancel, exec (after loading the packages its imports name), unload-app
//                      (forwarded as is); Python answers with config / result / exec-output + exec-result / error
//
// `stage` in a progress or error message is one of STAGES; `traceback` is null when only the
// message should be shown (a pyinterface.Error raised by fn).

export const PROTOCOL_VERSION = 6;

/** Boot stages in order; errors and progress name the one they belong to. */
export const STAGES = ["load manifest", "load runtime", "load packages", "fetch app files", "run app"];

/** Event names an `event` message may carry (the Interface config's events[].name). */
export const EVENTS = ["predict", "interpret"];

/** The `stage` of the progress messages an interpret event sends (loaded/total: evaluations). */
export const INTERPRET_STAGE = "interpret";

/** Streams an `exec-output` or `app-output` message may name. */
export const EXEC_STREAMS = ["stdout", "stderr"];

/** Statuses of an `exec-result`: the input ran, or it is an unfinished statement (nothing ran). */
export const EXEC_STATUSES = ["complete", "incomplete"];

const INT = "integer";
const STR = "string";
const OBJ = "object";
const ARR = "array";
const ANY = "any";
const OPT_INT = "integer|null";
const OPT_STR = "string|null";
const OPT_NUM = "number|null";
const NUM = "number";

/** Every message type and its fields (besides `type`), with the JSON type each must have. */
export const MESSAGE_FIELDS = Object.freeze({
  hello: { protocol: INT },
  "start-runtime": { runtime: STR, pyodide: OPT_STR, packages: "array|null" },
  "load-app": { id: INT, app: STR, runtime: STR, source_url: STR, manifest: OBJ, files: ARR },
  "run-app": { id: INT, app: STR, path: STR, entry: STR },
  progress: { id: OPT_INT, stage: STR, message: STR, loaded: OPT_NUM, total: OPT_NUM },
  config: { id: OPT_INT, app: STR, config: OBJ },
  event: { id: INT, app: STR, event: STR, data: ARR },
  cancel: { id: INT },
  result: { id: INT, data: ARR },
  error: { id: OPT_INT, error: OBJ },
  "hub-token": { token: OPT_STR },
  "hub-wait": { id: OPT_INT, app: OPT_STR, seconds: NUM, message: STR, attempt: INT, max_attempts: INT, status: INT },
  exec: { id: INT, app: STR, code: STR },
  "exec-output": { id: INT, stream: STR, text: STR },
  "exec-result": { id: INT, status: STR, value: OPT_STR },
  "unload-app": { app: STR },
  "app-output": { app: STR, stream: STR, text: STR },
  fatal: { reason: STR },
});

/** Fields whose string must be one of a few values: type -> field -> the values. */
const CHOICES = Object.freeze({
  event: { event: EVENTS },
  "exec-output": { stream: EXEC_STREAMS },
  "exec-result": { status: EXEC_STATUSES },
  "app-output": { stream: EXEC_STREAMS },
});

/** Fields of the `error` object inside an error message. */
export const ERROR_FIELDS = Object.freeze({ type: STR, message: STR, traceback: OPT_STR, stage: OPT_STR });

/** Fields the `error` object may have; checked when present (`hub`: a failed Hub request's details). */
export const ERROR_OPTIONAL_FIELDS = Object.freeze({ hub: "object|null" });

export const MESSAGE_TYPES = Object.freeze(Object.keys(MESSAGE_FIELDS));

/** A message that does not follow this module; the text names the field and what was wrong. */
export class ProtocolError extends Error {
  constructor(message) {
    super(message);
    this.name = "ProtocolError";
  }
}

function _jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

function _fits(value, expected) {
  const actual = _jsonType(value);
  return expected.split("|").some((t) => t === ANY || t === actual || (t === "number" && actual === "integer"));
}

function _checkFields(what, object, fields) {
  for (const [name, expected] of Object.entries(fields)) {
    if (!(name in object)) throw new ProtocolError(`${what} has no "${name}" field (expected ${expected}).`);
    if (!_fits(object[name], expected)) {
      const shown = JSON.stringify(object[name]);
      throw new ProtocolError(
        `${what}: "${name}" must be ${expected}, got ${shown === undefined ? String(object[name]) : shown.slice(0, 80)}.`,
      );
    }
  }
}

/**
 * Check `message` against MESSAGE_FIELDS and return it; throw ProtocolError naming what is wrong.
 * @param {unknown} message
 */
export function validateMessage(message) {
  if (message === null || typeof message !== "object" || Array.isArray(message)) {
    throw new ProtocolError(`a message must be an object with a "type", got ${JSON.stringify(message)}.`);
  }
  const fields = MESSAGE_FIELDS[message.type];
  if (!fields) {
    throw new ProtocolError(`unknown message type ${JSON.stringify(message.type)}; known: ${MESSAGE_TYPES.join(", ")}.`);
  }
  _checkFields(`a "${message.type}" message`, message, fields);
  if (message.type === "error") {
    _checkFields('the "error" of an error message', message.error, ERROR_FIELDS);
    const present = Object.keys(ERROR_OPTIONAL_FIELDS).filter((name) => name in message.error);
    _checkFields('the "error" of an error message', message.error, Object.fromEntries(present.map((n) => [n, ERROR_OPTIONAL_FIELDS[n]])));
  }
  for (const [name, allowed] of Object.entries(CHOICES[message.type] ?? {})) {
    if (!allowed.includes(message[name])) {
      throw new ProtocolError(`an "${message.type}" message: "${name}" must be one of ${allowed.join(", ")}, got ${JSON.stringify(message[name])}.`);
    }
  }
  return message;
}

/** Throw unless the other side speaks this protocol version; the message names both. */
export function checkProtocolVersion(theirs, who) {
  if (theirs !== PROTOCOL_VERSION) {
    throw new ProtocolError(
      `${who} speaks pyinterface protocol ${JSON.stringify(theirs)} but this page speaks ${PROTOCOL_VERSION}: ` +
        "the files come from different pyinterface versions. Export the app again so they match " +
        "(and reload without the browser cache).",
    );
  }
}

// -- constructors, one per message type -----------------------------------------------------

export const makeHello = () => ({ type: "hello", protocol: PROTOCOL_VERSION });

export const makeStartRuntime = ({ runtime, pyodide = null, packages = null }) => ({
  type: "start-runtime", runtime, pyodide, packages,
});

export const makeLoadApp = ({ id, app, runtime, source_url, manifest, files }) => ({
  type: "load-app", id, app, runtime, source_url, manifest, files,
});

export const makeRunApp = ({ id, app, path, entry }) => ({ type: "run-app", id, app, path, entry });

export const makeProgress = ({ id = null, stage, message, loaded = null, total = null }) => ({
  type: "progress", id, stage, message, loaded, total,
});

export const makeConfig = ({ id = null, app, config }) => ({ type: "config", id, app, config });

export const makeEvent = ({ id, app, event, data }) => ({ type: "event", id, app, event, data });

export const makeCancel = ({ id }) => ({ type: "cancel", id });

export const makeResult = ({ id, data }) => ({ type: "result", id, data });

export const makeHubToken = ({ token = null }) => ({ type: "hub-token", token });

export const makeHubWait = ({ id = null, app = null, seconds, message, attempt, max_attempts, status }) => ({
  type: "hub-wait", id, app, seconds, message, attempt, max_attempts, status,
});

export const makeExec = ({ id, app, code }) => ({ type: "exec", id, app, code });

export const makeExecOutput = ({ id, stream, text }) => ({ type: "exec-output", id, stream, text });

export const makeExecResult = ({ id, status, value = null }) => ({ type: "exec-result", id, status, value });

export const makeUnloadApp = ({ app }) => ({ type: "unload-app", app });

export const makeAppOutput = ({ app, stream, text }) => ({ type: "app-output", app, stream, text });

export const makeFatal = ({ reason }) => ({ type: "fatal", reason });

/** An error reply; `error` may be an Error (its name and message are used) or the fields. */
export function makeError({ id = null, error, stage = null }) {
  const info = error instanceof Error || !error
    ? { type: error?.name || "Error", message: error?.message || String(error), traceback: null, stage }
    : { type: error.type, message: error.message, traceback: error.traceback ?? null, stage: error.stage ?? stage };
  if (error && !(error instanceof Error) && error.hub !== undefined) info.hub = error.hub;
  return { type: "error", id, error: info };
}
