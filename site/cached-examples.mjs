// cache_examples=True in the page: a click on an example shows its outputs at once, as Gradio 3
// does with cached examples (fn is not called), and unlike Gradio nobody paid for them at
// start-up: an export computed them under CPython (the manifest's "cached_outputs",
// pyinterface/tooling/_cache_examples.py), so they show even before Python has booted here.
// An example the export could not cache (fn failed under CPython, the time limit ran out), and
// every example of an app that was not exported (inline code, the playground), is cached
// lazily: its first click fills the inputs and runs fn; the outputs of that run are kept, and
// later clicks show them at once.
//
// What counts as "that run": the next predict after the click whose inputs the visitor has not
// edited since (app.mjs calls `edited()` on every input change they make).

/** The examples' outputs of one app's UI, or null when its config does not cache examples. */
export function exampleCache(config, shipped = null) {
  const examples = config.examples;
  if (!examples?.cache) return null;
  const predict = config.events.find((event) => event.name === "predict");
  return new ExampleCache(examples.samples.length, predict?.outputs.length ?? 0, shipped);
}

export class ExampleCache {
  /**
   * @param {number} count how many examples
   * @param {number} outputs how many outputs a run gives
   * @param {Array<any[] | null> | null} shipped the manifest's "cached_outputs": one list of wire
   *   outputs per example, or null for one the page caches lazily
   */
  constructor(count, outputs, shipped = null) {
    this._outputCount = outputs;
    this._outputs = new Map();
    this._picked = null;
    if (shipped === null || shipped === undefined) return;
    if (!Array.isArray(shipped) || shipped.length !== count
      || !shipped.every((row) => row === null || (Array.isArray(row) && row.length === outputs))) {
      console.warn(`pyinterface: the manifest's cached_outputs do not fit this app's ${count} examples and ` +
        `${outputs} outputs; examples are cached on their first click instead (export the app again).`);
      return;
    }
    shipped.forEach((row, index) => row && this._outputs.set(index, row));
  }

  /** The cached outputs of example `index`, or undefined: not cached (yet). */
  get(index) {
    return this._outputs.get(index);
  }

  /** How many examples have their outputs here. */
  get size() {
    return this._outputs.size;
  }

  /** Example `index` was clicked and is not cached: the next run on its inputs caches it. */
  pick(index) {
    this._picked = index;
  }

  /** The visitor changed an input: the next run is not an example's. */
  edited() {
    this._picked = null;
  }

  /** A predict run reads its inputs now: the example it runs (or null), which is then forgotten. */
  take() {
    const index = this._picked;
    this._picked = null;
    return index;
  }

  /** Keep the outputs of a run on example `index` (from take(); null: nothing to keep). */
  store(index, outputs) {
    if (index === null || index === undefined || !Array.isArray(outputs) || outputs.length !== this._outputCount) return;
    this._outputs.set(index, outputs);
  }
}
