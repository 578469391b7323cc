import assert from "node:assert/strict";
import { test } from "node:test";

import { overallFraction } from "../progress.mjs";
import { STAGES } from "../protocol.mjs";

test("the overall fraction grows through the stages and within a stage by bytes", () => {
  const points = [
    overallFraction("load manifest", null, null),
    overallFraction("load runtime", 0, 100),
    overallFraction("load runtime", 50, 100),
    overallFraction("load packages", 0, null),
    overallFraction("run app", null, null),
  ];
  for (let i = 1; i < points.length; i++) assert.ok(points[i] > points[i - 1], `${points}`);
  assert.ok(overallFraction(STAGES.at(-1), 1, 1) <= 1);
  assert.equal(overallFraction("no such stage", 1, 1), 0);
});
