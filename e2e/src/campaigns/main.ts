#!/usr/bin/env node
// `npm run campaign [-- R1 R4 ...] [--runs N] [--seed N] [--ci]`: runs the reliability campaigns
// (docs/reliability.md) in sequence and prints each one's verdict, figures and every violated
// criterion. Exit code 1 if any campaign fails. `--ci` runs the small versions npm test runs.
import { machineSummaryLine } from "../harness/machine.js";
import { formatResult, type Campaign, type CampaignResult } from "./campaign.js";
import { faultCampaign } from "./r1-faults.js";
import { crashCampaign } from "./r2-crashes.js";
import { badConfigCampaign } from "./r3-bad-configs.js";
import { fuzzCampaign } from "./r4-api-fuzz.js";
import { securityCampaign } from "./r5-security.js";

const ALL: Campaign[] = [faultCampaign, crashCampaign, badConfigCampaign, fuzzCampaign, securityCampaign];

const args = process.argv.slice(2);
const valueOf = (flag: string) => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`campaign: ${flag} needs a non-negative integer`);
    process.exit(2);
  }
  return n;
};
const runs = valueOf("--runs");
const seed = valueOf("--seed");
const scale = args.includes("--ci") ? "ci" : "full";
const filters = args.filter((a, i) => !a.startsWith("--") && !["--runs", "--seed"].includes(args[i - 1] ?? "")).map((a) => a.toUpperCase());
const selected = ALL.filter((c) => filters.length === 0 || filters.includes(c.id));
if (selected.length === 0) {
  console.error(`campaign: none of ${filters.join(", ")} is one of ${ALL.map((c) => c.id).join(", ")}`);
  process.exit(2);
}

console.log(`# atlas-privatelink reliability campaigns, ${new Date().toISOString().slice(0, 10)} (${scale})`);
console.log(machineSummaryLine());
const results: CampaignResult[] = [];
for (const c of selected) {
  console.log(`\n… ${c.id}: ${c.title}`);
  try {
    const r = await c.run({ scale, log: (line) => console.log(`  ${line}`), ...(runs !== undefined ? { runs } : {}), ...(seed !== undefined ? { seed } : {}) });
    results.push(r);
    console.log(formatResult(r));
  } catch (error) {
    const r: CampaignResult = { id: c.id, title: c.title, passed: false, figures: [], failures: [`crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], checks: 0, ms: 0 };
    results.push(r);
    console.log(formatResult(r));
  }
}
console.log(`\n${results.map((r) => `${r.id} ${r.passed ? "PASS" : "FAIL"}`).join(", ")}`);
process.exit(results.every((r) => r.passed) ? 0 : 1);
