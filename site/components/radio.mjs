// Radio: a <fieldset> of native radio buttons (arrow keys move between them) named by the label.

import { h, sameValue } from "../dom.mjs";
import { choiceName, choicesOf, makeField, renderTextOutput } from "./field.mjs";

export function renderRadio(component, ctx) {
  const { props } = component;
  const choices = choicesOf(props);
  if (component.role === "output") return renderChoiceOutput(component, ctx, (v) => choiceName(props, v));

  const field = makeField(component, ctx, "group");
  const name = ctx.uid("radio");
  const buttons = choices.map(([shown], index) => {
    const input = h("input", { type: "radio", name, value: String(index), disabled: props.interactive === false });
    input.addEventListener("change", () => ctx.changed());
    field.body.append(h("label", { class: "pyi-choice" }, input, shown));
    return input;
  });
  field.body.classList.add("pyi-choices");
  const set = (value) => {
    const index = choices.findIndex(([, v]) => sameValue(v, value));
    buttons.forEach((button, i) => {
      button.checked = i === index;
    });
  };
  set(props.value);
  return {
    element: field.element,
    get() {
      const index = buttons.findIndex((button) => button.checked);
      return index < 0 ? null : choices[index][1];
    },
    set,
  };
}

/** The output form of a choice component: the shown name(s) of its value as text. */
export function renderChoiceOutput(component, ctx, format) {
  return renderTextOutput(component, ctx, "pyi-text", format);
}
