// The playground's code editor: CodeMirror 6 with Python highlighting, vendored from npm
// (site/vendor/playground/, mapped by the page's import map). Ctrl/Cmd+Enter runs the code.
// Colours are light-dark() pairs, so the editor follows the page's colour scheme.

import { EditorState } from "@codemirror/state";
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { tags } from "@lezer/highlight";

const pythonColours = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "light-dark(#a626a4, #c678dd)" },
  { tag: [tags.string, tags.special(tags.string)], color: "light-dark(#50a14f, #98c379)" },
  { tag: tags.comment, color: "light-dark(#6a737d, #7f848e)", fontStyle: "italic" },
  { tag: [tags.number, tags.bool, tags.null], color: "light-dark(#986801, #d19a66)" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], color: "light-dark(#4078f2, #61afef)" },
  { tag: [tags.className, tags.self], color: "light-dark(#c18401, #e5c07b)" },
  { tag: tags.invalid, color: "light-dark(#e45649, #e06c75)" },
]);

const layout = EditorView.theme({
  "&": { height: "100%", fontSize: "14px" },
  ".cm-scroller": { fontFamily: "var(--pg-font-mono)", lineHeight: "1.5" },
  ".cm-gutters": { background: "var(--pg-panel)", color: "var(--pg-muted)", borderRight: "1px solid var(--pg-border)" },
  ".cm-activeLine, .cm-activeLineGutter": { background: "light-dark(#f3f4f6, #1f2937)" },
  "&.cm-focused": { outline: "2px solid var(--pg-accent)", outlineOffset: "-2px" },
});

/**
 * An editor in `parent` holding `doc`; `onRun()` is called on Ctrl/Cmd+Enter.
 * @param {Element} parent
 * @param {{doc: string, onRun: () => void}} options
 * @returns {{getCode(): string, setCode(text: string): void, focus(): void}}
 */
export function createEditor(parent, { doc, onRun }) {
  const run = () => {
    onRun();
    return true;
  };
  const view = new EditorView({
    // In a shadow root of its own: there, CodeMirror's style-mod adopts constructed stylesheets,
    // where in the document it would add a <style> element, which the page's
    // Content-Security-Policy refuses (and the editor would lose its highlighting).
    parent: parent.shadowRoot ?? parent.attachShadow({ mode: "open" }),
    state: EditorState.create({
      doc,
      extensions: [
        // First, so the editor's own Mod-Enter (insert a blank line) never sees the key.
        keymap.of([{ key: "Mod-Enter", run, preventDefault: true }]),
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(),
        indentOnInput(), bracketMatching(), highlightActiveLine(), indentUnit.of("    "),
        python(), syntaxHighlighting(pythonColours),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": "Code editor" }),
        layout,
      ],
    }),
  });
  return {
    getCode: () => view.state.doc.toString(),
    setCode: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
