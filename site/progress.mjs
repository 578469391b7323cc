// The loading panel: which stage is running, what it is fetching (bytes when known) and one
// progress bar for the whole boot. Shown from the first moment, so the page is never blank.

import { h } from "./dom.mjs";
import { STAGES } from "./protocol.mjs";

/** Share of the whole boot each stage takes, roughly (the runtime download dominates). */
const STAGE_WEIGHTS = {
  "load manifest": 0.02,
  "load runtime": 0.6,
  "load packages": 0.23,
  "fetch app files": 0.05,
  "run app": 0.1,
};

const STAGE_NAMES = {
  "load manifest": "App manifest",
  "load runtime": "Python runtime",
  "load packages": "Packages",
  "fetch app files": "App files",
  "run app": "Starting the app",
};

/**
 * Overall fraction done (0..1) given the current stage and the bytes of that stage.
 * @param {string} stage
 * @param {number | null} loaded
 * @param {number | null} total
 */
export function overallFraction(stage, loaded, total) {
  const index = STAGES.indexOf(stage);
  if (index < 0) return 0;
  const before = STAGES.slice(0, index).reduce((sum, name) => sum + STAGE_WEIGHTS[name], 0);
  const within = total ? Math.min(1, (loaded ?? 0) / total) : 0;
  return Math.min(1, before + STAGE_WEIGHTS[stage] * within);
}

export class ProgressPanel {
  constructor() {
    this._stageLine = h("p", { class: "pyi-progress-stage", "aria-live": "polite" });
    this._detail = h("p", { class: "pyi-progress-detail" });
    this._bar = h("progress", { class: "pyi-progress-bar", max: 1, value: 0, "aria-label": "Loading" });
    this._steps = h("ol", { class: "pyi-progress-steps" },
      STAGES.map((stage) => h("li", { dataset: { stage, state: "pending" } }, STAGE_NAMES[stage])));
    this.element = h("div", { class: "pyi-progress" },
      h("p", { class: "pyi-progress-title" }, "Loading Python in your browser…"),
      this._stageLine, this._bar, this._detail, this._steps);
    this._stage = null;
    this._fraction = 0;
    this.update({ stage: "load manifest", message: "Fetching the app manifest" });
  }

  /** Show a progress message ({stage, message, loaded, total}); the bar never moves back. */
  update({ stage, message, loaded = null, total = null }) {
    if (stage !== this._stage && STAGES.includes(stage)) {
      this._stage = stage;
      this._stageLine.textContent = `${STAGE_NAMES[stage]} (step ${STAGES.indexOf(stage) + 1} of ${STAGES.length})`;
      const current = STAGES.indexOf(stage);
      for (const item of this._steps.children) {
        const index = STAGES.indexOf(item.dataset.stage);
        item.dataset.state = index < current ? "done" : index === current ? "active" : "pending";
      }
    }
    this._detail.textContent = message;
    this._fraction = Math.max(this._fraction, overallFraction(stage, loaded, total));
    this._bar.value = this._fraction;
  }

  remove() {
    this.element.remove();
  }
}
