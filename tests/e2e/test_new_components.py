"""File, Video, Gallery, ColorPicker, Chatbot and State in Chromium, in exported pages.

The two apps in ``apps/`` (media_components.py, chat_state.py) are exported with the real CLI
and served by the standard library's server. Things are found as a visitor finds them: file
choosers and the colour input by their labels, outputs as regions named by their labels,
messages by their text. The video uploaded is recorded by Chromium itself (a canvas through
MediaRecorder), so it is a real WebM the page can play back.
"""

from __future__ import annotations

import base64
import io
import wave
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .conftest import APPS, run_pyinterface, served
from .test_demo_pages import open_app

pytestmark = pytest.mark.browser

EXPORTED = ("media_components", "chat_state")

#: Records half a second of a moving square as WebM; resolves with its base64.
RECORD_WEBM = """async () => {
  const canvas = Object.assign(document.createElement("canvas"), { width: 64, height: 48 });
  const ctx = canvas.getContext("2d");
  const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: "video/webm" });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  for (let frame = 0; frame < 12; frame++) {
    ctx.fillStyle = "#204080"; ctx.fillRect(0, 0, 64, 48);
    ctx.fillStyle = "#ffcc00"; ctx.fillRect(frame * 4, 12, 16, 16);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks, { type: "video/webm" }).arrayBuffer());
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""


def wav_bytes(frames: int = 800, rate: int = 8000) -> bytes:
    """A 16-bit PCM WAV, the one audio format the page sends to Python unchanged."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(2 * frames))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def app_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    root = tmp_path_factory.mktemp("new-components")
    for name in EXPORTED:
        run_pyinterface("export", str(APPS / f"{name}.py"), "--out", str(root / name), "--include", f"{name}.py")
    with served(root) as url:
        yield {name: f"{url}/{name}/" for name in EXPORTED}


def test_upload_a_file_and_a_video_pick_a_colour_and_see_the_gallery(page: Page, app_urls: dict[str, str]) -> None:
    open_app(page, app_urls["media_components"])
    webm = base64.b64decode(page.evaluate(RECORD_WEBM))
    assert webm[:4] == b"\x1aE\xdf\xa3", "Chromium recorded no WebM"

    page.get_by_label("document").set_input_files({"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello world"})
    page.get_by_label("clip").set_input_files({"name": "square.webm", "mimeType": "video/webm", "buffer": webm})
    page.get_by_label("sound").set_input_files({"name": "tone.wav", "mimeType": "audio/wav", "buffer": wav_bytes()})
    colour = page.get_by_label("colour")
    expect(colour).to_have_value("#3366cc")
    colour.fill("#ff0000")
    page.get_by_role("button", name="Submit").click()

    expect(page.get_by_role("region", name="summary")).to_contain_text(
        "notes.txt: 11 bytes; video square.webm; sound 800 samples at 8000 Hz")
    report = page.get_by_role("region", name="report").get_by_role("link", name="report.txt")
    expect(report).to_have_attribute("download", "report.txt")
    assert base64.b64decode(report.get_attribute("href").split(",", 1)[1]).startswith(b"notes.txt: 11 bytes")

    replay = page.get_by_role("region", name="replay").locator("video")
    expect(replay).to_be_visible()
    page.wait_for_function("(video) => video.readyState >= 1 && video.duration > 0", arg=replay.element_handle())
    expect(page.get_by_role("region", name="replay")).not_to_contain_text("cannot play")

    swatches = page.get_by_role("region", name="swatches")
    expect(swatches.get_by_role("img")).to_have_count(2)
    expect(swatches).to_contain_text("colour #ff0000")
    swatches.get_by_role("button", name="Image 2: darker").click()
    expect(swatches.get_by_role("img", name="darker").first).to_be_visible()
    swatches.get_by_role("button", name="Close preview").click()
    expect(page.get_by_role("region", name="picked")).to_contain_text("#ff0000")


def test_a_three_turn_conversation_kept_in_state(page: Page, app_urls: dict[str, str]) -> None:
    open_app(page, app_urls["chat_state"])
    message = page.get_by_label("message")
    conversation = page.get_by_role("region", name="conversation")
    for turn, text in enumerate(["hello", "how are you", "<b onclick=alert(1)>bye</b>"], start=1):
        message.fill(text)
        page.get_by_role("button", name="Submit").click()
        expect(conversation.locator("li")).to_have_count(2 * turn)
    expect(conversation.locator("li").nth(1)).to_contain_text("Turn 1: you said hello")
    expect(conversation.locator("li").nth(3)).to_contain_text("Turn 2: you said how are you")
    expect(conversation.locator("li").nth(5)).to_contain_text("Turn 3")
    expect(conversation.locator("strong")).to_have_count(3)  # the bot's markdown, rendered
    assert conversation.locator("[onclick]").count() == 0  # and sanitised: no raw HTML

    page.get_by_role("button", name="Clear").click()
    expect(conversation.locator("li")).to_have_count(0)
    message.fill("again")
    page.get_by_role("button", name="Submit").click()
    expect(conversation.locator("li").nth(1)).to_contain_text("Turn 1: you said again")  # Clear started a new State
