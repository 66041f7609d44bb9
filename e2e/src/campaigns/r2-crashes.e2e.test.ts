/** The small version of the campaign in r2-crashes.ts that npm test runs (docs/reliability.md). */
import { it } from "node:test";
import assert from "node:assert/strict";
import { formatResult } from "./campaign.js";
import { crashCampaign } from "./r2-crashes.js";

it("R2 crashes, small: one kill -9 of the emulator and one SIGINT to terraform with creates in flight", async () => {
  const result = await crashCampaign.run({ scale: "ci" });
  assert.ok(result.passed, formatResult(result));
});
