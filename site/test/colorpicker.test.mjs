import assert from "node:assert/strict";
import { test } from "node:test";

import { normalizeHex } from "../components/colorpicker.mjs";

test("hex colours become what <input type=color> takes", () => {
  assert.equal(normalizeHex("#FF8800"), "#ff8800");
  assert.equal(normalizeHex("#abc"), "#aabbcc");
});

test("no colour, or one the input cannot show, is black as in Gradio", () => {
  assert.equal(normalizeHex(null), "#000000");
  assert.equal(normalizeHex("red"), "#000000");
});
