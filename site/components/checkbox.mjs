// Checkbox: one native checkbox named by the label. As an output, "True" or "False".

import { h } from "../dom.mjs";
import { makeField, renderTextOutput } from "./field.mjs";

export function renderCheckbox(component, ctx) {
  const { props } = component;
  if (component.role === "output") {
    return renderTextOutput(component, ctx, "pyi-boolean", (value) => (value ? "True" : "False"), (element, value) => {
      element.dataset.value = String(value);
    });
  }

  const field = makeField(component, ctx, "control");
  const control = h("input", { type: "checkbox", class: "pyi-checkbox" });
  if (props.interactive === false) control.disabled = true;
  control.addEventListener("change", () => ctx.changed());
  field.label(control);
  // Gradio shows the box before the label text; keep the <label> (the accessible name) and
  // move the box into it visually.
  field.body.append(control);
  field.element.classList.add("pyi-inline");
  const set = (value) => {
    control.checked = Boolean(value);
  };
  set(props.value);
  return { element: field.element, get: () => control.checked, set };
}
