// Image: upload (file chooser, drag and drop, paste), webcam capture, or a drawing canvas.
//
// The value sent is a data: URL of the bytes as they are: an uploaded JPEG stays a JPEG, so
// Python applies EXIF rotation, image_mode, shape and invert_colors exactly once (preprocess).
// Webcam frames and drawings are PNG. With tool="sketch" on an upload/webcam image the value
// is {"image", "mask"}, the mask being the strokes drawn over the image (Gradio 3's format).
// As an output, an <img>.

import { blobToDataUrl, h } from "../dom.mjs";
import { makeField } from "./field.mjs";
import { createSketchPad, defaultBrushRadius } from "./sketch.mjs";
import { createWebcam } from "./webcam.mjs";

const CANVAS_SIZE = 400;

export function renderImage(component, ctx) {
  return component.role === "output" ? _output(component, ctx) : component.props.source === "canvas" ? _canvas(component, ctx) : _upload(component, ctx);
}

function _sized(element, props) {
  if (props.height) element.style.maxHeight = `${props.height}px`;
  if (props.width) element.style.maxWidth = `${props.width}px`;
  return element;
}

function _output(component, ctx) {
  const field = makeField(component, ctx, "region");
  const image = _sized(h("img", { class: "pyi-image", alt: "", hidden: true }), component.props);
  field.body.append(image);
  let value = null;
  const set = (next) => {
    value = next ?? null;
    image.hidden = value === null;
    if (value === null) image.removeAttribute("src");
    else image.src = ctx.resolveUrl(value);
  };
  set(component.props.value);
  return { element: field.element, get: () => value, set };
}

function _canvas(component, ctx) {
  const { props } = component;
  const field = makeField(component, ctx, "control");
  const [width, height] = _canvasSize(props.shape);
  const pad = createSketchPad({
    width, height, background: "#ffffff", color: props.brush_color || "#000000",
    radius: props.brush_radius || defaultBrushRadius(width, height), onStroke: () => ctx.changed(),
  });
  pad.canvas.setAttribute("role", "img");
  pad.canvas.setAttribute("aria-labelledby", field.labelId);
  pad.canvas.setAttribute("aria-roledescription", "drawing area");
  const clear = h("button", { type: "button", class: "pyi-small" }, "Clear drawing");
  clear.addEventListener("click", () => {
    pad.clear();
    ctx.changed();
  });
  field.body.append(h("div", { class: "pyi-sketch-frame" }, pad.canvas), h("div", { class: "pyi-media-tools" }, clear));
  return {
    element: field.element,
    // Nothing drawn is None for fn, as an empty Gradio sketchpad.
    get: () => (pad.isEmpty() ? null : pad.toDataUrl()),
    set(value) {
      pad.clear();
      if (value) {
        const image = new Image();
        image.onload = () => pad.canvas.getContext("2d").drawImage(image, 0, 0, pad.canvas.width, pad.canvas.height);
        image.src = ctx.resolveUrl(value);
      }
    },
  };
}

function _canvasSize(shape) {
  if (!shape || !shape[0] || !shape[1]) return [CANVAS_SIZE, CANVAS_SIZE];
  const scale = CANVAS_SIZE / Math.max(shape[0], shape[1]);
  return [Math.round(shape[0] * scale), Math.round(shape[1] * scale)];
}

function _upload(component, ctx) {
  const { props } = component;
  const field = makeField(component, ctx, "control");
  const file = h("input", { type: "file", accept: "image/*", class: "pyi-file" });
  field.label(file);
  const status = h("p", { class: "pyi-media-status", role: "status" });
  const preview = _sized(h("img", { class: "pyi-image", alt: "", hidden: true }), props);
  const frame = h("div", { class: "pyi-image-frame" }, preview);
  const hint = h("p", { class: "pyi-drop-hint" }, "Drop an image here, paste one, or choose a file.");
  const zone = h("div", { class: "pyi-dropzone" }, hint, frame);
  const remove = h("button", { type: "button", class: "pyi-small", hidden: true }, "Remove image");
  const tools = h("div", { class: "pyi-media-tools" }, file);
  const masking = props.tool === "sketch";
  let mask = null;

  let value = null;
  let pending = Promise.resolve();
  const show = (next) => {
    value = next ?? null;
    const shownUrl = value === null ? null : ctx.resolveUrl(typeof value === "object" ? value.image : value);
    preview.hidden = shownUrl === null;
    hint.hidden = shownUrl !== null;
    remove.hidden = shownUrl === null;
    if (shownUrl === null) preview.removeAttribute("src");
    else preview.src = shownUrl;
    mask?.canvas.remove();
    mask = null;
    if (masking && shownUrl !== null) preview.addEventListener("load", _addMask, { once: true });
  };
  const _addMask = () => {
    const width = preview.naturalWidth;
    const height = preview.naturalHeight;
    mask = createSketchPad({
      width, height, background: null, color: props.brush_color || "#000000",
      radius: props.brush_radius || defaultBrushRadius(width, height), onStroke: () => ctx.changed(),
    });
    mask.canvas.classList.add("pyi-mask");
    mask.canvas.setAttribute("aria-label", "Mask drawing area");
    frame.append(mask.canvas);
  };
  const take = (blob) => {
    if (!blob.type.startsWith("image/")) {
      status.textContent = `${blob.name || "That file"} is not an image (${blob.type || "unknown type"}).`;
      return;
    }
    status.textContent = "";
    pending = blobToDataUrl(blob).then((url) => {
      show(url);
      ctx.changed();
    }, (err) => {
      status.textContent = `The image could not be read: ${err.message}`;
    });
  };

  file.addEventListener("change", () => file.files?.[0] && take(file.files[0]));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("pyi-dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("pyi-dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("pyi-dragging");
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) take(dropped);
  });
  field.element.addEventListener("paste", (event) => {
    const pasted = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
    if (pasted) {
      event.preventDefault();
      take(pasted);
    }
  });
  remove.addEventListener("click", () => {
    file.value = "";
    show(null);
    ctx.changed();
    file.focus();
  });
  if (props.source === "webcam") {
    const webcam = createWebcam({ mirror: props.mirror_webcam !== false, status, onCapture: (url) => {
      show(url);
      ctx.changed();
    } });
    tools.prepend(...webcam.nodes);
    zone.append(webcam.video);
  }
  tools.append(remove);
  field.body.append(zone, tools, status);
  show(props.value);
  return {
    element: field.element,
    get() {
      if (!masking || value === null) return value;
      const image = typeof value === "object" ? value.image : value;
      return { image, mask: mask && !mask.isEmpty() ? mask.toDataUrl() : null };
    },
    set(next) {
      file.value = "";
      status.textContent = "";
      show(next);
    },
    settle: () => pending,
  };
}
