// The playground's Examples menu: Gradio 3's own snippets (the interpretation guide, custom
// CSS, Parallel and Series, Hub models) as .py files in ./examples/, and the apps of the site
// the playground belongs to (listed at export in ./apps.json), each loaded as {code, files}.

const HERE = new URL("./", import.meta.url);

/**
 * @typedef {{id: string, group: string, title: string, entry: string, files?: string[]}} Snippet
 *   entry and files: names in ./examples/; files go beside the entry (an imported module).
 * @typedef {{code: string, files: Record<string, string | {url: string}>}} Program
 */

/** @type {Snippet[]} */
export const SNIPPETS = [
  { id: "greeter", group: "Start", title: "Greeter (text and a slider)", entry: "greeter.py" },
  { id: "gender-default", group: "Interpretation", title: "Gender of a sentence: default", entry: "gender_classifier.py" },
  { id: "gender-custom", group: "Interpretation", title: "Gender of a sentence: custom function", entry: "gender_custom.py" },
  { id: "image-default", group: "Interpretation", title: "Image classifier: default", entry: "image_classifier.py", files: ["local_mobilenet.py"] },
  { id: "image-shap", group: "Interpretation", title: "Image classifier: shap", entry: "image_classifier_shap.py", files: ["local_mobilenet.py"] },
  { id: "custom-css", group: "Styling", title: "Custom CSS (Gradio 3 selectors)", entry: "css_gradio3.py" },
  { id: "parallel-series", group: "Parallel and Series", title: "Parallel and Series", entry: "parallel_series.py" },
  { id: "hub-model", group: "Hugging Face Hub (needs the network)", title: "A Hub model: gpt2", entry: "hub_model.py" },
  { id: "hub-series", group: "Hugging Face Hub (needs the network)", title: "Series of Hub models: gpt2, then t5-small", entry: "hub_series.py" },
];

/** The example the editor starts with when the page's URL carries no code. */
export const DEFAULT_SNIPPET = "greeter";

/** The group the site's own apps are listed under. */
export const SITE_GROUP = "This site's apps";

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return response.text();
}

/** A snippet's code, and its extra files' text. @returns {Promise<Program>} */
export async function loadSnippet(snippet) {
  const load = (name) => fetchText(new URL(`examples/${name}`, HERE));
  const [code, ...texts] = await Promise.all([snippet.entry, ...(snippet.files ?? [])].map(load));
  return { code, files: Object.fromEntries((snippet.files ?? []).map((name, i) => [name, texts[i]])) };
}

/**
 * The site's apps as menu entries: ./apps.json lists `{title, folder}` (folder relative to this
 * page, e.g. "../digits_classifier/"). A site without the listing has none.
 * @returns {Promise<{id: string, group: string, title: string, folder: string}[]>}
 */
export async function siteApps() {
  const response = await fetch(new URL("apps.json", HERE));
  if (!response.ok) return [];
  const apps = await response.json();
  return apps.map((app, i) => ({ id: `site-${i}`, group: SITE_GROUP, title: app.title, folder: app.folder }));
}

/** A site app as a program: its entry's code; its other files by URL (weights, modules). @returns {Promise<Program>} */
export async function loadSiteApp(app) {
  const appDir = new URL(`${app.folder}app/`, HERE);
  const manifest = JSON.parse(await fetchText(new URL("manifest.json", appDir)));
  const code = await fetchText(new URL(manifest.entry, appDir));
  const others = manifest.files.filter((name) => name !== manifest.entry);
  return { code, files: Object.fromEntries(others.map((name) => [name, { url: new URL(name, appDir).href }])) };
}
