// The frame every component sits in: its label (the accessible name), info text, and the
// props every component shares (visible, elem_id, elem_classes, show_label).
//
// Three kinds, one per way a label names things:
//   "control"  an input with one main control: <label for=control>   (Textbox, Number, Image, ...)
//   "group"    an input made of several controls: <fieldset><legend> (Radio, CheckboxGroup)
//   "region"   an output: role="region" aria-labelledby=label         (every output)
// A control inside a region never repeats the label in its own name, so that looking a
// component up by its label finds exactly one element.

import { h } from "../dom.mjs";

/**
 * @typedef {{ id: number, type: string, role: "input" | "output", data_kind: string, props: Record<string, any> }} ComponentConfig
 * @typedef {{
 *   uid(suffix: string): string,
 *   resolveUrl(value: string): string,
 *   changed(): void,
 *   submit(): void,
 * }} RenderContext
 *   uid: a DOM id unique on the page; resolveUrl: a wire path (relative to the app folder) or
 *   data: URL -> a URL the page can load; changed: an input's value changed (live mode);
 *   submit: the visitor pressed Enter in a single-line field.
 * @typedef {{
 *   element: HTMLElement,
 *   get(): any,
 *   set(value: any): void,
 *   settle?(): Promise<void>,
 * }} Widget
 *   get/set use wire values; settle resolves once a value being prepared (an audio file being
 *   converted to WAV) is ready to send.
 */

/**
 * Build the frame for `component`.
 * @param {ComponentConfig} component
 * @param {RenderContext} ctx
 * @param {"control" | "group" | "region"} kind
 * @returns {{ element: HTMLElement, body: HTMLElement, labelId: string, label(control: HTMLElement): void }}
 */
export function makeField(component, ctx, kind) {
  const props = component.props;
  const labelText = props.label ?? "";
  const labelId = ctx.uid("label");
  const infoId = props.info ? ctx.uid("info") : null;
  const hideLabel = props.show_label === false;
  const classes = ["pyi-field", `pyi-type-${component.type}`, `pyi-${component.role}`, ...(props.elem_classes ?? [])];

  let element;
  let labelElement;
  if (kind === "group") {
    labelElement = h("legend", { id: labelId, class: "pyi-label" }, labelText);
    element = h("fieldset", { class: classes.join(" ") }, labelElement);
  } else if (kind === "region") {
    labelElement = h("span", { id: labelId, class: "pyi-label" }, labelText);
    element = h("div", { class: classes.join(" "), role: "region", "aria-labelledby": labelId }, labelElement);
  } else {
    labelElement = h("label", { id: labelId, class: "pyi-label" }, labelText);
    element = h("div", { class: classes.join(" ") }, labelElement);
  }
  if (hideLabel) labelElement.classList.add("pyi-sr-only");
  if (props.elem_id) element.id = props.elem_id;
  if (props.visible === false) element.hidden = true;
  element.dataset.component = component.type;
  element.dataset.componentId = String(component.id);
  if (props.info) element.append(h("p", { id: infoId, class: "pyi-info" }, props.info));
  if (infoId && kind !== "control") element.setAttribute("aria-describedby", infoId);
  const body = h("div", { class: "pyi-body" });
  element.append(body);

  /** Name `control` by the label (kind "control" only) and describe it by the info text. */
  function label(control) {
    if (!control.id) control.id = ctx.uid("control");
    labelElement.htmlFor = control.id;
    if (infoId) control.setAttribute("aria-describedby", infoId);
  }
  return { element, body, labelId, label };
}

/** A read-only display of `text` inside an output region (Textbox, Number... outputs). */
export function textDisplay(className = "pyi-text") {
  const display = h("div", { class: `pyi-display ${className}` });
  return {
    element: display,
    show(text) {
      display.textContent = text ?? "";
      display.classList.toggle("pyi-empty", text === null || text === undefined || text === "");
    },
  };
}

/**
 * The output form of the components whose value is shown as text: `format(value)` of the
 * current wire value ("" for null). `decorate(element, value)` may add data attributes.
 * @param {ComponentConfig} component
 * @param {RenderContext} ctx
 * @param {string} className
 * @param {(value: any) => string} [format]
 * @param {(element: HTMLElement, value: any) => void} [decorate]
 * @returns {Widget}
 */
export function renderTextOutput(component, ctx, className, format = String, decorate = undefined) {
  const field = makeField(component, ctx, "region");
  const display = textDisplay(className);
  field.body.append(display.element);
  let value = component.props.value ?? null;
  const show = () => {
    display.show(value === null ? "" : format(value));
    decorate?.(display.element, value);
  };
  show();
  return {
    element: field.element,
    get: () => value,
    set(next) {
      value = next ?? null;
      show();
    },
  };
}

/** The choices of Radio/CheckboxGroup/Dropdown as [[name, value], ...]. */
export function choicesOf(props) {
  return (props.choices ?? []).map((choice) => (Array.isArray(choice) ? choice : [String(choice), choice]));
}

/** The shown name of a choice value (the value itself when it is not a choice). */
export function choiceName(props, value) {
  const found = choicesOf(props).find(([, v]) => JSON.stringify(v) === JSON.stringify(value));
  return found ? found[0] : value === null || value === undefined ? "" : String(value);
}
