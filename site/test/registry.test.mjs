import assert from "node:assert/strict";
import { test } from "node:test";

import { knownTypes, loadRenderers, loadedRenderer, registerRenderer, renderComponent } from "../components/index.mjs";
import { renderState } from "../components/state.mjs";

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
  assert.ok(knownTypes().includes("x-test"));
});

test("a built-in renderer is only usable once loaded, and loading skips unknown types", async () => {
  assert.throws(() => renderComponent({ id: 1, type: "state", props: {} }, {}), /renderer for component type "state" \(component 1\) is not loaded/);
  assert.equal(loadedRenderer("state"), null);
  await loadRenderers(["state", "state", "model3d"]);
  assert.equal(loadedRenderer("state"), renderState);
  assert.equal(loadedRenderer("textbox"), null); // only the types asked for
  assert.throws(() => renderComponent({ id: 4, type: "model3d", props: {} }, {}), /no renderer for component type "model3d"/);
});

test("a registered renderer wins over the built-in loaded after it", async () => {
  const mine = () => ({ element: null, get: () => "mine", set() {} });
  registerRenderer("json", mine);
  await loadRenderers(["json"]);
  assert.equal(renderComponent({ id: 2, type: "json", props: {} }, {}).get(), "mine");
});
