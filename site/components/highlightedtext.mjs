// HighlightedText: text spans marked with their category (a colour and a tag) or a score
// (red for positive, blue for negative). Text is always inserted as text, never as HTML.
// Colours are set through the CSSOM (see _swatch), which a strict CSP allows.

import { h } from "../dom.mjs";
import { makeField } from "./field.mjs";

// Gradio 3's palette order for categories without a colour in color_map.
const PALETTE = ["#ef4444", "#3b82f6", "#22c55e", "#f59e0b", "#a855f7", "#06b6d4", "#ec4899", "#84cc16", "#6366f1", "#f97316"];

export function renderHighlightedText(component, ctx) {
  const { props } = component;
  const field = makeField(component, ctx, "region");
  const view = h("div", { class: "pyi-highlighted" });
  const legend = h("ul", { class: "pyi-legend", hidden: true });
  field.body.append(legend, view);
  let value = null;
  const set = (next) => {
    value = next ?? null;
    const pairs = _pairs(value);
    const colours = _colours(pairs, props.color_map ?? {});
    view.replaceChildren(...pairs.map(([text, category]) => _span(text, category, colours)));
    legend.replaceChildren(...[...colours].map(([name, colour]) => h("li", {}, _swatch(colour), name)));
    legend.hidden = !props.show_legend || colours.size === 0;
  };
  set(props.value);
  return { element: field.element, get: () => value, set };
}

function _pairs(value) {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (Array.isArray(item) ? item : [item?.token ?? item?.text ?? "", item?.class_or_confidence ?? item?.label ?? null]));
}

function _colours(pairs, colorMap) {
  const colours = new Map();
  for (const [, category] of pairs) {
    if (typeof category !== "string" || colours.has(category)) continue;
    colours.set(category, colorMap[category] ?? PALETTE[colours.size % PALETTE.length]);
  }
  return colours;
}

// Colours go through the CSSOM (style.setProperty), never a style="" attribute: a
// Content-Security-Policy without 'unsafe-inline' drops attributes but allows the CSSOM.
function _swatch(colour) {
  const swatch = h("span", { class: "pyi-swatch" });
  swatch.style.setProperty("background", colour);
  return swatch;
}

function _span(text, category, colours) {
  if (category === null || category === undefined) return document.createTextNode(String(text));
  if (typeof category === "number") {
    const strength = Math.min(1, Math.abs(category));
    const mark = h("mark", { class: "pyi-score", title: category.toFixed(3), dataset: { score: String(category) } }, String(text));
    mark.style.background = category >= 0 ? `rgba(239, 68, 68, ${strength})` : `rgba(59, 130, 246, ${strength})`;
    return mark;
  }
  const colour = colours.get(category);
  const mark = h("mark", { class: "pyi-category", dataset: { label: category } }, String(text), " ",
    h("span", { class: "pyi-category-tag" }, category));
  mark.style.setProperty("--pyi-category", colour);
  return mark;
}
