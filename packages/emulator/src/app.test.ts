import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildApp } from "./app.js";
import { BootstrapError } from "./bootstrap.js";
import type { EmulatorCore } from "./core.js";
import { manualClock } from "./lifecycle/clock.js";

describe("buildApp", () => {
  it("mounts extra plugins with access to the emulator (the console hook)", async () => {
    let seen: EmulatorCore | undefined;
    const app = await buildApp({
      logger: false,
      console: false, // the plugin below takes the console's path
      plugins: [
        (a, emulator) => {
          seen = emulator;
          a.get("/console", async () => ({ projects: emulator.store.counts().projects }));
        },
      ],
    });
    assert.equal(seen, app.emulator);
    const res = await app.inject({ method: "GET", url: "/console" });
    assert.deepEqual(res.json(), { projects: 1 });
    await app.close();
  });

  it("reproducible bootstrap credentials; invalid ones are refused before anything starts", async () => {
    const app = await buildApp({ logger: false, clock: manualClock(), publicKey: "scripted", privateKey: "secret-1", projectId: "0123456789abcdef01234567", orgId: "76543210fedcba9876543210" });
    assert.deepEqual({ ...app.emulator.bootstrap }, { orgId: "76543210fedcba9876543210", projectId: "0123456789abcdef01234567", publicKey: "scripted", privateKey: "secret-1", created: true });
    await app.close();
    await assert.rejects(buildApp({ logger: false, projectId: "not-hex" }), BootstrapError);
    await assert.rejects(buildApp({ logger: false, privateKey: "lonely" }), BootstrapError);
    await assert.rejects(buildApp({ logger: false, profile: { base: "warp" } as never }), /unknown profile/);
  });
});
