"""Interface(theme=) in Chromium: each built-in theme in light and dark mode, ?__theme=, the
element's theme attribute, and the prerendered page's first paint.

One app per theme is exported for real (``export_app``), and one host page embeds all of
them, so a single worker boots once. The page follows the emulated system scheme live, so
both modes are checked without reloading. Screenshots of every app in both modes are kept in
a pytest tmp folder (printed), and each check can fail: the Submit button's computed
background must be the theme's value for the mode (resolved in Python, checked against
Gradio 3.50.2 by tests/test_themes.py, and computed by the browser for the comparison), the
themes' screenshots must differ, and a dark screenshot must be dark.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import Locator, Page, expect

from pyinterface import themes
from pyinterface.themes._choose import choose_theme
from pyinterface.themes._page import theme_properties

from .conftest import BOOT_TIMEOUT_MS, exported_apps

pytestmark = pytest.mark.browser

APP = """
import pyinterface as gr

demo = gr.Interface(lambda text: text.upper(), gr.Textbox(label="words"), gr.Textbox(label="shouted"),
                    title="{title}", theme={theme})
"""
#: App name -> (theme= as the app writes it, the same theme here): each built-in theme, Soft with a custom hue.
THEMES = {
    "default": ('"default"', lambda: choose_theme("default")),
    "soft-green": ('gr.themes.Soft(primary_hue="green")', lambda: themes.Soft(primary_hue="green")),
    "glass": ('"glass"', lambda: choose_theme("glass")),
    "monochrome": ('"Monochrome"', lambda: choose_theme("monochrome")),
    "base": ("gr.themes.Base()", themes.Base),
}
PINNED = "pinned-light"  # the Soft app again, with theme="light" on its element

#: The background a browser computes for `value` (a colour or a gradient), through a probe element.
COMPUTED_BACKGROUND = """(value) => {
  const probe = document.body.appendChild(document.createElement("div"));
  probe.style.background = value;
  const style = getComputedStyle(probe);
  const result = [style.backgroundColor, style.backgroundImage];
  probe.remove();
  return result;
}"""


@pytest.fixture(scope="module")
def themed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("themes")
    apps = {name: APP.format(title=f"Theme {name}", theme=source) for name, (source, _) in THEMES.items()}
    with exported_apps(work, apps) as url:
        elements = "\n".join(f'<pyinterface-app id="{name}" src="{name}/app/manifest.json"></pyinterface-app>'
                             for name in THEMES)
        elements += f'\n<pyinterface-app id="{PINNED}" theme="light" src="soft-green/app/manifest.json"></pyinterface-app>'
        (work / "www" / "all.html").write_text(
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Themes</title>\n'
            '<script type="module" src="default/pyinterface.js"></script></head>\n'
            f"<body>\n{elements}\n</body></html>\n", encoding="utf-8")
        shots = tmp_path_factory.mktemp("theme-screenshots")
        print(f"\ntheme screenshots: {shots}")
        yield url, shots


def _live(page: Page, name: str) -> Locator:
    app = page.locator(f"#{name}")
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    expect(app.locator(".pyi-app:not([data-prerendered])")).to_be_attached()
    return app


def _submit_background(app: Locator) -> list[str]:
    return app.get_by_role("button", name="Submit").evaluate(
        "(b) => { const s = getComputedStyle(b); return [s.backgroundColor, s.backgroundImage]; }")


def _expected_background(page: Page, name: str, mode: str) -> list[str]:
    theme = THEMES[name][1]()
    return page.evaluate(COMPUTED_BACKGROUND, theme_properties(theme)[mode]["--pyi-primary-background"])


def _brightness(png: bytes) -> float:
    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).mean[0]


def test_each_theme_in_light_and_dark(page: Page, themed: tuple[str, Path]) -> None:
    url, shots = themed
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.set_viewport_size({"width": 900, "height": 900})
    page.emulate_media(color_scheme="light")
    page.goto(url + "all.html")
    apps = {name: _live(page, name) for name in [*THEMES, PINNED]}
    # Python in the page resolved each theme as the export did (else the element warns and re-renders).
    assert not [text for text in warnings if "config differs" in text], warnings
    for mode in ("light", "dark"):
        page.emulate_media(color_scheme=mode)  # followed live: prefers-color-scheme, no reload
        pictures = {}
        for name in THEMES:
            expected = _expected_background(page, name, mode)
            assert _submit_background(apps[name]) == expected, (name, mode)
            pictures[name] = apps[name].screenshot(path=str(shots / f"{name}-{mode}.png"), animations="disabled")
        assert len(set(pictures.values())) == len(THEMES), f"two themes look the same in {mode} mode"
        for name, png in pictures.items():
            brightness = _brightness(png)
            assert (brightness < 90) if mode == "dark" else (brightness > 170), (name, mode, brightness)
        # The element's theme="light" outranks the system's dark.
        assert _submit_background(apps[PINNED]) == _expected_background(page, "soft-green", "light")


def test_url_parameter_forces_a_scheme_but_the_attribute_wins(page: Page, themed: tuple[str, Path]) -> None:
    url, shots = themed
    page.emulate_media(color_scheme="light")
    page.goto(url + "all.html?__theme=dark")
    soft, pinned = _live(page, "soft-green"), _live(page, PINNED)
    expect(soft).to_have_attribute("theme", "dark")
    assert _submit_background(soft) == _expected_background(page, "soft-green", "dark")
    assert _submit_background(pinned) == _expected_background(page, "soft-green", "light")
    assert _brightness(soft.screenshot(path=str(shots / "soft-green-url-dark.png"))) < 90
    page.goto(url + "all.html?__theme=light")
    page.emulate_media(color_scheme="dark")
    soft = _live(page, "soft-green")
    assert _submit_background(soft) == _expected_background(page, "soft-green", "light")


def test_prerendered_page_is_themed_before_any_module_runs(page: Page, themed: tuple[str, Path]) -> None:
    url, _ = themed
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    page.route("**/pyinterface.js", lambda route: route.abort())  # only the HTML: its prerendered UI
    page.emulate_media(color_scheme="light")
    page.goto(url + "soft-green/")
    app = page.locator("pyinterface-app")
    submit = app.get_by_role("button", name="Submit")
    expect(submit).to_be_disabled()  # the prerendered button: nothing runs yet
    assert _submit_background(app) == _expected_background(page, "soft-green", "light")
    page.emulate_media(color_scheme="dark")
    assert _submit_background(app) == _expected_background(page, "soft-green", "dark")
    paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
    print(f"\nprerendered themed page: first-contentful-paint {paint:.0f} ms, no module run")
    # Gradio's ?__theme=dark on a light system: the page's one inline script (tooling/_pages.py)
    # sets the scheme before the prerendered UI is parsed, so its first paint is already dark.
    page.emulate_media(color_scheme="light")
    page.goto(url + "soft-green/?__theme=dark")
    expect(app.get_by_role("button", name="Submit")).to_be_disabled()
    assert app.get_attribute("theme") == "dark"
    assert _submit_background(app) == _expected_background(page, "soft-green", "dark")
    assert not violations, violations
