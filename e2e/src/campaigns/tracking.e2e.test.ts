/**
 * The campaigns' own judges can fail: the state/emulator comparison and the event-stream check
 * flag untracked, lost, duplicated and transient objects; the fault rules add up to the rates
 * the campaign claims.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { EmulatorEvent } from "@atlas-privatelink/emulator";
import type { TerraformStateFile } from "../harness/terraform.js";
import { ERROR_FAULTS, faultRules } from "./r1-faults.js";
import { compare, createdButUntracked, emulatorInventory, stateInventory } from "./tracking.js";

const S1 = "6b04a693d9e76a50b20dee61";
const S2 = "6b04a693d9e76a50b20dee62";
const state = (services: string[], endpoints: [string, string][]): TerraformStateFile => ({
  version: 4,
  terraform_version: "1.11.4",
  serial: 1,
  lineage: "x",
  outputs: {},
  resources: [
    { mode: "managed", type: "mongodbatlas_privatelink_endpoint", name: "s", provider: "p", instances: services.map((id) => ({ schema_version: 0, attributes: { provider_name: "AWS", private_link_id: id } })) },
    { mode: "managed", type: "mongodbatlas_privatelink_endpoint_service", name: "e", provider: "p", instances: endpoints.map(([s, e]) => ({ schema_version: 0, attributes: { private_link_id: s, endpoint_service_id: e } })) },
  ],
});
const held = (services: string[], endpoints: [string, string][]) =>
  emulatorInventory({
    endpointServices: services.map((id) => ({ id, cloudProvider: "AWS", projectId: "p", pending: { nextAt: null, readsLeft: null } })),
    privateEndpoints: endpoints.map(([s, e]) => ({ endpointServiceId: s, cloudProvider: "AWS", interfaceEndpointId: e, projectId: "p", pending: { nextAt: null, readsLeft: null } })),
  });
const ev = (type: "created" | "deleted", id: string, serviceId?: string): EmulatorEvent =>
  serviceId === undefined
    ? { type, object: { type: "endpointService", id, provider: "AWS" }, at: 0 }
    : { type, object: { type: "privateEndpoint", id, serviceId, provider: "AWS" }, at: 0 };

describe("campaign judges", () => {
  it("consistent when the emulator holds exactly what the state records", () => {
    const c = compare(held([S1], [[S1, "vpce-1"]]), stateInventory(state([S1], [[S1, "vpce-1"]])));
    assert.deepEqual(c, { untracked: [], lost: [], duplicates: [] });
  });

  it("flags an untracked, a lost and a duplicated object", () => {
    const c = compare(held([S1, S2], [[S1, "vpce-1"]]), stateInventory(state([S1, S1], [[S1, "vpce-1"], [S1, "vpce-2"]])));
    assert.deepEqual(c.untracked, [`AWS/${S2}`]);
    assert.deepEqual(c.lost, [`${S1}/vpce-2`]);
    assert.deepEqual(c.duplicates, [`AWS/${S1}`]);
  });

  it("the event stream catches an object created and deleted within a step without being recorded", () => {
    const r = createdButUntracked([ev("created", S1), ev("created", S2), ev("deleted", S2), ev("created", "vpce-1", S1)], stateInventory(state([S1], [])));
    assert.deepEqual(r.transient, [`AWS/${S2}`]);
    assert.deepEqual(r.orphaned, [`${S1}/vpce-1`]);
  });

  it("the fault rules' first-error probabilities give the campaign's overall rates", () => {
    const rules = faultRules();
    let none = 1;
    for (const [i, f] of ERROR_FAULTS.entries()) {
      const p = rules[i]!["probability"] as number;
      assert.ok(Math.abs(none * p - f.rate) < 1e-12, `${f.id}: ${none * p} ≠ ${f.rate}`);
      none *= 1 - p;
    }
    assert.ok(Math.abs(1 - none - 0.17) < 1e-12, "10% 5xx + 5% 429 + 2% resets");
    assert.equal(rules.filter((r) => r["latencyMs"] === 100).length, 5, "0–500 ms of latency");
  });
});
