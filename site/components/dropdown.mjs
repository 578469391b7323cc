// Dropdown: a native <select> (<select multiple> with multiselect); with allow_custom_value a
// text box suggesting the choices (<input list>), so any text can be entered.

import { h, sameValue } from "../dom.mjs";
import { choiceName, choicesOf, makeField } from "./field.mjs";
import { renderChoiceOutput } from "./radio.mjs";

export function renderDropdown(component, ctx) {
  const { props } = component;
  const choices = choicesOf(props);
  if (component.role === "output") {
    return renderChoiceOutput(component, ctx, (value) =>
      Array.isArray(value) ? value.map((v) => choiceName(props, v)).join(", ") : choiceName(props, value),
    );
  }
  const field = makeField(component, ctx, "control");
  const widget = props.allow_custom_value && !props.multiselect
    ? _customValueBox(choices, ctx)
    : _select(choices, Boolean(props.multiselect));
  if (props.interactive === false) widget.control.disabled = true;
  widget.control.addEventListener("change", () => ctx.changed());
  field.label(widget.control);
  field.body.append(...widget.nodes);
  widget.set(props.value);
  return { element: field.element, get: widget.get, set: widget.set };
}

function _select(choices, multiple) {
  const control = h("select", { class: "pyi-control", multiple });
  // An empty first option so that "no value" (None) can be shown and chosen, as Gradio allows.
  if (!multiple) control.append(h("option", { value: "" }, ""));
  choices.forEach(([shown], index) => control.append(h("option", { value: String(index) }, shown)));
  const options = [...control.options].filter((option) => option.value !== "");
  return {
    control,
    nodes: [control],
    get() {
      const picked = options.filter((option) => option.selected).map((option) => choices[Number(option.value)][1]);
      return multiple ? picked : picked.length ? picked[0] : null;
    },
    set(value) {
      const wanted = multiple ? [].concat(value ?? []) : [value];
      options.forEach((option) => {
        option.selected = wanted.some((v) => v !== null && v !== undefined && sameValue(v, choices[Number(option.value)][1]));
      });
      if (!multiple && !options.some((option) => option.selected)) control.value = "";
    },
  };
}

function _customValueBox(choices, ctx) {
  const listId = ctx.uid("choices");
  const control = h("input", { type: "text", class: "pyi-control", list: listId, autocomplete: "off" });
  const list = h("datalist", { id: listId }, choices.map(([shown]) => h("option", { value: shown })));
  control.addEventListener("input", () => ctx.changed());
  return {
    control,
    nodes: [control, list],
    get() {
      if (control.value === "") return null;
      const found = choices.find(([shown]) => shown === control.value);
      return found ? found[1] : control.value;
    },
    set(value) {
      const found = choices.find(([, v]) => sameValue(v, value));
      control.value = found ? found[0] : value === null || value === undefined ? "" : String(value);
    },
  };
}
