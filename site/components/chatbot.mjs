// Chatbot: the conversation as a list of messages, the visitor's and the bot's, in turn.
//
// The wire value is [[user, bot], ...]; a message is markdown text, null (not shown), or a
// file {name, data, mime_type, alt_text} shown as an image, a player or a download link.
// Text goes through the sanitising markdown path (markdown.mjs; the one profile of
// sanitize.mjs), or in as plain text when render_markdown is off: never as raw HTML.

import { h } from "../dom.mjs";
import { renderMarkdown } from "../markdown.mjs";
import { sanitizeOptionsOf } from "../sanitize.mjs";
import { makeField } from "./field.mjs";

const SPEAKERS = ["user", "bot"];

/** The messages to show, in order: [{speaker: "user" | "bot", message}] (nulls skipped). */
export function chatMessages(pairs) {
  if (!Array.isArray(pairs)) return [];
  return pairs.flatMap((pair) =>
    (Array.isArray(pair) ? pair : []).slice(0, 2).map((message, index) => ({ speaker: SPEAKERS[index], message }))
      .filter(({ message }) => message !== null && message !== undefined));
}

/** How a file message is shown, from its MIME type: "image", "audio", "video" or "link". */
export function fileKind(message) {
  const family = String(message?.mime_type ?? "").split("/")[0];
  return ["image", "audio", "video"].includes(family) ? family : "link";
}

function _file(message, ctx) {
  const src = ctx.resolveUrl(message.data ?? message.name);
  const alt = message.alt_text ?? "";
  switch (fileKind(message)) {
    case "image":
      return h("img", { class: "pyi-image", src, alt });
    case "audio":
      return h("audio", { class: "pyi-audio-player", controls: true, src, "aria-label": alt || message.name });
    case "video":
      return h("video", { class: "pyi-video", controls: true, src, "aria-label": alt || message.name });
    default:
      return h("a", { href: src, download: message.name }, alt || message.name || "file");
  }
}

function _text(message, props, ctx) {
  if (props.render_markdown === false) return h("p", {}, message);
  return renderMarkdown(message, { ...sanitizeOptionsOf(ctx), lineBreaks: props.line_breaks !== false });
}

function _copyButton(text) {
  const button = h("button", { type: "button", class: "pyi-small" }, "Copy message");
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Copy failed";
    }
    setTimeout(() => {
      button.textContent = "Copy message";
    }, 1500);
  });
  return button;
}

export function renderChatbot(component, ctx) {
  const { props } = component;
  const field = makeField(component, ctx, "region");
  const log = h("ol", { class: "pyi-chat", dir: props.rtl ? "rtl" : null });
  log.style.listStyle = "none";
  log.style.paddingInlineStart = "0";
  if (props.height) {
    log.style.maxHeight = `${props.height}px`;
    log.style.overflowY = "auto";
  }
  field.body.append(log);
  const avatars = Array.isArray(props.avatar_images) ? props.avatar_images : [];
  let value = [];

  const item = ({ speaker, message }) => {
    const avatar = avatars[SPEAKERS.indexOf(speaker)];
    const body = h("div", { class: "pyi-chat-text pyi-prose" },
      typeof message === "string" ? _text(message, props, ctx) : _file(message, ctx));
    return h("li", { class: `pyi-chat-message pyi-chat-${speaker}`, dataset: { speaker } },
      avatar ? h("img", { class: "pyi-chat-avatar", src: ctx.resolveUrl(avatar), alt: "" }) : null,
      h("span", { class: "pyi-sr-only" }, speaker === "user" ? "You: " : "Bot: "),
      body,
      props.show_copy_button && typeof message === "string" ? _copyButton(message) : null);
  };
  const set = (next) => {
    value = Array.isArray(next) ? next : [];
    log.replaceChildren(...chatMessages(value).map(item));
    log.scrollTop = log.scrollHeight;
  };
  set(props.value);
  return { element: field.element, get: () => value, set };
}
