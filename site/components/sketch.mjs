// A drawing surface for Image(source="canvas") and for masks (tool="sketch"): pointer events
// cover mouse, pen and touch. The canvas keeps its own pixel size (the image's, or a fixed
// square) and is scaled by CSS; pointer positions are mapped back to canvas pixels.

import { h } from "../dom.mjs";

/**
 * @param {{ width: number, height: number, background: string | null, color: string, radius: number,
 *           onStroke: () => void }} options  background null keeps the canvas transparent (masks).
 */
export function createSketchPad({ width, height, background, color, radius, onStroke }) {
  const canvas = h("canvas", { class: "pyi-sketch", width, height });
  const context = canvas.getContext("2d");
  let empty = true;
  let last = null;

  const clear = () => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (background) {
      context.fillStyle = background;
      context.fillRect(0, 0, canvas.width, canvas.height);
    }
    empty = true;
  };
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * canvas.width, y: ((event.clientY - box.top) / box.height) * canvas.height };
  };
  const line = (from, to) => {
    context.strokeStyle = color;
    context.fillStyle = color;
    context.lineWidth = radius * 2;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    empty = false;
  };

  canvas.addEventListener("pointerdown", (event) => {
    canvas.setPointerCapture(event.pointerId);
    last = point(event);
    line(last, last);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!last) return;
    const next = point(event);
    line(last, next);
    last = next;
  });
  const end = () => {
    if (last) onStroke();
    last = null;
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  clear();
  return {
    canvas,
    clear,
    isEmpty: () => empty,
    toDataUrl: () => canvas.toDataURL("image/png"),
  };
}

/** Gradio 3's default brush: a radius proportional to the canvas size. */
export function defaultBrushRadius(width, height) {
  return Math.max(2, Math.round(Math.min(width, height) / 28));
}
