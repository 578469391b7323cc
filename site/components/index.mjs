// The renderer registry: one renderer per component type (the config's `type`), looked up
// by name. A renderer takes (component config, render context) and returns a Widget
// (see field.mjs). Add a type with `registerRenderer`.

import { renderAudio } from "./audio.mjs";
import { renderChatbot } from "./chatbot.mjs";
import { renderCheckbox } from "./checkbox.mjs";
import { renderCheckboxGroup } from "./checkboxgroup.mjs";
import { renderColorPicker } from "./colorpicker.mjs";
import { renderDataframe } from "./dataframe.mjs";
import { renderDropdown } from "./dropdown.mjs";
import { renderFile } from "./file.mjs";
import { renderGallery } from "./gallery.mjs";
import { renderHighlightedText } from "./highlightedtext.mjs";
import { renderImage } from "./image.mjs";
import { renderJson } from "./json.mjs";
import { renderLabel } from "./label.mjs";
import { renderHtml, renderMarkdownComponent } from "./markdown.mjs";
import { renderNumber } from "./number.mjs";
import { renderRadio } from "./radio.mjs";
import { renderSlider } from "./slider.mjs";
import { renderState } from "./state.mjs";
import { renderTextbox } from "./textbox.mjs";
import { renderVideo } from "./video.mjs";

const _renderers = new Map(Object.entries({
  audio: renderAudio,
  chatbot: renderChatbot,
  checkbox: renderCheckbox,
  checkboxgroup: renderCheckboxGroup,
  colorpicker: renderColorPicker,
  dataframe: renderDataframe,
  dropdown: renderDropdown,
  file: renderFile,
  gallery: renderGallery,
  highlightedtext: renderHighlightedText,
  html: renderHtml,
  image: renderImage,
  json: renderJson,
  label: renderLabel,
  markdown: renderMarkdownComponent,
  number: renderNumber,
  radio: renderRadio,
  slider: renderSlider,
  state: renderState,
  textbox: renderTextbox,
  video: renderVideo,
}));

/** Register (or replace) the renderer for `type`. */
export function registerRenderer(type, renderer) {
  _renderers.set(type, renderer);
}

export function knownTypes() {
  return [..._renderers.keys()].sort();
}

/**
 * Render one component of the config.
 * @param {import("./field.mjs").ComponentConfig} component
 * @param {import("./field.mjs").RenderContext} ctx
 * @returns {import("./field.mjs").Widget}
 */
export function renderComponent(component, ctx) {
  const renderer = _renderers.get(component.type);
  if (!renderer) {
    throw new Error(
      `no renderer for component type ${JSON.stringify(component.type)} (component ${component.id}, ` +
        `label ${JSON.stringify(component.props?.label)}); this page knows: ${knownTypes().join(", ")}. ` +
        "The app was built with a newer pyinterface than its page: export it again.",
    );
  }
  return renderer(component, ctx);
}
