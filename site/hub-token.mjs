// The visitor's Hugging Face token: a password field with Save and Forget, and where it is kept.
//
// Kept in sessionStorage only (this tab, until it is closed), under a key per app (its
// manifest URL), so it is sent to the worker again after a reload. Never localStorage, never
// the manifest or any exported file: the page was published, the token is the visitor's.

import { h } from "./dom.mjs";

const KEY_PREFIX = "pyinterface:hf-token:";

/** The sessionStorage key of the app whose manifest is at `manifestUrl`. */
export function tokenKey(manifestUrl) {
  return `${KEY_PREFIX}${manifestUrl}`;
}

/** This tab's sessionStorage, or null where the browser refuses it (some file:// pages, privacy modes). */
export function sessionStore() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** The saved token, or null. */
export function readToken(storage, key) {
  try {
    return storage?.getItem(key) || null;
  } catch {
    return null;
  }
}

/** Save `token` (trimmed); returns whether it could be kept for reloads. */
export function saveToken(storage, key, token) {
  try {
    storage.setItem(key, token.trim());
    return true;
  } catch {
    return false;
  }
}

export function forgetToken(storage, key) {
  try {
    storage?.removeItem(key);
  } catch {
    // nothing was kept
  }
}

/**
 * The token form: a password input named "Hugging Face token", Save and Forget.
 * @param {{uid: string, hosts: string[], saved: boolean, onSave(token: string): boolean, onForget(): void}} options
 *   `onSave` returns whether the token could be kept for reloads.
 */
export function tokenForm({ uid, hosts, saved, onSave, onForget }) {
  const input = h("input", {
    type: "password", id: uid, class: "pyi-hub-token-input", autocomplete: "off", spellcheck: "false", placeholder: "hf_…",
  });
  const save = h("button", { type: "submit", class: "pyi-small pyi-primary" }, "Save");
  const forget = h("button", { type: "button", class: "pyi-small" }, "Forget");
  const status = h("p", { class: "pyi-hub-token-status", role: "status" },
    saved ? "A token is saved for this tab; it was not accepted for this request." : "");
  const form = h("form", { class: "pyi-hub-token" },
    h("label", { for: uid, class: "pyi-hub-token-label" }, "Hugging Face token"),
    h("div", { class: "pyi-hub-token-row" }, input, save, forget),
    h("p", { class: "pyi-hub-token-note" },
      `Kept in this browser tab only (not saved with the page) and sent only to ${hosts.join(", ")}.`),
    status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      status.textContent = "Paste a token first (Hugging Face tokens start with hf_).";
      input.focus();
      return;
    }
    input.value = "";
    const kept = onSave(token);
    status.textContent = kept
      ? "Token saved for this tab. Submit again to use it."
      : "Token in use until this page is closed (this browser does not let the page keep it for reloads). Submit again to use it.";
  });
  forget.addEventListener("click", () => {
    input.value = "";
    onForget();
    status.textContent = "Token forgotten.";
  });
  return { element: form, input };
}
