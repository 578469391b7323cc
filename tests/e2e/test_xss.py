"""The XSS suite: the corpus of xss_payloads.py over every surface an app shows, in Chromium.

Four apps, exported as one site (one runtime) and shown on one page, carry every payload on
every surface that reaches the page:

* ``static``: title, description, article, Radio/CheckboxGroup/Dropdown choices, examples;
* ``labels``: one Textbox per payload, with the payload as its label, placeholder and info;
* ``outputs``: Textbox, Label, HighlightedText, JSON, Dataframe, Chatbot, Gallery captions and
  File names, and one HTML and one Markdown output per payload;
* ``errors``: a fn whose exception message (so also its traceback) is every payload, and a
  custom interpretation whose tokens are the payloads.

The page is the suite's own, without the exported pages' Content-Security-Policy, so what is
tested is the sanitising profile (site/sanitize.mjs) and the output boxes alone: a policy
would block inline handlers and off-site loads and hide a sanitiser that lets them through.

Per page: a tripwire (``__pwned``, any dialog), no navigation or new page, no request off
127.0.0.1 (the conftest guard, and this suite's own list), no overlay (elementFromPoint at
the app's own controls returns them), nothing hidden, and no forbidden markup in the DOM.
A second test runs each payload through ``sanitizeHtml`` alone and reports per attack kind.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import BOOT_TIMEOUT_MS, served
from .xss_payloads import EVIL, PAYLOADS, PIXEL, payloads

pytestmark = pytest.mark.browser

P = payloads()
ALLOWED_HOST = "https://images.allowed.test"

_HEADER = f"import pyinterface as gr\nP = {json.dumps(P)}\nPIXEL = {PIXEL!r}\n"
APPS = {
    "static": _HEADER + """
def echo(text, choice, picks, drop):
    return text

gr.Interface(
    echo,
    [gr.Textbox(label="text"), gr.Radio(P, label="choice"), gr.CheckboxGroup(P, label="picks"),
     gr.Dropdown(P, label="drop")],
    gr.Textbox(label="output"),
    title=" ".join(P), description="\\n\\n".join(P), article="\\n\\n".join(P),
    examples=[[p, p, [p], p] for p in P], examples_per_page=len(P),
).launch()
""",
    "labels": _HEADER + """
gr.Interface(lambda *texts: "ok", [gr.Textbox(label=p, placeholder=p, info=p) for p in P],
             gr.Textbox(label="output")).launch()
""",
    "outputs": _HEADER + """
import os, tempfile

def show(text):
    folder = tempfile.mkdtemp()
    names = []
    for i, p in enumerate(P[:20]):
        name = os.path.join(folder, f"{i}{p.replace('/', '_').replace(chr(0), '')[:120]}.txt")
        with open(name, "w") as handle:
            handle.write(p)
        names.append(name)
    return ["\\n".join(P), {p: 1 / (i + 2) for i, p in enumerate(P)}, [(p, p) for p in P], {p: p for p in P},
            {"headers": P[:8], "data": [P[i:i + 8] for i in range(0, 96, 8)]}, [[p, p] for p in P],
            [(PIXEL, p) for p in P[:20]], names, *P, *P]

gr.Interface(show, gr.Textbox(label="text"),
             [gr.Textbox(label="text out"), gr.Label(label="label"), gr.HighlightedText(label="highlighted"),
              gr.JSON(label="json"), gr.Dataframe(label="table", type="array"), gr.Chatbot(label="chat"),
              gr.Gallery(label="gallery"), gr.File(label="files", file_count="multiple")]
             + [gr.HTML(label=f"html {i}") for i in range(len(P))]
             + [gr.Markdown(label=f"markdown {i}") for i in range(len(P))]).launch()
""",
    "errors": _HEADER + """
def fail(text):
    raise ValueError("\\n".join(P))

gr.Interface(fail, gr.Textbox(label="text"), gr.Textbox(label="output"),
             interpretation=lambda text: [[(p, 0.5) for p in P]]).launch()
""",
    "remote": _HEADER + f"""
gr.Interface(lambda text: text, "text", "text", remote_image_hosts=[{ALLOWED_HOST!r}],
             description='<img src="{ALLOWED_HOST}/allowed.png" alt=allowed> <img src="{EVIL}/other.png" alt=other>'
             ).launch()
""",
}
PAGE_APPS = ("static", "labels", "outputs", "errors")

#: Checks every app's shadow root for markup the profile forbids, in the boxes untrusted HTML
#: goes in (.pyi-prose) and, for handlers and script URLs, anywhere. Returns what it found.
FORBIDDEN_MARKUP = """(roots) => {
  const forbidden = "form,input,button,textarea,select,option,meta,base,link,style,iframe,frame,object,embed,portal,"
    + "dialog,script,[popover],[srcdoc],[formaction],[action],[ping]";
  const URL_ATTRIBUTES = ["href", "src", "xlink:href", "action", "formaction", "data", "poster", "background", "srcset"];
  const found = [];
  for (const root of roots) {
    for (const box of root.querySelectorAll(".pyi-prose")) {
      for (const el of box.querySelectorAll(forbidden)) found.push(`<${el.localName}> in a box`);
      for (const el of box.querySelectorAll("[style]")) {
        const position = el.style.position;
        if (position && !["static", "relative"].includes(position)) found.push(`position:${position}`);
        if (el.style.zIndex || el.style.transform || el.style.scale) found.push(`style ${el.getAttribute("style")}`);
      }
    }
    for (const el of root.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        if (attr.name.startsWith("on")) found.push(`${attr.name}= on <${el.localName}>`);
        if (/^\\s*(javascript|vbscript|data:text\\/html)/i.test(attr.value) && URL_ATTRIBUTES.includes(attr.name)) {
          found.push(`${attr.name}=${attr.value.slice(0, 40)}`);
        }
        const link = ["a", "area"].includes(el.localName) && attr.name === "href";
        if (attr.value.includes("127.0.0.2") && el.closest(".pyi-prose") && !link) {
          found.push(`${attr.name} on <${el.localName}> names the evil host`);
        }
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The apps exported as one site, plus this suite's pages; yields its base URL (ending in /)."""
    from pyinterface.tooling.export import export_site

    work = tmp_path_factory.mktemp("xss")
    paths = []
    for name, code in APPS.items():
        path = work / "apps" / name / f"{name}.py"
        path.parent.mkdir(parents=True)
        path.write_text(code)
        paths.append(path)
    site = work / "site"
    export_site(paths, site, playground=False, log=lambda message: None)
    apps = "\n".join(f'<pyinterface-app src="{name}/"></pyinterface-app>' for name in PAGE_APPS)
    loader = '<script type="module" src="pyinterface.js"></script>'
    (site / "xss.html").write_text(f"<!doctype html><meta charset=utf-8><title>xss</title>{loader}\n{apps}\n")
    (site / "remote.html").write_text(
        f'<!doctype html><meta charset=utf-8><title>remote</title>{loader}<pyinterface-app src="remote/"></pyinterface-app>')
    (site / "blank.html").write_text("<!doctype html><meta charset=utf-8><title>blank</title>")
    (site / "strict.html").write_text(  # an exported page's policy allows no inline style either
        "<!doctype html><meta charset=utf-8><meta http-equiv=Content-Security-Policy "
        "content=\"default-src 'self'; style-src 'self'; img-src 'self' data:\"><title>strict</title>")
    with served(site) as url:
        yield url + "/"


class Watch:
    """What a page did that a payload may have caused: requests, dialogs, new pages, navigations."""

    def __init__(self, page: Page) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.popups: list[str] = []
        self.navigations: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("popup", lambda popup: self.popups.append(popup.url))
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.navigations.append(frame.url))

    def offsite(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme in ("http", "https")
                and urlsplit(url).hostname != "127.0.0.1"]


def _app(page: Page, name: str) -> Any:
    return page.locator(f'pyinterface-app[src="{name}/"]')


def _covered(page: Page, name: str) -> list[str]:
    """The app's own controls that something else covers at their centre (elementFromPoint)."""
    return page.evaluate("""(name) => {
      const host = document.querySelector(`pyinterface-app[src="${name}/"]`);
      const root = host.shadowRoot;
      const own = [...root.querySelectorAll(
        ".pyi-actions .pyi-button, .pyi-label:not(.pyi-sr-only), .pyi-title, .pyi-examples-title")];
      const covered = [];
      for (const el of own.slice(0, 12)) {
        el.scrollIntoView({ block: "center" });
        const box = el.getBoundingClientRect();
        const x = box.left + box.width / 2, y = box.top + box.height / 2;
        const top = document.elementFromPoint(x, y);
        const inner = root.elementFromPoint(x, y);
        if (top !== host || !(inner === el || el.contains(inner))) {
          covered.push(`${el.className} "${el.textContent.slice(0, 30)}" under <${inner?.localName}.${inner?.className}>`);
        }
      }
      return covered;
    }""", name)


def _check_page(page: Page, watch: Watch, start_url: str) -> None:
    assert page.evaluate("window.__pwned") is None, f"a payload ran: {page.evaluate('window.__pwned')}"
    assert not watch.dialogs, f"a payload opened a dialog: {watch.dialogs}"
    assert page.url == start_url and not watch.popups and watch.navigations in ([], [start_url]), (
        f"the page navigated: {page.url}, {watch.navigations}, popups {watch.popups}")
    assert not watch.offsite(), f"requests left the loopback server: {watch.offsite()}"
    roots = page.evaluate_handle("[...document.querySelectorAll('pyinterface-app')].map((app) => app.shadowRoot)")
    forbidden = page.evaluate(FORBIDDEN_MARKUP, roots)
    assert forbidden == [], forbidden
    for name in PAGE_APPS:
        expect(_app(page, name).get_by_role("button", name="Clear")).to_be_visible()
        covered = _covered(page, name)
        assert covered == [], f"{name}: its own controls are covered: {covered}"


def test_every_payload_on_every_surface_is_inert(page: Page, xss_site: str) -> None:
    watch = Watch(page)
    url = xss_site + "xss.html"
    page.goto(url)
    for name in PAGE_APPS:
        expect(_app(page, name)).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    static = _app(page, "static")
    expect(static.locator(".pyi-article")).to_contain_text("body")
    expect(static.locator(".pyi-example")).to_have_count(len(P))
    static.locator(".pyi-example").nth(3).click()  # an example's payload fills the inputs

    outputs = _app(page, "outputs")
    expect(outputs.get_by_role("button", name="Submit")).to_be_visible(timeout=5_000)  # not hidden by a description
    outputs.get_by_role("button", name="Submit").click()
    expect(outputs.get_by_role("region", name="chat")).to_contain_text("cover", timeout=BOOT_TIMEOUT_MS)
    expect(outputs.get_by_role("region", name=f"html {len(P) - 1}")).to_contain_text("body")
    expect(outputs.get_by_role("region", name="gallery").locator("img")).to_have_count(20)

    errors = _app(page, "errors")
    errors.get_by_role("button", name="Submit").click()
    expect(errors.locator(".pyi-run-error")).to_contain_text("ValueError")
    errors.locator(".pyi-traceback summary").click()
    errors.get_by_role("button", name="Interpret").click()
    expect(errors.get_by_role("region", name="Interpretation: text")).to_contain_text("cover", timeout=BOOT_TIMEOUT_MS)

    page.wait_for_timeout(300)  # let the broken images fail and any handler fire
    _check_page(page, watch, url)

    # The boxes hold even what the profile would have removed: a full-screen fixed cover put
    # straight into an HTML output and the description covers none of the app's controls.
    page.evaluate("""() => {
      for (const app of document.querySelectorAll("pyinterface-app")) {
        for (const box of app.shadowRoot.querySelectorAll(".pyi-prose")) {
          const cover = box.appendChild(document.createElement("div"));
          cover.style.cssText = "position: fixed; inset: 0; z-index: 2147483647; background: red";
        }
      }
    }""")
    for name in PAGE_APPS:
        assert _covered(page, name) == [], f"{name}: a fixed cover escaped its box"


def test_the_profile_alone_neutralises_each_payload(page: Page, xss_site: str) -> None:
    """Each payload through sanitizeHtml and renderMarkdown on their own: the per-attack table."""
    page.goto(xss_site + "blank.html")
    watch = Watch(page)
    results = page.evaluate("""async ([payloads, forbidden]) => {
      const { sanitizeHtml } = await import("./pyinterface/sanitize.mjs");
      const { renderMarkdown } = await import("./pyinterface/markdown.mjs");
      const check = eval(forbidden);
      const out = [];
      for (const payload of payloads) {
        const problems = [];
        for (const fragment of [sanitizeHtml(payload), renderMarkdown(payload)]) {
          const host = document.body.appendChild(document.createElement("div"));
          const root = host.attachShadow({ mode: "open" });
          root.append(Object.assign(document.createElement("div"), { className: "pyi-prose" }));
          root.firstChild.append(fragment);
          problems.push(...check([root]));
        }
        out.push(problems);
      }
      return out;
    }""", [P, FORBIDDEN_MARKUP])
    page.wait_for_timeout(300)
    kinds = Counter(kind for kind, _ in PAYLOADS)
    failed = {P[i]: problems for i, problems in enumerate(results) if problems}
    print("\nattack | count tried | outcome")
    for kind, count in kinds.items():
        bad = sum(1 for (k, p) in PAYLOADS if k == kind and p in failed)
        print(f"{kind} | {count} | {count - bad} neutralised" + (f", {bad} NOT" if bad else ""))
    assert failed == {}
    assert page.evaluate("window.__pwned") is None and not watch.dialogs
    assert not watch.offsite(), f"requests left the loopback server: {watch.offsite()}"


def test_an_allowed_host_loads_and_no_other(page: Page, xss_site: str) -> None:
    watch = Watch(page)
    served: list[str] = []
    def allowed(route: Any) -> None:
        served.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=b"\x89PNG\r\n\x1a\n")

    page.route(f"{ALLOWED_HOST}/**", allowed)  # a page route answers before the guard's context route
    page.goto(xss_site + "remote.html")
    app = _app(page, "remote")
    expect(app.locator('.pyi-description img[alt="allowed"]')).to_have_attribute("src", f"{ALLOWED_HOST}/allowed.png")
    expect(app.locator('.pyi-description img[alt="other"]')).not_to_have_attribute("src", f"{EVIL}/other.png")
    # Answered (the route records a request before it answers), then a window for any other load.
    expect(app.locator('.pyi-description img[alt="allowed"]')).to_have_js_property("complete", True)
    page.wait_for_timeout(300)
    assert served == [f"{ALLOWED_HOST}/allowed.png"]
    assert [url for url in watch.offsite() if not url.startswith(ALLOWED_HOST)] == []


def test_benign_html_keeps_its_look_and_its_app_files(page: Page, xss_site: str) -> None:
    """What Gradio apps write in their HTML still works: colours, fonts, spacing, relative
    offsets, links (new tab, no opener), and `file=` / relative images from the app's folder;
    its styles apply on a page whose Content-Security-Policy allows no inline style."""
    page.goto(xss_site + "strict.html")
    html, colour = page.evaluate("""async () => {
      const { sanitizeHtml } = await import("./pyinterface/sanitize.mjs");
      const resolveUrl = (value) => new URL(value, "https://apps.example/demo/app/").href;
      const box = document.body.appendChild(document.createElement("div"));
      box.append(sanitizeHtml(
        '<p style="color: red; background-color: rgb(238, 238, 238); margin: 4px; padding: 2px; font-weight: bold; '
        + 'position: relative; top: 2px; border-radius: 3px">styled</p>'
        + '<img src="file=cat.png" alt=cat><img src="img/dog.png" alt=dog><img src="data:image/png;base64,AA" alt=data>'
        + '<a href="https://gradio.app">link</a><a href="file=report.pdf">report</a>'
        + '<div style="background-image: url(file=bg.png)">bg</div>',
        { resolveUrl }));
      return [box.innerHTML, getComputedStyle(box.querySelector("p")).color];
    }""")
    assert colour == "rgb(255, 0, 0)"
    for kept in ("color: red", "background-color: rgb(238, 238, 238)", "margin: 4px", "padding: 2px", "font-weight: bold",
                 "position: relative", "top: 2px", "border-radius: 3px", 'src="https://apps.example/demo/app/cat.png"',
                 'src="https://apps.example/demo/app/img/dog.png"', 'src="data:image/png;base64,AA"',
                 '<a href="https://gradio.app" target="_blank" rel="noopener noreferrer">',
                 'href="https://apps.example/demo/app/report.pdf"',
                 'url(&quot;https://apps.example/demo/app/bg.png&quot;)'):
        assert kept in html, f"{kept!r} not in {html}"
