import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { CLIENT_VERSION, defaultUserAgent } from "./version.js";

describe("version", () => {
  it("matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    assert.equal(CLIENT_VERSION, pkg.version);
  });
  it("the default User-Agent names the client, its version and the runtime", () => {
    assert.equal(defaultUserAgent(), `atlas-privatelink-client/${CLIENT_VERSION} (TypeScript; Node.js ${process.versions.node}; ${process.platform}/${process.arch})`);
  });
});
