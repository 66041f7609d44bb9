/**
 * Where things are, in the repository and in an installed package (`npm pack` layout), and the
 * user's cache directory.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = typeof __filename === "string" ? dirname(__filename) : dirname(fileURLToPath(import.meta.url));

function firstExisting(candidates: string[], what: string): string {
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`${what} not found (looked in ${candidates.join(", ")}); run npm run build first`);
}

/** The built provider executable. */
export function providerExecutable(): string {
  return firstExisting(
    [
      join(here, "provider/terraform-provider-mongodbatlas"), // installed package: dist/provider/
      join(here, "../../provider/dist/bin/terraform-provider-mongodbatlas"), // repo: packages/cli/dist → packages/provider
    ],
    "the provider executable",
  );
}

/** The quickstart example directory. */
export function examplesDir(): string {
  return firstExisting([join(here, "../examples"), join(here, "../../../examples")], "the examples directory"); // package: dist/../examples; repo: packages/cli/dist/../../../examples
}

/**
 * The command line that runs this CLI from any directory: `node <absolute path of its entry>`.
 * Printed in instructions instead of `npx atlas-privatelink`, which outside this repository asks
 * the npm registry for a package of that name. Bundled (CommonJS), the entry is this very file;
 * in the repository it is packages/cli/bin/atlas-privatelink.js.
 */
export function selfCommand(): string {
  const entry = typeof __filename === "string" ? __filename : join(here, "../bin/atlas-privatelink.js");
  return `node ${shellQuote(entry)}`;
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function cacheHome(env: NodeJS.ProcessEnv = process.env): string {
  return env["XDG_CACHE_HOME"] || (process.platform === "darwin" ? join(homedir(), "Library", "Caches") : join(homedir(), ".cache"));
}

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheHome(env), "atlas-privatelink");
}

export function osArch(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
  return `${os}_${arch}`;
}

