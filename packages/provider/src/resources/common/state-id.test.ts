import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeStateId, encodeStateId, getEncodedId, isEncodedId } from "./state-id.js";

describe("state id encoding (byte-compatible with the official provider)", () => {
  it("reproduces the documented endpoint service id", () => {
    const id = encodeStateId({ private_link_id: "6123456789abcdef01234567", project_id: "5cf5a45a9ccf6400e60981b6", provider_name: "AWS", region: "us-east-1" });
    assert.equal(
      id,
      "cHJpdmF0ZV9saW5rX2lk:NjEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3-cHJvamVjdF9pZA==:NWNmNWE0NWE5Y2NmNjQwMGU2MDk4MWI2-cHJvdmlkZXJfbmFtZQ==:QVdT-cmVnaW9u:dXMtZWFzdC0x",
    );
  });
  it("sorts keys regardless of insertion order", () => {
    assert.equal(encodeStateId({ b: "2", a: "1" }), encodeStateId({ a: "1", b: "2" }));
  });
  it("reproduces the documented endpoint id prefix", () => {
    const id = encodeStateId({ project_id: "5cf5a45a9ccf6400e60981b6", private_link_id: "6123456789abcdef01234567", endpoint_service_id: "vpce-0123456789abcdef0", provider_name: "AWS" });
    assert.ok(id.startsWith("ZW5kcG9pbnRfc2VydmljZV9pZA==:dnBjZS0wMTIzNDU2Nzg5YWJjZGVmMA==-cHJpdmF0ZV9saW5rX2lk:NjEy"), id);
  });
  it("round-trips values with slashes and dashes (Azure ids)", () => {
    const values = { endpoint_service_id: "/subscriptions/0000/resourceGroups/rg--x/providers/Microsoft.Network/privateEndpoints/pe-1", provider_name: "AZURE" };
    assert.deepEqual(decodeStateId(encodeStateId(values)), values);
  });
  it("ignores pieces without a colon and tolerates bad base64", () => {
    assert.deepEqual(decodeStateId("garbage-a2V5:dmFsdWU="), { key: "value" });
    assert.deepEqual(decodeStateId("a2V5:!!!"), { key: "" });
  });
  it("GetEncodedID: raw ids pass through, encoded ids are decoded", () => {
    const encoded = encodeStateId({ private_link_id: "6123456789abcdef01234567", project_id: "p" });
    assert.equal(isEncodedId(encoded), true);
    assert.equal(getEncodedId(encoded, "private_link_id"), "6123456789abcdef01234567");
    assert.equal(getEncodedId("6123456789abcdef01234567", "private_link_id"), "6123456789abcdef01234567");
    assert.equal(getEncodedId("vpce-0123456789abcdef0", "private_link_id"), "vpce-0123456789abcdef0");
  });
});
