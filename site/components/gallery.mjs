// Gallery: images in a grid, each with its caption; with allow_preview, clicking one shows it
// large with its caption. The wire value is [{image, caption}, ...] (image: data: URL or path).

import { h } from "../dom.mjs";
import { makeField } from "./field.mjs";

/** Gradio's `columns` (an int, or one per screen size from narrow to wide) -> the count for a
 * wide page (the widest given), at least 1. */
export function galleryColumns(columns) {
  const list = Array.isArray(columns) ? columns : [columns];
  const wanted = Number(list[list.length - 1]);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : 2;
}

/** The accessible name of item `index` (0-based) of a gallery. */
export function itemName(item, index) {
  return item?.caption ? `Image ${index + 1}: ${item.caption}` : `Image ${index + 1}`;
}

export function renderGallery(component, ctx) {
  const { props } = component;
  const field = makeField(component, ctx, "region");
  const grid = h("ul", { class: "pyi-gallery" });
  grid.style.display = "grid";
  grid.style.gap = "0.5em";
  grid.style.listStyle = "none";
  grid.style.padding = "0";
  grid.style.gridTemplateColumns = `repeat(${galleryColumns(props.columns)}, minmax(0, 1fr))`;
  if (props.height) {
    grid.style.maxHeight = `${props.height}px`;
    grid.style.overflow = "auto";
  }
  const preview = h("figure", { class: "pyi-gallery-preview", hidden: true });
  field.body.append(preview, grid);
  let value = [];

  const showPreview = (index, focus = true) => {
    const item = value[index];
    if (!item) {
      preview.hidden = true;
      preview.replaceChildren();
      return;
    }
    const close = h("button", { type: "button", class: "pyi-small" }, "Close preview");
    close.addEventListener("click", () => {
      showPreview(-1);
      grid.querySelectorAll("button")[index]?.focus();
    });
    preview.replaceChildren(
      h("img", { class: "pyi-image", src: ctx.resolveUrl(item.image), alt: item.caption ?? itemName(item, index) }),
      item.caption ? h("figcaption", {}, item.caption) : null,
      h("div", { class: "pyi-media-tools" }, close),
    );
    preview.hidden = false;
    if (focus) close.focus();
  };

  const set = (next) => {
    value = Array.isArray(next) ? next : [];
    showPreview(-1);
    grid.replaceChildren(...value.map((item, index) => {
      const image = h("img", { class: "pyi-image", src: ctx.resolveUrl(item.image), alt: item.caption ?? "", loading: "lazy" });
      if (props.object_fit) image.style.objectFit = props.object_fit;
      const shown = props.allow_preview === false
        ? image
        : h("button", { type: "button", class: "pyi-gallery-item", "aria-label": itemName(item, index), onclick: () => showPreview(index) }, image);
      return h("li", {}, h("figure", {}, shown, item.caption ? h("figcaption", { class: "pyi-info" }, item.caption) : null));
    }));
    if (props.preview && value.length) showPreview(Number.isInteger(props.selected_index) ? props.selected_index : 0, false);
  };
  set(props.value);
  return { element: field.element, get: () => value, set };
}
