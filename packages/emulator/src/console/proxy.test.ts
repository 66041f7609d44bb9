import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { forwardable } from "./proxy.js";

describe("console actions: the control routes it forwards", () => {
  it("forwards the actions the console offers, and nothing that answers a secret", () => {
    const id = "0123456789abcdef01234567";
    const yes: [string, string][] = [
      ["POST", "clock"],
      ["PUT", "profile"],
      ["POST", "faults"],
      ["DELETE", "faults/flaky-create"],
      ["POST", "cloud/aws/endpoints"],
      ["DELETE", "cloud/GCP/endpoints"],
      ["POST", "projects"],
      ["POST", "reset"],
      ["POST", "seed"],
      ["GET", "requests"],
      ["POST", `objects/endpoint-services/${id}/status`],
      ["DELETE", `objects/endpoint-services/${id}`],
      ["POST", "objects/private-endpoints/status"],
      ["DELETE", "objects/private-endpoints"],
    ];
    const no: [string, string][] = [
      ["POST", "api-keys"],
      ["DELETE", "api-keys/abc"],
      ["POST", "service-accounts"],
      ["GET", "events"],
      ["PATCH", "clock"],
      ["POST", "cloud/ibm/endpoints"],
      ["DELETE", "objects/endpoint-services/not-an-id"],
      ["GET", "../api/atlas/v2/groups"],
      ["DELETE", "faults/../reset"],
      ["GET", "clock//x"],
    ];
    for (const [m, p] of yes) assert.equal(forwardable(m, p), true, `${m} ${p}`);
    for (const [m, p] of no) assert.equal(forwardable(m, p), false, `${m} ${p}`);
  });
});
