// Webcam capture for Image(source="webcam"): "Start camera", then "Capture photo" takes one
// frame as a PNG data: URL. The preview is mirrored like a mirror when mirror_webcam is set;
// the captured frame is NOT flipped here, because Python mirrors it in preprocess (Gradio 3).

import { h } from "../dom.mjs";

/** @param {{ mirror: boolean, onCapture(url: string): void, status: HTMLElement }} options */
export function createWebcam({ mirror, onCapture, status }) {
  const video = h("video", { class: "pyi-webcam", playsinline: true, muted: true, hidden: true });
  video.muted = true;
  if (mirror) video.classList.add("pyi-mirrored");
  const start = h("button", { type: "button", class: "pyi-small" }, "Start camera");
  const capture = h("button", { type: "button", class: "pyi-small", hidden: true }, "Capture photo");
  let stream = null;

  const stop = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    capture.hidden = true;
    start.hidden = false;
  };
  start.addEventListener("click", async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      status.textContent = "The camera needs a secure page (https or localhost); upload an image instead.";
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: true });
    } catch (err) {
      status.textContent = err.name === "NotAllowedError"
        ? "Camera access was denied. Allow it in the browser's site settings, or upload an image instead."
        : `No camera could be opened (${err.message || err.name}). Upload an image instead.`;
      return;
    }
    status.textContent = "";
    video.srcObject = stream;
    video.hidden = false;
    await video.play().catch(() => {});
    start.hidden = true;
    capture.hidden = false;
    capture.focus();
  });
  capture.addEventListener("click", () => {
    const canvas = h("canvas", { width: video.videoWidth || 640, height: video.videoHeight || 480 });
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    stop();
    onCapture(canvas.toDataURL("image/png"));
    start.focus();
  });
  return { nodes: [start, capture], video, stop };
}
