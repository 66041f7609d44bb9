import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildApp } from "../app.js";
import { EmulatorClock, manualClock } from "../lifecycle/clock.js";
import { AtlasTestClient, injectTransport, obj } from "../testing/client.js";

/** Stop, start again on the same data directory: every object is there, pending steps resume. */
describe("persistence across restarts", () => {
  const keys = { publicKey: "persistent", privateKey: "persistent-secret", projectId: "0123456789abcdef01234567" };

  it("keeps objects, profile, faults and the clock; pending steps resume from their stored deadlines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-restart-"));
    try {
      const first = await buildApp({ dataDir: dir, logger: false, clock: manualClock(Date.UTC(2026, 5, 1)), profile: "realistic", ...keys });
      const c1 = new AtlasTestClient(injectTransport(first), keys);
      const pe = `/api/atlas/v2/groups/${keys.projectId}/privateEndpoint`;
      const s = obj(await c1.post(`${pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
      first.emulator.clock.advance(100_000); // 48 s short of AVAILABLE
      await c1.call("POST", "/_emulator/faults", { body: { id: "kept", operation: "getRegionalEndpointMode", error: { status: 503, errorCode: "SERVICE_UNAVAILABLE" } } });
      const before = obj(await c1.get(`${pe}/AWS/endpointService/${s["id"]}`));
      assert.equal(before["status"], "INITIATING");
      await first.close();

      // Restart: the stored (manual) clock comes back where it was.
      const second = await buildApp({ dataDir: dir, logger: false, ...keys });
      const c2 = new AtlasTestClient(injectTransport(second), keys);
      assert.equal(second.emulator.clock.mode, "manual");
      assert.equal(second.emulator.profile.base, "realistic");
      assert.equal(second.emulator.faults[0]?.id, "kept");
      assert.equal(second.emulator.bootstrap?.created, false);
      const again = obj(await c2.get(`${pe}/AWS/endpointService/${s["id"]}`));
      assert.deepEqual(again, before);
      second.emulator.clock.advance(47_999);
      assert.equal(obj(await c2.get(`${pe}/AWS/endpointService/${s["id"]}`))["status"], "INITIATING");
      second.emulator.clock.advance(1);
      assert.equal(obj(await c2.get(`${pe}/AWS/endpointService/${s["id"]}`))["status"], "AVAILABLE");
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("steps whose deadline passed while the emulator was down happen at start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-restart-"));
    try {
      const start = Date.UTC(2026, 5, 1);
      const first = await buildApp({ dataDir: dir, logger: false, clock: new EmulatorClock({ mode: "frozen", start }), profile: "fast", ...keys });
      const c1 = new AtlasTestClient(injectTransport(first), keys);
      const s = obj(await c1.post(`/api/atlas/v2/groups/${keys.projectId}/privateEndpoint/endpointService`, { providerName: "GCP", region: "us-east4" }));
      await first.close();
      const later = await buildApp({ dataDir: dir, logger: false, clock: new EmulatorClock({ mode: "frozen", start: start + 60_000 }), ...keys });
      const transitions = later.emulator.store.getService(String(s["id"]));
      assert.equal(transitions?.status, "AVAILABLE", "applied while starting");
      assert.equal(transitions?.stateSince, start + 1000, "at its deadline, not at the restart");
      await later.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the bootstrap survives; the private key is not recoverable unless given again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-restart-"));
    try {
      const first = await buildApp({ dataDir: dir, logger: false });
      const b1 = first.emulator.bootstrap!;
      assert.equal(b1.created, true);
      assert.ok(b1.privateKey.length > 0);
      await first.close();
      const second = await buildApp({ dataDir: dir, logger: false });
      const b2 = second.emulator.bootstrap!;
      assert.deepEqual({ ...b2, created: true, privateKey: b1.privateKey }, b1);
      assert.equal(b2.privateKey, "");
      const c = new AtlasTestClient(injectTransport(second), { publicKey: b1.publicKey, privateKey: b1.privateKey });
      assert.equal((await c.get(`/api/atlas/v2/groups/${b1.projectId}/privateEndpoint/regionalMode`)).status, 200, "the old key still works");
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
