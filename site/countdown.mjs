// The visible countdown while a Hub request waits to be retried: "Model is loading, retrying in
// 12 s… (try 2 of 4)", ticking down to "retrying now…", then cleared when the run ends.
//
// The ticking line is a role="timer" (not announced every second); a screen reader hears one
// polite announcement per wait. The server's own message is shown below it, as text.

import { h } from "./dom.mjs";

const HEADLINES = { 503: "Model is loading", 429: "Too many requests" };
const TICK_MS = 250;

/**
 * The countdown line for a hub-wait message with `remaining` seconds left.
 * @param {{status: number, attempt: number, max_attempts: number}} wait
 * @param {number} remaining
 */
export function countdownText(wait, remaining) {
  const headline = HEADLINES[wait.status] ?? "The server is busy";
  const left = Math.max(0, Math.ceil(remaining));
  const when = left > 0 ? `retrying in ${left} s…` : "retrying now…";
  const tries = wait.max_attempts > 1 ? ` (try ${wait.attempt + 1} of ${wait.max_attempts})` : "";
  return `${headline}, ${when}${tries}`;
}

export class Countdown {
  /** @param {{now?: () => number}} [options] a clock in milliseconds (tests pass their own) */
  constructor({ now = () => performance.now() } = {}) {
    this._now = now;
    this._line = h("p", { class: "pyi-hub-wait-line", role: "timer" });
    this._detail = h("p", { class: "pyi-hub-wait-detail" });
    this._announce = h("span", { class: "pyi-sr-only", role: "status" });
    this.element = h("div", { class: "pyi-hub-wait", hidden: true }, this._line, this._detail, this._announce);
    this._timer = null;
    this._wait = null;
    this._deadline = 0;
  }

  /** Start (or restart) the countdown for a hub-wait message. */
  show(wait) {
    this._wait = wait;
    this._deadline = this._now() + wait.seconds * 1000;
    this._detail.textContent = wait.message;
    this._announce.textContent = countdownText(wait, wait.seconds);
    this.element.hidden = false;
    this.tick();
    clearInterval(this._timer);
    this._timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Redraw the line from the clock (called by the timer). */
  tick() {
    if (!this._wait) return;
    const remaining = (this._deadline - this._now()) / 1000;
    this._line.textContent = countdownText(this._wait, remaining);
    if (remaining <= 0) {
      clearInterval(this._timer);
      this._timer = null;
    }
  }

  /** The wait is over (the run ended, or the app finished loading): hide and stop. */
  clear() {
    clearInterval(this._timer);
    this._timer = null;
    this._wait = null;
    this.element.hidden = true;
    this._line.textContent = "";
    this._detail.textContent = "";
    this._announce.textContent = "";
  }
}
