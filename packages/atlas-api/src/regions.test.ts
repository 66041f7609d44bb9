import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isAtlasRegionName, regionsOf, resolveRegion } from "./regions.js";

describe("resolveRegion", () => {
  const cases: [string, "AWS" | "AZURE" | "GCP", string, string | undefined][] = [
    ["AWS Atlas form", "AWS", "US_EAST_1", "US_EAST_1"],
    ["AWS cloud form", "AWS", "us-east-1", "US_EAST_1"],
    ["AWS lower-case Atlas form", "AWS", "eu_west_1", "EU_WEST_1"],
    ["AWS mixed case cloud form", "AWS", "Eu-West-1", "EU_WEST_1"],
    ["Azure cloud form", "AZURE", "eastus2", "US_EAST_2"],
    ["Azure Atlas form", "AZURE", "EUROPE_NORTH", "EUROPE_NORTH"],
    ["Azure cloud form is reordered", "AZURE", "southeastasia", "ASIA_SOUTH_EAST"],
    ["GCP legacy descriptive name", "GCP", "us-central1", "CENTRAL_US"],
    ["GCP mechanical name", "GCP", "us-east4", "US_EAST_4"],
    ["GCP cloud name maps to the base region, not the _AW variant", "GCP", "us-east1", "EASTERN_US"],
    ["GCP Atlas form", "GCP", "US_EAST_4", "US_EAST_4"],
    ["AWS region is unknown for Azure", "AZURE", "us-east-1", undefined],
    ["Azure region is unknown for AWS", "AWS", "eastus2", undefined],
    ["nonsense", "GCP", "moon-base-1", undefined],
  ];
  for (const [name, provider, input, expected] of cases) {
    it(name, () => assert.equal(resolveRegion(provider, input)?.atlasName, expected));
  }
});

describe("region table", () => {
  it("has every provider's spec enum", () => {
    assert.equal(regionsOf("AWS").length, 39);
    assert.equal(regionsOf("AZURE").length, 60);
    assert.equal(regionsOf("GCP").length, 50);
  });
  it("isAtlasRegionName is exact (case-sensitive, Atlas form only)", () => {
    assert.equal(isAtlasRegionName("AWS", "EU_WEST_1"), true);
    assert.equal(isAtlasRegionName("AWS", "eu_west_1"), false);
    assert.equal(isAtlasRegionName("AWS", "eu-west-1"), false);
  });
});
