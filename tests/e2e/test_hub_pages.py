"""``gr.load`` in exported pages, in Chromium: the seed's Hub snippets and every way a Hub call fails.

The Hub is the loopback emulator (tests/hub_emulator.py) and ``eugenesiow/remove-bg`` is a real
Space served by modern Gradio (tests/hub_space.py), both on 127.0.0.1, so the conftest's guard
(no request may leave loopback) holds. Each app is exactly a seed snippet (or a one-line
``gr.load`` of an emulator model for the failures), exported with the real command line and
``--hf-endpoint`` / ``--hf-inference-endpoint`` pointing at the emulator. In the page, the
``gr.load`` at import time goes through pyodide-http's synchronous XMLHttpRequest in the
worker, and Submit through ``fetch``.

Hub timing is checked on states, not on the clock: a retry's answer is held by a gate until the
countdown was seen; the emulator's arrival times measure the back-off actually waited. A
:class:`SilentHost` (a socket that accepts and never answers) stands for a hung host.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.hub_emulator import VALID_TOKEN, HubEmulator, Reply, SilentHost, continuation, translate
from tests.hub_space import SPACE_ID, free_port, make_emulator, shared_space

from .conftest import BOOT_TIMEOUT_MS, CHROMIUM_ARGS, Guard, run_pyinterface, served

pytestmark = pytest.mark.browser

#: The seed's load snippets, unchanged (Gradio 3's "Using Hugging Face Integrations" guide).
SEED_APPS = {
    "gpt2": 'import pyinterface as gr\ngr.load("huggingface/gpt2").launch()\n',
    "remove_bg": (
        "import pyinterface as gr\n"
        'gr.Interface.load("spaces/eugenesiow/remove-bg", inputs="webcam", title="Remove your webcam background!").launch()\n'
    ),
    "parallel": (
        "import pyinterface as gr\n"
        'generator1 = gr.Interface.load("huggingface/gpt2"); generator2 = gr.Interface.load("huggingface/EleutherAI/gpt-neo-2.7B"); '
        'generator3 = gr.Interface.load("huggingface/EleutherAI/gpt-j-6B")\n'
        "gr.Parallel(generator1, generator2, generator3).launch()\n"
    ),
    "series": (
        "import pyinterface as gr\n"
        'generator = gr.Interface.load("huggingface/gpt2"); translator = gr.Interface.load("huggingface/t5-small")\n'
        "gr.Series(generator, translator).launch()\n"
    ),
}
#: Emulator models that fail: 401 at inference without a token, 404 not served by hf-inference,
#: and a gated model whose Hub lookup at import time needs a token (the export has HF_TOKEN).
FAILING_APPS = {
    "private": 'import pyinterface as gr\ngr.load("models/emulator/private").launch()\n',
    "not_served": 'import pyinterface as gr\ngr.load("models/emulator/not-served").launch()\n',
    "gated": 'import pyinterface as gr\ngr.load("models/emulator/gated").launch()\n',
}
FAKE_CAMERA = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@dataclass(frozen=True)
class HubPages:
    site: Path  # the exported folders, one per app
    base: str  # its URL, ending in /
    offline_port: int  # a loopback port nothing listens on
    silent: SilentHost  # a loopback host that takes requests and never answers

    def url(self, app: str, page: str = "") -> str:
        return f"{self.base}{app}/{page}"


@pytest.fixture(scope="session")
def real_space(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The remove-bg stand-in served by modern Gradio (shared with tests/hub when both run)."""
    with shared_space(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def emulator() -> Iterator[HubEmulator]:
    hub = make_emulator()
    yield hub
    hub.stop()


@pytest.fixture(scope="module")
def silent_host() -> Iterator[SilentHost]:
    with SilentHost() as host:
        yield host


@pytest.fixture(scope="module")
def hub_pages(tmp_path_factory: pytest.TempPathFactory, emulator: HubEmulator, real_space: str,
              silent_host: SilentHost) -> Iterator[HubPages]:
    emulator.add_space(SPACE_ID, real_space)
    work = tmp_path_factory.mktemp("hub-pages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_TOKEN", VALID_TOKEN)  # the exports' own runs use it; no exported file may hold it
        for name, source in {**SEED_APPS, **FAILING_APPS}.items():
            app = work / "apps" / name / "app.py"
            app.parent.mkdir(parents=True)
            app.write_text(source, encoding="utf-8")
            run_pyinterface("export", str(app), "--out", str(work / "site" / name),
                            "--hf-endpoint", emulator.url, "--hf-inference-endpoint", emulator.inference_url)
    # The same gpt2 export, embedded with an attribute that overrides the exported inference endpoint.
    offline_port = free_port()
    index = (work / "site" / "gpt2" / "index.html").read_text(encoding="utf-8")
    attribute = f'hf-inference-endpoint="http://127.0.0.1:{offline_port}/hf-inference"'
    silent = f'hf-timeout="2" hf-inference-endpoint="{silent_host.url}/hf-inference"'  # Submit: fetch
    silent_hub = f'hf-timeout="2" hf-endpoint="{silent_host.url}"'  # the gr.load at import: synchronous XHR
    for page, attributes in {"offline.html": attribute, "silent.html": silent, "silent-hub.html": silent_hub}.items():
        (work / "site" / "gpt2" / page).write_text(
            index.replace('<pyinterface-app src="app/manifest.json"', f'<pyinterface-app src="app/manifest.json" {attributes}', 1),
            encoding="utf-8",
        )
    with served(work / "site") as url:
        yield HubPages(site=work / "site", base=url + "/", offline_port=offline_port, silent=silent_host)


@pytest.fixture()
def hub(emulator: HubEmulator) -> Iterator[HubEmulator]:
    with emulator._lock:
        emulator.requests.clear()
        emulator.scripts.clear()
    emulator.expose_retry_after = False  # as the real Hub: the page cannot read Retry-After
    yield emulator
    with emulator._lock:
        emulator.scripts.clear()
    emulator.expose_retry_after = False


@pytest.fixture(scope="module")
def camera_browser(launch_browser: Any) -> Iterator[Any]:
    browser = launch_browser(args=[*CHROMIUM_ARGS, *FAKE_CAMERA])
    yield browser
    browser.close()


@pytest.fixture()
def context(request: pytest.FixtureRequest, new_context: Any) -> Any:
    """pytest-playwright's context, or (``indirect`` param "fake camera") one whose Chromium
    has a fake camera that needs no permission prompt."""
    if getattr(request, "param", None) == "fake camera":
        return request.getfixturevalue("camera_browser").new_context()
    return new_context()


def open_app(page: Page, url: str) -> Locator:
    page.goto(url)
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    return app


def submit(page: Page, text: str) -> None:
    page.get_by_label("Input").fill(text)
    page.get_by_role("button", name="Submit").click()


def output_text(page: Page, name: str = "Output") -> Locator:
    return page.get_by_role("region", name=name).locator(".pyi-text")


def wait_until(page: Page, condition: Callable[[], bool], what: str, timeout_s: float = 60.0) -> None:
    """Wait for a state outside the page (e.g. the emulator got the retry), letting the page run."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting until {what}")
        page.wait_for_timeout(50)


def gpt2_answer(prompt: str, gate: threading.Event | None = None) -> Reply:
    """The emulator's own gpt2 answer to ``prompt``, as a scripted reply (held by ``gate``)."""
    return Reply(200, [{"generated_text": f"{prompt} {continuation('gpt2', prompt)}"}], gate=gate)


def submit_rate_limited(page: Page, hub: HubEmulator, prompt: str) -> threading.Event:
    """Submit ``prompt``: gpt2 answers 429 with ``Retry-After: 2``, then its text once the
    returned event is set (so the retry stays in flight while the test looks)."""
    held = threading.Event()
    hub.script("gpt2", Reply(429, {"error": "Rate limit reached"}, headers={"Retry-After": "2"}), gpt2_answer(prompt, held))
    submit(page, prompt)
    return held


def posts(hub: HubEmulator) -> list[Any]:
    """The inference calls to gpt2 so far (preflights left out)."""
    return [r for r in hub.logged("/hf-inference/models/gpt2") if r.method == "POST"]


def countdown_parts(page: Page) -> tuple[Locator, Locator, Locator]:
    """The countdown's ticking line, its one announcement (fixed: the wait as it began) and its detail."""
    box = page.locator(".pyi-hub-wait")
    return box.get_by_role("timer"), box.get_by_role("status"), box.locator(".pyi-hub-wait-detail")


def expected_failures(guard: Guard, *parts: str) -> list[str]:
    """Take the 4xx/5xx answers a test provokes on purpose off the guard's list; return them."""
    expected = [r for r in guard.bad_responses if any(part in r for part in parts)]
    guard.bad_responses[:] = [r for r in guard.bad_responses if r not in expected]
    return expected


# -- the seed's snippets ----------------------------------------------------------------------------


def test_gpt2_loaded_at_import_generates_text(page: Page, hub_pages: HubPages, hub: HubEmulator) -> None:
    open_app(page, hub_pages.url("gpt2"))
    expect(page).to_have_title("gpt2")
    # the blocking gr.load ran in the worker (synchronous XHR through pyodide-http), from this page
    assert any(r.path.startswith("/api/models/gpt2") and "origin" in r.headers for r in hub.logged())
    prompt = "It was the best of times"
    submit(page, prompt)
    expect(output_text(page)).to_have_text(f"{prompt} {continuation('gpt2', prompt)}")


def test_parallel_of_three_generators_shows_three_outputs(page: Page, hub_pages: HubPages, hub: HubEmulator) -> None:
    open_app(page, hub_pages.url("parallel"))
    prompt = "Once upon a time"
    submit(page, prompt)
    outputs = page.get_by_role("region", name="Output")
    expect(outputs).to_have_count(3)
    for index, model in enumerate(("gpt2", "EleutherAI/gpt-neo-2.7B", "EleutherAI/gpt-j-6B")):
        expect(outputs.nth(index).locator(".pyi-text")).to_have_text(f"{prompt} {continuation(model, prompt)}")


def test_series_generator_then_translator_gives_the_translation(page: Page, hub_pages: HubPages, hub: HubEmulator) -> None:
    open_app(page, hub_pages.url("series"))
    prompt = "My name is Sarah and I live in London"
    submit(page, prompt)
    expected = translate(f"{prompt} {continuation('gpt2', prompt)}")
    assert expected.startswith("Mein Name ist Sarah und ich lebe in London ")
    expect(output_text(page, "Translation")).to_have_text(expected)
    # t5-small was renamed on the Hub: the browser followed the 307 to google-t5/t5-small
    assert any("/hf-inference/models/google-t5/t5-small" in r.path for r in hub.logged())


@pytest.mark.parametrize("context", ["fake camera"], indirect=True)
def test_remove_bg_space_from_the_webcam(page: Page, hub_pages: HubPages, hub: HubEmulator, real_space: str) -> None:
    open_app(page, hub_pages.url("remove_bg"))
    expect(page.get_by_role("heading", name="Remove your webcam background!")).to_be_visible()
    expect(page).to_have_title("Remove your webcam background!")
    page.get_by_role("button", name="Start camera").click()  # inputs="webcam": a camera, not a file chooser
    page.get_by_role("button", name="Capture photo").click()
    page.get_by_role("button", name="Submit").click()
    result = page.get_by_role("region", name="Foreground").locator("img")
    expect(result).to_have_attribute("src", re.compile(r"^data:image/"), timeout=60_000)
    assert page.get_by_role("alert").is_hidden()
    assert hub.logged(f"/api/spaces/{SPACE_ID}/host")  # the Space was found through the emulator's host lookup


# -- failures in plain words ------------------------------------------------------------------------


def test_a_model_that_needs_a_token_offers_the_token_field(page: Page, hub_pages: HubPages, hub: HubEmulator,
                                                           guard: Guard) -> None:
    open_app(page, hub_pages.url("private"))
    submit(page, "I love it")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("without a valid access token (401")
    expect(alert).not_to_contain_text("Traceback")
    field = page.get_by_label("Hugging Face token")
    expect(field).to_have_attribute("type", "password")
    link = page.get_by_role("link", name="Create a token on the Hub")
    expect(link).to_have_attribute("href", f"{hub.url}/settings/tokens")
    expect(link).to_have_attribute("rel", "noopener")

    field.fill(VALID_TOKEN)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Token saved for this tab.")).to_be_visible()
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".pyi-label-top")).to_have_text("POSITIVE")
    expect(alert).to_be_hidden()
    expect(field).to_be_hidden()
    assert hub.logged("/hf-inference/models/emulator/private")[-1].headers["authorization"] == f"Bearer {VALID_TOKEN}"

    stored = page.evaluate("() => ({session: Object.entries(sessionStorage), local: localStorage.length})")
    assert stored["session"] == [[f"pyinterface:hf-token:{hub_pages.url('private', 'app/manifest.json')}", VALID_TOKEN]]
    assert stored["local"] == 0
    leaks = [p for p in hub_pages.site.rglob("*") if p.is_file() and VALID_TOKEN.encode() in p.read_bytes()]
    assert not leaks, f"the token is in exported files: {leaks}"

    # after a reload the page sends the saved token again: the first Submit works
    open_app(page, hub_pages.url("private"))
    submit(page, "what a wonderful day")
    expect(page.locator(".pyi-label-top")).to_have_text("POSITIVE")
    assert expected_failures(guard, "/models/emulator/private") == [f"401 {hub.inference_url}/models/emulator/private"]


def test_a_loading_model_shows_a_countdown_then_the_result(page: Page, hub_pages: HubPages, hub: HubEmulator,
                                                           guard: Guard) -> None:
    # Checked on states, not on the clock: the retry's answer is held until the countdown was seen
    # at its start (the announcement), then at its end ("retrying now…", the retry in flight).
    open_app(page, hub_pages.url("gpt2"))
    prompt, held = "Hello there", threading.Event()
    hub.script("gpt2", Reply(503, {"error": "Model gpt2 is currently loading", "estimated_time": 3.0}),
               gpt2_answer(prompt, held))
    submit(page, prompt)
    timer, announced, detail = countdown_parts(page)
    expect(announced).to_have_text("Model is loading, retrying in 3 s… (try 2 of 4)")
    expect(timer).to_have_text(re.compile(r"^Model is loading, retrying (in [1-3] s|now)… \(try 2 of 4\)$"))
    expect(detail).to_have_text(re.compile(r'^The Hub estimates the model is ready in 3 s\. 127\.0\.0\.1:\d+ answered 503: '
                                           r'"Model gpt2 is currently loading"\.$'))
    wait_until(page, lambda: len(posts(hub)) == 2, "the page sent the retry")
    expect(timer).to_have_text("Model is loading, retrying now… (try 2 of 4)")
    held.set()
    expect(output_text(page)).to_have_text(f"{prompt} {continuation('gpt2', prompt)}")
    expect(timer).to_be_hidden()
    expect(page.get_by_role("alert")).to_be_hidden()
    assert expected_failures(guard, "/models/gpt2") == [f"503 {hub.inference_url}/models/gpt2"]


def test_a_readable_retry_after_is_waited_as_asked(page: Page, hub_pages: HubPages, hub: HubEmulator,
                                                   guard: Guard) -> None:
    hub.expose_retry_after = True  # Access-Control-Expose-Headers lists it: the page can read it
    open_app(page, hub_pages.url("gpt2"))
    prompt = "Rate me"
    held = submit_rate_limited(page, hub, prompt)
    timer, announced, detail = countdown_parts(page)
    expect(announced).to_have_text("Too many requests, retrying in 2 s… (try 2 of 4)")
    expect(detail).to_contain_text("The Hub asked to wait 2 s (Retry-After header).")
    wait_until(page, lambda: len(posts(hub)) == 2, "the page sent the retry")
    first, retry = posts(hub)
    waited = retry.at - first.at
    assert 2.0 <= waited < 10.0, f"the retry came {waited:.2f} s after the 429 (asked: 2 s; the back-off is 10 s)"
    print(f"Retry-After: 2 readable in Chromium: retried after {waited:.2f} s")
    held.set()
    expect(output_text(page)).to_have_text(f"{prompt} {continuation('gpt2', prompt)}")
    expect(timer).to_be_hidden()
    assert expected_failures(guard, "/models/gpt2") == [f"429 {hub.inference_url}/models/gpt2"]


def test_an_unreadable_retry_after_backs_off_saying_why_and_the_last_error_is_gone(
        page: Page, hub_pages: HubPages, hub: HubEmulator, guard: Guard) -> None:
    # As the real Hub: Retry-After is sent but not exposed, so the browser hides it from the page.
    open_app(page, hub_pages.url("gpt2"))
    hub.script("gpt2", Reply(500, {"error": "unknown error"}))
    submit(page, "first")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("failed while handling the request for model 'gpt2' (500")
    prompt = "second"
    held = submit_rate_limited(page, hub, prompt)
    timer, announced, detail = countdown_parts(page)
    expect(announced).to_have_text("Too many requests, retrying in 10 s… (try 2 of 4)")
    expect(detail).to_contain_text("The Hub's Retry-After header is not readable from this page")
    expect(alert).to_be_hidden()  # the previous run's error is not shown under this run's countdown
    wait_until(page, lambda: len(posts(hub)) == 3, "the page sent the retry")
    expect(timer).to_have_text("Too many requests, retrying now… (try 2 of 4)")
    _, limited, retry = posts(hub)
    waited = retry.at - limited.at
    assert waited >= 10.0, f"the retry came {waited:.2f} s after the 429 (the back-off is 10 s)"
    print(f"Retry-After: 2 not readable in Chromium: retried after {waited:.2f} s")
    held.set()
    expect(output_text(page)).to_have_text(f"{prompt} {continuation('gpt2', prompt)}")
    expect(alert).to_be_hidden()
    assert expected_failures(guard, "/models/gpt2") == [f"500 {hub.inference_url}/models/gpt2",
                                                        f"429 {hub.inference_url}/models/gpt2"]


def test_a_host_that_never_answers_times_out_naming_it(page: Page, hub_pages: HubPages, hub: HubEmulator) -> None:
    # hf-timeout="2": Submit's fetch to a silent inference host, then a gr.load at import (a
    # synchronous XMLHttpRequest) to a silent Hub. Both name the host and the time, not CORS.
    host = hub_pages.silent.url.split("/")[2]
    open_app(page, hub_pages.url("gpt2", "silent.html"))
    started = time.monotonic()
    submit(page, "hi")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(f"No answer from {host} within 2 s (POST {hub_pages.silent.url}/hf-inference/models/gpt2)")
    print(f"Submit to a silent host, hf-timeout=2: the error showed after {time.monotonic() - started:.2f} s")
    expect(alert).not_to_contain_text("CORS")
    assert any(" /hf-inference/models/gpt2 " in line for line in hub_pages.silent.requests())  # its preflight

    page.goto(hub_pages.url("gpt2", "silent-hub.html"))
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "error", timeout=BOOT_TIMEOUT_MS)
    expect(app).to_contain_text(f"No answer from {host} within 2 s (GET {hub_pages.silent.url}/api/models/gpt2")
    expect(app).not_to_contain_text("CORS")


def test_a_model_that_is_not_served_says_so_and_links_its_page(page: Page, hub_pages: HubPages, hub: HubEmulator,
                                                               guard: Guard) -> None:
    open_app(page, hub_pages.url("not_served"))
    submit(page, "hi")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Model 'emulator/not-served' is not served by Hugging Face's inference API")
    expect(alert.locator(".pyi-traceback")).to_have_count(0)
    link = page.get_by_role("link", name="Open its page on the Hub")
    expect(link).to_have_attribute("href", f"{hub.url}/emulator/not-served")
    expect(link).to_have_attribute("rel", "noopener")
    expect(page.get_by_label("Hugging Face token")).to_have_count(0)
    assert expected_failures(guard, "/models/emulator/not-served") == [f"404 {hub.inference_url}/models/emulator/not-served"]


def test_an_unreachable_host_from_an_attribute_is_named(page: Page, hub_pages: HubPages, hub: HubEmulator) -> None:
    open_app(page, hub_pages.url("gpt2", "offline.html"))  # the attribute wins over the exported endpoint
    submit(page, "hi")
    alert = page.get_by_role("alert")
    host = f"127.0.0.1:{hub_pages.offline_port}"
    expect(alert).to_contain_text(f"Could not reach {host}")
    expect(alert).to_contain_text("the browser blocked the request (the host does not allow calls from this page: CORS) "
                                  "or there is no network connection")
    assert not hub.logged("/hf-inference/")  # nothing went to the exported inference endpoint


def test_a_gated_model_at_import_offers_the_token_and_reloads_with_it(page: Page, hub_pages: HubPages,
                                                                      hub: HubEmulator, guard: Guard) -> None:
    page.goto(hub_pages.url("gated"))
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "error", timeout=BOOT_TIMEOUT_MS)
    expect(app).to_contain_text("If it is private or gated, it needs an access token")
    expect(app.locator(".pyi-traceback")).to_have_count(0)  # a Hub error is a plain message
    page.get_by_label("Hugging Face token").fill(VALID_TOKEN)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()  # saved for this tab, then the page reloads
    open_app(page, hub_pages.url("gated"))
    submit(page, "I love it")
    expect(page.locator(".pyi-label-top")).to_have_text("POSITIVE")
    lookups = hub.logged("/api/models/emulator/gated")
    assert [r.headers.get("authorization") for r in lookups] == [None, f"Bearer {VALID_TOKEN}"]
    (refused,) = expected_failures(guard, "/api/models/emulator/gated")
    assert refused.startswith(f"401 {hub.url}/api/models/emulator/gated")
