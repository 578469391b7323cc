// Python written inside HTML is indented with the page; Python itself must start at column 0.

/**
 * `text` without the indentation its non-blank lines share, without leading blank lines and
 * trailing whitespace ("\r\n" read as "\n"). Tabs count as one column, as Python reads them.
 */
export function dedent(text) {
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indents = lines.filter((line) => line.trim()).map((line) => line.match(/^[ \t]*/)[0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, line.match(/^[ \t]*/)[0].length))).join("\n") + (lines.length ? "\n" : "");
}
