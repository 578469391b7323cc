// Textbox: an <input> (or a <textarea> when lines > 1); as an output, the text itself.

import { h } from "../dom.mjs";
import { makeField, renderTextOutput } from "./field.mjs";

export function renderTextbox(component, ctx) {
  const { props } = component;
  if (component.role === "output") return renderTextOutput(component, ctx, "pyi-text");

  const field = makeField(component, ctx, "control");
  const multiline = (props.lines ?? 1) > 1;
  const control = multiline
    ? h("textarea", { rows: props.lines, class: "pyi-control" })
    : h("input", { type: props.type === "password" || props.type === "email" ? props.type : "text", class: "pyi-control" });
  if (props.placeholder) control.placeholder = props.placeholder;
  if (props.interactive === false) control.readOnly = true;
  control.addEventListener("input", () => ctx.changed());
  if (!multiline) {
    // Gradio 3.50: Enter in a single-line Textbox submits.
    control.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) {
        event.preventDefault();
        ctx.submit();
      }
    });
  } else {
    const grow = () => {
      control.rows = Math.min(Math.max(props.lines, control.value.split("\n").length), props.max_lines ?? props.lines);
    };
    control.addEventListener("input", grow);
  }
  field.label(control);
  field.body.append(control);
  const set = (value) => {
    control.value = value === null || value === undefined ? "" : String(value);
  };
  set(props.value);
  return { element: field.element, get: () => control.value, set };
}
