#!/usr/bin/env node
// `npm run bench`: runs every benchmark module (`*.bench.js` beside this file) in sequence and
// prints its figures. Each benchmark measures our thing and its baseline side by side in the same
// run (the machines are noisy) and reports the ratio against the goal.
// Usage: npm run bench [-- <name filter> ...]
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { machineSummaryLine } from "@atlas-privatelink/e2e/harness/machine.js";
import type { Benchmark, BenchmarkResult } from "./stats.js";

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.js"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`bench: no benchmark matches ${filters.join(", ")}`);
  process.exit(1);
}

console.log(`# atlas-privatelink benchmarks, ${new Date().toISOString().slice(0, 10)}`);
console.log(machineSummaryLine());
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark };
  const bench = mod.default;
  console.log(`\n## ${bench.id}: ${bench.title}`);
  let results: BenchmarkResult[];
  try {
    results = await bench.run();
  } catch (error) {
    failed = true;
    console.log(`ERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    continue;
  }
  for (const r of results) {
    const goal = r.goal ? `  goal ${r.goal.op} ${r.goal.value}: ${r.goal.met ? "met" : "NOT met"}` : "";
    console.log(`- ${r.name}: ${r.value}${r.unit ? ` ${r.unit}` : ""}${r.detail ? ` (${r.detail})` : ""}${goal}`);
  }
}
process.exit(failed ? 1 : 0);
