import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AtlasClient, type AtlasClientOptions } from "./client.js";
import { isClientError, type AbortedError, type AtlasApiError, type NetworkError, type TimeoutError } from "./errors.js";
import type { RequestEvent, ResponseEvent, RetryEvent } from "./executor.js";
import { atlasError, hexId, routes, ScriptedServer, withServer, type Reply } from "./testing/scripted-server.js";

/**
 * Retries, timeouts and aborts of real calls against scripted servers. Waits between retries go
 * through an injected sleep that records the delay and returns at once.
 */

const GROUP = hexId(0x77);
const SERVICE_ID = hexId(0x5e);
const REGIONAL = `/api/atlas/v2/groups/${GROUP}/privateEndpoint/regionalMode`;
const GROUPS = "/api/atlas/v2/groups";
const SERVICE = `/api/atlas/v2/groups/${GROUP}/privateEndpoint/AWS/endpointService/${SERVICE_ID}`;
const OK: Reply = { status: 200, json: { enabled: true } };
const GROUP_BODY = { clusterCount: 0, created: "2026-08-10T03:03:01Z", id: GROUP, links: [], name: "p", orgId: hexId(1) };

function recordingClient(url: string, extra: Partial<AtlasClientOptions> = {}): { atlas: AtlasClient; delays: number[] } {
  const delays: number[] = [];
  const atlas = new AtlasClient({
    baseUrl: url,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0,
    ...extra,
  });
  return { atlas, delays };
}

describe("429", () => {
  it("honours Retry-After in seconds, even for a POST", async () => {
    const handler = routes({ [`POST ${GROUPS}`]: [atlasError(429, "RATE_LIMITED", "slow down", [], { "Retry-After": "7" }), { status: 201, json: GROUP_BODY }] });
    await withServer(handler, async (server) => {
      const { atlas, delays } = recordingClient(server.url);
      assert.equal((await atlas.createProject({ name: "p", orgId: hexId(1) })).id, GROUP);
      assert.deepEqual(delays, [7_000]);
      assert.equal(server.requests.length, 2);
    });
  });

  it("honours Retry-After as an HTTP date, against the injected clock", async () => {
    const now = Date.parse("2026-08-10T03:03:04Z");
    const handler = routes({
      [`GET ${REGIONAL}`]: [atlasError(429, "RATE_LIMITED_TOKEN_BUCKET", "Rate limit exceeded", [], { "Retry-After": "Mon, 10 Aug 2026 03:03:16 GMT" }), OK],
    });
    await withServer(handler, async (server) => {
      const { atlas, delays } = recordingClient(server.url, { clock: { now: () => now } });
      await atlas.getRegionalMode(GROUP);
      assert.deepEqual(delays, [12_000]);
    });
  });

  it("without Retry-After, backs off exponentially with jitter", async () => {
    const limited = atlasError(429, "RATE_LIMITED", "slow down");
    await withServer(routes({ [`GET ${REGIONAL}`]: [limited, limited, limited, OK] }), async (server) => {
      const { atlas, delays } = recordingClient(server.url, { random: () => 0.5 });
      await atlas.getRegionalMode(GROUP);
      assert.deepEqual(delays, [750, 1_500, 3_000]);
    });
  });

  it("a Retry-After beyond the cap is returned to the caller at once", async () => {
    await withServer(() => atlasError(429, "RATE_LIMITED", "slow down", [], { "Retry-After": "3600" }), async (server) => {
      const { atlas, delays } = recordingClient(server.url);
      await assert.rejects(atlas.getRegionalMode(GROUP), (e: AtlasApiError) => e.status === 429 && e.retryAfterMs === 3_600_000);
      assert.deepEqual(delays, []);
    });
  });
});

describe("5xx", () => {
  it("GET is retried until it succeeds", async () => {
    const handler = routes({ [`GET ${REGIONAL}`]: [atlasError(503, "SERVICE_UNAVAILABLE", "x"), atlasError(500, "UNEXPECTED_ERROR", "x"), OK] });
    await withServer(handler, async (server) => {
      const { atlas, delays } = recordingClient(server.url);
      assert.deepEqual(await atlas.getRegionalMode(GROUP), { enabled: true });
      assert.deepEqual(delays, [500, 1_000]);
      assert.equal(server.requests.length, 3);
    });
  });

  it("GET gives up after maxAttempts with the last Atlas error", async () => {
    await withServer(() => atlasError(502, "BAD_GATEWAY", "upstream"), async (server) => {
      const { atlas, delays } = recordingClient(server.url, { retry: { maxAttempts: 3 } });
      await assert.rejects(atlas.getRegionalMode(GROUP), (e: AtlasApiError) => {
        assert.equal(e.status, 502);
        assert.equal(e.outcomeUnknown, false, "a GET has no outcome to doubt");
        return true;
      });
      assert.equal(server.requests.length, 3);
      assert.equal(delays.length, 2);
    });
  });

  it("PATCH (idempotent: the full new state) and DELETE are retried", async () => {
    const updated = { cloudProvider: "AWS", endpointServiceName: null, errorMessage: null, id: SERVICE_ID, interfaceEndpoints: [], regionName: "US_EAST_1", status: "INITIATING", supportedRemoteRegions: [] };
    const handler = routes({
      [`PATCH /api/atlas/v2/groups/${GROUP}/privateEndpoint/endpointService/${SERVICE_ID}`]: [atlasError(500, "UNEXPECTED_ERROR", "x"), { status: 200, json: updated }],
      [`DELETE ${SERVICE}`]: [atlasError(504, "GATEWAY_TIMEOUT", "x"), { status: 202, json: {} }],
    });
    await withServer(handler, async (server) => {
      const { atlas } = recordingClient(server.url);
      await atlas.updateEndpointService(GROUP, SERVICE_ID, { cloudProvider: "AWS", supportedRemoteRegions: [] });
      await atlas.deleteEndpointService(GROUP, "AWS", SERVICE_ID);
      assert.equal(server.requests.length, 4);
    });
  });

  it("POST is not retried, and its error says the outcome is unknown", async () => {
    await withServer(() => atlasError(500, "UNEXPECTED_ERROR", "Unexpected error."), async (server) => {
      const { atlas, delays } = recordingClient(server.url);
      await assert.rejects(atlas.createProject({ name: "p" }), (e: AtlasApiError) => {
        assert.equal(e.status, 500);
        assert.equal(e.errorCode, "UNEXPECTED_ERROR");
        assert.equal(e.outcomeUnknown, true);
        return true;
      });
      assert.equal(server.requests.length, 1);
      assert.deepEqual(delays, []);
    });
  });

  it("4xx is never retried", async () => {
    await withServer(() => atlasError(400, "INVALID_ATTRIBUTE", "Invalid attribute region specified."), async (server) => {
      const { atlas } = recordingClient(server.url);
      await assert.rejects(atlas.getRegionalMode(GROUP), (e: AtlasApiError) => e.errorCode === "INVALID_ATTRIBUTE" && !e.outcomeUnknown);
      assert.equal(server.requests.length, 1);
    });
  });
});

describe("network errors", () => {
  it("a reset before the response is retried for GET", async () => {
    await withServer(routes({ [`GET ${REGIONAL}`]: [{ destroy: "before-response" }, OK] }), async (server) => {
      const { atlas, delays } = recordingClient(server.url);
      assert.deepEqual(await atlas.getRegionalMode(GROUP), { enabled: true });
      assert.equal(server.requests.length, 2);
      assert.deepEqual(delays, [500]);
    });
  });

  it("a connection cut mid-body is retried for GET", async () => {
    await withServer(routes({ [`GET ${REGIONAL}`]: [{ destroy: "mid-body", status: 200, json: { enabled: false, padding: "x".repeat(200) } }, OK] }), async (server) => {
      const { atlas } = recordingClient(server.url);
      assert.deepEqual(await atlas.getRegionalMode(GROUP), { enabled: true });
      assert.equal(server.requests.length, 2);
    });
  });

  it("a reset is NETWORK_ERROR after the last attempt", async () => {
    await withServer(() => ({ destroy: "before-response" }), async (server) => {
      const { atlas } = recordingClient(server.url, { retry: { maxAttempts: 2 } });
      await assert.rejects(atlas.getRegionalMode(GROUP), (e: NetworkError) => {
        assert.ok(isClientError(e, "NETWORK_ERROR"));
        assert.equal(e.requestMayHaveBeenSent, true);
        assert.equal(e.syscallCode, "UND_ERR_SOCKET");
        assert.equal(e.path, REGIONAL);
        return true;
      });
      assert.equal(server.requests.length, 2);
    });
  });

  it("a reset on a POST is not retried: the request may have been carried out", async () => {
    await withServer(() => ({ destroy: "before-response" }), async (server) => {
      const { atlas } = recordingClient(server.url);
      await assert.rejects(atlas.createProject({ name: "p" }), (e: NetworkError) => e.code === "NETWORK_ERROR" && e.outcomeUnknown);
      assert.equal(server.requests.length, 1);
    });
  });

  it("connection refused is retried even for a POST (nothing was sent)", async () => {
    const closed = await ScriptedServer.start(() => OK);
    const url = closed.url;
    await closed.close();
    const { atlas, delays } = recordingClient(url, { retry: { maxAttempts: 3 } });
    await assert.rejects(atlas.createProject({ name: "p" }), (e: NetworkError) => {
      assert.equal(e.code, "NETWORK_ERROR");
      assert.equal(e.syscallCode, "ECONNREFUSED");
      assert.equal(e.requestMayHaveBeenSent, false);
      assert.equal(e.outcomeUnknown, false);
      return true;
    });
    assert.equal(delays.length, 2);
    assert.equal(atlas.requestCount, 3);
  });

  it("a DELETE whose first response was lost and whose retry gets 404 succeeded", async () => {
    await withServer(routes({ [`DELETE ${SERVICE}`]: [{ destroy: "before-response" }, atlasError(404, "PRIVATELINK_NOT_FOUND", "gone")] }), async (server) => {
      const { atlas } = recordingClient(server.url);
      await atlas.deleteEndpointService(GROUP, "AWS", SERVICE_ID);
      assert.equal(server.requests.length, 2);
    });
  });
});

describe("timeouts and aborts", () => {
  const hang: Reply = { hang: true };

  it("an attempt timeout is TIMEOUT (scope attempt), retried for GET", async () => {
    await withServer(() => hang, async (server) => {
      const { atlas, delays } = recordingClient(server.url, { attemptTimeoutMs: 40, retry: { maxAttempts: 2 } });
      await assert.rejects(atlas.getRegionalMode(GROUP), (e: TimeoutError) => {
        assert.equal(e.code, "TIMEOUT");
        assert.equal(e.scope, "attempt");
        assert.equal(e.timeoutMs, 40);
        return true;
      });
      assert.equal(server.requests.length, 2);
      assert.equal(delays.length, 1);
    });
  });

  it("the call deadline is TIMEOUT (scope call), per call or by default", async () => {
    await withServer(() => hang, async (server) => {
      const { atlas } = recordingClient(server.url);
      await assert.rejects(atlas.getRegionalMode(GROUP, { timeoutMs: 60 }), (e: TimeoutError) => e.code === "TIMEOUT" && e.scope === "call" && e.timeoutMs === 60);
      const { atlas: withDefault } = recordingClient(server.url, { timeoutMs: 60 });
      await assert.rejects(withDefault.getRegionalMode(GROUP), (e: TimeoutError) => e.code === "TIMEOUT" && e.scope === "call");
    });
  });

  it("the caller's signal is ABORTED, with the signal's reason as cause", async () => {
    await withServer(() => hang, async (server) => {
      const { atlas } = recordingClient(server.url);
      const controller = new AbortController();
      setTimeout(() => controller.abort("user pressed ^C"), 30);
      await assert.rejects(atlas.getRegionalMode(GROUP, { signal: controller.signal }), (e: AbortedError) => {
        assert.equal(e.code, "ABORTED");
        assert.equal(e.cause, "user pressed ^C");
        return true;
      });
      assert.equal(server.requests.length, 1);
    });
  });

  it("an already-aborted signal sends nothing", async () => {
    await withServer(() => OK, async (server) => {
      const { atlas } = recordingClient(server.url);
      await assert.rejects(atlas.getRegionalMode(GROUP, { signal: AbortSignal.abort() }), (e) => isClientError(e, "ABORTED"));
      assert.equal(server.requests.length, 0);
      assert.equal(atlas.requestCount, 0);
    });
  });

  it("a non-positive per-call timeout is a configuration error, before anything is sent", async () => {
    await withServer(() => OK, async (server) => {
      const { atlas } = recordingClient(server.url);
      await assert.rejects(atlas.getRegionalMode(GROUP, { timeoutMs: 0 }), (e) => isClientError(e, "INVALID_CONFIGURATION"));
      assert.equal(server.requests.length, 0);
    });
  });

  it("aborting during a retry wait ends the wait (real sleep)", async () => {
    await withServer(() => atlasError(429, "RATE_LIMITED", "x", [], { "Retry-After": "30" }), async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url });
      const controller = new AbortController();
      const started = performance.now();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(atlas.getRegionalMode(GROUP, { signal: controller.signal }), (e) => isClientError(e, "ABORTED"));
      assert.ok(performance.now() - started < 5_000);
      assert.equal(server.requests.length, 1);
    });
  });

  it("the call deadline also ends a retry wait, even an injected sleep that ignores the signal", async () => {
    await withServer(() => atlasError(503, "SERVICE_UNAVAILABLE", "x"), async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url, retry: { baseDelayMs: 10 }, sleep: () => new Promise<void>(() => {}) });
      await assert.rejects(atlas.getRegionalMode(GROUP, { timeoutMs: 100 }), (e: TimeoutError) => e.code === "TIMEOUT" && e.scope === "call");
      assert.equal(server.requests.length, 1);
    });
  });

  it("no retry is started that would end past the deadline: the real error comes back", async () => {
    await withServer(() => atlasError(429, "RATE_LIMITED", "x", [], { "Retry-After": "20" }), async (server) => {
      const { atlas, delays } = recordingClient(server.url);
      await assert.rejects(atlas.getRegionalMode(GROUP, { timeoutMs: 5_000 }), (e: AtlasApiError) => e.status === 429);
      assert.deepEqual(delays, []);
    });
  });

  it("a POST cut off by the deadline has an unknown outcome", async () => {
    await withServer(() => hang, async (server) => {
      const { atlas } = recordingClient(server.url);
      await assert.rejects(atlas.createProject({ name: "p" }, { timeoutMs: 50 }), (e: TimeoutError) => e.code === "TIMEOUT" && e.outcomeUnknown);
    });
  });
});

describe("hooks", () => {
  it("report every exchange and retry, and cannot break a call", async () => {
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const retries: RetryEvent[] = [];
    await withServer(routes({ [`GET ${REGIONAL}`]: [{ destroy: "before-response" }, atlasError(500, "UNEXPECTED_ERROR", "x"), OK] }), async (server) => {
      const { atlas } = recordingClient(server.url, {
        onRequest: (e) => {
          requests.push(e);
          throw new Error("a hook that throws");
        },
        onResponse: (e) => void responses.push(e),
        onRetry: (e) => void retries.push(e),
      });
      await atlas.getRegionalMode(GROUP);
    });
    assert.deepEqual(
      requests.map((e) => [e.method, e.path, e.attempt, e.authRound, e.purpose, e.sequence]),
      [
        ["GET", REGIONAL, 1, 0, "api", 1],
        ["GET", REGIONAL, 2, 0, "api", 2],
        ["GET", REGIONAL, 3, 0, "api", 3],
      ],
    );
    assert.deepEqual(responses.map((e) => [e.attempt, e.status, e.errorCode]), [[1, undefined, "NETWORK_ERROR"], [2, 500, undefined], [3, 200, undefined]]);
    assert.ok(responses.every((e) => e.durationMs >= 0));
    assert.deepEqual(retries.map((e) => [e.attempt, e.reason, e.status, e.delayMs]), [[1, "network-error", undefined, 500], [2, "server-error", 500, 1_000]]);
  });
});
