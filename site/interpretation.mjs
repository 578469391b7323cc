// The Interpret panel: while the worker runs the interpretation, a progress bar (evaluations
// done of total) with Cancel (the app's: the panel says "Cancelling…" until the worker has
// stopped, and only then do the app's buttons come back); then, for each input, its {"original", "interpretation"} payload
// drawn in a region named "Interpretation: <label>" (Gradio 3's formats, spec §2.4):
//   text           one span per (token, score) pair, shaded by score, carrying data-score
//   image          the image as the model saw it, a heat map canvas over it (fades on hover)
//   neighbours     one bar per value tried (number, slider, checkbox, checkbox group, radio,
//   and audio      dropdown) or per audio segment: length by |score|, colour by score
// and a legend. Colours are Gradio's getSaliencyColor; every value goes in as text.

import { h } from "./dom.mjs";
import { choicesOf } from "./components/field.mjs";

const WHITE = [255, 255, 255];
const RED = [231, 76, 60]; // score >= 0: supports the predicted class
const BLUE = [52, 152, 219]; // score < 0: against it

const _isScore = (value) => typeof value === "number" && Number.isFinite(value);

/** Gradio 3's colour weight: sqrt(min(|v|, 1)); 0 for null (a current value, no score). */
export function saliencyWeight(value) {
  return _isScore(value) ? Math.sqrt(Math.min(Math.abs(value), 1)) : 0;
}

/**
 * Gradio 3's getSaliencyColor: white to red rgb(231,76,60) for v >= 0, to blue rgb(52,152,219)
 * for v < 0, weighted by sqrt(min(|v|, 1)). null/undefined (the current value) stays white.
 */
export function saliencyColor(value) {
  const weight = saliencyWeight(value);
  const target = _isScore(value) && value < 0 ? BLUE : RED;
  const [r, g, b] = target.map((channel, i) => Math.round(WHITE[i] + (channel - WHITE[i]) * weight));
  return `rgb(${r}, ${g}, ${b})`;
}

/** The largest |score| among `values` (nulls skipped); 0 when there is none. */
export function maxAbs(values) {
  return values.reduce((peak, value) => (_isScore(value) ? Math.max(peak, Math.abs(value)) : peak), 0);
}

/**
 * RGBA pixels of an H×W score map, scaled by its largest |score| (so it is signed in [-1, 1]
 * whatever the method). Each pixel is Gradio's target colour with alpha = Gradio's weight:
 * over white that is exactly getSaliencyColor, over the image it tints it and leaves
 * unimportant regions visible.
 */
export function heatmapPixels(scores) {
  const rows = scores.length;
  const columns = rows ? scores[0].length : 0;
  const peak = maxAbs(scores.flat());
  const pixels = new Uint8ClampedArray(rows * columns * 4);
  scores.forEach((row, y) => row.forEach((score, x) => {
    const value = peak > 0 && _isScore(score) ? score / peak : 0;
    pixels.set([...(value < 0 ? BLUE : RED), Math.round(255 * saliencyWeight(value))], (y * columns + x) * 4);
  }));
  return { rows, columns, peak, pixels };
}

/**
 * The bars to draw for a neighbour or audio payload: [{name, score, current}], one per value
 * tried (or per audio segment), in the component's order. Throws on a payload of another shape.
 */
export function barRows(type, payload, props = {}, original = null) {
  const choices = choicesOf(props);
  const choice = (i) => choices[i]?.[0] ?? String(i);
  const row = (name, score) => ({ name: String(name), score: _isScore(score) ? score : null, current: !_isScore(score) });
  // Gradio: [score of unchecking, None] for a checked choice, [None, score of checking] otherwise.
  const isChecked = (item, i) => (Array.isArray(original) && choices[i]
    ? original.some((value) => JSON.stringify(value) === JSON.stringify(choices[i][1]))
    : _isScore(item[0]));
  const pairs = (items) => items.map((item, i) => {
    if (!Array.isArray(item) || item.length !== 2) throw new Error(`item ${i} is not a [score if unchecked, score if checked] pair`);
    const checked = isChecked(item, i);
    const score = checked ? item[0] : item[1];
    return { name: `${checked ? "uncheck" : "check"} ${choice(i)}`, score: _isScore(score) ? score : null, current: false };
  });
  switch (type) {
    case "number":
      return payload.map(([value, score]) => row(value, score));
    case "slider": {
      const { minimum = 0, maximum = 100 } = props;
      const at = (i) => (payload.length === 1 ? minimum : minimum + ((maximum - minimum) * i) / (payload.length - 1));
      return payload.map((score, i) => ({ ...row(+at(i).toFixed(2), score), current: _isScore(original) && Math.abs(at(i) - original) < 1e-9 }));
    }
    case "checkbox":
      return [row("unchecked", payload[0]), row("checked", payload[1])];
    case "checkboxgroup":
      return pairs(payload);
    case "dropdown":
      if (payload.some(Array.isArray)) return pairs(payload); // multiselect: like a checkbox group
    // falls through: a single-select dropdown is drawn like a radio
    case "radio":
      return payload.map((score, i) => row(choice(i), score));
    case "audio":
      return payload.map((score, i) => ({ ...row(`part ${i + 1} of ${payload.length}`, score), current: false }));
    default:
      throw new Error(`no bars for a ${type}`);
  }
}

// -- drawing one input's payload ------------------------------------------------------------------

const _scoreText = (score, current = true) =>
  _isScore(score) ? `${score >= 0 ? "+" : "−"}${+Math.abs(score).toPrecision(3)}` : current ? "current" : "not tried";

function _tokens(payload) {
  return h("p", { class: "pyi-saliency-text" }, payload.map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new Error(`item ${i} is not a (token, score) pair`);
    const [token, score] = pair;
    const span = h("span", { class: "pyi-saliency", title: _scoreText(score) }, String(token));
    if (_isScore(score)) span.dataset.score = String(score);
    span.style.background = saliencyColor(score);
    return span;
  }));
}

function _bars(rows) {
  const peak = maxAbs(rows.map((r) => r.score));
  return h("ul", { class: "pyi-effects" }, rows.map(({ name, score, current }) => {
    const fill = h("span", { class: "pyi-effect-fill" });
    if (_isScore(score) && peak > 0) {
      fill.style.width = `${(Math.abs(score) / peak) * 50}%`;
      fill.style[score < 0 ? "right" : "left"] = "50%";
      fill.style.background = saliencyColor(score);
      fill.style.borderColor = `rgb(${(score < 0 ? BLUE : RED).join(", ")})`;
    }
    const item = h("li", { class: `pyi-effect${current ? " pyi-effect-current" : ""}` },
      h("span", { class: "pyi-effect-name" }, current ? `${name} (current)` : name),
      h("span", { class: "pyi-effect-track", "aria-hidden": "true" }, fill),
      h("span", { class: "pyi-effect-value" }, _scoreText(score, current)));
    if (_isScore(score)) item.dataset.score = String(score);
    return item;
  }));
}

function _mediaUrl(original, resolveUrl) {
  const source = original && typeof original === "object" ? original.image ?? original.name ?? original.data : original;
  return typeof source === "string" && source ? resolveUrl(source) : null;
}

/** The image cropped as the model saw it (shape= centre-crops: object-fit cover) under the map. */
function _heatmap(scores, original, resolveUrl) {
  if (!scores.every((row) => Array.isArray(row) && row.length === scores[0]?.length)) throw new Error("the map is not a 2-D list");
  const { rows, columns, peak, pixels } = heatmapPixels(scores);
  const canvas = h("canvas", { class: "pyi-heatmap", width: Math.max(columns, 1), height: Math.max(rows, 1), "aria-hidden": "true" });
  canvas.dataset.peak = String(peak);
  if (rows && columns) canvas.getContext("2d").putImageData(new ImageData(pixels, columns, rows), 0, 0);
  const source = _mediaUrl(original, resolveUrl);
  const frame = h("div", { class: "pyi-heatmap-frame", role: "img", "aria-label": "The image with its heat map over it" },
    source ? h("img", { class: "pyi-heatmap-image", alt: "", src: source }) : null, canvas);
  frame.style.aspectRatio = `${Math.max(columns, 1)} / ${Math.max(rows, 1)}`;
  return h("div", {}, frame, h("p", { class: "pyi-heatmap-hint" }, "Hover over the image to see it without the heat map."));
}

function _draw(component, data, resolveUrl) {
  const { type, props } = component;
  const payload = data.interpretation;
  if (!Array.isArray(payload)) throw new Error("the payload is not a list");
  if (type === "textbox") return _tokens(payload);
  if (type === "image") return _heatmap(payload, data.original, resolveUrl);
  const bars = _bars(barRows(type, payload, props, data.original));
  const source = type === "audio" ? _mediaUrl(data.original, resolveUrl) : null;
  return source ? h("div", {}, h("audio", { controls: true, src: source, class: "pyi-interpretation-audio" }), bars) : bars;
}

/** One input's region; a payload it cannot draw is shown as JSON with the reason. */
function _region(component, payload, resolveUrl) {
  const label = component.props.label || component.type;
  const region = h("section", { class: "pyi-interpretation-item", role: "region", "aria-label": `Interpretation: ${label}` },
    h("h3", {}, label));
  region.dataset.component = component.type;
  const data = payload && typeof payload === "object" && !Array.isArray(payload) && "interpretation" in payload
    ? payload : { original: null, interpretation: payload };
  if (data.interpretation === null || data.interpretation === undefined) {
    region.append(h("p", { class: "pyi-interpretation-none" }, "No interpretation for this input."));
    return region;
  }
  try {
    region.append(_draw(component, data, resolveUrl));
  } catch (err) {
    region.append(h("p", { class: "pyi-interpretation-none" }, `This ${component.type} interpretation cannot be drawn (${err.message}); its values:`),
      h("pre", { class: "pyi-json" }, JSON.stringify(data.interpretation, null, 2)));
  }
  return region;
}

function _legend() {
  const swatch = (colour) => {
    const element = h("span", { class: "pyi-legend-swatch", "aria-hidden": "true" });
    element.style.background = `rgb(${colour.join(", ")})`;
    return element;
  };
  return h("p", { class: "pyi-interpretation-legend" },
    h("span", {}, swatch(RED), "red: supports the predicted class"),
    h("span", {}, swatch(BLUE), "blue: against it"),
    h("span", {}, "stronger colour, larger effect"));
}

// -- the panel ------------------------------------------------------------------------------------

export class InterpretationPanel {
  constructor({ resolveUrl }) {
    this._resolveUrl = resolveUrl;
    this._onCancel = null;
    const headingId = `pyi-interpretation-${Math.random().toString(36).slice(2, 8)}`;
    this._fill = h("span", { class: "pyi-meter-fill" });
    this._meter = h("div", { class: "pyi-meter", role: "progressbar", "aria-label": "Interpretation progress", "aria-valuemin": "0" }, this._fill);
    this._count = h("span", { class: "pyi-meter-text" });
    this._cancel = h("button", { type: "button", class: "pyi-button", onclick: () => this._cancelNow() }, "Cancel");
    this._progress = h("div", { class: "pyi-interpretation-progress", hidden: true }, this._meter, this._count, this._cancel);
    this._status = h("p", { class: "pyi-interpretation-status", role: "status" });
    this._list = h("div", { class: "pyi-interpretation-list" });
    this._legend = _legend();
    this.element = h("section", { class: "pyi-interpretation", "aria-labelledby": headingId, hidden: true },
      h("h2", { id: headingId, class: "pyi-interpretation-title" }, "Interpretation"),
      this._progress, this._status, this._list, this._legend);
  }

  /**
   * An interpretation starts: show the progress bar; returns the runner's {onProgress, signal}.
   * `signal`: the run's (the app aborts it); `onCancel`: what the panel's Cancel asks the app to do.
   * @param {{signal: AbortSignal, onCancel: () => void}} run
   */
  begin({ signal, onCancel }) {
    this._onCancel = onCancel;
    this._list.replaceChildren();
    this._legend.hidden = true;
    this._status.textContent = "";
    this._cancel.disabled = false;
    this._setProgress(null, null);
    this._progress.hidden = false;
    this.element.hidden = false;
    return { signal, onProgress: ({ loaded, total }) => this._onCancel && this._setProgress(loaded, total) };
  }

  /** Cancel pressed: the interpretation stops at its next batch; until then the panel says so. */
  _cancelNow() {
    const onCancel = this._onCancel;
    if (!onCancel) return;
    this._onCancel = null;
    this._cancel.disabled = true;
    this._count.textContent = "Cancelling…";
    onCancel();
  }

  _setProgress(done, total) {
    const known = Number.isFinite(total) && total > 0;
    if (known) {
      this._meter.setAttribute("aria-valuemax", String(total));
      this._meter.setAttribute("aria-valuenow", String(done));
      this._fill.style.width = `${(100 * done) / total}%`;
    } else {
      this._meter.removeAttribute("aria-valuenow");
      this._meter.removeAttribute("aria-valuemax");
      this._fill.style.width = "0%";
    }
    this._meter.dataset.state = known ? "determinate" : "indeterminate";
    this._count.textContent = known ? `${done} of ${total} evaluations` : "Starting the interpretation…";
  }

  /** Show one payload per component (the interpret event's outputs are the input components). */
  show(components, payloads) {
    this._end();
    this._list.replaceChildren(...components.map((component, i) => _region(component, payloads[i], this._resolveUrl)));
    this._legend.hidden = false;
    this.element.hidden = false;
  }

  /** The run failed; true when it was cancelled (said here), false for an error the app shows. */
  fail(error) {
    this._end();
    if (error?.type === "CancelledError") {
      this._status.textContent = "Interpretation cancelled";
      this.element.hidden = false;
      return true;
    }
    this.element.hidden = true;
    return false;
  }

  /** Hide the panel (the app cancels an interpretation that is still running). */
  clear() {
    this._end();
    this._list.replaceChildren();
    this._status.textContent = "";
    this.element.hidden = true;
  }

  _end() {
    this._onCancel = null;
    this._progress.hidden = true;
  }
}
