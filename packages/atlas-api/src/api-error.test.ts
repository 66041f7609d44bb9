import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { apiErrorBody, ERROR_CODES, isApiErrorBody, REASON_PHRASES } from "./api-error.js";

describe("apiErrorBody", () => {
  it("reproduces the recorded GROUP_NOT_FOUND body", () => {
    const body = apiErrorBody("GROUP_NOT_FOUND", ["111111111111111111111111"]);
    assert.equal(
      JSON.stringify(body),
      '{"detail":"No group with ID 111111111111111111111111 exists.","error":404,"errorCode":"GROUP_NOT_FOUND","parameters":["111111111111111111111111"],"reason":"Not Found"}',
    );
  });
  it("formats the region conflict as Atlas does", () => {
    const body = apiErrorBody("PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION", ["AWS", "US_EAST_1"]);
    assert.equal(body.detail, "A private endpoint service already exists for AWS region US_EAST_1.");
    assert.equal(body.error, 409);
    assert.equal(body.reason, "Conflict");
  });
  it("every code has a reason phrase for its status", () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      assert.ok(REASON_PHRASES[info.status], `${code} has status ${info.status} without a reason phrase`);
    }
  });
  it("recognises the error shape", () => {
    assert.equal(isApiErrorBody({ error: 404, errorCode: "X" }), true);
    assert.equal(isApiErrorBody({ error: "404" }), false);
    assert.equal(isApiErrorBody(null), false);
  });
});
