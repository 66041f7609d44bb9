import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EmulatorEvent, ObjectRef } from "../events.js";
import { endpointKey, serviceKey, Timelines } from "./timeline.js";

const service: ObjectRef = { type: "endpointService", id: "a".repeat(24), projectId: "p", provider: "AWS" };
const endpoint: ObjectRef = { type: "privateEndpoint", id: "vpce-1", serviceId: "a".repeat(24), projectId: "p", provider: "AWS" };
const transition = (object: ObjectRef, from: string, to: string, at: number): EmulatorEvent => ({ type: "transition", object, from, to, errorMessage: null, cause: "timer", at });

describe("console timelines", () => {
  it("records creation and transitions per object, forgets deleted objects and everything on reset", () => {
    const t = new Timelines();
    t.record({ type: "created", object: service, status: "INITIATING", at: 0 });
    t.record(transition(service, "INITIATING", "AVAILABLE", 1000));
    t.record({ type: "created", object: endpoint, status: "PENDING_ACCEPTANCE", at: 1500 });
    t.record({ type: "created", object: { type: "project", id: "p" }, at: 0 });
    const current = { status: "X", since: 0, errorMessage: null };
    assert.deepEqual(t.of(serviceKey(service.id), current), [
      { at: "1970-01-01T00:00:00.000Z", from: null, to: "INITIATING", cause: "created", errorMessage: null },
      { at: "1970-01-01T00:00:01.000Z", from: "INITIATING", to: "AVAILABLE", cause: "timer", errorMessage: null },
    ]);
    assert.equal(t.size, 2, "only services and endpoints");
    t.record({ type: "deleted", object: endpoint, at: 2000 });
    assert.equal(t.of(endpointKey(service.id, "vpce-1"), { status: "AVAILABLE", since: 5, errorMessage: null })[0]!.cause, "observed");
    t.record({ type: "reset", at: 3000 });
    assert.equal(t.size, 0);
  });

  it("an object seen only now starts with its stored status; memory stays bounded", () => {
    const t = new Timelines(3, 2);
    assert.deepEqual(t.of("es:x", { status: "FAILED", since: 0, errorMessage: "boom" }), [
      { at: "1970-01-01T00:00:00.000Z", from: null, to: "FAILED", cause: "observed", errorMessage: "boom" },
    ]);
    for (let i = 0; i < 10; i++) t.record(transition(service, `S${i}`, `S${i + 1}`, i));
    assert.deepEqual(t.of(serviceKey(service.id), { status: "", since: 0, errorMessage: null }).map((e) => e.to), ["S8", "S9", "S10"]);
    t.record(transition(endpoint, "A", "B", 0));
    t.record(transition({ ...service, id: "b".repeat(24) }, "A", "B", 0));
    assert.equal(t.size, 2, "the least recently changed object is forgotten");
  });
});
