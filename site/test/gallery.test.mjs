import assert from "node:assert/strict";
import { test } from "node:test";

import { galleryColumns, itemName } from "../components/gallery.mjs";

test("columns take the widest screen's count, as the page is laid out once", () => {
  assert.equal(galleryColumns(3), 3);
  assert.equal(galleryColumns([1, 2, 4]), 4);
  assert.equal(galleryColumns(null), 2);
  assert.equal(galleryColumns(0), 2);
});

test("each image is named by its position and caption", () => {
  assert.equal(itemName({ image: "x", caption: "a cat" }, 0), "Image 1: a cat");
  assert.equal(itemName({ image: "x", caption: null }, 2), "Image 3");
});
