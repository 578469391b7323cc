// Dataframe: an accessible <table>. As an input every cell is a text box (named by its column
// and row), with "Add row" / "Add column" when the counts are dynamic. The value is
// {"headers": [...], "data": [[...], ...]}; "number" columns send numbers, "bool" columns booleans.

import { h } from "../dom.mjs";
import { makeField } from "./field.mjs";

export function renderDataframe(component, ctx) {
  const { props } = component;
  const editable = component.role === "input" && props.interactive !== false;
  const field = makeField(component, ctx, editable ? "control" : "region");
  const table = h("table", { class: "pyi-table" });
  if (editable) table.setAttribute("aria-labelledby", field.labelId);
  const scroller = h("div", { class: "pyi-table-scroll" }, table);
  field.body.append(scroller);

  let headers = [];
  let rows = [];
  const datatype = (column) => (Array.isArray(props.datatype) ? props.datatype[column] : props.datatype) ?? "str";

  const draw = () => {
    const head = h("thead", {}, h("tr", {}, headers.map((name) => h("th", { scope: "col" }, String(name)))));
    const body = h("tbody", {}, rows.map((row, r) => h("tr", {}, row.map((cell, c) => {
      if (!editable) return h("td", {}, cell === null || cell === undefined ? "" : String(cell));
      const input = h("input", {
        type: "text", class: "pyi-cell", value: cell === null || cell === undefined ? "" : String(cell),
        "aria-label": `${headers[c] ?? c + 1}, row ${r + 1}`,
        inputmode: datatype(c) === "number" ? "decimal" : null,
      });
      input.addEventListener("input", () => {
        rows[r][c] = input.value;
        ctx.changed();
      });
      return h("td", {}, input);
    }))));
    table.replaceChildren(head, body);
  };
  const set = (value) => {
    const table = value && typeof value === "object" ? value : { headers: props.headers ?? [], data: [] };
    headers = [...(table.headers ?? props.headers ?? [])];
    rows = (table.data ?? []).map((row) => [...row]);
    draw();
  };

  if (editable) {
    const tools = h("div", { class: "pyi-media-tools" });
    if ((props.row_count?.[1] ?? "dynamic") === "dynamic") {
      tools.append(h("button", { type: "button", class: "pyi-small", onclick: () => {
        rows.push(headers.map((_, c) => _empty(datatype(c))));
        draw();
        ctx.changed();
      } }, "Add row"));
    }
    if ((props.col_count?.[1] ?? "dynamic") === "dynamic") {
      tools.append(h("button", { type: "button", class: "pyi-small", onclick: () => {
        headers.push(String(headers.length + 1));
        rows.forEach((row) => row.push(""));
        draw();
        ctx.changed();
      } }, "Add column"));
    }
    if (tools.childElementCount) field.body.append(tools);
  }
  set(props.value);
  return {
    element: field.element,
    get: () => ({ headers: [...headers], data: rows.map((row) => row.map((cell, c) => _typed(cell, datatype(c)))) }),
    set,
  };
}

function _empty(kind) {
  return kind === "number" ? 0 : kind === "bool" ? false : "";
}

/** A cell's text -> the JSON value of its column type (text the column cannot hold stays text). */
function _typed(cell, kind) {
  if (typeof cell !== "string") return cell;
  if (kind === "number") {
    const number = Number(cell.trim());
    return cell.trim() !== "" && Number.isFinite(number) ? number : cell;
  }
  if (kind === "bool") {
    const lowered = cell.trim().toLowerCase();
    if (lowered === "true") return true;
    if (lowered === "false") return false;
  }
  return cell;
}
