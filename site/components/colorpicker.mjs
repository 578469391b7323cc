// ColorPicker: <input type="color"> with its hex code beside it; as an output, a swatch and
// the code. The wire value is a hex string ("#rrggbb", or "#rgb" from Python).

import { h } from "../dom.mjs";
import { makeField } from "./field.mjs";

const FALLBACK = "#000000"; // what Gradio 3's picker shows without a value

/** A hex colour as <input type="color"> needs it: "#rrggbb" in lower case ("#abc" is expanded). */
export function normalizeHex(value) {
  if (typeof value !== "string") return FALLBACK;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  return /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : FALLBACK;
}

export function renderColorPicker(component, ctx) {
  const { props } = component;
  if (component.role === "output") {
    const field = makeField(component, ctx, "region");
    const swatch = h("span", { class: "pyi-swatch", "aria-hidden": "true" });
    const code = h("span", { class: "pyi-color-code" });
    field.body.append(h("div", { class: "pyi-display" }, swatch, code));
    let value = null;
    const set = (next) => {
      value = next ?? null;
      swatch.hidden = value === null;
      swatch.style.background = value === null ? "" : normalizeHex(value);
      code.textContent = value ?? "";
    };
    set(props.value);
    return { element: field.element, get: () => value, set };
  }

  const field = makeField(component, ctx, "control");
  const input = h("input", { type: "color", class: "pyi-color" });
  if (props.interactive === false) input.disabled = true;
  field.label(input);
  const code = h("span", { class: "pyi-color-code", "aria-hidden": "true" }); // the input announces its own value
  const sync = () => {
    code.textContent = input.value;
  };
  input.addEventListener("input", () => {
    sync();
    ctx.changed();
  });
  input.addEventListener("change", sync);
  field.body.append(h("div", { class: "pyi-range-row" }, input, code));
  const set = (value) => {
    input.value = normalizeHex(value);
    sync();
  };
  set(props.value);
  return { element: field.element, get: () => input.value, set };
}
