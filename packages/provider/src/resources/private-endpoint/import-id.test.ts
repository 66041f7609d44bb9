import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseEndpointImportId } from "./import-id.js";
import { encodeEndpointId } from "./model.js";

const P = "5cf5a45a9ccf6400e60981b6";
const L = "6123456789abcdef01234567";
const AZ = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg--prod/providers/Microsoft.Network/privateEndpoints/pe-1";

describe("endpoint import ids", () => {
  it("parses the AWS example", () => {
    assert.deepEqual(parseEndpointImportId(`${P}--${L}--vpce-0123456789abcdef0--AWS`), {
      ok: true, projectId: P, privateLinkId: L, endpointServiceId: "vpce-0123456789abcdef0", providerName: "AWS",
    });
  });
  it("keeps Azure ids whole, even with -- inside", () => {
    const r = parseEndpointImportId(`${P}--${L}--${AZ}--AZURE`);
    assert.equal(r.ok && r.endpointServiceId, AZ);
  });
  it("parses GCP names", () => {
    const r = parseEndpointImportId(`${P}--${L}--my-endpoint-group--GCP`);
    assert.equal(r.ok && r.endpointServiceId, "my-endpoint-group");
  });
  it("accepts the encoded id", () => {
    const r = parseEndpointImportId(encodeEndpointId({ projectId: P, privateLinkId: L, endpointServiceId: "vpce-0123456789abcdef0", providerName: "AWS" }));
    assert.equal(r.ok && r.endpointServiceId, "vpce-0123456789abcdef0");
  });
  const bad: [string, RegExp][] = [
    [`${P}-${L}-vpce-0123456789abcdef0-AWS`, /1 part separated by "--"/],
    [`${P}--${L}--vpce-x!--AWS`, /vpce-/],
    [`${P}--${L}--vpce-0123456789abcdef0--Aws`, /provider_name "Aws"/],
    [`${P}--nothex--vpce-0123456789abcdef0--AWS`, /private_link_id "nothex"/],
    [`${P}--${L}--not-an-arm-id--AZURE`, /resource id/],
  ];
  for (const [id, re] of bad) {
    it(`refuses ${id}`, () => {
      const r = parseEndpointImportId(id);
      assert.equal(r.ok, false);
      assert.match(r.ok ? "" : r.problem, re);
    });
  }
});
