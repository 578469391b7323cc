// Video: upload a video file or record one with the webcam (input), or play one (output).
//
// The wire value is a file value {name, data, size} (see file.mjs), plus `subtitles` (a
// WebVTT data: URL) on outputs. Nothing is converted in the page: a video the browser cannot
// play gets a message and a download link instead of a silent black box.

import { h } from "../dom.mjs";
import { makeField } from "./field.mjs";
import { fileName, fileSource } from "./file.mjs";
import { createRecorder } from "./recorder.mjs";
import { createUploadInput } from "./upload.mjs";

/** A <video> player for wire values, with its "cannot play" fallback. */
function _player(props, ctx) {
  const video = h("video", { class: "pyi-video", controls: true, playsinline: true, hidden: true });
  if (props.height) video.style.maxHeight = `${props.height}px`;
  if (props.width) video.style.maxWidth = `${props.width}px`;
  const fallback = h("p", { class: "pyi-media-status", role: "status", hidden: true });
  video.addEventListener("error", () => {
    if (!video.getAttribute("src")) return;
    const name = video.dataset.name || "the video";
    fallback.replaceChildren(`This browser cannot play ${name}. `,
      h("a", { href: video.src, download: name }, `Download ${name}`));
    fallback.hidden = false;
  });
  const show = (value) => {
    video.replaceChildren();
    fallback.hidden = true;
    const source = value === null ? null : fileSource(value);
    video.hidden = source === null;
    if (source === null) {
      video.removeAttribute("src");
      return;
    }
    video.dataset.name = fileName(value);
    video.src = ctx.resolveUrl(source);
    if (value.subtitles) video.append(h("track", { kind: "subtitles", label: "Subtitles", src: value.subtitles, default: true }));
  };
  return { nodes: [video, fallback], video, show };
}

export function renderVideo(component, ctx) {
  const { props } = component;
  if (component.role === "output") {
    const field = makeField(component, ctx, "region");
    const player = _player(props, ctx);
    player.video.autoplay = Boolean(props.autoplay);
    field.body.append(...player.nodes);
    let value = null;
    const set = (next) => {
      value = next ?? null;
      player.show(value);
    };
    set(props.value);
    return { element: field.element, get: () => value, set };
  }

  const player = _player(props, ctx);
  const upload = createUploadInput(component, ctx, {
    accept: props.format ? `video/${props.format},.${props.format}` : "video/*", multiple: false,
    removeLabel: "Remove video", show: player.show,
  });
  if (props.source === "webcam") {
    const preview = h("video", { class: "pyi-webcam", playsinline: true, muted: true, hidden: true });
    preview.muted = true;
    if (props.mirror_webcam !== false) preview.classList.add("pyi-mirrored"); // the recording is not flipped
    const recorder = createRecorder({
      kind: "video", constraints: { video: true, audio: Boolean(props.include_audio) }, status: upload.status,
      recordLabel: "Record video",
      take: (blob) => upload.take([new File([blob], "webcam.webm", { type: blob.type || "video/webm" })]),
      onStream(stream) {
        preview.srcObject = stream;
        preview.hidden = !stream;
        if (stream) preview.play().catch(() => {});
      },
    });
    upload.tools.prepend(...recorder.nodes);
    upload.field.body.append(preview);
  }
  upload.field.body.append(upload.tools, ...player.nodes, upload.status);
  return upload.widget;
}
