import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeServiceId } from "./model.js";
import { parseServiceImportId } from "./import-id.js";

const P = "5cf5a45a9ccf6400e60981b6";
const L = "6123456789abcdef01234567";

describe("endpoint service import ids", () => {
  const ok: [string, string, string][] = [
    [`${P}-${L}-AWS-us-east-1`, "AWS", "us-east-1"],
    [`${P}-${L}-AWS-US_EAST_1`, "AWS", "US_EAST_1"],
    [`${P}-${L}-AZURE-eastus2`, "AZURE", "eastus2"],
    [`${P}-${L}-GCP-us-central1`, "GCP", "us-central1"],
    [`${P}-${L}-AWS-us-gov-west-1`, "AWS", "us-gov-west-1"],
  ];
  for (const [id, provider, region] of ok) {
    it(`parses ${id}`, () => {
      const r = parseServiceImportId(id);
      assert.deepEqual(r, { ok: true, projectId: P, privateLinkId: L, providerName: provider, region });
    });
  }
  it("accepts the resource's encoded id", () => {
    const r = parseServiceImportId(encodeServiceId({ projectId: P, privateLinkId: L, providerName: "AWS", region: "us-east-1" }));
    assert.equal(r.ok && r.region, "us-east-1");
  });
  const bad: [string, RegExp][] = [
    [`${P}-${L}-AWS`, /4 or more are needed/],
    [`${P}--${L}--vpce-1--AWS`, /private_link_id "" is not/],
    [`abc-${L}-AWS-us-east-1`, /project_id "abc"/],
    [`${P}-${L}-aws-us-east-1`, /provider_name "aws"/],
    [`${P}-${L}-AZURE-us-east-1`, /not a AZURE region.*It is a AWS region/],
  ];
  for (const [id, re] of bad) {
    it(`refuses ${id}`, () => {
      const r = parseServiceImportId(id);
      assert.equal(r.ok, false);
      assert.match(r.ok ? "" : r.problem, re);
    });
  }
});
