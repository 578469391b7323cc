import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

// pyinterface.css promises (README, "Styling") that its look comes from published custom
// properties, so that a host page can restyle an app and the dark scheme covers everything.
const css = readFileSync(new URL("../pyinterface.css", import.meta.url), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
const declarations = css.match(/[\w-]+\s*:[^;{}]+/g).map((d) => {
  const colon = d.indexOf(":");
  return { name: d.slice(0, colon).trim(), value: d.slice(colon + 1).trim() };
});
const COLOUR = /#[\da-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(|\b(?:white|black|red|blue|green|gray|grey)\b/i;

test("every colour in pyinterface.css comes from a --pyi- custom property", () => {
  const raw = declarations.filter((d) => !d.name.startsWith("--pyi-") && COLOUR.test(d.value));
  assert.deepEqual(raw, []);
});

test("every colour property has a light and a dark value", () => {
  const colours = declarations.filter((d) => d.name.startsWith("--pyi-") && COLOUR.test(d.value));
  const single = colours.filter((d) => !d.value.startsWith("light-dark(")).map((d) => d.name);
  // The accent, canvas and media colours are the same in both schemes on purpose.
  assert.deepEqual(single.sort(), ["--pyi-accent", "--pyi-accent-strong", "--pyi-canvas", "--pyi-media-background", "--pyi-on-accent", "--pyi-on-canvas"]);
});

test("the theme attribute forces a scheme", () => {
  assert.match(css, /:host\(\[theme="dark"\]\)\s*\{\s*color-scheme:\s*dark;/);
  assert.match(css, /:host\(\[theme="light"\]\)\s*\{\s*color-scheme:\s*light;/);
});
