import assert from "node:assert/strict";
import { test } from "node:test";

import { PROFILE, allowedLoadUrl } from "../sanitize.mjs";

const PAGE = "https://site.example/apps/demo/index.html";
const APP = "https://site.example/apps/demo/app/";
const app = (options = {}) => ({ pageUrl: PAGE, resolveUrl: (value) => new URL(value, APP).href, ...options });

test("the profile is one frozen plain object, and lists what Must-have 1 forbids", () => {
  assert.ok(Object.isFrozen(PROFILE) && Object.isFrozen(PROFILE.dompurify) && Object.isFrozen(PROFILE.dompurify.FORBID_TAGS));
  assert.deepEqual(JSON.parse(JSON.stringify(PROFILE)), PROFILE, "plain data only");
  for (const tag of ["form", "input", "button", "textarea", "select", "meta", "base", "link", "style",
    "iframe", "frame", "object", "embed", "portal", "dialog"]) {
    assert.ok(PROFILE.dompurify.FORBID_TAGS.includes(tag), `<${tag}> is forbidden`);
  }
  for (const attribute of ["action", "formaction", "srcdoc", "ping", "popover", "http-equiv"]) {
    assert.ok(PROFILE.dompurify.FORBID_ATTR.includes(attribute), `${attribute}= is forbidden`);
  }
  assert.deepEqual(PROFILE.positions, ["static", "relative"]);
  for (const property of ["z-index", "transform"]) assert.ok(PROFILE.droppedStyleProperties.includes(property));
  for (const property of ["top", "left", "inset"]) assert.ok(PROFILE.offsetProperties.includes(property));
  for (const attribute of ["src", "srcset", "poster", "background", "xlink:href"]) assert.ok(PROFILE.loadAttributes.includes(attribute));
  assert.deepEqual(PROFILE.links, { target: "_blank", rel: "noopener noreferrer" });
});

test("another host's URL never loads, in any spelling", () => {
  for (const url of ["http://evil.invalid/x.png", "https://127.0.0.2/x", "//evil.invalid/x", "\\\\evil.invalid/x",
    "/\\evil.invalid/x", " HTTPS://EVIL.INVALID/x", "ftp://evil.invalid/x", "file:///etc/passwd", "javascript:alert(1)",
    "data:text/html,<script>x</script>", "", "http://[broken/x.png"]) {
    assert.equal(allowedLoadUrl(url, app()), null, url);
  }
});

test("the app's own files load from its folder, Gradio's file= routes included", () => {
  assert.equal(allowedLoadUrl("cat.png", app()), `${APP}cat.png`);
  assert.equal(allowedLoadUrl("file=cat.png", app()), `${APP}cat.png`);
  assert.equal(allowedLoadUrl("/file=img/cat.png", app()), `${APP}img/cat.png`);
  assert.equal(allowedLoadUrl("file/cat.png", app()), `${APP}cat.png`);
  assert.equal(allowedLoadUrl("https://site.example/other.png", app()), "https://site.example/other.png", "same origin");
  assert.equal(allowedLoadUrl("#gradient", app()), "#gradient", "a fragment of this document");
  // Without an app (no resolveUrl) a relative URL is the page's.
  assert.equal(allowedLoadUrl("cat.png", { pageUrl: PAGE }), "https://site.example/apps/demo/cat.png");
});

test("data: images and blob: URLs load; data: of another kind does not", () => {
  assert.equal(allowedLoadUrl("data:image/png;base64,AAAA", app()), "data:image/png;base64,AAAA");
  assert.equal(allowedLoadUrl("blob:https://site.example/1234", app()), "blob:https://site.example/1234");
  assert.equal(allowedLoadUrl("data:image/svg+xml,<svg/>", app()), "data:image/svg+xml,<svg/>");
  assert.equal(allowedLoadUrl("data:application/pdf;base64,AAAA", app()), null);
});

test("a remote host loads only when the app lists its origin", () => {
  const hosts = { remoteImageHosts: ["https://upload.wikimedia.org"] };
  assert.equal(allowedLoadUrl("https://upload.wikimedia.org/a.png", app(hosts)), "https://upload.wikimedia.org/a.png");
  assert.equal(allowedLoadUrl("http://upload.wikimedia.org/a.png", app(hosts)), null, "another scheme is another origin");
  assert.equal(allowedLoadUrl("https://upload.wikimedia.org.evil.invalid/a.png", app(hosts)), null);
  assert.equal(allowedLoadUrl("https://evil.invalid/a.png", app(hosts)), null);
});
