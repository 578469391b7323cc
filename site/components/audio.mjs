// Audio: upload a file or record from the microphone (MediaRecorder); either way the value
// sent to Python is a 16-bit PCM WAV data: URL (see wav.mjs). As an output, an <audio> player.

import { h } from "../dom.mjs";
import { audioToWavDataUrl } from "../wav.mjs";
import { makeField } from "./field.mjs";
import { createRecorder } from "./recorder.mjs";
import { createUploadInput } from "./upload.mjs";

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

  const player = h("audio", { controls: true, class: "pyi-audio-player", hidden: true });
  const upload = createUploadInput(component, ctx, {
    accept: "audio/*", multiple: false, removeLabel: "Remove audio",
    read: audioToWavDataUrl, busyText: "Converting to WAV…", failText: (err) => err.message,
    show(value) {
      player.hidden = value === null;
      if (value === null) player.removeAttribute("src");
      else player.src = ctx.resolveUrl(value);
    },
  });
  if (props.source === "microphone") {
    const take = (blob) => upload.take([blob]);
    upload.tools.prepend(...createRecorder({ kind: "audio", constraints: { audio: true }, status: upload.status, take }).nodes);
  }
  upload.field.body.append(upload.tools, player, upload.status);
  return upload.widget;
}
