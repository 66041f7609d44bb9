/** The small version of the campaign in r1-faults.ts that npm test runs (docs/reliability.md). */
import { it } from "node:test";
import assert from "node:assert/strict";
import { formatResult } from "./campaign.js";
import { faultCampaign } from "./r1-faults.js";

it("R1 fault campaign, small: 2 runs with faults (seeds 1-2)", async () => {
  const result = await faultCampaign.run({ scale: "ci" });
  assert.ok(result.passed, formatResult(result));
});
