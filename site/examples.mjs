// The examples table: one button per sample (its values previewed as text or thumbnails);
// clicking one fills the inputs (app.mjs; cached examples show their outputs too). Paged by
// samples_per_page, with Previous / Next buttons.

import { h } from "./dom.mjs";
import { choiceName } from "./components/field.mjs";

const TEXT_LIMIT = 60;

/**
 * @param {{inputs: number[], samples: any[][], samples_per_page: number}} examples
 * @param {Map<number, object>} components component configs by id
 * @param {{ resolveUrl(value: string): string, onPick(sample: any[], index: number): void }} options
 */
export function renderExamples(examples, components, { resolveUrl, onPick }) {
  const perPage = Math.max(1, examples.samples_per_page || 10);
  const pages = Math.max(1, Math.ceil(examples.samples.length / perPage));
  const headingId = `pyi-examples-${Math.random().toString(36).slice(2, 8)}`;
  const columns = examples.inputs.map((id) => components.get(id));
  const header = h("div", { class: "pyi-example-header", "aria-hidden": "true" },
    columns.map((component) => h("span", { class: "pyi-example-cell" }, component?.props.label ?? "")));
  const list = h("div", { class: "pyi-example-list" });
  const pageLabel = h("span", { class: "pyi-example-page" });
  const previous = h("button", { type: "button", class: "pyi-small" }, "Previous");
  const next = h("button", { type: "button", class: "pyi-small" }, "Next");
  const pager = h("div", { class: "pyi-example-pager", hidden: pages === 1 }, previous, pageLabel, next);
  let page = 0;

  const show = () => {
    const start = page * perPage;
    list.replaceChildren(...examples.samples.slice(start, start + perPage).map((sample, offset) => {
      const cells = sample.map((value, i) => _preview(value, columns[i], resolveUrl));
      const button = h("button", { type: "button", class: "pyi-example", onclick: () => onPick(sample, start + offset) }, cells);
      if (!button.textContent.trim()) button.setAttribute("aria-label", `Example ${start + offset + 1}`);
      return button;
    }));
    pageLabel.textContent = `Page ${page + 1} of ${pages}`;
    previous.disabled = page === 0;
    next.disabled = page === pages - 1;
  };
  previous.addEventListener("click", () => {
    page = Math.max(0, page - 1);
    show();
  });
  next.addEventListener("click", () => {
    page = Math.min(pages - 1, page + 1);
    show();
  });
  show();
  return h("section", { class: "pyi-examples", "aria-labelledby": headingId },
    h("h2", { id: headingId, class: "pyi-examples-title" }, "Examples"), columns.length > 1 ? header : null, list, pager);
}

/** A small preview of one example value, by component type. */
function _preview(value, component, resolveUrl) {
  const cell = h("span", { class: "pyi-example-cell" });
  if (value === null || value === undefined) return cell;
  const type = component?.type;
  if (type === "image" && typeof value === "string") {
    cell.append(h("img", { class: "pyi-example-thumb", alt: "", src: resolveUrl(value) }));
    const name = value.startsWith("data:") ? "" : value.split("/").pop();
    if (name) cell.append(h("span", { class: "pyi-sr-only" }, name));
    return cell;
  }
  let text;
  if (type === "audio" && typeof value === "string") text = value.startsWith("data:") ? "audio" : value.split("/").pop();
  else if (type === "dataframe" && value && typeof value === "object") text = `table ${value.data?.length ?? 0}×${value.headers?.length ?? 0}`;
  else if (["radio", "dropdown", "checkboxgroup"].includes(type)) {
    text = [].concat(value).map((v) => choiceName(component.props, v)).join(", ");
  } else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  cell.textContent = text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text;
  return cell;
}
