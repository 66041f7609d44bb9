#!/usr/bin/env node
// The installable package (`npm pack` of the repository root): dist/atlas-privatelink.cjs (the
// CLI with the emulator and client bundled; better-sqlite3 stays a real dependency because it is
// a native addon), dist/provider/terraform-provider-mongodbatlas (the provider executable) and
// dist/console-assets (the emulator's web console, when built).
// The bundle is skipped when it is newer than every file it was made of last time (esbuild's
// metafile, kept beside it) and this script; --force builds it anyway. The copies are made only
// when their content differs.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist");
const bundle = join(out, "atlas-privatelink.cjs");
const metaFile = join(out, "atlas-privatelink.cjs.meta.json");
const inject = join(root, "scripts/import-meta-url.cjs");

const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
};

function bundleUpToDate() {
  if (process.argv.includes("--force")) return false;
  let bundled;
  try {
    bundled = JSON.parse(readFileSync(metaFile, "utf8")).inputs.map((f) => join(root, f));
  } catch {
    return false;
  }
  const inputTimes = [...bundled, fileURLToPath(import.meta.url), inject].map(mtime);
  const outputTimes = [bundle, metaFile].map(mtime);
  // A missing input (a source file deleted since) or output means a new bundle.
  if (inputTimes.includes(undefined) || outputTimes.includes(undefined)) return false;
  return Math.min(...outputTimes) > Math.max(...inputTimes);
}

/** Copies `from` to `to` unless `to` already holds the same bytes; mode 0755 when `executable`. */
function copyIfChanged(from, to, executable) {
  if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) return;
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  if (executable) chmodSync(to, 0o755);
}

const files = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile()).sort() : []);

if (!bundleUpToDate()) {
  const { build } = await import("esbuild");
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: [join(root, "packages/cli/src/bin.ts")],
    outfile: bundle,
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["better-sqlite3"],
    banner: { js: "#!/usr/bin/env node" },
    legalComments: "linked",
    logLevel: "warning",
    metafile: true,
    // import.meta.url is used by ESM-only code paths; the bundle is CommonJS.
    define: { "import.meta.url": "__importMetaUrl" },
    inject: [inject],
  });
  chmodSync(bundle, 0o755);
  // Written last: its time stamp says the bundle is complete.
  writeFileSync(metaFile, JSON.stringify({ inputs: Object.keys(result.metafile.inputs) }));
  console.error(`bundle: ${bundle}`);
}

copyIfChanged(join(root, "packages/provider/dist/bin/terraform-provider-mongodbatlas"), join(out, "provider/terraform-provider-mongodbatlas"), true);

const consoleAssets = join(root, "packages/emulator/dist/console-assets");
const consoleCopy = join(out, "console-assets");
const assets = files(consoleAssets);
if (assets.join("\n") !== files(consoleCopy).join("\n")) rmSync(consoleCopy, { recursive: true, force: true }); // assets added or removed
for (const f of assets) copyIfChanged(join(consoleAssets, f), join(consoleCopy, f), false);
