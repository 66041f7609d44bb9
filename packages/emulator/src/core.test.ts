import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildApp } from "./app.js";
import { EmulatorCore } from "./core.js";
import { MAX_CLOCK_MS, manualClock } from "./lifecycle/clock.js";
import { Store } from "./store/store.js";
import { AtlasTestClient, injectTransport, obj } from "./testing/client.js";

/**
 * What an older emulator could store and this one must still start from: a clock pushed past any
 * valid date (`{"advance":1e308}` was applied before it was refused) and timings of 1e300 ms.
 */
describe("EmulatorCore: unusable stored state is repaired on load", () => {
  const ORG = "0123456789abcdef01234560";
  const PROJECT = "0123456789abcdef01234567";

  function storeWithBrokenClock(saved: unknown): Store {
    const store = new Store();
    store.setMeta("clock", saved);
    store.insertOrg({ id: ORG, name: "org", createdAt: 1e308 });
    store.insertProject({ id: PROJECT, orgId: ORG, name: "p", createdAt: 1e308, regionalMode: false });
    return store;
  }

  for (const [name, saved] of [
    ["a real clock offset of 1e308 ms", { mode: "real", now: 1e308, offsetMs: 1e308 }],
    ["a frozen clock at 1e20", { mode: "frozen", now: 1e20, offsetMs: 0 }],
    ["a manual clock before 1970", { mode: "manual", now: -1, offsetMs: 0 }],
    ["an offset JSON turned into null", { mode: "real", now: null, offsetMs: null }],
  ] as const) {
    it(`${name}: the clock is reset to wall time, stored instants are repaired, with a warning`, () => {
      const store = storeWithBrokenClock(saved);
      const warnings: string[] = [];
      const core = new EmulatorCore({ store, onWarning: (message) => warnings.push(message) });
      try {
        const now = core.clock.now();
        assert.ok(Math.abs(now - Date.now()) < 60_000, `now ${now}`);
        assert.equal(core.clock.mode, "real");
        assert.equal(warnings.length, 1);
        assert.match(warnings[0]!, /stored clock was outside 1970-01-01T00:00:00.000Z to 2106-02-07T06:28:15.999Z; it was reset/);
        // Repaired to the emulator time of the start (a real clock has moved on a little since).
        for (const at of [store.getProject(PROJECT)!.createdAt, store.getOrg(ORG)!.createdAt]) assert.ok(at <= now && at > now - 10_000, `${at} vs ${now}`);
        const stored = store.getMeta<Record<string, unknown>>("clock")!;
        assert.deepEqual([stored["mode"], stored["offsetMs"]], ["real", 0], "the repaired clock is stored");
      } finally {
        core.close();
      }
    });
  }

  it("a stored clock in range is kept, with no warning", () => {
    const store = new Store();
    store.setMeta("clock", { mode: "manual", now: MAX_CLOCK_MS, offsetMs: 0 });
    const warnings: string[] = [];
    const core = new EmulatorCore({ store, onWarning: (message) => warnings.push(message) });
    assert.equal(core.clock.now(), MAX_CLOCK_MS);
    assert.deepEqual(warnings, []);
    core.close();
  });

  it("a stored profile with a 1e300 ms timing is dropped for the default, and deadlines are computed again", () => {
    const store = new Store();
    const clock = manualClock(Date.UTC(2026, 0, 1));
    store.setMeta("profile", { base: "instant", transitions: { "endpointService.*.INITIATING": 1e300 } });
    const warnings: Record<string, unknown>[] = [];
    const core = new EmulatorCore({ store, clock, onWarning: (message, details) => warnings.push({ message, ...details }) });
    try {
      assert.equal(core.profile.base, "fast");
      assert.deepEqual(core.profile.transitions, {});
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0]!["field"], "transitions.endpointService.*.INITIATING");
      assert.equal(store.getMeta("profile"), undefined);
    } finally {
      core.close();
    }
  });

  it("through a data directory: the emulator starts and every route answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-broken-clock-"));
    const keys = { publicKey: "persistent", privateKey: "persistent-secret", projectId: PROJECT };
    try {
      const first = await buildApp({ dataDir: dir, logger: false, ...keys });
      const c1 = new AtlasTestClient(injectTransport(first), keys);
      const s = obj(await c1.post(`/api/atlas/v2/groups/${PROJECT}/privateEndpoint/endpointService`, { providerName: "AWS", region: "us-east-1" }));
      // What an older emulator left behind: the clock and the objects' instants out of range.
      first.emulator.store.setMeta("clock", { mode: "real", now: 1e308, offsetMs: 1e308 });
      first.emulator.store.db.prepare("UPDATE endpoint_services SET created_at = 1e308, state_since = 1e308, next_at = 1e308").run();
      first.emulator.store.setMeta("profile", { transitions: { "*.*.*": 1e300 } });
      await first.close();

      const second = await buildApp({ dataDir: dir, logger: false, ...keys });
      const c2 = new AtlasTestClient(injectTransport(second), keys);
      for (const path of ["/_emulator/clock", "/_emulator/health", "/_emulator/objects", "/_emulator/profile"]) {
        assert.equal((await c2.get(path)).status, 200, path);
      }
      assert.equal((await c2.get(`/api/atlas/v2/groups/${PROJECT}/privateEndpoint/AWS/endpointService/${s["id"]}`)).status, 200);
      assert.equal((await c2.post("/api/atlas/v2/groups", { name: "after-repair", orgId: second.emulator.bootstrap!.orgId })).status, 200);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
