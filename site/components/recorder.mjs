// "Record" / "Stop recording" buttons around getUserMedia + MediaRecorder, shared by Audio
// (microphone) and Video (webcam). The recording is handed over as one Blob; failures to get
// the device become a sentence in `status` that says what to do instead.

import { h } from "../dom.mjs";

const DEVICES = {
  audio: { name: "microphone", Name: "Microphone", fallback: "upload a file instead" },
  video: { name: "camera", Name: "Camera", fallback: "upload a video instead" },
};

/**
 * @param {{
 *   kind: "audio" | "video",
 *   constraints: MediaStreamConstraints,
 *   status: HTMLElement,
 *   take(blob: Blob): void,
 *   recordLabel?: string,
 *   onStream?(stream: MediaStream | null): void,
 * }} options  onStream: called with the live stream when recording starts and null when it stops
 * @returns {{ nodes: HTMLElement[] }}
 */
export function createRecorder({ kind, constraints, status, take, recordLabel = "Record", onStream = () => {} }) {
  const device = DEVICES[kind];
  const record = h("button", { type: "button", class: "pyi-small" }, recordLabel);
  const stop = h("button", { type: "button", class: "pyi-small", hidden: true }, "Stop recording");
  let recorder = null;
  record.addEventListener("click", async () => {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
      status.textContent = `Recording needs a secure page (https or localhost) in a browser with a ${device.name} API; ${device.fallback}.`;
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(constraints);
    } catch (err) {
      status.textContent = err.name === "NotAllowedError"
        ? `${device.Name} access was denied. Allow it in the browser's site settings, or ${device.fallback}.`
        : `No ${device.name} could be opened (${err.message || err.name}). ${device.fallback[0].toUpperCase()}${device.fallback.slice(1)}.`;
      return;
    }
    const chunks = [];
    onStream(stream);
    recorder = new MediaRecorder(stream);
    recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach((track) => track.stop());
      onStream(null);
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
