// JSON: the value pretty-printed (two-space indent) as text.

import { h } from "../dom.mjs";
import { makeField } from "./field.mjs";

export function renderJson(component, ctx) {
  const field = makeField(component, ctx, "region");
  const view = h("pre", { class: "pyi-json" });
  field.body.append(view);
  let value = null;
  const set = (next) => {
    value = next === undefined ? null : next;
    view.textContent = value === null ? "" : JSON.stringify(value, null, 2);
  };
  set(component.props.value);
  return { element: field.element, get: () => value, set };
}
