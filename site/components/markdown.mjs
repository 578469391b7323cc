// Markdown and HTML components: rendered through marked and/or the one sanitising profile
// (sanitize.mjs), never raw, each inside its own box (.pyi-prose in pyinterface.css).

import { h } from "../dom.mjs";
import { renderMarkdown } from "../markdown.mjs";
import { sanitizeHtml, sanitizeOptionsOf } from "../sanitize.mjs";
import { makeField } from "./field.mjs";

function _renderer(toFragment) {
  return (component, ctx) => {
    const { props } = component;
    const field = makeField(component, ctx, "region");
    // Gradio 3 shows no label over Markdown/HTML; it stays the region's accessible name.
    field.element.querySelector(`#${field.labelId}`).classList.add("pyi-sr-only");
    const view = h("div", { class: "pyi-prose", dir: props.rtl ? "rtl" : null });
    field.body.append(view);
    let value = null;
    const set = (next) => {
      value = next ?? null;
      view.replaceChildren(value === null ? "" : toFragment(value, props, sanitizeOptionsOf(ctx)));
    };
    set(props.value);
    return { element: field.element, get: () => value, set };
  };
}

export const renderMarkdownComponent = _renderer((text, props, options) =>
  renderMarkdown(text, { ...options, lineBreaks: Boolean(props.line_breaks) }));
export const renderHtml = _renderer((text, props, options) => sanitizeHtml(text, options));
