import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AtlasClient } from "./client.js";
import { isClientError, type AuthenticationError } from "./errors.js";
import { atlasError, hexId, routes, withServer, type Handler, type RecordedRequest, type Reply } from "./testing/scripted-server.js";

const GROUP = hexId(0x5a);
const REGIONAL = `/api/atlas/v2/groups/${GROUP}/privateEndpoint/regionalMode`;
const TOKEN = "/api/oauth/token";
const SA = { clientId: "mdb_sa_id_123", clientSecret: "mdb_sa_sk_secret" };

/** A fake clock the test moves by hand. */
function manualClock(start = Date.parse("2026-08-10T00:00:00Z")): { now(): number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** Issues tok-1, tok-2, … and accepts only the tokens in `valid` on the API. */
function oauthServer(options: { expiresIn?: number; tokenReplies?: Reply[] } = {}): {
  handler: Handler;
  issued: string[];
  valid: Set<string>;
  /** When false, the API refuses every token, even freshly issued ones. */
  state: { acceptTokens: boolean };
} {
  const issued: string[] = [];
  const valid = new Set<string>();
  const state = { acceptTokens: true };
  const scripted = [...(options.tokenReplies ?? [])];
  const handler: Handler = (request: RecordedRequest) => {
    if (request.path === TOKEN) {
      const next = scripted.shift();
      if (next !== undefined) return next;
      const token = `tok-${issued.length + 1}`;
      issued.push(token);
      valid.add(token);
      return { status: 200, headers: { "Content-Type": "application/json" }, json: { access_token: token, expires_in: options.expiresIn ?? 3600, token_type: "Bearer" } };
    }
    const auth = request.headers.authorization ?? "";
    if (!state.acceptTokens || !auth.startsWith("Bearer ") || !valid.has(auth.slice(7))) return atlasError(401, "UNAUTHORIZED", "You are not authorized for this resource.");
    return routes({ [`GET ${REGIONAL}`]: { status: 200, json: { enabled: true } } })(request);
  };
  return { handler, issued, valid, state };
}

const isToken = (r: RecordedRequest): boolean => r.path === TOKEN;

describe("service accounts", () => {
  it("fetches a token exactly as Atlas documents and sends it as a bearer", async () => {
    const oauth = oauthServer();
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA });
      assert.deepEqual(await atlas.getRegionalMode(GROUP), { enabled: true });
      const [token, api] = server.requests;
      assert.equal(token?.method, "POST");
      assert.equal(token?.path, TOKEN);
      assert.equal(token?.headers.authorization, `Basic ${Buffer.from(`${SA.clientId}:${SA.clientSecret}`).toString("base64")}`);
      assert.equal(token?.headers["content-type"], "application/x-www-form-urlencoded");
      assert.equal(token?.headers.accept, "application/json");
      assert.equal(token?.body, "grant_type=client_credentials");
      assert.equal(api?.headers.authorization, "Bearer tok-1");
    });
  });

  it("caches the token; concurrent calls share one fetch", async () => {
    const oauth = oauthServer();
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA });
      await Promise.all(Array.from({ length: 10 }, () => atlas.getRegionalMode(GROUP)));
      await atlas.getRegionalMode(GROUP);
      assert.equal(server.count(isToken), 1);
      assert.equal(server.count((r) => !isToken(r)), 11);
    });
  });

  it("refreshes 60 s before expiry, judged by the injected clock", async () => {
    const oauth = oauthServer({ expiresIn: 3600 });
    const clock = manualClock();
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA, clock });
      await atlas.getRegionalMode(GROUP);
      clock.advance(3_539_000); // 59 min 59 s: still more than 60 s left
      await atlas.getRegionalMode(GROUP);
      assert.equal(server.count(isToken), 1);
      clock.advance(1_000); // exactly 60 s left: refresh now
      await atlas.getRegionalMode(GROUP);
      assert.equal(server.count(isToken), 2);
      assert.equal(server.requests.at(-1)?.headers.authorization, "Bearer tok-2");
    });
  });

  it("a short-lived token is refreshed at half its lifetime at the latest", async () => {
    const oauth = oauthServer({ expiresIn: 60 });
    const clock = manualClock();
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA, clock });
      await atlas.getRegionalMode(GROUP);
      clock.advance(29_000);
      await atlas.getRegionalMode(GROUP);
      assert.equal(server.count(isToken), 1);
      clock.advance(1_000);
      await atlas.getRegionalMode(GROUP);
      assert.equal(server.count(isToken), 2);
    });
  });

  it("a 401 with a cached token refreshes once and succeeds", async () => {
    const oauth = oauthServer();
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA });
      await atlas.getRegionalMode(GROUP);
      oauth.valid.clear(); // Atlas revoked tok-1
      assert.deepEqual(await atlas.getRegionalMode(GROUP), { enabled: true });
      assert.deepEqual(
        server.requests.map((r) => `${r.method} ${r.path === TOKEN ? "token" : "api"} ${r.headers.authorization?.startsWith("Bearer") ? r.headers.authorization : ""}`.trim()),
        ["POST token", "GET api Bearer tok-1", "GET api Bearer tok-1", "POST token", "GET api Bearer tok-2"],
      );
    });
  });

  it("a 401 after the refresh fails with AUTHENTICATION_FAILED", async () => {
    const oauth = oauthServer();
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA });
      await atlas.getRegionalMode(GROUP);
      oauth.state.acceptTokens = false; // nothing is valid any more, not even new tokens
      await assert.rejects(atlas.getRegionalMode(GROUP), (error: AuthenticationError) => {
        assert.ok(isClientError(error, "AUTHENTICATION_FAILED"));
        assert.equal(error.scheme, "service-account");
        assert.equal(error.errorCode, "UNAUTHORIZED");
        return true;
      });
      assert.equal(server.count(isToken), 2);
    });
  });

  it("token endpoint errors carry the OAuth error and description", async () => {
    const oauth = oauthServer({
      tokenReplies: [{ status: 401, headers: { "Content-Type": "application/json" }, json: { error_description: "Invalid credentials provided.", error: "invalid_client" } }],
    });
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA });
      await assert.rejects(atlas.getRegionalMode(GROUP), (error: AuthenticationError) => {
        assert.equal(error.code, "AUTHENTICATION_FAILED");
        assert.equal(error.status, 401);
        assert.equal(error.oauthError, "invalid_client");
        assert.equal(error.oauthErrorDescription, "Invalid credentials provided.");
        assert.equal(error.path, TOKEN);
        assert.match(error.message, /invalid_client: Invalid credentials provided\./);
        return true;
      });
      assert.equal(server.requests.length, 1, "a refused token is not retried and the API is not called");
    });
  });

  it("a failed token fetch is not cached: the next call fetches again", async () => {
    const oauth = oauthServer({ tokenReplies: [{ status: 400, json: { error: "invalid_request" } }] });
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA });
      await assert.rejects(atlas.getRegionalMode(GROUP), (e) => isClientError(e, "AUTHENTICATION_FAILED"));
      assert.deepEqual(await atlas.getRegionalMode(GROUP), { enabled: true });
    });
  });

  it("token endpoint 5xx is retried (asking twice only mints two tokens)", async () => {
    const oauth = oauthServer({ tokenReplies: [{ status: 500, json: { error: "server_error", error_description: "Unexpected error." } }] });
    const delays: number[] = [];
    await withServer(oauth.handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA, sleep: async (ms) => void delays.push(ms), random: () => 0 });
      assert.deepEqual(await atlas.getRegionalMode(GROUP), { enabled: true });
      assert.equal(server.count(isToken), 2);
      assert.deepEqual(delays, [500]);
    });
  });

  it("a caller aborting does not fail the shared token fetch for the others", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const oauth = oauthServer();
    const handler: Handler = async (request) => {
      if (request.path === TOKEN) await gate;
      return oauth.handler(request);
    };
    await withServer(handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: SA });
      const controller = new AbortController();
      const first = atlas.getRegionalMode(GROUP, { signal: controller.signal });
      const second = atlas.getRegionalMode(GROUP);
      await new Promise((r) => setTimeout(r, 20));
      controller.abort();
      await assert.rejects(first, (e) => isClientError(e, "ABORTED"));
      release();
      assert.deepEqual(await second, { enabled: true });
      assert.equal(server.count(isToken), 1);
    });
  });

  it("a fixed access token is sent as is; its 401 is final", async () => {
    const handler = routes({ [`GET ${REGIONAL}`]: [{ status: 200, json: { enabled: false } }, atlasError(401, "UNAUTHORIZED", "nope")] });
    await withServer(handler, async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, credentials: { accessToken: "eyJ.fixed" } });
      await atlas.getRegionalMode(GROUP);
      assert.equal(server.requests[0]?.headers.authorization, "Bearer eyJ.fixed");
      await assert.rejects(atlas.getRegionalMode(GROUP), (e: AuthenticationError) => e.code === "AUTHENTICATION_FAILED" && e.scheme === "access-token");
      assert.equal(server.requests.length, 2);
    });
  });
});
