/** The small version of the campaign in r5-security.ts that npm test runs (docs/reliability.md). */
import { it } from "node:test";
import assert from "node:assert/strict";
import { formatResult } from "./campaign.js";
import { securityCampaign } from "./r5-security.js";

it("R5 security: every check of the campaign", async () => {
  const result = await securityCampaign.run({ scale: "ci" });
  assert.ok(result.passed, formatResult(result));
});
