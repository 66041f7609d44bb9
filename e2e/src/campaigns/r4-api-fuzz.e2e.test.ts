/** The small version of the campaign in r4-api-fuzz.ts that npm test runs (docs/reliability.md). */
import { it } from "node:test";
import assert from "node:assert/strict";
import { formatResult } from "./campaign.js";
import { fuzzCampaign } from "./r4-api-fuzz.js";

it("R4 API fuzz, small: 500 generated bad requests and 50 broken-HTTP messages", async () => {
  const result = await fuzzCampaign.run({ scale: "ci" });
  assert.ok(result.passed, formatResult(result));
});
