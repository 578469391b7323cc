// State: nothing to see. Its value stays in Python (pyinterface/components/state.py); the
// page only says when to start it again: after Clear, the State input sends RESET once.

import { h } from "../dom.mjs";

/** What a State input sends after Clear (state.py's RESET); otherwise it sends null. */
export const STATE_RESET = Object.freeze({ __pyinterface_state__: "reset" });

export function renderState(component) {
  const element = h("div", { hidden: true, dataset: { component: "state", componentId: String(component.id) } });
  let reset = false;
  return {
    element,
    get() {
      if (component.role !== "input" || !reset) return null;
      reset = false;
      return STATE_RESET;
    },
    set() {
      // Only Clear sets a State input (examples leave it out): the next run starts afresh.
      if (component.role === "input") reset = true;
    },
  };
}
