import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AtlasClient } from "./client.js";
import { computeDigestResponse, parseAuthChallenges, selectDigestChallenge } from "./digest-auth.js";
import { isAtlasApiError, isClientError, type AuthenticationError } from "./errors.js";
import { DigestGuard, type GuardAlgorithm } from "./testing/digest-guard.js";
import { atlasError, hexId, routes, withServer, type Handler } from "./testing/scripted-server.js";

const GROUP = hexId(0xabc);
const REGIONAL = `/api/atlas/v2/groups/${GROUP}/privateEndpoint/regionalMode`;
const KEY = { publicKey: "pubkey01", privateKey: "0b7e6a7c-5f4e-4c2a-9d2e-secret" };

const regionalOk: Handler = routes({ [`GET ${REGIONAL}`]: { status: 200, json: { enabled: false } } });

function client(url: string): AtlasClient {
  return new AtlasClient({ baseUrl: url, credentials: KEY, sleep: async () => {}, random: () => 0 });
}

describe("computeDigestResponse (RFC vectors)", () => {
  it("RFC 2617 §3.5 MD5", () => {
    const response = computeDigestResponse({
      algorithm: "MD5",
      username: "Mufasa",
      password: "Circle Of Life",
      realm: "testrealm@host.com",
      nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
      method: "GET",
      uri: "/dir/index.html",
      qop: "auth",
      nc: "00000001",
      cnonce: "0a4f113b",
    });
    assert.equal(response, "6629fae49393a05397450978507c4ef1");
  });
  const rfc7616 = {
    username: "Mufasa",
    password: "Circle of Life",
    realm: "http-auth@example.org",
    nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
    method: "GET",
    uri: "/dir/index.html",
    qop: "auth" as const,
    nc: "00000001",
    cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
  };
  it("RFC 7616 §3.9.1 MD5", () => {
    assert.equal(computeDigestResponse({ ...rfc7616, algorithm: "MD5" }), "8ca523f5e9506fed4657c9700eebdbec");
  });
  it("RFC 7616 §3.9.1 SHA-256", () => {
    assert.equal(
      computeDigestResponse({ ...rfc7616, algorithm: "SHA-256" }),
      "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
    );
  });
});

describe("challenge parsing", () => {
  it("reads the challenge Atlas documents", () => {
    const c = selectDigestChallenge('Digest realm="MMS Public API", domain="", nonce="abc+/=", algorithm=MD5, qop="auth", stale=false');
    assert.deepEqual(c, {
      realm: "MMS Public API",
      nonce: "abc+/=",
      opaque: undefined,
      algorithm: "MD5",
      qop: "auth",
      stale: false,
      userhash: false,
    });
  });
  it("splits folded challenges and keeps quoted commas and escapes", () => {
    const parsed = parseAuthChallenges('Bearer realm="a, b", Digest realm="r\\"q", nonce="n", qop="auth,auth-int", Basic realm="x"');
    assert.deepEqual(
      parsed.map((c) => [c.scheme, c.params]),
      [
        ["Bearer", { realm: "a, b" }],
        ["Digest", { realm: 'r"q', nonce: "n", qop: "auth,auth-int" }],
        ["Basic", { realm: "x" }],
      ],
    );
  });
  it("prefers SHA-256 over MD5 and skips what it cannot answer", () => {
    const header =
      'Digest realm="r", nonce="1", algorithm=MD5, qop="auth", Digest realm="r", nonce="2", algorithm=SHA-256, qop="auth", ' +
      'Digest realm="r", nonce="3", algorithm=SHA-256, qop="auth-int", Digest realm="r", nonce="4", algorithm=UNKNOWN';
    assert.equal(selectDigestChallenge(header)?.nonce, "2");
    assert.equal(selectDigestChallenge('Digest realm="r", nonce="n", stale=TRUE')?.stale, true);
    assert.equal(selectDigestChallenge('Digest realm="r", nonce="n"')?.algorithm, "MD5");
    assert.equal(selectDigestChallenge('Digest realm="r", nonce="n"')?.qop, undefined);
    assert.equal(selectDigestChallenge('Bearer realm="x"'), undefined);
    assert.equal(selectDigestChallenge(null), undefined);
  });
});

describe("digest handshake against a verifying server", () => {
  for (const algorithm of ["MD5", "SHA-256", "MD5-sess", "SHA-256-sess"] as GuardAlgorithm[]) {
    it(`${algorithm}: challenge, then one request per call with the same nonce and nc 1, 2, 3`, async () => {
      const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey, algorithm, opaque: "op4que" });
      await withServer(guard.wrap(regionalOk), async (server) => {
        const atlas = client(server.url);
        assert.deepEqual(await atlas.getRegionalMode(GROUP), { enabled: false });
        assert.equal(server.requests.length, 2, "first call: challenge + authenticated request");
        assert.equal(server.requests[0]?.headers.authorization, undefined);
        await atlas.getRegionalMode(GROUP);
        await atlas.getRegionalMode(GROUP);
        assert.equal(server.requests.length, 4, "later calls: one round trip each");
        assert.equal(guard.challenges, 1);
        assert.deepEqual(guard.accepted.get(guard.currentNonce), [1, 2, 3]);
        assert.equal(atlas.requestCount, 4);
        const header = server.requests[3]?.headers.authorization ?? "";
        assert.match(header, /^Digest username="pubkey01", realm="MMS Public API", nonce="[^"]+", uri="\/api\/atlas\/v2\/groups\/[0-9a-f]+\/privateEndpoint\/regionalMode", algorithm=/);
        assert.match(header, /qop=auth, nc=00000003, cnonce="[0-9a-f]{32}", response="[0-9a-f]+", opaque="op4que"/);
      });
    });
  }

  it("signs the exact request target, query and %2F-escaped segments included", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey });
    const clusters = `/api/atlas/v2/groups/${GROUP}/clusters`;
    const azureId = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe1";
    const endpointPath = `/api/atlas/v2/groups/${GROUP}/privateEndpoint/AZURE/endpointService/${hexId(1)}/endpoint/${encodeURIComponent(azureId)}`;
    const handler = routes({
      [`GET ${clusters}`]: { status: 200, json: { links: [], results: [], totalCount: 0 } },
      [`DELETE ${endpointPath}`]: { status: 202, json: {} },
    });
    await withServer(guard.wrap(handler), async (server) => {
      const atlas = client(server.url);
      await atlas.listClusters(GROUP);
      await atlas.deletePrivateEndpoint(GROUP, "AZURE", hexId(1), azureId);
      assert.deepEqual(guard.refusals, ["no Authorization header"]);
      assert.equal(server.requests.length, 3);
    });
  });

  it("POST bodies survive the handshake", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey, algorithm: "SHA-256" });
    const handler = routes({ [`PATCH ${REGIONAL}`]: (r) => ({ status: 202, json: JSON.parse(r.body) as unknown }) });
    await withServer(guard.wrap(handler), async (server) => {
      const atlas = client(server.url);
      assert.deepEqual(await atlas.setRegionalMode(GROUP, true), { enabled: true });
      assert.equal(server.requests[1]?.body, '{"enabled":true}');
    });
  });

  it("a stale nonce costs one extra round trip, then the new nonce is reused", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey });
    await withServer(guard.wrap(regionalOk), async (server) => {
      const atlas = client(server.url);
      await atlas.getRegionalMode(GROUP);
      const first = guard.currentNonce;
      guard.expireNonce();
      await atlas.getRegionalMode(GROUP);
      assert.equal(server.requests.length, 4, "stale 401 + retry with the fresh nonce");
      assert.deepEqual(guard.refusals, ["no Authorization header", "stale nonce"]);
      await atlas.getRegionalMode(GROUP);
      assert.equal(server.requests.length, 5);
      assert.notEqual(guard.currentNonce, first);
      assert.deepEqual(guard.accepted.get(guard.currentNonce), [1, 2]);
    });
  });

  it("concurrent calls: one challenge, then every nc used once per nonce", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey });
    await withServer(guard.wrap(regionalOk), async (server) => {
      const atlas = client(server.url);
      await Promise.all(Array.from({ length: 20 }, () => atlas.getRegionalMode(GROUP)));
      assert.equal(guard.challenges, 1, "concurrent first calls share the challenge");
      assert.equal(server.requests.length, 21);
      await Promise.all(Array.from({ length: 20 }, () => atlas.getRegionalMode(GROUP)));
      assert.equal(server.requests.length, 41);
      const counts = [...(guard.accepted.get(guard.currentNonce) ?? [])].sort((a, b) => a - b);
      assert.deepEqual(counts, Array.from({ length: 40 }, (_, i) => i + 1));
    });
  });

  it("concurrent calls across a nonce expiry all succeed without reusing a count", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey });
    await withServer(guard.wrap(regionalOk), async (server) => {
      const atlas = client(server.url);
      await atlas.getRegionalMode(GROUP);
      guard.expireNonce();
      await Promise.all(Array.from({ length: 10 }, () => atlas.getRegionalMode(GROUP)));
      const counts = [...(guard.accepted.get(guard.currentNonce) ?? [])].sort((a, b) => a - b);
      assert.equal(new Set(counts).size, counts.length);
      assert.equal(counts.length, 10);
      assert.ok(server.requests.length <= 2 + 10 * 2);
    });
  });

  it("a wrong private key fails with AUTHENTICATION_FAILED after the handshake, without retrying", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: "the-real-secret" });
    await withServer(guard.wrap(regionalOk), async (server) => {
      const atlas = client(server.url);
      await assert.rejects(atlas.getRegionalMode(GROUP), (error: AuthenticationError) => {
        assert.ok(isClientError(error, "AUTHENTICATION_FAILED"));
        assert.equal(error.scheme, "digest");
        assert.equal(error.status, 401);
        assert.equal(error.errorCode, "UNAUTHORIZED");
        assert.match(error.message, /rejected the API key/);
        return true;
      });
      assert.equal(server.requests.length, 2);
    });
  });

  it("a 401 without a challenge after authenticating is an Atlas error (authorization, not authentication)", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey });
    const handler = routes({
      [`GET ${REGIONAL}`]: atlasError(401, "NOT_IN_GROUP", "The current user is not in the group, or the group does not exist."),
    });
    await withServer(guard.wrap(handler), async (server) => {
      const atlas = client(server.url);
      await assert.rejects(atlas.getRegionalMode(GROUP), (error) => isAtlasApiError(error, "NOT_IN_GROUP"));
      assert.equal(server.requests.length, 2);
    });
  });

  it("finds the Digest challenge among other schemes", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey, extraChallenges: 'Bearer realm="atlas"' });
    await withServer(guard.wrap(regionalOk), async (server) => {
      await client(server.url).getRegionalMode(GROUP);
      assert.equal(server.requests.length, 2);
    });
  });

  it("follows Authentication-Info nextnonce", async () => {
    const guard = new DigestGuard({ username: KEY.publicKey, password: KEY.privateKey });
    let handedOut = false;
    const inner: Handler = () => {
      if (handedOut) return { status: 200, json: { enabled: true } };
      handedOut = true;
      guard.expireNonce(); // the old nonce would now be stale…
      return { status: 200, json: { enabled: false }, headers: { "Authentication-Info": `nextnonce="${guard.currentNonce}", qop=auth` } };
    };
    await withServer(guard.wrap(inner), async (server) => {
      const atlas = client(server.url);
      await atlas.getRegionalMode(GROUP);
      await atlas.getRegionalMode(GROUP); // …but the client already moved to the next one
      assert.equal(server.requests.length, 3);
      assert.deepEqual(guard.accepted.get(guard.currentNonce), [1]);
    });
  });
});
