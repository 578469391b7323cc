import assert from "node:assert/strict";
import { test } from "node:test";

import { appAssetUrl, pageSelector, parseComplex, rewriteUrls, scopeSelector, splitSelectorList } from "../css-rewrite.mjs";

test("page-root selectors map onto the app's root element", () => {
  const cases = {
    "body": ".r",
    "html": ".r",
    ":root": ".r",
    "gradio-app": ".r",
    ".gradio-container": ".r",
    "div.gradio-container": ".r",
    "BODY": ".r",
    "html, body": ".r",
    "body > div": ".r > div",
    "body.dark .x": ".r.dark .x",
    "html body .x": ".r .x",
    "html.dark body.wide > p + a": ".r.dark.wide > p + a",
    ".gradio-container .contain h1": ".r h1",
    "body::before": ".r::before",
    "body:hover::after": ".r:hover::after",
    "body:before": ".r:before",
    ".dark .gradio-container .x": ":host-context(.dark) .r .x",
    "main.dark > body": ":host-context(main.dark) .r",
    "body[data-x=\"a b, c\"] .y": ".r[data-x=\"a b, c\"] .y",
  };
  for (const [input, expected] of Object.entries(cases)) assert.equal(scopeSelector(input, ".r"), expected, input);
});

test("selectors that do not name the page are left as they are", () => {
  for (const selector of [".x", "div > .y", "tbody tr", ".bodyish", "#body", "[data-body] .x", ".x:not(body)", "& .x", "*"]) {
    assert.equal(scopeSelector(selector, ".r"), selector);
  }
});

test("a selector list keeps its other selectors and drops duplicates", () => {
  assert.equal(scopeSelector("body, .x, html > .y", ".r"), ".r, .x, .r > .y");
});

test("commas inside strings, attributes and functions do not split a list", () => {
  assert.deepEqual(splitSelectorList(':is(a, b) .x, [t="a,b"], .c\\,d'), [":is(a, b) .x", '[t="a,b"]', ".c\\,d"]);
});

test("a complex selector is read as compounds and combinators", () => {
  assert.deepEqual(parseComplex("body.dark > div  .x+p"), [
    { combinator: "", simples: ["body", ".dark"] },
    { combinator: ">", simples: ["div"] },
    { combinator: " ", simples: [".x"] },
    { combinator: "+", simples: ["p"] },
  ]);
  assert.deepEqual(parseComplex(".a\\.b:not(.c, .d)::part(x)").map((c) => c.simples), [[".a\\.b", ":not(.c, .d)", "::part(x)"]]);
});

test("a nested rule's leading combinator survives", () => {
  assert.equal(scopeSelector("> body .x", ".r"), "> .r .x");
});

test("only selectors whose subject is the page go to a standalone page's document", () => {
  assert.equal(pageSelector("body"), "body");
  assert.equal(pageSelector("html, body, .x"), "html, body");
  assert.equal(pageSelector(":root"), ":root");
  assert.equal(pageSelector("body.dark"), "body.dark");
  assert.equal(pageSelector("body > div"), null);
  assert.equal(pageSelector(".gradio-container"), null);
  assert.equal(pageSelector(".x"), null);
});

const FOLDER = "https://host/app/";
const toFolder = (value) => appAssetUrl(value, (path) => new URL(path, FOLDER).href);

test("file= and relative urls resolve into the app's folder, absolute ones stay", () => {
  assert.equal(toFolder("file=clouds.jpg"), "https://host/app/clouds.jpg");
  assert.equal(toFolder("file=img/a b.png"), "https://host/app/img/a%20b.png");
  assert.equal(toFolder("rel.png"), "https://host/app/rel.png");
  assert.equal(toFolder("../up.png"), "https://host/up.png");
  for (const value of ["https://cdn.example/x.png", "data:image/png;base64,AA==", "blob:https://host/1", "#filter", ""]) {
    assert.equal(toFolder(value), null, value);
  }
});

test("url() tokens are rewritten in every quoting, and strings stay", () => {
  const rewrite = (value) => (value.startsWith("file=") ? `https://host/app/${value.slice(5)}` : null);
  assert.equal(rewriteUrls('background-image: url("file=clouds.jpg");', rewrite), 'background-image: url("https://host/app/clouds.jpg");');
  assert.equal(rewriteUrls("--a: url('file=a b.png');", rewrite), '--a: url("https://host/app/a b.png");');
  assert.equal(rewriteUrls("background: var(--x) url(file=a.png) no-repeat;", rewrite),
    'background: var(--x) url("https://host/app/a.png") no-repeat;');
  assert.equal(rewriteUrls('src: URL( "file=f.woff2" ) format("woff2");', rewrite), 'src: url("https://host/app/f.woff2") format("woff2");');
  const untouched = 'background: url("rel.png"), url(data:image/png;base64,AA==); content: "url(file=x)"; --u: myurl(file=x);';
  assert.equal(rewriteUrls(untouched, rewrite), untouched);
});

test("a rewritten url that needs escaping stays one token", () => {
  assert.equal(rewriteUrls('a: url("file=x\\"y.png")', (value) => value), 'a: url("file=x\\"y.png")');
});
