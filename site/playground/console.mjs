// The playground's console: a Python REPL over the shown app's `el.exec` (same worker, same
// namespace as the app). Enter runs the input when Python says the statement is complete and
// otherwise continues it on a new line (Shift+Enter always does); a blank last line ends a
// block, as in Python's REPL. Up/Down walk the history when the caret is on the first/last line.
// Everything written to the log is text, never HTML.

const PROMPT = ">>> ";
const CONTINUATION = "... ";
const INDENT = "    ";

/**
 * @typedef {(code: string, onOutput: (stream: string, text: string) => void) => Promise<{status: string, value: string | null}>} Exec
 *   runs `code` in the app's namespace (el.exec); rejects with a WorkerError {type, message, traceback}.
 */

/**
 * Wire the console: `input` (a textarea named "Python input"), `prompt` (the prompts beside it),
 * `log` (the role="log" output). Returns `write(kind, text)` for the page's own messages
 * (kind: "stdout" | "stderr" | "error" | "result" | "input") and `writeError(err)`.
 * @param {{input: HTMLTextAreaElement, prompt: Element, log: Element, exec: Exec}} parts
 */
export function createConsole({ input, prompt, log, exec }) {
  const history = [];
  let browsing = null; // {index, draft} while Up/Down walk the history
  // Enters queue up: one pressed while Python answers the last (typing ahead, as in a terminal)
  // is handled after it, with the input as it is then.
  let queue = Promise.resolve();

  function write(kind, text) {
    if (!text) return;
    // A block of its own ends its line, so the log's text reads as a terminal's does.
    if (kind !== "stdout" && kind !== "stderr" && !text.endsWith("\n")) text += "\n";
    const last = log.lastElementChild;
    // Streamed output arrives in pieces (a print is one or more): keep one block per stream run.
    if (last && last.dataset.kind === kind && (kind === "stdout" || kind === "stderr")) {
      last.textContent += text;
    } else {
      const block = log.ownerDocument.createElement("pre");
      block.className = `pg-log-${kind}`;
      block.dataset.kind = kind;
      block.textContent = text;
      log.append(block);
    }
    log.scrollTop = log.scrollHeight;
  }

  /** An error: Python's traceback when it has one (a WorkerError), else its type and message. */
  function writeError(err) {
    write("error", err?.traceback || `${err?.type || err?.name || "Error"}: ${err?.message ?? err}`);
  }

  function showPrompts() {
    const lines = input.value.split("\n").length;
    prompt.textContent = [PROMPT, ...Array(lines - 1).fill(CONTINUATION)].map((p) => p.trimEnd()).join("\n");
    input.rows = Math.min(lines, 12);
  }

  function setInput(text) {
    input.value = text;
    input.setSelectionRange(text.length, text.length);
    showPrompts();
  }

  /** A newline at the caret, indented like the line before it (one level more after a ":"). */
  function continueInput() {
    const { value, selectionStart: start, selectionEnd: end } = input;
    const line = value.slice(value.lastIndexOf("\n", start - 1) + 1, start);
    const indent = line.match(/^[ \t]*/)[0] + (line.trimEnd().endsWith(":") ? INDENT : "");
    input.setRangeText(`\n${indent}`, start, end, "end");
    showPrompts();
  }

  async function submit() {
    const text = input.value;
    const lines = text.split("\n");
    // A blank last line ends a block (`def`, `for`, ...): Python's REPL runs it then.
    const code = lines.length > 1 && !lines.at(-1).trim() ? `${text.trimEnd()}\n` : text;
    if (!code.trim()) {
      write("input", PROMPT.trimEnd());
      setInput("");
      return;
    }
    input.setAttribute("aria-busy", "true");
    let echoed = false;
    const echo = () => {
      if (echoed) return;
      echoed = true;
      write("input", code.trimEnd().split("\n").map((line, i) => (i ? CONTINUATION : PROMPT) + line).join("\n"));
      if (history.at(-1) !== code.trimEnd()) history.push(code.trimEnd());
      browsing = null;
      // What was typed after this input while it ran (typing ahead) stays in the field.
      setInput(input.value.startsWith(text) ? input.value.slice(text.length).replace(/^\n/, "") : input.value);
    };
    try {
      const result = await exec(code, (stream, chunk) => {
        echo();
        write(stream === "stderr" ? "stderr" : "stdout", chunk);
      });
      if (result.status === "incomplete") {
        if (!echoed) continueInput();
        return;
      }
      echo();
      if (result.value != null) write("result", result.value);
    } catch (err) {
      echo();
      writeError(err);
    } finally {
      input.removeAttribute("aria-busy");
    }
  }

  /** Up/Down through the history; false when the caret is not on the first/last line. */
  function walkHistory(step) {
    const { value, selectionStart: start, selectionEnd: end } = input;
    if (start !== end || !history.length) return false;
    const onEdge = step < 0 ? !value.slice(0, start).includes("\n") : !value.slice(end).includes("\n");
    if (!onEdge) return false;
    const index = (browsing?.index ?? history.length) + step;
    if (index < 0 || (index >= history.length && !browsing)) return false;
    if (!browsing) browsing = { index, draft: value };
    if (index >= history.length) {
      setInput(browsing.draft);
      browsing = null;
    } else {
      browsing.index = index;
      setInput(history[index]);
    }
    return true;
  }

  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
    if (event.key === "Enter" && plain) {
      event.preventDefault();
      queue = queue.then(submit);
    } else if ((event.key === "ArrowUp" || event.key === "ArrowDown") && plain) {
      if (walkHistory(event.key === "ArrowUp" ? -1 : 1)) event.preventDefault();
    }
  });
  input.addEventListener("input", showPrompts);
  showPrompts();

  return { write, writeError };
}
