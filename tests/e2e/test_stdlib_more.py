"""The stdlib a page does not load at start (python_stdlib_more.zip, tooling/runtime/_stdlib_split.py)
is downloaded only by an app that imports from it, at the import, and the app works."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from .conftest import exported_apps, submit

pytestmark = pytest.mark.browser

PLAIN_APP = "import pyinterface as gr\ndemo = gr.Interface(lambda s: s[::-1], 'text', 'text')\n"
# colorsys and statistics are in the rest of the stdlib; statistics is imported only when fn runs.
MORE_APP = (
    "import colorsys\nimport pyinterface as gr\n\n"
    "def fn(s):\n    import statistics\n    h, _, _ = colorsys.rgb_to_hls(1, 0, 0)\n"
    "    return f'{statistics.mean(len(w) for w in s.split()):.2f} {h}'\n\n"
    "demo = gr.Interface(fn, 'text', 'text')\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with exported_apps(tmp_path_factory.mktemp("more"), {"plain": PLAIN_APP, "more": MORE_APP}) as url:
        yield url


def _requested(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_an_app_using_only_what_the_page_loads_never_downloads_the_rest(page: Page, site: str) -> None:
    urls = _requested(page)
    page.goto(site + "plain/")
    submit(page, "abc", "cba")
    assert any(url.endswith("/python_stdlib.zip") for url in urls), urls
    assert not any("python_stdlib_more" in url for url in urls), urls


def test_importing_from_the_rest_downloads_it_once_and_works(page: Page, site: str) -> None:
    urls = _requested(page)
    page.goto(site + "more/")
    submit(page, "ab abcd", "3.00 0.0")  # colorsys at import, statistics inside fn
    submit(page, "a abc", "2.00 0.0")
    assert sum("python_stdlib_more.zip" in url for url in urls) == 1, urls
