// Audio: upload a file or record from the microphone (MediaRecorder); either way the value
// sent to Python is a 16-bit PCM WAV data: URL (see wav.mjs). As an output, an <audio> player.

import { h } from "../dom.mjs";
import { audioToWavDataUrl } from "../wav.mjs";
import { makeField } from "./field.mjs";

export function renderAudio(component, ctx) {
  const { props } = component;
  if (component.role === "output") {
    const field = makeField(component, ctx, "region");
    const player = h("audio", { controls: true, class: "pyi-audio-player", autoplay: Boolean(props.autoplay) });
    field.body.append(player);
    let value = null;
    const set = (next) => {
      value = next ?? null;
      player.hidden = value === null;
      if (value === null) player.removeAttribute("src");
      else player.src = ctx.resolveUrl(value);
    };
    set(props.value);
    return { element: field.element, get: () => value, set };
  }

  const field = makeField(component, ctx, "control");
  const status = h("p", { class: "pyi-media-status", role: "status" });
  const player = h("audio", { controls: true, class: "pyi-audio-player", hidden: true });
  const file = h("input", { type: "file", accept: "audio/*", class: "pyi-file" });
  const remove = h("button", { type: "button", class: "pyi-small", hidden: true }, "Remove audio");
  field.label(file);

  let value = null;
  let pending = Promise.resolve();
  const show = (next) => {
    value = next ?? null;
    player.hidden = value === null;
    remove.hidden = value === null;
    if (value === null) player.removeAttribute("src");
    else player.src = ctx.resolveUrl(value);
  };
  /** Convert in the background; settle() lets Submit wait for it. */
  const take = (blob) => {
    status.textContent = "Converting to WAV…";
    pending = audioToWavDataUrl(blob).then(
      (url) => {
        status.textContent = "";
        show(url);
        ctx.changed();
      },
      (err) => {
        status.textContent = err.message;
      },
    );
    return pending;
  };

  file.addEventListener("change", () => {
    if (file.files?.[0]) take(file.files[0]);
  });
  remove.addEventListener("click", () => {
    file.value = "";
    show(null);
    ctx.changed();
  });
  const tools = h("div", { class: "pyi-media-tools" }, file);
  if (props.source === "microphone") tools.prepend(..._recorder(take, status).nodes);
  tools.append(remove);
  field.body.append(tools, player, status);
  show(props.value);
  return {
    element: field.element,
    get: () => value,
    set(next) {
      file.value = "";
      status.textContent = "";
      show(next);
    },
    settle: () => pending,
  };
}

/** "Record" / "Stop recording" buttons around MediaRecorder; hands the recording to `take`. */
function _recorder(take, status) {
  const record = h("button", { type: "button", class: "pyi-small" }, "Record");
  const stop = h("button", { type: "button", class: "pyi-small", hidden: true }, "Stop recording");
  let recorder = null;
  record.addEventListener("click", async () => {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
      status.textContent = "Recording needs a secure page (https or localhost) in a browser with a microphone API; upload a file instead.";
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      status.textContent = err.name === "NotAllowedError"
        ? "Microphone access was denied. Allow it in the browser's site settings, or upload a file instead."
        : `No microphone could be opened (${err.message || err.name}). Upload a file instead.`;
      return;
    }
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach((track) => track.stop());
      take(new Blob(chunks, { type: recorder.mimeType }));
      record.hidden = false;
      stop.hidden = true;
      record.focus();
    });
    recorder.start();
    status.textContent = "Recording…";
    record.hidden = true;
    stop.hidden = false;
    stop.focus();
  });
  stop.addEventListener("click", () => recorder?.state === "recording" && recorder.stop());
  return { nodes: [record, stop] };
}
