// Tiny DOM helpers shared by the renderers. Text always goes in as textContent: anything that
// must become HTML goes through sanitize.mjs, never through these.

/**
 * Create an element: `h("button", {type: "button", class: "pyi-x", onclick: fn}, "Submit")`.
 * Attributes starting with "on" become listeners; `null`/`false` attributes are skipped; string
 * children become text nodes.
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name in element && typeof value !== "string") element[name] = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Show or hide without removing (the `hidden` attribute; CSS keeps it hidden). */
export function setHidden(element, hidden) {
  element.hidden = Boolean(hidden);
}

/** Are two wire values the same (JSON equality, which is what crosses the worker boundary)? */
export function sameValue(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** JSON text with object keys sorted, to compare configs produced by different runs. */
export function canonicalJson(value) {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Read a File/Blob as a data: URL (the wire form of images and audio). */
export function blobToDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error || new Error("the file could not be read"));
    reader.readAsDataURL(blob);
  });
}
