"""Interpret in the exported pages, in Chromium: Gradio 3's three interpretation snippets
(gender with "default", gender with a custom function, the image classifier with "default"
and "shap") run unchanged, and their highlights are drawn; a slow model shows progress, can
be cancelled while the page stays usable, and a model failing on a perturbation stops the
interpretation with its error.

The apps are exported from ``tests/e2e/apps/`` with the real command line; gender "default" is
``examples/gender_classifier.py``, which conftest.py exports at the server root.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import APPS, Sites, run_pyinterface, served
from .test_demo_pages import open_app, top_label

pytestmark = pytest.mark.browser

#: App -> the helper modules it imports (shipped with --include).
EXPORTED = {
    "gender_custom": [],
    "image_classifier": ["local_mobilenet.py"],
    "image_classifier_shap": ["local_mobilenet.py"],
    "slow_interpretation": [],
    "neighbour_inputs": [],
}


@pytest.fixture(scope="module")
def app_urls(sites: Sites, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    root = tmp_path_factory.mktemp("interpretation")
    for name, helpers in EXPORTED.items():
        includes = [arg for file in (f"{name}.py", *helpers) for arg in ("--include", file)]
        run_pyinterface("export", str(APPS / f"{name}.py"), "--out", str(root / name), *includes)
    with served(root) as url:
        yield {"gender_default": sites.root_app, **{name: f"{url}/{name}/" for name in EXPORTED}}


@pytest.fixture(scope="module")
def cat_picture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """local_mobilenet's example picture as a PNG to upload."""
    from PIL import Image

    path = tmp_path_factory.mktemp("pictures") / "cat.png"
    Image.fromarray(load_local_mobilenet().example_picture()).save(path)
    return path


def load_local_mobilenet():
    spec = importlib.util.spec_from_file_location("local_mobilenet", APPS / "local_mobilenet.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def saliency_color(value: float) -> str:
    """Gradio 3's getSaliencyColor, to compare with what the page painted."""
    weight = math.sqrt(min(abs(value), 1))
    target = (231, 76, 60) if value >= 0 else (52, 152, 219)
    r, g, b = (round(255 + (channel - 255) * weight) for channel in target)
    return f"rgb({r}, {g}, {b})"


def interpret(page: Page, label: str) -> Locator:
    page.get_by_role("button", name="Interpret").click()
    region = page.get_by_role("region", name=f"Interpretation: {label}")
    expect(region).to_be_visible()
    return region


def word_scores(region: Locator) -> dict[str, float]:
    spans = region.locator("span[data-score]")
    return {span.text_content() or "": float(span.get_attribute("data-score") or "nan") for span in spans.all()}


def test_gender_default_highlights_the_pronouns(page: Page, app_urls: dict[str, str]) -> None:
    open_app(page, app_urls["gender_default"])
    region = interpret(page, "sentence")
    scores = word_scores(region)
    # "female" wins 2/3: removing "She" or "her" lowers it (red), removing "his" raises it (blue)
    assert scores["She"] == pytest.approx(2 / 3 - 1 / 2) and scores["her"] == pytest.approx(2 / 3 - 1 / 2)
    assert scores["his"] == pytest.approx(2 / 3 - 1)
    assert scores["went"] == 0 and scores["keys."] == 0
    expect(region.get_by_text("She", exact=True)).to_have_css("background-color", saliency_color(1 / 6))
    expect(region.get_by_text("his", exact=True)).to_have_css("background-color", saliency_color(-1 / 3))
    expect(page.get_by_text("red: supports the predicted class")).to_be_visible()
    expect(page.get_by_role("alert")).to_be_hidden()


def test_gender_custom_function_runs_unchanged(page: Page, app_urls: dict[str, str]) -> None:
    open_app(page, app_urls["gender_custom"])
    region = interpret(page, "sentence")
    scores = word_scores(region)
    assert scores["She"] == 1 and scores["her"] == 1 and scores["his"] == -1 and scores["house"] == 0
    expect(region.locator("span[data-score]")).to_have_count(17)  # re.split("( )", ...): 9 words, 8 spaces
    expect(region.get_by_text("She", exact=True)).to_have_css("background-color", "rgb(231, 76, 60)")
    expect(region.get_by_text("his", exact=True)).to_have_css("background-color", "rgb(52, 152, 219)")


def _canvas_means(canvas: Locator) -> dict[str, Any]:
    """Mean RGBA of the heat map's top-left and bottom-right corners, read back from the canvas."""
    return canvas.evaluate("""(canvas) => {
      const { width, height } = canvas;
      const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
      const mean = (x0, y0, x1, y1) => {
        const sum = [0, 0, 0, 0];
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 4; c++) sum[c] += data[(y * width + x) * 4 + c];
        return sum.map((s) => s / ((x1 - x0) * (y1 - y0)));
      };
      return { width, height, topLeft: mean(10, 10, 100, 100), bottomRight: mean(180, 180, 220, 220) };
    }""")


@pytest.mark.parametrize("app", ["image_classifier", "image_classifier_shap"])
def test_image_classifier_heat_map_lies_over_the_image(page: Page, app_urls: dict[str, str], cat_picture: Path, app: str) -> None:
    open_app(page, app_urls[app])
    page.get_by_label("inp").set_input_files(str(cat_picture))
    page.get_by_role("button", name="Submit").click()
    expect(top_label(page.get_by_role("region", name="output"))).to_have_text("tabby")
    region = interpret(page, "inp")
    canvas = region.locator("canvas.pyi-heatmap")
    means = _canvas_means(canvas)
    assert (means["width"], means["height"]) == (224, 224)  # the image as the model saw it
    red, _, blue, alpha = means["topLeft"]
    assert red > blue and alpha > 150, means  # the red block supports "tabby"
    red, _, blue, alpha = means["bottomRight"]
    assert blue > red and alpha > 60, means  # the green block is evidence against it
    # the map covers exactly the (centre-cropped) image under it
    image = region.locator("img.pyi-heatmap-image")
    assert canvas.bounding_box() == image.bounding_box()
    expect(image).to_have_css("object-fit", "cover")
    expect(canvas).to_have_css("opacity", "0.85")
    region.get_by_role("img").hover()
    expect(canvas).to_have_css("opacity", "0.15")  # fades to show the image


def bar_scores(region: Locator) -> dict[str, float | None]:
    """Each bar's name -> its data-score (None for the current value)."""
    pairs = region.locator("li").evaluate_all(
        "items => items.map((li) => [li.querySelector('.pyi-effect-name').textContent,"
        " li.dataset.score === undefined ? null : Number(li.dataset.score)])"
    )
    return dict(pairs)  # in page order (a JS object would put "0" and "10" first)


def test_neighbour_inputs_show_a_bar_per_value_tried(page: Page, app_urls: dict[str, str]) -> None:
    open_app(page, app_urls["neighbour_inputs"])
    interpret(page, "income")
    regions = {label: page.get_by_role("region", name=f"Interpretation: {label}")
               for label in ("income", "years employed", "insured", "documents", "purpose", "region")}
    income = bar_scores(regions["income"])
    assert list(income) == ["58.2", "58.8", "59.4", "60 (current)", "60.6", "61.2", "61.8"]  # 1% steps
    assert income["60 (current)"] is None and income["58.2"] == pytest.approx(-0.009) and income["61.8"] == pytest.approx(0.009)
    years = bar_scores(regions["years employed"])  # linspace(0, 10, 8), whatever the value
    assert list(years)[::7] == ["0", "10"] and years["0"] == pytest.approx(-0.2) and years["10"] == pytest.approx(0.3)
    assert bar_scores(regions["insured"]) == {"unchecked (current)": None, "checked": pytest.approx(0.2)}
    assert bar_scores(regions["documents"]) == pytest.approx({"uncheck payslip": -0.1, "check contract": 0.1, "check id": 0.1})
    assert bar_scores(regions["purpose"]) == {"home": pytest.approx(0.1), "car (current)": None, "holiday": pytest.approx(-0.4)}
    assert bar_scores(regions["region"]) == {"north": pytest.approx(0.2), "south (current)": None}
    holiday = regions["purpose"].locator("li", has_text="holiday").locator(".pyi-effect-fill")
    expect(holiday).to_have_css("background-color", saliency_color(-0.4))


def wait_for_progress(page: Page, bar: Locator, at_least: int) -> int:
    """Wait until the progress bar shows ``at_least`` evaluations done; return what it shows."""
    page.wait_for_function("([bar, n]) => Number(bar.getAttribute('aria-valuenow')) >= n", arg=[bar.element_handle(), at_least])
    return int(bar.get_attribute("aria-valuenow") or "0")


def wait_for_progress_text(page: Page, bar: Locator, text: Locator, at_least: int) -> None:
    """Wait until ``at_least`` evaluations are done and the meter's text says the bar's count.

    Both are read in one function call, so the model advancing the bar between two reads (a
    quarter of a second per call) cannot make the text look stale: the check waits on state."""
    page.wait_for_function(
        """([bar, text, n]) => {
             const done = Number(bar.getAttribute('aria-valuenow'));
             return done >= n && text.textContent.trim() === `${done} of 28 evaluations`;
           }""",
        arg=[bar.element_handle(), text.element_handle(), at_least],
    )


def test_progress_cancel_and_a_responsive_page(page: Page, app_urls: dict[str, str]) -> None:
    open_app(page, app_urls["slow_interpretation"])
    sentence = page.get_by_label("sentence")
    page.get_by_role("button", name="Interpret").click()
    bar = page.get_by_role("progressbar", name="Interpretation progress")
    expect(bar).to_have_attribute("aria-valuemax", "28")  # the original and one run per word
    done = wait_for_progress(page, bar, 2)
    # the worker is busy with the model, the page is not: typing works and progress goes on
    sentence.fill("typed while the model runs")
    expect(sentence).to_have_value("typed while the model runs")
    wait_for_progress_text(page, bar, page.locator(".pyi-meter-text"), done + 2)
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_text("Interpretation cancelled")).to_be_visible()
    expect(bar).to_be_hidden()
    expect(page.get_by_role("alert")).to_be_hidden()

    # Submit works at once, and the cancelled interpretation no longer calls the model
    submit = page.get_by_role("button", name="Submit")
    calls = page.get_by_role("region", name="fn calls so far")
    submit.click()
    expect(top_label(page.get_by_role("region", name="weight"))).to_have_text("heavy")
    count = int(calls.locator(".pyi-number-value").inner_text())
    assert count < 28
    page.wait_for_timeout(1000)  # four more model calls' time, had the interpretation gone on
    submit.click()
    expect(calls.locator(".pyi-number-value")).to_have_text(str(count + 1))

    # and a new interpretation runs to the end
    sentence.fill("tiny elephants")
    region = interpret(page, "sentence")
    assert set(word_scores(region)) == {"tiny", "elephants", " "}
    expect(bar).to_be_hidden()
    expect(page.get_by_text("Interpretation cancelled")).to_be_hidden()


def test_a_model_failing_on_a_perturbation_stops_with_its_error(page: Page, app_urls: dict[str, str]) -> None:
    open_app(page, app_urls["slow_interpretation"])
    sentence = page.get_by_label("sentence")
    sentence.fill("fragile glue")
    page.get_by_role("button", name="Interpret").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("ValueError: the model breaks on 'fragile' without 'glue'")
    alert.get_by_text("Traceback", exact=True).click()
    expect(alert).to_contain_text("interpretation stopped: 'weigh' failed on evaluation 3 of 3")
    expect(page.get_by_role("progressbar")).to_be_hidden()
    expect(page.get_by_role("region", name="Interpretation: sentence")).to_have_count(0)
    sentence.fill("sturdy glue")
    page.get_by_role("button", name="Submit").click()
    expect(top_label(page.get_by_role("region", name="weight"))).to_have_text("heavy")
    expect(alert).to_be_hidden()
