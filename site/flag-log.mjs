// Gradio 3.50.2's flagging log (gradio/flagging.py CSVLogger), computed in the page: a flagged
// sample's wire values -> the row CSVLogger would append to <flagging_dir>/log.csv, and the
// media files it would write beside it. Pure functions (no DOM, no storage), so Node tests them
// and tests/test_flagging.py compares their output with the installed Gradio's.
//
// How CSVLogger builds a row, and what this module does for each step:
//   header   each component's label, then "flag", "username", "timestamp";
//   cell     component.deserialize(value, save_dir=<dir>/<label>): text, numbers and choices
//            stay values (Python's str() of them, so a list reads "['a', 'b']"); Label, JSON,
//            HighlightedText, Dataframe and Chatbot become tmpXXXXXXXX.json files; Image and Audio
//            data become <40 hex>/tmpXXXXXXXX.<ext>; File and Video copies keep their file name;
//            None -> "";
//   sanitise utils.sanitize_list_for_csv: a string starting with = + - @ tab or newline (or
//            holding one after a comma) gets a leading "'" (CSV injection);
//   write    Python's csv.writer: minimal quoting, "\r\n" line ends.
// Paths are relative to the folder holding <flagging_dir>, as Gradio's are for a relative
// flagging_dir (Gradio makes File, Video and Gallery copies absolute; here nothing is).

/** Component types whose value Gradio 3.50.2 writes to a .json file (JSONSerializable). */
const JSON_FILE_TYPES = new Set(["label", "json", "highlightedtext", "dataframe", "chatbot"]);
/** Types whose value is a data URL (or app path) Gradio decodes to tmpXXXXXXXX.<ext> (ImgSerializable, Audio's data). */
const DATA_FILE_TYPES = new Set(["image", "audio"]);
/** Types whose value is a named file {name, data}: Gradio copies it under its own name (FileSerializable). */
const NAMED_FILE_TYPES = new Set(["file", "video"]);

/**
 * Python 3.11's mimetypes.guess_extension for the types a page produces (gradio_client's
 * get_extension reads "audio/wav" as "audio/x-wav"); a type not here gets no extension, as there.
 */
export const EXTENSIONS = {
  "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/bmp": "bmp",
  "image/svg+xml": "svg", "image/tiff": "tiff", "image/avif": "avif",
  "audio/wav": "wav", "audio/x-wav": "wav", "audio/mpeg": "mp3", "audio/ogg": "oga", "audio/mp4": "m4a",
  "audio/aac": "aac", "audio/flac": "flac",
  "video/mp4": "mp4", "video/webm": "webm", "video/ogg": "ogv", "video/quicktime": "mov",
  "text/plain": "txt", "text/csv": "csv", "application/json": "json", "application/pdf": "pdf",
  "application/octet-stream": "bin", "application/zip": "zip",
};

// -- Python's text forms ----------------------------------------------------------------------

/** Python's str() of a JSON number as Python parsed it: ints stay digits, floats use repr(). */
export function pythonNumber(n) {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString(); // JSON "3" is int 3
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "nan" : n > 0 ? "inf" : "-inf";
  // float repr: the shortest digits (as JS), fixed notation for 1e-4 <= |n| < 1e16, else d.ddde±XX.
  const [mantissa, exp] = n.toExponential().split("e");
  const exponent = Number(exp);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  let text;
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.slice(1);
    text = `${digits[0]}${rest ? `.${rest}` : ""}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  } else if (exponent < 0) {
    text = `0.${"0".repeat(-exponent - 1)}${digits}`;
  } else {
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
    text = `${whole}.${digits.slice(exponent + 1) || "0"}`;
  }
  return negative ? `-${text}` : text;
}

/** Python's repr() of a str: single quotes unless it holds ' and no ", with Python's escapes. */
export function pythonStringRepr(s) {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of s) {
    const code = char.codePointAt(0);
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (!_printable(char)) {
      out += code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : code <= 0xffff
        ? `\\u${code.toString(16).padStart(4, "0")}` : `\\U${code.toString(16).padStart(8, "0")}`;
    } else out += char;
  }
  return out + quote;
}

/** str.isprintable() for one character, close enough: not a control, separator (but space) or unassigned. */
function _printable(char) {
  return char === " " || !/[\p{C}\p{Z}]/u.test(char);
}

/** Python's repr() of a JSON value (inside a list or dict). */
export function pythonRepr(value) {
  if (typeof value === "string") return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value).map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`).join(", ")}}`;
  }
  return pythonStr(value);
}

/** Python's str() of a JSON value, which is what csv.writer writes for a non-string cell. */
export function pythonStr(value) {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pythonNumber(value);
  if (typeof value === "string") return value;
  return pythonRepr(value);
}

/** json.dumps(value) with Python's defaults: ", " and ": " separators, non-ASCII as \uXXXX. */
export function pythonJsonDumps(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isFinite(value) ? pythonNumber(value) : value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN";
  if (typeof value === "string") {
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  return `{${Object.entries(value).map(([key, item]) => `${pythonJsonDumps(key)}: ${pythonJsonDumps(item)}`).join(", ")}}`;
}

/** str(datetime.datetime.now()) for `date` in local time ("2024-05-01 13:04:05.120000"). */
export function pythonTimestamp(date) {
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  const base = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const micro = date.getMilliseconds() * 1000;
  return micro ? `${base}.${pad(micro, 6)}` : base; // Python leaves out a zero fraction
}

// -- CSV ---------------------------------------------------------------------------------------

/** gradio.utils.sanitize_value_for_csv for a cell already in its text form (`isText`: it was a str). */
export function sanitizeCell(text, isText = true) {
  if (!isText) return text;
  const unsafe = /^[=+\-@\t\n]|,[=+\-@\t\n]/;
  return unsafe.test(text) ? `'${text}` : text;
}

/** One row as Python's csv.writer writes it (excel dialect: minimal quoting, "\r\n"). */
export function csvRow(cells) {
  if (cells.length === 1 && cells[0] === "") return '""\r\n';
  return `${cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(",")}\r\n`;
}

/**
 * log.csv for `rows` (oldest first): the first row's header, as CSVLogger writes the header
 * only when it creates the file, then each row's cells.
 * @param {{columns: string[], cells: string[]}[]} rows
 */
export function logCsv(rows) {
  if (!rows.length) return "";
  return csvRow(rows[0].columns) + rows.map((row) => csvRow(row.cells)).join("");
}

// -- names -------------------------------------------------------------------------------------

/** gradio_client.utils.strip_invalid_filename_characters: letters, digits and "._- ", at most 200 UTF-8 bytes. */
export function stripInvalidFilenameCharacters(name, maxBytes = 200) {
  let kept = [...name].filter((char) => /[\p{L}\p{N}._\- ]/u.test(char)).join("");
  const encoder = new TextEncoder();
  while (kept && encoder.encode(kept).length > maxBytes) kept = [...kept].slice(0, -1).join("");
  return kept;
}

/** Random names shaped as Gradio's: secrets.token_hex(20) folders and tempfile's "tmp" + 8 characters. */
export function randomNames(random = (n) => crypto.getRandomValues(new Uint8Array(n))) {
  const TEMP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
  return {
    hexFolder: () => [...random(20)].map((byte) => byte.toString(16).padStart(2, "0")).join(""),
    tempName: () => `tmp${[...random(8)].map((byte) => TEMP_CHARS[byte % TEMP_CHARS.length]).join("")}`,
    uuid: () => {
      const b = random(16);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const hex = [...b].map((byte) => byte.toString(16).padStart(2, "0")).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

/** The MIME type of a data URL ("data:image/png;base64,..." -> "image/png"), else null. */
export function dataUrlMime(value) {
  const match = /^data:([^;,]*)/i.exec(value);
  return match ? match[1].toLowerCase() || "text/plain" : null;
}

/** The extension Gradio gives a decoded data URL of type `mime` ("" for none). */
export function extensionFor(mime) {
  return EXTENSIONS[mime] ?? "";
}

/** The last part of a path or URL, for a file that keeps its name ("a/b/c.txt" -> "c.txt"). */
export function baseName(path) {
  const name = String(path).split(/[?#]/)[0].split(/[\\/]/).pop();
  return name || "file";
}

// -- one flag -----------------------------------------------------------------------------------

/**
 * What CSVLogger.flag writes for one flagged sample.
 * @param {{type: string, label: string}[]} components the flagged components, in column order
 * @param {any[]} values their wire values
 * @param {{dir: string, option?: string, username?: string, date?: Date, names?: ReturnType<typeof randomNames>}} options
 * @returns {{columns: string[], cells: string[], files: {path: string, text?: string, source?: string, type?: string}[]}}
 *   files: what to store beside log.csv: `text` written here (a .json, captions.json), or
 *   `source`, the wire value's data URL or app path, which the page reads into bytes (flagging.mjs).
 */
export function flagRow(components, values, { dir, option = "", username = "", date = new Date(), names = randomNames() }) {
  const labels = components.map((component, index) => component.label || `component ${index}`);
  const columns = [...labels, "flag", "username", "timestamp"].map((text) => sanitizeCell(text));
  const files = [];
  const cells = components.map((component, index) => {
    const value = values[index];
    if (value === null || value === undefined) return "";
    const folder = `${dir}/${stripInvalidFilenameCharacters(labels[index])}`;
    const cell = _cell(component.type, value, folder, names, files);
    return Array.isArray(cell)
      ? pythonStr(cell.map((item) => (typeof item === "string" ? sanitizeCell(item) : item)))
      : sanitizeCell(pythonStr(cell), typeof cell === "string");
  });
  cells.push(sanitizeCell(option), sanitizeCell(username), sanitizeCell(pythonTimestamp(date)));
  return { columns, cells, files };
}

/** The deserialized value of one component (a value, or the path of the file(s) written). */
function _cell(type, value, folder, names, files) {
  if (JSON_FILE_TYPES.has(type)) {
    const path = `${folder}/${names.tempName()}.json`;
    files.push({ path, text: pythonJsonDumps(value), type: "application/json" });
    return path;
  }
  if (DATA_FILE_TYPES.has(type) && typeof value === "string") return _dataFile(value, `${folder}/${names.hexFolder()}`, names, files);
  if (NAMED_FILE_TYPES.has(type) && typeof value === "object") {
    const one = (file) => (file === null ? null : _namedFile(file, `${folder}/${names.hexFolder()}`, files));
    return Array.isArray(value) ? value.map(one) : one(value);
  }
  if (type === "gallery" && Array.isArray(value)) return _gallery(value, `${folder}/${names.uuid()}`, names, files);
  if (type === "state") return ""; // the page never holds State's value (Python keeps it)
  return value;
}

function _dataFile(value, folder, names, files) {
  const mime = dataUrlMime(value);
  const extension = mime === null ? (baseName(value).includes(".") ? baseName(value).split(".").pop() : "") : extensionFor(mime);
  const path = `${folder}/${names.tempName()}${extension ? `.${extension}` : ""}`;
  files.push({ path, source: value, type: mime ?? undefined });
  return path;
}

function _namedFile(file, folder, files) {
  const source = typeof file === "string" ? file : file.data ?? file.name;
  const name = stripInvalidFilenameCharacters(baseName(typeof file === "string" ? file : file.orig_name || file.name || "file")) || "file";
  const path = `${folder}/${name}`;
  files.push({ path, source, type: dataUrlMime(source) ?? undefined });
  return path;
}

function _gallery(items, folder, names, files) {
  const captions = {};
  for (const item of items) {
    const image = item && typeof item === "object" && !Array.isArray(item) ? item.image : Array.isArray(item) ? item[0] : item;
    const caption = item && typeof item === "object" && !Array.isArray(item) ? item.caption ?? null : Array.isArray(item) ? item[1] ?? null : null;
    if (typeof image !== "string") continue;
    captions[_dataFile(image, `${folder}/${names.hexFolder()}`, names, files)] = caption;
  }
  // Gradio writes captions.json as it copies each image: an empty gallery is an empty folder.
  if (items.length) files.push({ path: `${folder}/captions.json`, text: pythonJsonDumps(captions), type: "application/json" });
  return folder;
}

/**
 * Where `path` (a log.csv path) goes in the zip: relative, no "." or ".." parts, so unzipping
 * never writes outside its folder. An absolute flagging_dir loses its leading "/".
 */
export function zipPath(path) {
  return path.split("/").filter((part) => part && part !== "." && part !== "..").join("/");
}
