// Slider: <input type="range"> (arrow keys move it) with its value shown beside it.

import { h } from "../dom.mjs";
import { makeField, renderTextOutput } from "./field.mjs";

export function renderSlider(component, ctx) {
  const { props } = component;
  if (component.role === "output") return renderTextOutput(component, ctx, "pyi-number-value");

  const field = makeField(component, ctx, "control");
  const control = h("input", {
    type: "range", class: "pyi-control pyi-range", min: String(props.minimum ?? 0), max: String(props.maximum ?? 100),
    step: String(props.step ?? 1),
  });
  if (props.interactive === false) control.disabled = true;
  // The range announces its own value; this copy is for sighted users only.
  const shown = h("span", { class: "pyi-range-value", "aria-hidden": "true" });
  const sync = () => {
    shown.textContent = control.value;
  };
  control.addEventListener("input", () => {
    sync();
    ctx.changed();
  });
  field.label(control);
  field.body.append(h("div", { class: "pyi-range-row" }, control, shown));
  const set = (value) => {
    control.value = String(value === null || value === undefined ? props.minimum ?? 0 : value);
    sync();
  };
  set(props.value);
  return { element: field.element, get: () => Number(control.value), set };
}
