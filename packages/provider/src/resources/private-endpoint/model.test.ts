import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PrivateEndpoint } from "@atlas-privatelink/client";
import { record, UNKNOWN, type ValueRecord } from "../../framework/index.js";
import { endpointState, portMappingInconsistency } from "./model.js";

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

describe("endpoint state after an apply", () => {
  it("leaves nothing unknown, also inside blocks Atlas ignores for the cloud (endpoints on AWS)", () => {
    const plan = record({ id: UNKNOWN, endpoints: [record({ endpoint_name: "rule-1", ip_address: "10.0.0.6", status: UNKNOWN })], azure_status: UNKNOWN, gcp_status: UNKNOWN });
    const aws = { cloudProvider: "AWS", connectionStatus: "AVAILABLE", interfaceEndpointId: "vpce-0123456789abcdef0", deleteRequested: false, errorMessage: null } as unknown as PrivateEndpoint;
    const state = endpointState({ projectId: "5cf5a45a9ccf6400e60981b6", privateLinkId: "6123456789abcdef01234567", endpointServiceId: "vpce-0123456789abcdef0", providerName: "AWS" }, aws, plan);
    assert.deepEqual(state["endpoints"], [record({ endpoint_name: "rule-1", ip_address: "10.0.0.6", status: null })]);
    assert.equal(state["azure_status"], null);
    assert.equal(state["aws_connection_status"], "AVAILABLE");
    assert.match(String((state as ValueRecord)["id"]), /^[A-Za-z0-9+/=:-]+$/);
  });
});
