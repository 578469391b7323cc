import assert from "node:assert/strict";
import { test } from "node:test";

import { saliencyColor } from "../interpretation.mjs";

test("saliency colours follow Gradio 3: white at 0, red for positive, blue for negative", () => {
  assert.equal(saliencyColor(0), "rgb(255, 255, 255)");
  assert.equal(saliencyColor(1), "rgb(231, 76, 60)");
  assert.equal(saliencyColor(-1), "rgb(52, 152, 219)");
  assert.equal(saliencyColor(5), saliencyColor(1));
  assert.equal(saliencyColor(null), "rgb(255, 255, 255)");
  const quarter = saliencyColor(0.25).match(/\d+/g).map(Number);
  assert.deepEqual(quarter, [243, 166, 158]); // weight sqrt(0.25) = 0.5
});
