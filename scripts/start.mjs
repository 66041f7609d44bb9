#!/usr/bin/env node
// `npm start`: build what is missing, then run the quick start (the seed example end to end on
// the embedded emulator). Arguments after `--` go to it, e.g. `npm start -- --keep`.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "--quiet"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const { run } = await import(join(root, "packages/cli/dist/main.js"));
process.exitCode = await run(["quickstart", ...process.argv.slice(2)]);
