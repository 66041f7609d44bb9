import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PrivateEndpoint } from "@atlas-privatelink/client";
import { portMappingInconsistency } from "./model.js";

const gcp = (portMappingEnabled: boolean, rules: number) =>
  ({
    cloudProvider: "GCP",
    portMappingEnabled,
    endpoints: Array.from({ length: rules }, (_, i) => ({ endpointName: `rule-${i}`, ipAddress: `10.0.0.${i + 1}`, status: "AVAILABLE" })),
  }) as unknown as PrivateEndpoint;

describe("port-mapped GCP endpoint check (resource and data source)", () => {
  it("a port-mapped endpoint must have exactly one forwarding rule, as the official Read says", () => {
    assert.equal(portMappingInconsistency(gcp(true, 1)), undefined);
    assert.match(portMappingInconsistency(gcp(true, 2)) ?? "", /port-mapped architecture requires exactly one endpoint, but found 2 endpoints/);
    assert.match(portMappingInconsistency(gcp(true, 0)) ?? "", /found 0 endpoints/);
    assert.equal(portMappingInconsistency(gcp(false, 3)), undefined, "legacy groups hold several rules");
  });
});
