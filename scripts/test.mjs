#!/usr/bin/env node
// `npm test`: build, then every unit test (packages/*/dist/**/*.test.js) and every end-to-end
// test (e2e/dist/**/*.e2e.test.js, which drive the real terraform binary) with node:test.
// Flags: --unit, --e2e (only that part), --filter <substring> (only matching files).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const only = args.includes("--unit") ? "unit" : args.includes("--e2e") ? "e2e" : "all";
const filterAt = args.indexOf("--filter");
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;

const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

function collect(dir, predicate, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, predicate, out);
    else if (predicate(path)) out.push(path);
  }
  return out.sort();
}

const matches = (file) => filter === undefined || file.includes(filter);
const unit = [];
for (const pkg of readdirSync(join(root, "packages"))) {
  collect(join(root, "packages", pkg, "dist"), (f) => f.endsWith(".test.js") && !f.endsWith(".e2e.test.js"), unit);
}
const e2e = collect(join(root, "e2e", "dist"), (f) => f.endsWith(".e2e.test.js"));

function runSuite(name, files, concurrency) {
  const selected = files.filter(matches);
  if (selected.length === 0) {
    console.error(`test: no ${name} test files${filter ? ` match "${filter}"` : ""}`);
    return filter === undefined ? 1 : 0; // an empty suite is a failure, never a silent pass
  }
  console.error(`test: ${name}: ${selected.length} files, concurrency ${concurrency}`);
  const result = spawnSync(
    process.execPath,
    ["--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...selected.map((f) => relative(root, f))],
    { cwd: root, stdio: "inherit", env: { ...process.env } },
  );
  return result.status ?? 1;
}

const cores = availableParallelism();
let failed = 0;
if (only !== "e2e") failed |= runSuite("unit", unit, Math.max(2, cores));
if (only !== "unit") failed |= runSuite("e2e", e2e, Math.max(1, Math.min(2, cores)));
process.exit(failed ? 1 : 0);
