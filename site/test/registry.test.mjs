import assert from "node:assert/strict";
import { test } from "node:test";

import { knownTypes, registerRenderer, renderComponent } from "../components/index.mjs";

test("every component type of the issue has a renderer", () => {
  const types = ["textbox", "number", "slider", "checkbox", "checkboxgroup", "radio", "dropdown", "image", "audio",
    "label", "highlightedtext", "json", "markdown", "html", "dataframe", "file", "video", "gallery", "state",
    "colorpicker", "chatbot"];
  for (const type of types) assert.ok(knownTypes().includes(type), type);
});

test("an unknown type fails naming the type, the component and the known types", () => {
  assert.throws(() => renderComponent({ id: 4, type: "model3d", props: { label: "mesh" } }, {}),
    /no renderer for component type "model3d" \(component 4, label "mesh"\); this page knows: audio, /);
});

test("registerRenderer adds a type", () => {
  registerRenderer("x-test", () => ({ element: null, get: () => 1, set() {} }));
  assert.equal(renderComponent({ id: 0, type: "x-test", props: {} }, {}).get(), 1);
});
