// The input side File and Video share: a file chooser named by the component's label, a
// Remove button and a status line; the widget's value is the chosen file(s) as wire values
// ({name, data, size}, see file.mjs). `show(value)` draws the value however the type shows it.

import { blobToDataUrl, h } from "../dom.mjs";
import { makeField } from "./field.mjs";

/** Read a chosen File (or Blob with a name) as its wire value. */
export async function readFile(file) {
  return { name: file.name, data: await blobToDataUrl(file), size: file.size };
}

/**
 * @param {import("./field.mjs").ComponentConfig} component
 * @param {import("./field.mjs").RenderContext} ctx
 * @param {{
 *   accept: string | null, multiple: boolean, removeLabel: string, show(value: any): void,
 *   read?(file: Blob): Promise<any>, busyText?: string, failText?(err: Error): string,
 * }} options  read: one chosen file -> its wire value (default: readFile); busyText and
 *   failText: the status line while reading and when reading fails
 */
export function createUploadInput(component, ctx, options) {
  const { accept, multiple, removeLabel, show, read = readFile, busyText = "Reading…" } = options;
  const failText = options.failText ?? ((err) => `The file could not be read: ${err.message}`);
  const field = makeField(component, ctx, "control");
  const input = h("input", { type: "file", class: "pyi-file", accept, multiple });
  if (component.props.interactive === false) input.disabled = true;
  field.label(input);
  const status = h("p", { class: "pyi-media-status", role: "status" });
  const remove = h("button", { type: "button", class: "pyi-small", hidden: true }, removeLabel);
  const tools = h("div", { class: "pyi-media-tools" }, input, remove);
  let value = null;
  let pending = Promise.resolve();
  const setValue = (next) => {
    value = next ?? null;
    remove.hidden = value === null;
    show(value);
  };
  /** Read `files` in the background; the widget's settle() lets Submit wait for them. */
  const take = (files) => {
    status.textContent = busyText;
    pending = Promise.all(files.map(read)).then((values) => {
      status.textContent = "";
      setValue(multiple ? values : values[0]);
      ctx.changed();
    }, (err) => {
      status.textContent = failText(err);
    });
    return pending;
  };
  input.addEventListener("change", () => input.files?.length && take([...input.files]));
  remove.addEventListener("click", () => {
    input.value = "";
    setValue(null);
    ctx.changed();
    input.focus();
  });
  setValue(component.props.value);
  const widget = {
    element: field.element,
    get: () => value,
    set(next) {
      input.value = "";
      status.textContent = "";
      setValue(next);
    },
    settle: () => pending,
  };
  return { field, input, status, tools, take, widget };
}
