import assert from "node:assert/strict";
import { test } from "node:test";

import { dedent } from "../dedent.mjs";

test("the indentation shared by non-blank lines is removed, nested blocks keep theirs", () => {
  const html = "\n    import pyinterface as gr\n\n    def f(x):\n        return x\n  ";
  assert.equal(dedent(html), "import pyinterface as gr\n\ndef f(x):\n    return x\n");
});

test("whitespace-only lines do not count as indentation and CRLF becomes LF", () => {
  assert.equal(dedent("\r\n\t\tx = 1\r\n \r\n\t\ty = 2\r\n"), "x = 1\n\ny = 2\n");
});

test("text without lines stays empty", () => {
  assert.equal(dedent("  \n \n"), "");
});
