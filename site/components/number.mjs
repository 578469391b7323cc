// Number: <input type="number">; an empty box is null. As an output, the number as text.

import { h } from "../dom.mjs";
import { makeField, renderTextOutput } from "./field.mjs";

export function renderNumber(component, ctx) {
  const { props } = component;
  if (component.role === "output") return renderTextOutput(component, ctx, "pyi-number-value");

  const field = makeField(component, ctx, "control");
  const control = h("input", { type: "number", class: "pyi-control", step: props.step ?? "any" });
  if (props.minimum !== null && props.minimum !== undefined) control.min = String(props.minimum);
  if (props.maximum !== null && props.maximum !== undefined) control.max = String(props.maximum);
  if (props.interactive === false) control.readOnly = true;
  control.addEventListener("input", () => ctx.changed());
  control.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      ctx.submit();
    }
  });
  field.label(control);
  field.body.append(control);
  const set = (value) => {
    control.value = value === null || value === undefined ? "" : String(value);
  };
  set(props.value);
  return {
    element: field.element,
    // The browser leaves the box empty for text that is not a number; Python then gets None.
    get: () => (control.value === "" ? null : Number(control.value)),
    set,
  };
}
