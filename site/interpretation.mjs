// The Interpret result: for each input, its {"original", "interpretation"} payload drawn in
// Gradio 3's formats (spec §2.4): text tokens shaded by score, a heat map over the image,
// one shaded box per neighbour value, choice or audio segment. Shown in a panel under the
// inputs until Clear; values are inserted as text.

import { h } from "./dom.mjs";
import { choicesOf } from "./components/field.mjs";

/**
 * Gradio 3's getSaliencyColor: white to red rgb(231,76,60) for v >= 0, to blue rgb(52,152,219)
 * for v < 0, weighted by sqrt(min(|v|, 1)). null/undefined (the current value) stays white.
 */
export function saliencyColor(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "rgb(255, 255, 255)";
  const weight = Math.sqrt(Math.min(Math.abs(value), 1));
  const target = value >= 0 ? [231, 76, 60] : [52, 152, 219];
  const [r, g, b] = target.map((channel) => Math.round(255 + (channel - 255) * weight));
  return `rgb(${r}, ${g}, ${b})`;
}

/** A shaded box showing `text`, with the score in its title; the current value is outlined. */
function _box(text, score) {
  const box = h("span", { class: "pyi-saliency", title: score === null || score === undefined ? "current value" : String(score) }, text);
  box.style.background = saliencyColor(score);
  if (score === null || score === undefined) box.classList.add("pyi-saliency-current");
  return box;
}

const _draw = {
  textbox: (payload) => h("p", { class: "pyi-saliency-text" }, payload.map(([token, score]) => _box(String(token), score))),
  number: (payload) => h("div", { class: "pyi-saliency-row" }, payload.map(([value, score]) => _box(String(value), score))),
  slider: (payload, props) => {
    const steps = payload.length;
    const at = (i) => (steps === 1 ? props.minimum : props.minimum + ((props.maximum - props.minimum) * i) / (steps - 1));
    return h("div", { class: "pyi-saliency-row" }, payload.map((score, i) => _box(String(+at(i).toFixed(2)), score)));
  },
  checkbox: (payload) => h("div", { class: "pyi-saliency-row" }, _box("False", payload[0]), _box("True", payload[1])),
  checkboxgroup: (payload, props) => h("div", { class: "pyi-saliency-row" },
    choicesOf(props).map(([name], i) => _box(name, payload[i]?.[0] ?? payload[i]?.[1] ?? null))),
  radio: (payload, props) => h("div", { class: "pyi-saliency-row" }, choicesOf(props).map(([name], i) => _box(name, payload[i]))),
  dropdown: (payload, props) => _draw.radio(payload, props),
  audio: (payload) => h("div", { class: "pyi-saliency-row pyi-saliency-segments" }, payload.map((score, i) => _box(String(i + 1), score))),
  image: (payload, _props, original, resolveUrl) => _heatmap(payload, original, resolveUrl),
};

/** The image with its score map painted over it (each cell scaled to the displayed size). */
function _heatmap(scores, original, resolveUrl) {
  const rows = scores.length;
  const columns = rows ? scores[0].length : 0;
  const canvas = h("canvas", { class: "pyi-heatmap", width: columns, height: rows, "aria-hidden": "true" });
  const context = canvas.getContext("2d");
  const pixels = context.createImageData(Math.max(columns, 1), Math.max(rows, 1));
  scores.forEach((row, y) => row.forEach((score, x) => {
    const [r, g, b] = saliencyColor(score).match(/\d+/g).map(Number);
    pixels.data.set([r, g, b, 230], (y * columns + x) * 4);
  }));
  if (rows && columns) context.putImageData(pixels, 0, 0);
  const source = original && typeof original === "object" ? original.image : original;
  const image = h("img", { class: "pyi-image", alt: "", src: source ? resolveUrl(source) : null });
  return h("div", { class: "pyi-image-frame pyi-heatmap-frame" }, image, canvas);
}

export class InterpretationPanel {
  constructor({ resolveUrl }) {
    this._resolveUrl = resolveUrl;
    this._headingId = `pyi-interpretation-${Math.random().toString(36).slice(2, 8)}`;
    this._list = h("div", { class: "pyi-interpretation-list" });
    this.element = h("section", { class: "pyi-interpretation", "aria-labelledby": this._headingId, hidden: true },
      h("h2", { id: this._headingId, class: "pyi-interpretation-title" }, "Interpretation"), this._list);
  }

  /** Show one payload per component (the interpret event's outputs are the input components). */
  show(components, payloads) {
    this._list.replaceChildren(...components.map((component, i) => {
      const payload = payloads[i];
      const item = h("div", { class: "pyi-interpretation-item" }, h("h3", {}, component.props.label ?? ""));
      const data = payload && typeof payload === "object" && "interpretation" in payload ? payload : { original: null, interpretation: payload };
      const draw = _draw[component.type];
      if (data.interpretation === null || data.interpretation === undefined) item.append(h("p", {}, "No interpretation for this input."));
      else if (draw && Array.isArray(data.interpretation)) item.append(draw(data.interpretation, component.props, data.original, this._resolveUrl));
      else item.append(h("pre", { class: "pyi-json" }, JSON.stringify(data.interpretation, null, 2)));
      return item;
    }));
    this.element.hidden = false;
  }

  clear() {
    this._list.replaceChildren();
    this.element.hidden = true;
  }
}
