#!/usr/bin/env node
// Builds the web console's browser code (src/console/ui, Preact + htm) into
// dist/console-assets/{console.js,console.css}: type-checked with the DOM library (tsc --noEmit),
// then bundled and minified by esbuild. No CDN, nothing fetched at run time: the emulator serves
// these files itself. Skipped when the outputs are newer than every input.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const ui = join(pkg, "src/console/ui");
const out = join(pkg, "dist/console-assets");
const outputs = [join(out, "console.js"), join(out, "console.css")];
const inputs = [
  ...readdirSync(ui).map((f) => join(ui, f)),
  join(pkg, "src/console/types.ts"),
  join(pkg, "src/http/request-log.ts"), // RequestLogEntry, a type the request log view imports
  fileURLToPath(import.meta.url),
  join(pkg, "package.json"),
];

const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
};
const newestInput = Math.max(...inputs.map(mtime));
const oldestOutput = Math.min(...outputs.map(mtime));
if (!process.argv.includes("--force") && oldestOutput > newestInput) process.exit(0);

// typescript's package exports do not list bin/tsc: find it in the nearest node_modules.
let tsc;
for (let dir = pkg; ; dir = dirname(dir)) {
  if (existsSync(join(dir, "node_modules/typescript/bin/tsc"))) {
    tsc = join(dir, "node_modules/typescript/bin/tsc");
    break;
  }
  if (dirname(dir) === dir) throw new Error("build-console: typescript is not installed (npm install)");
}
const check = spawnSync(process.execPath, [tsc, "-p", join(ui, "tsconfig.json")], { stdio: "inherit" });
if (check.status !== 0) {
  console.error("build-console: the console's browser code does not type-check");
  process.exit(check.status ?? 1);
}

const { build } = await import("esbuild");
mkdirSync(out, { recursive: true });
const common = { bundle: true, minify: true, logLevel: "warning", legalComments: "eof", absWorkingDir: pkg };
await build({
  ...common,
  entryPoints: [join(ui, "main.ts")],
  outfile: outputs[0],
  format: "esm",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  platform: "browser",
  // Preact's dev-only warnings are left out of the bundle.
  define: { "process.env.NODE_ENV": '"production"' },
});
await build({ ...common, entryPoints: [join(ui, "console.css")], outfile: outputs[1], target: ["chrome100", "firefox100", "safari15"] });
