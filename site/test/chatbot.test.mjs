import assert from "node:assert/strict";
import { test } from "node:test";

import { chatMessages, fileKind } from "../components/chatbot.mjs";

test("pairs become the messages in turn, missing ones skipped", () => {
  assert.deepEqual(chatMessages([["hi", "hello"], [null, "again"], ["bye", null]]), [
    { speaker: "user", message: "hi" },
    { speaker: "bot", message: "hello" },
    { speaker: "bot", message: "again" },
    { speaker: "user", message: "bye" },
  ]);
  assert.deepEqual(chatMessages(null), []);
});

test("file messages are shown by their MIME family", () => {
  assert.equal(fileKind({ mime_type: "image/png" }), "image");
  assert.equal(fileKind({ mime_type: "audio/wav" }), "audio");
  assert.equal(fileKind({ mime_type: "video/mp4" }), "video");
  assert.equal(fileKind({ mime_type: "application/pdf" }), "link");
  assert.equal(fileKind({}), "link");
});
