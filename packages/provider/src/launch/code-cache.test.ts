/**
 * The built executable's V8 code cache (scripts/loader.cjs): written at exit under
 * $XDG_CACHE_HOME/atlas-privatelink/v8, files of other builds removed then, and
 * ATLAS_PRIVATELINK_CODE_CACHE=0 turns it off. Runs dist/bin/terraform-provider-mongodbatlas,
 * which the build makes before the unit tests run.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../plugin/handshake.js";

// dist/launch/code-cache.test.js → dist/bin/…
const executable = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "terraform-provider-mongodbatlas");
const buildId = /BUILD_ID="([0-9a-f]+)"/.exec(readFileSync(executable, "utf8").slice(0, 4096))?.[1];

/** Launches the executable as Terraform does (plaintext), waits for the handshake, then SIGTERM. */
function launchOnce(cacheHome: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"], XDG_CACHE_HOME: cacheHome, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6", ...extraEnv };
  const child = spawn(executable, [], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += String(d)));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += String(d);
      if (out.includes("\n")) child.kill("SIGTERM");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (!out.match(/^1\|6\|/)) reject(new Error(`no handshake (exit ${code ?? signal}): ${out}${err}`));
      else if (code !== 143) reject(new Error(`expected exit 143 after SIGTERM, got ${code ?? signal}: ${err}`));
      else resolve();
    });
  });
}

describe("the executable's V8 code cache", () => {
  it("the executable names its build id", () => {
    assert.match(buildId ?? "", /^[0-9a-f]{16}$/);
  });

  it("is written at exit for both payloads, and files of other builds are removed then", async () => {
    const cacheHome = mkdtempSync(join(tmpdir(), "code-cache-test-"));
    try {
      const dir = join(cacheHome, "atlas-privatelink", "v8");
      mkdirSync(dir, { recursive: true });
      const stale = ["bootstrap-0000000000000000-v20.0.0-x64.bin", "server-0000000000000000-v20.0.0-x64.bin"];
      const kept = [`bootstrap-${buildId}-v0.0.0-other.bin`, "unrelated.txt"];
      for (const f of [...stale, ...kept]) writeFileSync(join(dir, f), "x");

      await launchOnce(cacheHome);

      const files = readdirSync(dir).sort();
      const mine = `-${buildId}-${process.version}-${process.arch}.bin`;
      assert.deepEqual(files, [`bootstrap${mine}`, ...kept, `server${mine}`].sort());
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  it("ATLAS_PRIVATELINK_CODE_CACHE=0 neither writes nor removes anything", async () => {
    const cacheHome = mkdtempSync(join(tmpdir(), "code-cache-test-"));
    try {
      await launchOnce(cacheHome, { ATLAS_PRIVATELINK_CODE_CACHE: "0" });
      assert.ok(!existsSync(join(cacheHome, "atlas-privatelink")), "no cache directory");

      const dir = join(cacheHome, "atlas-privatelink", "v8");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "server-0000000000000000-v20.0.0-x64.bin"), "x");
      await launchOnce(cacheHome, { ATLAS_PRIVATELINK_CODE_CACHE: "0" });
      assert.deepEqual(readdirSync(dir), ["server-0000000000000000-v20.0.0-x64.bin"]);
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  });
});
