#!/usr/bin/env node
// One build for the whole repository: generated protobuf code, TypeScript (tsc -b, project
// references), then the bundles (provider executable, emulator console assets, the installable
// package). Steps skip their work when their outputs are newer than their inputs, so `npm start`
// can call it cheaply. --quiet (npm start): nothing is printed unless a step fails, and then
// everything that step printed (tsc reports its errors on stdout).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--quiet");

function run(label, command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit", maxBuffer: 256 * 2 ** 20, ...options });
  if (result.status !== 0) {
    if (quiet) {
      process.stderr.write(result.stdout ?? "");
      process.stderr.write(result.stderr ?? "");
    }
    console.error(`build: ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  if (!quiet) console.error(`build: ${label} (${Date.now() - started} ms)`);
}

const node = process.execPath;
const steps = [
  ["provider protobuf code", "packages/provider/scripts/gen-proto.mjs"],
];
for (const [label, script] of steps) {
  if (existsSync(join(root, script))) run(label, node, [script]);
}
run("typescript", node, [join(root, "node_modules/typescript/bin/tsc"), "-b"]);
const bundles = [
  ["provider bundle", "packages/provider/scripts/bundle.mjs"],
  ["emulator console", "packages/emulator/scripts/build-console.mjs"],
  ["installable package", "scripts/bundle-cli.mjs"],
];
for (const [label, script] of bundles) {
  if (existsSync(join(root, script))) run(label, node, [script]);
}
