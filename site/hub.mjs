// gr.load in the page, for one <pyinterface-app>: which Hub it talks to, the visitor's token,
// the countdown while a model loads, and the help a failed Hub request offers.
//
//   endpoints   the manifest's "hub" entry (export flags) with the element's hf-endpoint /
//               hf-inference-endpoint / hf-timeout attributes applied (attributes win)
//   token       restored from sessionStorage and sent to the worker before the app runs; the
//               token field appears when an error says one is needed (error.hub.needs_token)
//   countdown   hub-wait messages for this app, next to the app's status line
//   help        error.hub.help_url as a link (the model page, the token settings)
//
// Everything shown is text (textContent); links are http(s) only, opened with rel="noopener".

import { Countdown } from "./countdown.mjs";
import { h } from "./dom.mjs";
import { forgetToken, readToken, saveToken, sessionStore, tokenForm, tokenKey } from "./hub-token.mjs";

export const DEFAULT_ENDPOINTS = Object.freeze({
  endpoint: "https://huggingface.co",
  inference_endpoint: "https://router.huggingface.co/hf-inference",
});
const ATTRIBUTES = { endpoint: "hf-endpoint", inference_endpoint: "hf-inference-endpoint" };
const HELP_LINKS = { token: "Create a token on the Hub", credits: "Billing settings", "not-found": "Open its page on the Hub" };

/**
 * The hf-timeout attribute (seconds a Hub request may go unanswered; pyinterface.hub's default
 * is 60) as the text Python reads, or null when absent.
 * @param {string | null | undefined} given
 */
export function hubTimeout(given) {
  const text = given?.trim();
  if (!text) return null;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`the hf-timeout attribute of <pyinterface-app> must be a positive number of seconds such as "60", got ${JSON.stringify(given)}.`);
  }
  return String(seconds);
}

/**
 * The app's endpoints: `manifestHub` (from the export flags) with the element's attributes
 * applied. Relative attribute values are resolved against `baseUrl` (a same-site proxy).
 * `timeout` is set when the element has an hf-timeout attribute.
 * @param {object | undefined} manifestHub
 * @param {(name: string) => string | null} attribute
 * @param {string} baseUrl
 */
export function hubEndpoints(manifestHub, attribute, baseUrl) {
  const settings = {};
  for (const [key, name] of Object.entries(ATTRIBUTES)) {
    const given = attribute(name)?.trim();
    const value = given || (typeof manifestHub?.[key] === "string" ? manifestHub[key] : "");
    if (!value) continue;
    let url;
    try {
      url = new URL(value, baseUrl);
    } catch {
      url = null;
    }
    if (!url || !["http:", "https:"].includes(url.protocol)) {
      const source = given ? `the ${name} attribute of <pyinterface-app>` : `the manifest's hub.${key} (--${name} when exporting)`;
      throw new Error(`${source} must be an http(s) URL such as "${DEFAULT_ENDPOINTS[key]}", got ${JSON.stringify(value)}.`);
    }
    settings[key] = url.href.replace(/\/+$/, "");
  }
  const timeout = hubTimeout(attribute("hf-timeout"));
  if (timeout) settings.timeout = timeout;
  return settings;
}

/** The hosts the token may go to, for the token field's note. */
export function tokenHosts(endpoints) {
  const hosts = new Set(Object.keys(ATTRIBUTES).map((key) => new URL(endpoints[key] ?? DEFAULT_ENDPOINTS[key]).host));
  return [...hosts, "the Spaces that Hub names"];
}

/** error.hub.help_url when it is an http(s) URL (anything else is not linked). */
export function safeHelpUrl(hub) {
  try {
    const url = new URL(hub?.help_url);
    return ["http:", "https:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export class HubSupport {
  /**
   * @param {{appId: string, client: object, manifestUrl: string, endpoints: object}} options
   *   `client` is the page's WorkerClient (hubToken, onHubWait).
   */
  constructor({ appId, client, manifestUrl, endpoints }) {
    this._appId = appId;
    this._client = client;
    this._endpoints = endpoints;
    this._storage = sessionStore();
    this._key = tokenKey(manifestUrl);
    this.countdown = new Countdown();
    this.help = h("div", { class: "pyi-hub-help", hidden: true });
    client.onHubWait((wait) => {
      if (wait.app === appId) this.countdown.show(wait);
    });
    const saved = readToken(this._storage, this._key);
    if (saved) client.hubToken(saved); // before load-app: a gr.load at import time may need it
  }

  /** While the app boots (a gr.load at import time may wait for a model): show the countdown there. */
  mountBoot(container) {
    container.append(this.countdown.element);
  }

  /** Put the countdown and help under `view`'s status line; return `run` wrapped to drive them. */
  wrapRunner(view, run) {
    this.countdown.clear();
    const anchor = view.element.querySelector(".pyi-run-error") ?? view.element.querySelector(".pyi-run-status");
    if (anchor) anchor.after(this.countdown.element, this.help);
    else view.element.append(this.countdown.element, this.help);
    return async (...args) => {
      this._showHelp(null);
      try {
        return await run(...args);
      } catch (err) {
        this._showHelp(err);
        throw err;
      } finally {
        this.countdown.clear();
      }
    };
  }

  /** Help for an error that stopped the app from starting (saving a token reloads the page). */
  bootHelp(err) {
    this.countdown.clear();
    return this._helpFor(err, { reload: true });
  }

  _showHelp(err) {
    const content = err ? this._helpFor(err, { reload: false }) : null;
    this.help.replaceChildren(...(content ? [content] : []));
    this.help.hidden = !content;
  }

  _helpFor(err, { reload }) {
    const hub = err?.hub;
    if (!hub || typeof hub !== "object") return null;
    const parts = [];
    if (hub.needs_token) {
      const form = tokenForm({
        uid: `pyi-${this._appId}-hf-token`,
        hosts: tokenHosts(this._endpoints),
        saved: Boolean(readToken(this._storage, this._key)),
        onSave: (token) => {
          const kept = this._storage ? saveToken(this._storage, this._key, token) : false;
          this._client.hubToken(token);
          if (reload && kept) location.reload(); // the app runs again, with the token from the start
          return kept;
        },
        onForget: () => {
          forgetToken(this._storage, this._key);
          this._client.hubToken(null);
        },
      });
      parts.push(form.element);
    }
    const url = safeHelpUrl(hub);
    if (url) {
      const label = HELP_LINKS[hub.kind] ?? "More information";
      parts.push(h("p", { class: "pyi-hub-link" }, h("a", { href: url, rel: "noopener", target: "_blank" }, label)));
    }
    return parts.length ? h("div", { class: "pyi-hub-help-body" }, ...parts) : null;
  }
}
