// File: choose files to send to Python (input) or download what it returns (output).
//
// One file's wire value is {name, data, size} (pyinterface/components/_filedata.py), `data`
// being a data: URL; an example may be a bare path relative to the app folder. With
// file_count "multiple" or "directory" the value is a list of them.

import { h } from "../dom.mjs";
import { makeField } from "./field.mjs";
import { createUploadInput } from "./upload.mjs";

/** The files of a wire value as a list (null -> []). */
export function fileList(value) {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The shown name of one file value (a bare path shows its last segment). */
export function fileName(file) {
  if (typeof file === "string") return file.startsWith("data:") ? "file" : file.split(/[\\/]/).pop() || "file";
  return String(file?.name ?? "file");
}

/** Where one file value's bytes are: a data: URL, or a path relative to the app folder. */
export function fileSource(file) {
  return typeof file === "string" ? file : file?.data ?? null;
}

/** "12 B", "3.4 kB", "5.1 MB": a size for people (null when unknown). */
export function formatSize(bytes) {
  if (typeof bytes !== "number" || !Number.isFinite(bytes) || bytes < 0) return null;
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let size = bytes;
  let unit = "B";
  for (const next of units) {
    if (size < 1000) break;
    size /= 1000;
    unit = next;
  }
  return `${size.toFixed(size < 10 ? 1 : 0)} ${unit}`;
}

/** Gradio's file_types (["image", ".csv", "file"]) -> an <input accept> value ("" = anything). */
export function acceptAttribute(fileTypes) {
  if (!Array.isArray(fileTypes) || fileTypes.length === 0 || fileTypes.includes("file")) return "";
  return fileTypes.map((type) => (["image", "audio", "video", "text"].includes(type) ? `${type}/*` : type)).join(",");
}

/** A list of download links, one per file (shared by File's input and output). */
export function downloadList(files, ctx) {
  return h("ul", { class: "pyi-file-list" }, files.map((file) => {
    const name = fileName(file);
    const size = formatSize(file?.size);
    const source = fileSource(file);
    const link = source ? h("a", { href: ctx.resolveUrl(source), download: name }, name) : h("span", {}, name);
    return h("li", { class: "pyi-file-item" }, link, size ? h("span", { class: "pyi-info" }, ` (${size})`) : null);
  }));
}

export function renderFile(component, ctx) {
  const { props } = component;
  const multiple = props.file_count === "multiple" || props.file_count === "directory";
  if (component.role === "output") {
    const field = makeField(component, ctx, "region");
    let value = null;
    const set = (next) => {
      value = next ?? null;
      field.body.replaceChildren(...(value === null ? [] : [downloadList(fileList(value), ctx)]));
    };
    set(props.value);
    return { element: field.element, get: () => value, set };
  }

  const shown = h("div", { class: "pyi-file-chosen" });
  const upload = createUploadInput(component, ctx, {
    accept: acceptAttribute(props.file_types) || null, multiple, removeLabel: multiple ? "Remove files" : "Remove file",
    show: (value) => shown.replaceChildren(...(value === null ? [] : [downloadList(fileList(value), ctx)])),
  });
  if (props.file_count === "directory") upload.input.webkitdirectory = true;
  upload.field.body.append(upload.tools, shown, upload.status);
  return upload.widget;
}
