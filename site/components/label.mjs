// Label: the top class as a heading, then one bar per class with its confidence as a
// percentage (num_top_classes bars at most). Python sorts and cuts; JS only draws.

import { h } from "../dom.mjs";
import { makeField } from "./field.mjs";

export function renderLabel(component, ctx) {
  const { props } = component;
  const field = makeField(component, ctx, "region");
  const view = h("div", { class: "pyi-label-view" });
  field.body.append(view);
  let value = null;
  const set = (next) => {
    value = next ?? null;
    view.replaceChildren(...(value === null ? [] : _draw(value, props)));
  };
  set(props.value);
  return { element: field.element, get: () => value, set };
}

function _draw(value, props) {
  const data = typeof value === "object" ? value : { label: String(value) };
  const nodes = [h("p", { class: "pyi-label-top" }, data.label ?? "")];
  let confidences = Array.isArray(data.confidences) ? data.confidences : [];
  if (props.num_top_classes) confidences = confidences.slice(0, props.num_top_classes);
  if (confidences.length) {
    nodes.push(h("ul", { class: "pyi-confidences" }, confidences.map((item) => {
      const percent = Math.round(Number(item.confidence) * 100);
      const fill = h("span", { class: "pyi-bar-fill" });
      fill.style.width = `${Math.max(0, Math.min(100, Number(item.confidence) * 100))}%`;
      if (props.color) fill.style.background = props.color;
      return h("li", { class: "pyi-confidence", dataset: { label: String(item.label) } },
        h("span", { class: "pyi-confidence-name" }, String(item.label)),
        h("span", { class: "pyi-bar", "aria-hidden": "true" }, fill),
        h("span", { class: "pyi-confidence-value" }, `${percent}%`));
    })));
  }
  return nodes;
}
