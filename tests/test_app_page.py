"""The HTML of an exported app's page: the manifest it carries for the element to read."""

from __future__ import annotations

import json
import re

from pyinterface.tooling._pages import URL_SCHEME_SCRIPT, app_page

MANIFEST = {
    "entry": "app.py", "files": ["app.py"], "packages": [],
    "config": {"title": "T", "description": "a </script><script>alert(1)</script> <!-- and a comment"},
}


def _data_block(page: str) -> str:
    blocks = re.findall(r'<script type="application/json">(.*?)</script>', page, flags=re.DOTALL)
    assert len(blocks) == 1, page
    return blocks[0]


def test_the_page_holds_the_manifest_inside_the_element() -> None:
    page = app_page("T", stylesheet=True, manifest=MANIFEST)
    element = page[page.index("<pyinterface-app"):page.index("</pyinterface-app>")]
    assert element.startswith(f'<pyinterface-app src="app/manifest.json" standalone><script>{URL_SCHEME_SCRIPT}</script>'
                              '<template shadowrootmode="open">')
    assert '</template><script type="application/json">' in element  # after the prerendered UI (test_prerender.py)
    assert json.loads(_data_block(page)) == MANIFEST


def test_markup_in_the_manifest_cannot_end_the_data_block() -> None:
    block = _data_block(app_page("T", stylesheet=False, manifest=MANIFEST))
    assert "<" not in block  # no </script>, no <!--: every < is \\u003c, which JSON reads back as <
    assert json.loads(block)["config"]["description"] == MANIFEST["config"]["description"]


def test_without_a_manifest_the_element_fetches_it() -> None:
    page = app_page("T", stylesheet=False)
    assert '<pyinterface-app src="app/manifest.json" standalone></pyinterface-app>' in page
    assert "application/json" not in page



def test_the_page_fetches_the_early_modules_while_it_is_parsed() -> None:
    page = app_page("T", stylesheet=True, manifest=MANIFEST, base="../")
    head = page[: page.index("</head>")]
    assert '<link rel="modulepreload" href="../pyinterface/early-start.mjs">' in head
    # Before the loader's script tag: the fetches start before it runs.
    assert head.index("modulepreload") < head.index('src="../pyinterface.js"')


def test_the_early_module_list_is_early_start_s_whole_static_graph() -> None:
    import re

    from pyinterface.tooling._frontend import site_dir
    from pyinterface.tooling._pages import EARLY_MODULES

    found: list[str] = []
    todo = ["early-start.mjs"]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.append(name)
        source = (site_dir() / name).read_text(encoding="utf-8")
        todo += re.findall(r'^import[^;]*?from "\./([\w.-]+\.mjs)";', source, re.M | re.S)
    assert sorted(found) == sorted(EARLY_MODULES)
