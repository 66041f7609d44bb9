import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FastifyRequest } from "fastify";
import { hostName, isLoopbackHost } from "../control/access.js";
import { csrfMatches, readCookie, sameOrigin } from "./http.js";

const req = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;

describe("console HTTP guards", () => {
  it("host names: only names that can only mean this machine", () => {
    const cases: [string | undefined, string, boolean][] = [
      ["127.0.0.1:8080", "127.0.0.1", true],
      ["localhost", "localhost", true],
      ["LOCALHOST:1", "localhost", true],
      ["[::1]:8080", "::1", true],
      ["app.localhost:3000", "app.localhost", true],
      ["127.9.8.7", "127.9.8.7", true],
      ["evil.example:8080", "evil.example", false],
      ["localhost.evil.example", "localhost.evil.example", false],
      ["10.0.0.1:8080", "10.0.0.1", false],
      [undefined, "", false],
    ];
    for (const [host, name, loopback] of cases) {
      assert.equal(hostName(host), name, String(host));
      assert.equal(isLoopbackHost(hostName(host)), loopback, String(host));
    }
  });

  it("same origin: Origin must be this host, Sec-Fetch-Site same-origin (or none); tools send neither", () => {
    const host = "127.0.0.1:8080";
    const cases: [Record<string, string>, boolean][] = [
      [{ host }, true],
      [{ host, origin: "http://127.0.0.1:8080", "sec-fetch-site": "same-origin" }, true],
      [{ host, "sec-fetch-site": "none" }, true],
      [{ host, origin: "http://127.0.0.1:9090" }, false],
      [{ host, origin: "null" }, false],
      [{ host, "sec-fetch-site": "same-site" }, false],
      [{ host, "sec-fetch-site": "cross-site" }, false],
    ];
    for (const [headers, ok] of cases) assert.equal(sameOrigin(req(headers)), ok, JSON.stringify(headers));
  });

  it("cookies and CSRF tokens", () => {
    assert.equal(readCookie(req({ cookie: "a=1; atlas_console_80=abc; b=2" }), "atlas_console_80"), "abc");
    assert.equal(readCookie(req({ cookie: "xatlas_console_80=abc" }), "atlas_console_80"), undefined);
    assert.equal(readCookie(req({}), "atlas_console_80"), undefined);
    assert.equal(csrfMatches("token", "token"), true);
    assert.equal(csrfMatches("token", "tokeN"), false);
    assert.equal(csrfMatches("token", ["token"]), false);
    assert.equal(csrfMatches("token", undefined), false);
  });
});
