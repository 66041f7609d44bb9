#!/usr/bin/env node
// The installable package (`npm pack` of the repository root): dist/atlas-privatelink.cjs (the
// CLI with the emulator and client bundled; better-sqlite3 stays a real dependency because it is
// a native addon) and dist/provider/terraform-provider-mongodbatlas (the provider executable).
import { build } from "esbuild";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist");
mkdirSync(join(out, "provider"), { recursive: true });
await build({
  entryPoints: [join(root, "packages/cli/src/bin.ts")],
  outfile: join(out, "atlas-privatelink.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["better-sqlite3"],
  banner: { js: "#!/usr/bin/env node" },
  legalComments: "linked",
  logLevel: "warning",
  // import.meta.url is used by ESM-only code paths; the bundle is CommonJS.
  define: { "import.meta.url": "__importMetaUrl" },
  inject: [join(root, "scripts/import-meta-url.cjs")],
});
chmodSync(join(out, "atlas-privatelink.cjs"), 0o755);
copyFileSync(join(root, "packages/provider/dist/bin/terraform-provider-mongodbatlas"), join(out, "provider/terraform-provider-mongodbatlas"));
chmodSync(join(out, "provider/terraform-provider-mongodbatlas"), 0o755);
// Browser assets of the emulator's web console, when built.
const consoleAssets = join(root, "packages/emulator/dist/console-assets");
rmSync(join(out, "console-assets"), { recursive: true, force: true });
if (existsSync(consoleAssets)) cpSync(consoleAssets, join(out, "console-assets"), { recursive: true });
console.error(`bundle: ${join(out, "atlas-privatelink.cjs")}`);
