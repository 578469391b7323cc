import assert from "node:assert/strict";
import { test } from "node:test";

import { barRows, heatmapPixels, maxAbs, saliencyColor, saliencyWeight } from "../interpretation.mjs";

test("saliency colours follow Gradio 3: white at 0, red for positive, blue for negative", () => {
  assert.equal(saliencyColor(0), "rgb(255, 255, 255)");
  assert.equal(saliencyColor(1), "rgb(231, 76, 60)");
  assert.equal(saliencyColor(-1), "rgb(52, 152, 219)");
  assert.equal(saliencyColor(5), saliencyColor(1));
  assert.equal(saliencyColor(-5), saliencyColor(-1));
  assert.equal(saliencyColor(null), "rgb(255, 255, 255)");
  assert.equal(saliencyColor(Number.NaN), "rgb(255, 255, 255)");
  const quarter = saliencyColor(0.25).match(/\d+/g).map(Number);
  assert.deepEqual(quarter, [243, 166, 158]); // weight sqrt(0.25) = 0.5
  assert.deepEqual(saliencyColor(-0.25).match(/\d+/g).map(Number), [154, 204, 237]);
});

test("maxAbs skips nulls and keeps the largest magnitude of either sign", () => {
  assert.equal(maxAbs([0.2, null, -0.7, 0.5]), 0.7);
  assert.equal(maxAbs([null, null]), 0);
  assert.equal(maxAbs([]), 0);
});

test("a heat map is scaled by its largest |score|, keeps the sign, and over white is Gradio's colour", () => {
  const { rows, columns, peak, pixels } = heatmapPixels([[0.5, -0.25], [0, null]]);
  assert.deepEqual([rows, columns, peak], [2, 2, 0.5]);
  const at = (x, y) => Array.from(pixels.slice((y * columns + x) * 4, (y * columns + x) * 4 + 4));
  assert.deepEqual(at(0, 0), [231, 76, 60, 255]); // 0.5 / 0.5 = 1: full red
  assert.deepEqual(at(1, 0), [52, 152, 219, Math.round(255 * Math.sqrt(0.5))]); // -0.5: blue
  assert.equal(at(0, 1)[3], 0); // no effect: transparent, the image shows
  assert.equal(at(1, 1)[3], 0);
  // alpha-compositing the pixel over white gives getSaliencyColor of the scaled score
  const [r, g, b, a] = at(1, 0);
  const over = [r, g, b].map((c) => c * (a / 255) + 255 * (1 - a / 255));
  const gradio = saliencyColor(-0.5).match(/\d+/g).map(Number);
  over.forEach((channel, i) => assert.ok(Math.abs(channel - gradio[i]) <= 1, `channel ${i}: ${channel} vs ${gradio[i]}`));
  assert.equal(saliencyWeight(-0.5), Math.sqrt(0.5));
});

test("an all-zero map is transparent rather than dividing by zero", () => {
  const { peak, pixels } = heatmapPixels([[0, 0]]);
  assert.equal(peak, 0);
  assert.deepEqual(Array.from(pixels).filter((_, i) => i % 4 === 3), [0, 0]);
});

test("number bars: one per neighbour, the current value (None in the middle) marked", () => {
  const rows = barRows("number", [[1.94, -0.24], [1.98, -0.08], [2, null], [2.02, 0.08]]);
  assert.deepEqual(rows.map((r) => [r.name, r.score, r.current]),
    [["1.94", -0.24, false], ["1.98", -0.08, false], ["2", null, true], ["2.02", 0.08, false]]);
});

test("slider bars are named by linspace(minimum, maximum, steps) and mark the current value", () => {
  const rows = barRows("slider", [-4, 0, 5, 9], { minimum: 0, maximum: 3 }, 2);
  assert.deepEqual(rows.map((r) => r.name), ["0", "1", "2", "3"]);
  assert.deepEqual(rows.map((r) => r.current), [false, false, true, false]);
});

test("checkbox, radio and dropdown bars follow Gradio's payloads", () => {
  assert.deepEqual(barRows("checkbox", [null, 1]).map((r) => [r.name, r.score, r.current]),
    [["unchecked", null, true], ["checked", 1, false]]);
  const props = { choices: [["Cat", "cat"], ["Dog", "dog"], ["Eel", "eel"]] };
  assert.deepEqual(barRows("radio", [-2, null, 2], props).map((r) => [r.name, r.current]),
    [["Cat", false], ["Dog", true], ["Eel", false]]);
  assert.deepEqual(barRows("dropdown", [-2, null, 2], props).map((r) => r.name), ["Cat", "Dog", "Eel"]);
});

test("checkbox group (and multiselect dropdown) bars say what toggling each choice does", () => {
  const props = { choices: ["a", "b", "c"] };
  const rows = barRows("checkboxgroup", [[-1, null], [null, 1], [null, 0.5]], props);
  assert.deepEqual(rows.map((r) => [r.name, r.score]), [["uncheck a", -1], ["check b", 1], ["check c", 0.5]]);
  assert.deepEqual(barRows("dropdown", [[-1, null], [null, 1], [null, 0.5]], props), rows);
  assert.throws(() => barRows("checkboxgroup", [0.3], props), /item 0 is not a \[score if unchecked, score if checked\] pair/);
  // a neighbour that was not run (None) is read with the selection the page sent
  const skipped = barRows("dropdown", [[-1, null], [null, null]], { choices: ["a", "b"] }, ["a"]);
  assert.deepEqual(skipped.map((r) => [r.name, r.score]), [["uncheck a", -1], ["check b", null]]);
});

test("audio bars: one per segment, in order", () => {
  assert.deepEqual(barRows("audio", [0.1, -0.2, 0]).map((r) => [r.name, r.score]),
    [["part 1 of 3", 0.1], ["part 2 of 3", -0.2], ["part 3 of 3", 0]]);
  assert.throws(() => barRows("video", [1]), /no bars for a video/);
});
