/**
 * P6 — round trips per call with Digest auth. N calls of `@atlas-privatelink/client` (reads,
 * creates, deletes, lists, on all three clouds) against the emulator, counting the requests the
 * emulator received (its request log, Digest challenges included). Goal: 1.0 request per call
 * after the first (the first pays one challenge; the nonce is then reused with an increasing
 * nonce count). Also: what a nonce expiry costs (one re-challenge), sequential and concurrent
 * calls, a service account (one token request, then Bearer), and the mean time per call.
 */
import { AtlasClient } from "@atlas-privatelink/client";
import { startEmulator, type RequestLogEntry } from "@atlas-privatelink/emulator";
import { goal, round, type Benchmark, type BenchmarkResult } from "./stats.js";

const N = Number(process.env["BENCH_ROUND_TRIP_CALLS"] ?? 300);

const bench: Benchmark = {
  id: "P6",
  title: "round trips per client call with Digest auth (requests counted at the emulator)",
  async run() {
    const emu = await startEmulator({ profile: "instant", rateLimit: false, logger: false, requestLogSize: 100_000 });
    const requests = async (): Promise<RequestLogEntry[]> =>
      ((await (await fetch(`${emu.url}/_emulator/requests?limit=100000`)).json()) as { requests: RequestLogEntry[] }).requests;
    const clear = () => fetch(`${emu.url}/_emulator/requests`, { method: "DELETE" });
    const p = emu.bootstrap.projectId;
    const results: BenchmarkResult[] = [];
    try {
      // --- sequential mixed calls --------------------------------------------------------------
      const client = new AtlasClient({ baseUrl: emu.url, credentials: { publicKey: emu.bootstrap.publicKey, privateKey: emu.bootstrap.privateKey } });
      await clear();
      let calls = 0;
      const call = async <T>(fn: () => Promise<T>): Promise<T> => {
        calls++;
        return fn();
      };
      const firstCall = await call(() => client.createEndpointService(p, { providerName: "AWS", region: "us-east-1" }));
      const afterFirst = (await requests()).length;
      const aws = firstCall.service.id;
      const azure = (await call(() => client.createEndpointService(p, { providerName: "AZURE", region: "eastus2" }))).service.id;
      const gcp = (await call(() => client.createEndpointService(p, { providerName: "GCP", region: "us-central1" }))).service.id;
      const t0 = performance.now();
      for (let i = 0; calls < N; i++) {
        const vpce = `vpce-0d0d0d0d0d0${i.toString(16).padStart(6, "0")}`;
        await call(() => client.getEndpointService(p, "AWS", aws));
        await call(() => client.createPrivateEndpoint(p, "AWS", aws, { id: vpce }));
        await call(() => client.getPrivateEndpoint(p, "AWS", aws, vpce));
        await call(() => client.listEndpointServices(p, "AZURE"));
        await call(() => client.getEndpointService(p, "GCP", gcp));
        await call(() => client.getEndpointService(p, "AZURE", azure));
        await call(() => client.getRegionalMode(p));
        await call(() => client.deletePrivateEndpoint(p, "AWS", aws, vpce));
      }
      const perCallMs = (performance.now() - t0) / (calls - 3);
      const log = await requests();
      const challenges = log.filter((r) => r.status === 401).length;
      const after = (log.length - afterFirst) / (calls - 1);
      results.push(
        { name: "requests for the first call (challenge + request)", value: afterFirst },
        { name: `requests per call after the first (${calls - 1} sequential calls)`, value: round(after, 3), detail: `${log.length} requests for ${calls} calls, ${challenges} Digest challenge(s); the client counted ${client.requestCount}`, goal: goal("<=", 1.0, after) },
        { name: "mean time per call (sequential, in-process emulator)", value: round(perCallMs, 2), unit: "ms" },
      );

      // --- nonce expiry -------------------------------------------------------------------------
      await clear();
      emu.advance("6m"); // past the emulator's 5-minute nonce lifetime
      const m = 50;
      for (let i = 0; i < m; i++) await client.getEndpointService(p, "AWS", aws);
      const expired = await requests();
      results.push({ name: `requests for ${m} calls after the nonce expired`, value: expired.length, detail: `${expired.filter((r) => r.status === 401).length} stale re-challenge(s), then 1 per call` });

      // --- concurrent calls -----------------------------------------------------------------------
      const fresh = new AtlasClient({ baseUrl: emu.url, credentials: { publicKey: emu.bootstrap.publicKey, privateKey: emu.bootstrap.privateKey } });
      await fresh.getEndpointService(p, "AWS", aws); // the challenge
      await clear();
      const c = 200;
      await Promise.all(Array.from({ length: c }, () => fresh.getEndpointService(p, "AWS", aws)));
      const concurrent = await requests();
      results.push({ name: `requests for ${c} concurrent calls (one client, after its first call)`, value: round(concurrent.length / c, 3), unit: "per call", detail: `${concurrent.length} requests, ${concurrent.filter((r) => r.status === 401).length} challenges (nonce counts may arrive out of order: the emulator accepts a window)` });

      // --- service account ----------------------------------------------------------------------
      const sa = (await (await fetch(`${emu.url}/_emulator/service-accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ roles: ["ORG_OWNER"] }) })).json()) as { clientId: string; clientSecret: string };
      const bearer = new AtlasClient({ baseUrl: emu.url, credentials: { clientId: sa.clientId, clientSecret: sa.clientSecret } });
      await clear();
      for (let i = 0; i < 100; i++) await bearer.getEndpointService(p, "AWS", aws);
      const oauth = await requests();
      results.push({ name: "service account: requests for 100 calls", value: oauth.length, detail: `${oauth.filter((r) => r.operationId === "oauthToken").length} token request(s), then 1 per call` });
      return results;
    } finally {
      await emu.close();
    }
  },
};

export default bench;
