"""An app's css= in Chromium: it styles the app and nothing else, `file=` assets load from the
app's folder, and the light and dark schemes.

The fixture exports two apps with the real CLI and serves them with ``http.server`` beside
host pages that embed them from another folder (``host/``), so a URL resolved against the
page instead of the app's folder points at nothing and fails the test (conftest.py's guard
fails any test that gets a 4xx).

* ``css_gradio3``: ``body {background-color: red}``, ``.gradio-container {max-width: 500px}``,
  ``body .pyi-title``, ``:root {--pyi-accent}`` inside ``@media``;
* ``css_clouds``: ``body {background-image: url('file=clouds.jpg')}``, with a clouds.jpg.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import APPS, BOOT_TIMEOUT_MS, run_pyinterface, served

pytestmark = pytest.mark.browser

RED = "rgb(255, 0, 0)"
HOST_BACKGROUND = "rgb(10, 20, 30)"
HOST_ACCENT = "rgb(37, 99, 235)"
#: Host rules that would wreck the app if they reached it.
HOST_CSS = f"""
body {{ background-color: {HOST_BACKGROUND}; }}
button {{ display: none; }}
* {{ font-size: 40px; color: rgb(1, 2, 3); letter-spacing: 9px; }}
.pyi-title {{ text-decoration: line-through; }}
pyinterface-app {{ --pyi-accent: {HOST_ACCENT}; }}
"""


def _host_page(app: str, attributes: str = "") -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<style>{HOST_CSS}</style>
<script type="module" src="../{app}/pyinterface.js"></script>
</head><body>
<h1>A page that embeds an app</h1>
<pyinterface-app src="../{app}/app/manifest.json" {attributes}></pyinterface-app>
</body></html>
"""


@pytest.fixture(scope="module")
def css_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (ending in /) of: css_gradio3/, css_clouds/ (exports) and host/*.html."""
    from PIL import Image

    work = tmp_path_factory.mktemp("app-css")
    out = work / "site"
    for name in ("css_gradio3", "css_clouds"):
        src = work / "src" / name  # a folder per app, so an export ships only its own files
        src.mkdir(parents=True)
        shutil.copy(APPS / f"{name}.py", src)
        if name == "css_clouds":
            Image.new("RGB", (64, 48), (135, 190, 235)).save(src / "clouds.jpg")
        run_pyinterface("export", str(src / f"{name}.py"), "--out", str(out / name))
    host = out / "host"
    host.mkdir()
    (host / "gradio3.html").write_text(_host_page("css_gradio3"))
    (host / "clouds.html").write_text(_host_page("css_clouds"))
    (host / "dark.html").write_text(_host_page("css_gradio3", 'theme="dark"'))
    (host / "blank.html").write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>')
    with served(out) as url:
        yield url + "/"


def app_root(page: Page) -> Any:
    """The app's root element in its shadow root, once the live UI is shown (an export page's
    prerendered UI comes first, without the app's css=, which the live UI brings)."""
    live = page.locator("pyinterface-app .pyi-app:not([data-prerendered])")
    expect(live).to_be_attached(timeout=BOOT_TIMEOUT_MS)
    return page.evaluate_handle("document.querySelector('pyinterface-app').shadowRoot.querySelector('.pyi-app')")


def computed(page: Page, target: Any, *properties: str) -> list[str]:
    return page.evaluate("([el, props]) => props.map((p) => getComputedStyle(el).getPropertyValue(p))", [target, list(properties)])


def test_body_rules_colour_the_app_and_leave_the_host_page_alone(page: Page, css_site: str) -> None:
    page.goto(css_site + "host/gradio3.html")
    root = app_root(page)
    assert computed(page, root, "background-color", "max-width") == [RED, "500px"]
    title = page.evaluate_handle("(root) => root.querySelector('.pyi-title')", root)
    assert computed(page, title, "letter-spacing") == ["3px"]  # body .pyi-title
    submit = page.get_by_role("button", name="Submit")
    assert computed(page, submit.element_handle(), "background-color") == ["rgb(0, 128, 0)"]  # :root in @media
    body = page.evaluate_handle("document.body")
    assert computed(page, body, "background-color") == [HOST_BACKGROUND]
    expect(page.locator("pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    # The live config from Python renders the app again: the css must still be scoped the same way.
    assert computed(page, app_root(page), "background-color") == [RED]
    assert computed(page, body, "background-color") == [HOST_BACKGROUND]
    assert page.evaluate("document.adoptedStyleSheets.length") == 0


def test_host_page_rules_do_not_reach_the_app(page: Page, css_site: str) -> None:
    page.goto(css_site + "host/gradio3.html")
    root = app_root(page)
    expect(page.get_by_role("button", name="Submit")).to_be_visible()  # host: button {display: none}
    expect(page.get_by_role("heading", name="A page that embeds an app")).to_have_css("font-size", "40px")
    assert computed(page, root, "font-size", "letter-spacing") == ["15px", "normal"]
    label = page.get_by_text("text", exact=True).element_handle()
    assert computed(page, label, "font-size") != ["40px"]
    assert computed(page, label, "color") != ["rgb(1, 2, 3)"]
    title = page.evaluate_handle("(root) => root.querySelector('.pyi-title')", root)
    assert computed(page, title, "text-decoration-line") == ["none"]


def test_standalone_export_page_is_coloured_by_body_rules(page: Page, css_site: str) -> None:
    page.goto(css_site + "css_gradio3/")
    root = app_root(page)
    assert computed(page, page.evaluate_handle("document.body"), "background-color") == [RED]
    assert computed(page, root, "background-color", "max-width") == [RED, "500px"]
    # Only the page's own rules go to the document: .gradio-container sizes the app, not the body.
    assert computed(page, page.evaluate_handle("document.body"), "max-width") == ["none"]


def test_published_custom_properties_are_set_from_the_host_page(page: Page, css_site: str) -> None:
    page.goto(css_site + "host/clouds.html")
    app_root(page)
    expect(page.get_by_role("button", name="Submit")).to_have_css("background-color", HOST_ACCENT)
    # An app's own css= is closer to the app than the host page: css_gradio3's :root wins.
    page.goto(css_site + "host/gradio3.html")
    app_root(page)
    expect(page.get_by_role("button", name="Submit")).to_have_css("background-color", "rgb(0, 128, 0)")


@pytest.mark.parametrize("path", ["css_clouds/", "host/clouds.html"], ids=["standalone", "embedded"])
def test_file_url_image_loads_from_the_app_folder(page: Page, css_site: str, path: str) -> None:
    image = css_site + "css_clouds/app/clouds.jpg"
    with page.expect_response(image) as response:
        page.goto(css_site + path)
        root = app_root(page)
    assert response.value.status == 200
    assert computed(page, root, "background-image") == [f'url("{image}")']
    loaded = page.evaluate(
        "(url) => new Promise((resolve) => { const img = new Image(); img.onload = () => resolve([img.naturalWidth, img.naturalHeight]);"
        " img.onerror = () => resolve(null); img.src = url; })", image)
    assert loaded == [64, 48]


PANEL_LIGHT = "rgb(255, 255, 255)"
PANEL_DARK = "rgb(17, 24, 39)"


def panel_background(page: Page) -> str:
    return page.locator("pyinterface-app .pyi-panel").first.evaluate("(el) => getComputedStyle(el).backgroundColor")


def test_scheme_follows_the_system_unless_the_theme_attribute_forces_one(page: Page, css_site: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(css_site + "host/gradio3.html")
    app_root(page)
    assert panel_background(page) == PANEL_LIGHT
    page.emulate_media(color_scheme="dark")
    assert panel_background(page) == PANEL_DARK
    page.locator("pyinterface-app").evaluate("(el) => el.setAttribute('theme', 'light')")
    assert panel_background(page) == PANEL_LIGHT


def test_forced_dark_theme_changes_the_computed_colours(page: Page, css_site: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(css_site + "host/dark.html")
    root = app_root(page)
    assert panel_background(page) == PANEL_DARK
    label = page.get_by_text("reversed", exact=True).element_handle()
    assert computed(page, label, "color") == ["rgb(156, 163, 175)"]  # --pyi-muted, dark
    assert computed(page, root, "color-scheme") == ["dark"]


#: Every kind of rule the walk in site/app-css.mjs meets.
SHEET_CSS = """
@font-face { font-family: Clouds; src: url(file=fonts/clouds.woff2); }
@keyframes drift { from { background-image: url('file=k.png'); } }
@supports (display: grid) { html, .x { color: red; } }
@layer base { body > div { margin: 0; } }
body.wide { & .z { color: blue; } }
body { background-image: url(rel.png); }
:root { --art: url("file=a b.png"); }
"""

SPLIT_SHEETS = """async ([module, css, base, standalone]) => {
  const { appStyleSheets } = await import(module);
  const { app, page } = appStyleSheets(css, { baseURL: base, resolveUrl: (path) => base + path, standalone });
  const text = (sheet) => (sheet ? Array.from(sheet.cssRules, (rule) => rule.cssText).join("\\n") : null);
  const host = document.body.appendChild(document.createElement("div"));
  const shadow = host.attachShadow({ mode: "open" });
  shadow.innerHTML = '<div class="pyi-app"></div>';
  shadow.adoptedStyleSheets = [app];
  const image = getComputedStyle(shadow.firstChild).backgroundImage;
  host.remove();
  return { app: text(app), page: text(page), image };
}"""


@pytest.mark.parametrize("standalone", [False, True], ids=["embedded", "standalone"])
def test_the_parsed_sheet_is_split_between_the_app_and_the_document(page: Page, css_site: str, standalone: bool) -> None:
    page.goto(css_site + "host/blank.html")
    base = css_site + "css_clouds/app/"
    found = page.evaluate(SPLIT_SHEETS, [css_site + "css_clouds/pyinterface/app-css.mjs", SHEET_CSS, base, standalone])
    app = found["app"]
    assert "@font-face" not in app  # browsers ignore it in shadow roots: it goes to the document
    assert f'@keyframes drift {{ \n  0% {{ background-image: url("{base}k.png"); }}\n}}' in app
    assert "@supports (display: grid) {\n  .pyi-app, .x { color: red; }\n}" in app
    assert "@layer base {\n  .pyi-app > div { margin: 0px; }\n}" in app
    assert ".pyi-app.wide {\n  & .z { color: blue; }\n}" in app
    assert f'.pyi-app {{ --art: url("{base}a b.png"); }}' in app
    assert found["image"] == f'url("{base}rel.png")'  # plain relative urls resolve against the app folder
    page_rules = found["page"]
    assert page_rules.startswith(f'@font-face {{ font-family: Clouds; src: url("{base}fonts/clouds.woff2"); }}')
    if not standalone:
        assert page_rules.count("{") == 1
        return
    assert "@keyframes drift" in page_rules
    assert "@supports (display: grid) {\n  html { color: red; }\n}" in page_rules
    assert f'body {{ background-image: url("{base}rel.png"); }}' in page_rules
    assert f':root {{ --art: url("{base}a b.png"); }}' in page_rules
    assert "body.wide {\n  & .z { color: blue; }\n}" in page_rules  # nested rules go with their parent
    assert "@layer" not in page_rules and ".x" not in page_rules
