import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CLIENT_ERROR_CODES } from "./errors.js";

// DESIGN.md habit 6: every error code is listed in docs/errors.md, and a test keeps it so.
// This file runs from packages/client/dist/, three levels below the repository root.
const DOC = new URL("../../../docs/errors.md", import.meta.url);

function clientSection(markdown: string): string {
  const start = markdown.search(/^## Client\s*$/m);
  assert.ok(start >= 0, "docs/errors.md has no '## Client' section");
  const rest = markdown.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe("docs/errors.md ## Client", () => {
  it("lists exactly the client's error codes, one table row each", () => {
    const section = clientSection(readFileSync(DOC, "utf8"));
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual([...documented].sort(), Object.keys(CLIENT_ERROR_CODES).sort());
    assert.equal(new Set(documented).size, documented.length, "a code is listed twice");
  });
});
