// How long a run may go before the page offers Cancel, and the app's own limit: an Interface's
// `timeout=` (seconds, pyinterface/_config.py) cancels a run that passes it, as Cancel would
// (client.mjs restarts Python when it does not stop), and says which limit it was and where it is set.

import { WorkerError } from "./client.mjs";

/** A run still going after this long shows a Cancel button. */
export const CANCEL_AFTER_MS = 1000;

/** The phrase a timed-out run's signal is aborted with (it names the setting). */
export function timeoutReason(seconds) {
  return `a run took longer than this app's timeout of ${seconds} s (Interface(..., timeout=${seconds}))`;
}

/** The error a run stopped by the app's timeout fails with. */
export function timeoutError(seconds) {
  return new WorkerError({
    type: "TimeoutError",
    message: `fn ran longer than this app's timeout of ${seconds} s, so it was stopped. Change the limit with ` +
      "Interface(..., timeout=seconds), or timeout=None for none.",
    traceback: null,
    stage: null,
  });
}

/**
 * `run(event, data, options)` that aborts its signal once a run takes longer than `seconds`
 * (null or 0: `run` as it is). A run the worker then reports as cancelled fails with
 * timeoutError; one it could not stop fails with the worker's restart error, naming the timeout.
 */
export function withTimeout(run, seconds) {
  if (!(seconds > 0)) return run;
  return async (event, data, options = {}) => {
    const controller = new AbortController();
    const outer = options.signal ?? null;
    const forward = () => controller.abort(outer.reason);
    if (outer?.aborted) forward();
    else outer?.addEventListener("abort", forward, { once: true });
    const reason = timeoutReason(seconds);
    const timer = setTimeout(() => controller.abort(reason), seconds * 1000);
    try {
      return await run(event, data, { ...options, signal: controller.signal });
    } catch (err) {
      if (controller.signal.reason === reason && err?.type === "CancelledError") throw timeoutError(seconds);
      throw err;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", forward);
    }
  };
}
