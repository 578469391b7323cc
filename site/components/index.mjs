// The renderer registry: one renderer per component type (the config's `type`), looked up
// by name. A renderer takes (component config, render context) and returns a Widget
// (see field.mjs). Add a type with `registerRenderer`.
//
// The built-in renderers are modules of their own, imported only for the types an app's
// config uses (`loadRenderers`), so a text app never downloads or compiles the image editor.
// Rendering stays synchronous: load first, then `renderComponent` each component.

/** type -> its module's import and the renderer's export name. */
const BUILT_IN = {
  audio: [() => import("./audio.mjs"), "renderAudio"],
  chatbot: [() => import("./chatbot.mjs"), "renderChatbot"],
  checkbox: [() => import("./checkbox.mjs"), "renderCheckbox"],
  checkboxgroup: [() => import("./checkboxgroup.mjs"), "renderCheckboxGroup"],
  colorpicker: [() => import("./colorpicker.mjs"), "renderColorPicker"],
  dataframe: [() => import("./dataframe.mjs"), "renderDataframe"],
  dropdown: [() => import("./dropdown.mjs"), "renderDropdown"],
  file: [() => import("./file.mjs"), "renderFile"],
  gallery: [() => import("./gallery.mjs"), "renderGallery"],
  highlightedtext: [() => import("./highlightedtext.mjs"), "renderHighlightedText"],
  html: [() => import("./markdown.mjs"), "renderHtml"],
  image: [() => import("./image.mjs"), "renderImage"],
  json: [() => import("./json.mjs"), "renderJson"],
  label: [() => import("./label.mjs"), "renderLabel"],
  markdown: [() => import("./markdown.mjs"), "renderMarkdownComponent"],
  number: [() => import("./number.mjs"), "renderNumber"],
  radio: [() => import("./radio.mjs"), "renderRadio"],
  slider: [() => import("./slider.mjs"), "renderSlider"],
  state: [() => import("./state.mjs"), "renderState"],
  textbox: [() => import("./textbox.mjs"), "renderTextbox"],
  video: [() => import("./video.mjs"), "renderVideo"],
};

/** The renderers ready to use: the built-ins loaded so far and every registered one. */
const _renderers = new Map();

/** Register (or replace) the renderer for `type`; a built-in loaded later does not replace it. */
export function registerRenderer(type, renderer) {
  _renderers.set(type, renderer);
}

/** Every type this page can render (built-in, loaded or not, and registered). */
export function knownTypes() {
  return [...new Set([...Object.keys(BUILT_IN), ..._renderers.keys()])].sort();
}

/** The renderer for `type` if it is loaded or registered, else null. */
export function loadedRenderer(type) {
  return _renderers.get(type) ?? null;
}

/**
 * Import the built-in renderers of `types` not loaded or registered yet (in parallel). An
 * unknown type is skipped here: `renderComponent` names it when the app renders.
 * @param {Iterable<string>} types
 */
export async function loadRenderers(types) {
  const missing = [...new Set(types)].filter((type) => !_renderers.has(type) && type in BUILT_IN);
  await Promise.all(missing.map(async (type) => {
    const [load, name] = BUILT_IN[type];
    const renderer = (await load())[name];
    if (!_renderers.has(type)) _renderers.set(type, renderer); // registered meanwhile: that one wins
  }));
}

/**
 * Render one component of the config; its type's renderer must be loaded (`loadRenderers`).
 * @param {import("./field.mjs").ComponentConfig} component
 * @param {import("./field.mjs").RenderContext} ctx
 * @returns {import("./field.mjs").Widget}
 */
export function renderComponent(component, ctx) {
  const renderer = _renderers.get(component.type);
  if (renderer) return renderer(component, ctx);
  if (component.type in BUILT_IN) {
    throw new Error(
      `the renderer for component type ${JSON.stringify(component.type)} (component ${component.id}) is not loaded: ` +
        "await loadRenderers(types) before rendering (AppView does, through loadViewModules).",
    );
  }
  throw new Error(
    `no renderer for component type ${JSON.stringify(component.type)} (component ${component.id}, ` +
      `label ${JSON.stringify(component.props?.label)}); this page knows: ${knownTypes().join(", ")}. ` +
      "The app was built with a newer pyinterface than its page: export it again.",
  );
}
