import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CloudProvider } from "@atlas-privatelink/atlas-api";
import { createOrg, createProject } from "../accounts.js";
import { EmulatorCore } from "../core.js";
import type { EmulatorEvent } from "../events.js";
import { Store, type EndpointRow, type ServiceRow } from "../store/store.js";
import { EmulatorClock, manualClock } from "./clock.js";
import { resolveProfile } from "./profile.js";
import { initialEndpointStatus } from "./transitions.js";

function setup(profile: unknown = "fast", clock: EmulatorClock = manualClock(1_000_000)) {
  const store = new Store();
  const core = new EmulatorCore({ store, clock, profile });
  const org = createOrg({ store, clock }, "o");
  const project = createProject({ store, clock }, org.id, "p");
  const events: EmulatorEvent[] = [];
  core.events.subscribe((e) => events.push(e));
  let n = 0;
  const service = (provider: CloudProvider = "AWS", region = `R${n++}`): ServiceRow => {
    const now = clock.now();
    const plan = core.scheduler.plan("endpointService", provider, "INITIATING", now);
    const row: ServiceRow = {
      id: `${(n++).toString(16).padStart(24, "0")}`,
      projectId: project.id,
      provider,
      region,
      status: "INITIATING",
      errorMessage: null,
      stateSince: now,
      nextAt: plan.nextAt,
      readsLeft: plan.readsLeft,
      forced: null,
      data: {},
      createdAt: now,
    };
    store.insertService(row);
    core.scheduler.scheduled(row.nextAt);
    return row;
  };
  const endpoint = (s: ServiceRow, id: string): EndpointRow => {
    const now = clock.now();
    const status = initialEndpointStatus(s.provider);
    const plan = core.scheduler.plan("privateEndpoint", s.provider, status, now);
    const row: EndpointRow = {
      serviceId: s.id,
      endpointId: id,
      projectId: s.projectId,
      provider: s.provider,
      status,
      errorMessage: null,
      deleteRequested: false,
      stateSince: now,
      nextAt: plan.nextAt,
      readsLeft: plan.readsLeft,
      forced: null,
      data: {},
      createdAt: now,
    };
    store.insertEndpoint(row);
    core.scheduler.scheduled(row.nextAt);
    return row;
  };
  return { store, core, clock, events, service, endpoint, close: () => core.close() };
}

describe("Scheduler", () => {
  it("applies a step exactly at its deadline, not before", () => {
    const t = setup();
    const s = t.service();
    t.clock.advance(999);
    assert.equal(t.store.getService(s.id)!.status, "INITIATING");
    t.clock.advance(1);
    assert.equal(t.store.getService(s.id)!.status, "AVAILABLE");
    assert.equal(t.store.getService(s.id)!.data.provisioned, true);
    t.close();
  });

  it("chains steps from their deadlines: one 10 s jump completes a 2-step chain of 1 s steps", () => {
    const t = setup();
    const s = t.service();
    t.clock.advance(1000);
    const e = t.endpoint(t.store.getService(s.id)!, "vpce-1");
    t.clock.advance(10_000);
    const row = t.store.getEndpoint(s.id, e.endpointId)!;
    assert.equal(row.status, "AVAILABLE");
    // Entered AVAILABLE at the PENDING deadline (created + 2 s), not at "now".
    assert.equal(row.stateSince, e.stateSince + 2000);
    const steps = t.events.filter((x) => x.type === "transition").map((x) => (x.type === "transition" ? `${x.from}>${x.to}` : ""));
    assert.deepEqual(steps, ["INITIATING>AVAILABLE", "PENDING_ACCEPTANCE>PENDING", "PENDING>AVAILABLE"]);
    t.close();
  });

  it("read-based steps happen right after the N-th read", () => {
    const t = setup({ base: "fast", transitions: { "endpointService.*.INITIATING": { afterReads: 2 } } });
    const s = t.service();
    assert.equal(s.nextAt, null);
    t.clock.advance(3_600_000);
    assert.equal(t.store.getService(s.id)!.status, "INITIATING", "time alone does not move a read-based step");
    t.core.scheduler.noteServiceRead(t.store.getService(s.id)!);
    t.core.scheduler.catchUp();
    assert.equal(t.store.getService(s.id)!.status, "INITIATING");
    t.core.scheduler.noteServiceRead(t.store.getService(s.id)!);
    t.core.scheduler.catchUp();
    assert.equal(t.store.getService(s.id)!.status, "AVAILABLE");
    t.close();
  });

  it("afterReads 0 is immediate", () => {
    const t = setup({ transitions: { "endpointService.*.INITIATING": { afterReads: 0 } } });
    const s = t.service();
    t.core.scheduler.catchUp();
    assert.equal(t.store.getService(s.id)!.status, "AVAILABLE");
    t.close();
  });

  it("re-times pending steps when the profile changes", () => {
    const t = setup("realistic");
    const s = t.service();
    t.clock.advance(10_000);
    assert.equal(t.store.getService(s.id)!.status, "INITIATING");
    t.core.setProfile(resolveProfile("instant"));
    assert.equal(t.store.getService(s.id)!.status, "AVAILABLE");
    t.close();
  });

  it("a legacy AWS service leaves WAITING_FOR_USER when its first endpoint is AVAILABLE", () => {
    const t = setup({ options: { awsWaitingForUser: true } });
    const s = t.service("AWS");
    t.clock.advance(1000);
    assert.equal(t.store.getService(s.id)!.status, "WAITING_FOR_USER");
    t.endpoint(t.store.getService(s.id)!, "vpce-2");
    t.clock.advance(1000);
    assert.equal(t.store.getService(s.id)!.status, "WAITING_FOR_USER");
    t.clock.advance(1000);
    assert.equal(t.store.getService(s.id)!.status, "AVAILABLE");
    t.close();
  });

  it("keeps its cached earliest deadline right and reports it", () => {
    const t = setup();
    assert.equal(t.core.scheduler.nextDeadline, null);
    const s = t.service();
    assert.equal(t.core.scheduler.nextDeadline, s.nextAt);
    t.clock.advance(1000);
    assert.equal(t.core.scheduler.nextDeadline, null);
    t.close();
  });

  it("fires on a real timer in real mode", async () => {
    const clock = new EmulatorClock({ mode: "real" });
    const t = setup({ transitions: { "*.*.*": 15 } }, clock);
    const s = t.service();
    const deadline = Date.now() + 2000;
    while (t.store.getService(s.id)!.status === "INITIATING" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    assert.equal(t.store.getService(s.id)!.status, "AVAILABLE");
    t.close();
  });

  it("does nothing once closed", () => {
    const t = setup();
    const s = t.service();
    t.core.scheduler.close();
    t.clock.advance(5000);
    assert.equal(t.store.getService(s.id)!.status, "INITIATING");
    t.store.close();
  });
});
