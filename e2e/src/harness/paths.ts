import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is e2e/dist/harness/paths.js once built). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
export const fixtureMain = join(repoRoot, "e2e/dist/fixture/main.js");
export const providerBundle = join(repoRoot, "packages/provider/dist/bin/terraform-provider-mongodbatlas");
export const examplesDir = join(repoRoot, "examples");
export const cliBin = join(repoRoot, "packages/cli/bin/atlas-privatelink.js");
