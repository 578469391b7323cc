// CheckboxGroup: a <fieldset> of native checkboxes; the value is the list of checked values.

import { h, sameValue } from "../dom.mjs";
import { choiceName, choicesOf, makeField } from "./field.mjs";
import { renderChoiceOutput } from "./radio.mjs";

export function renderCheckboxGroup(component, ctx) {
  const { props } = component;
  const choices = choicesOf(props);
  if (component.role === "output") {
    return renderChoiceOutput(component, ctx, (values) => [].concat(values).map((v) => choiceName(props, v)).join(", "));
  }

  const field = makeField(component, ctx, "group");
  const boxes = choices.map(([shown]) => {
    const input = h("input", { type: "checkbox", disabled: props.interactive === false });
    input.addEventListener("change", () => ctx.changed());
    field.body.append(h("label", { class: "pyi-choice" }, input, shown));
    return input;
  });
  field.body.classList.add("pyi-choices");
  const set = (values) => {
    const wanted = Array.isArray(values) ? values : values === null || values === undefined ? [] : [values];
    boxes.forEach((box, i) => {
      box.checked = wanted.some((v) => sameValue(v, choices[i][1]));
    });
  };
  set(props.value);
  return {
    element: field.element,
    get: () => choices.filter((_, i) => boxes[i].checked).map(([, v]) => v),
    set,
  };
}
