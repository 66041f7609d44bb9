/**
 * The installable package: `npm pack` of the repository, installed into an empty project (as a
 * user would, from the tarball alone: no source tree), runs the CLI, installs the provider, and
 * runs the quick start.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./harness/paths.js";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("npm pack", () => {
  it("produces a package that installs and runs without the source tree", async () => {
    const packDir = mkdtempSync(join(tmpdir(), "pack-"));
    dirs.push(packDir);
    const pack = await sh("npm", ["pack", "--pack-destination", packDir], repoRoot);
    assert.equal(pack.code, 0, pack.out);
    const tarball = join(packDir, "atlas-privatelink-0.1.0.tgz");
    assert.ok(existsSync(tarball), pack.out);

    const project = mkdtempSync(join(tmpdir(), "pack-install-"));
    dirs.push(project);
    // npm 11 asks projects to approve dependencies' install scripts (better-sqlite3 builds its
    // native addon); docs/getting-started.md tells users the same.
    writeFileSync(join(project, "package.json"), '{ "name": "user-project", "version": "1.0.0", "private": true, "allowScripts": { "better-sqlite3": true } }\n');
    const install = await sh("npm", ["install", tarball], project);
    assert.equal(install.code, 0, install.out);

    const home = mkdtempSync(join(tmpdir(), "pack-home-"));
    dirs.push(home);
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, ".cache") };
    delete env["TF_CLI_CONFIG_FILE"];
    const version = await sh("npx", ["--no-install", "atlas-privatelink", "--version"], project, env);
    assert.match(version.out, /atlas-privatelink 2\.16\.0/);
    const inst = await sh("npx", ["--no-install", "atlas-privatelink", "install"], project, env);
    assert.equal(inst.code, 0, inst.out);
    assert.ok(existsSync(join(home, ".terraform.d/plugins/registry.terraform.io/mongodb/mongodbatlas/2.16.0/linux_amd64/terraform-provider-mongodbatlas_v2.16.0")));
    const quick = await sh("npx", ["--no-install", "atlas-privatelink", "quickstart"], project, env);
    assert.equal(quick.code, 0, quick.out);
    assert.match(quick.out, /the emulator holds nothing/);
  });
});
