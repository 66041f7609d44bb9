/**
 * The atlas-privatelink command and `npm start`, as a new user runs them: fresh HOME (no caches,
 * no ~/.terraform.d), the real terraform binary.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { cliBin, examplesDir, repoRoot } from "./harness/paths.js";
import { terraformBinary } from "./harness/terraform.js";

const homes: string[] = [];
after(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

/** A fresh HOME, as on a new machine (terraform stays on PATH). */
function freshEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), "fresh-home-"));
  homes.push(home);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, CHECKPOINT_DISABLE: "1", ...extra };
  delete env["XDG_CACHE_HOME"];
  delete env["XDG_DATA_HOME"];
  delete env["TF_CLI_CONFIG_FILE"];
  delete env["MONGODB_ATLAS_BASE_URL"];
  return env;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot, timeoutMs = 180_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm start (the quick start)", () => {
  it("runs the seed example end to end on a fresh HOME and exits 0", async () => {
    const env = freshEnv();
    const r = await run(process.execPath, [join(repoRoot, "scripts/start.mjs")], env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /INITIATING → AVAILABLE/);
    assert.match(r.stdout, /PENDING_ACCEPTANCE → PENDING/);
    assert.match(r.stdout, /PENDING → AVAILABLE/);
    assert.match(r.stdout, /endpoint_service_name\s+= "com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
    assert.match(r.stdout, /No changes: the configuration matches Atlas\./);
    assert.match(r.stdout, /Done in [\d.]+ s; the emulator holds nothing\./);
    assert.match(r.stdout, /apply \/ lifecycle\s+[\d.]+×/);
    assert.ok(!existsSync(join(env["HOME"]!, ".terraform.d")), "the quick start installs nothing into HOME's plugin dir");
    const workspace = /^\s+workspace\s+(\S+)$/m.exec(r.stdout)?.[1];
    assert.ok(workspace, r.stdout);
    assert.ok(!existsSync(workspace), "a successful run removes its temporary workspace");
  });

  it("keeps the workspace, and says where, when a step fails", async () => {
    const bin = mkdtempSync(join(tmpdir(), "failing-terraform-"));
    homes.push(bin);
    writeFileSync(join(bin, "terraform"), "#!/bin/sh\necho 'Error: simulated failure' >&2\nexit 1\n");
    chmodSync(join(bin, "terraform"), 0o755);
    const r = await run(process.execPath, [join(repoRoot, "scripts/start.mjs")], freshEnv({ TERRAFORM_BINARY: join(bin, "terraform") }));
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /terraform init failed/);
    const kept = /quickstart: the workspace is kept for inspection: (\S+)/.exec(r.stderr)?.[1];
    assert.ok(kept, r.stderr);
    homes.push(kept);
    assert.ok(existsSync(join(kept, "main.tf")), "the failed run's workspace is still there");
  });

  it("--keep prints commands that work from any directory (plan: no changes; watch), and Ctrl-C cleans up", async () => {
    const env = freshEnv();
    const child = spawn(process.execPath, [join(repoRoot, "scripts/start.mjs"), "--keep"], { env, cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      const printed: string[] = [];
      await new Promise<void>((resolve, reject) => {
        let listing = false;
        createInterface({ input: child.stdout }).on("line", (l) => {
          if (l === "In another shell:") listing = true;
          else if (listing) printed.push(l.replace(/\s+#.*$/, "").trim());
          if (l.startsWith("  export TF_CLI_CONFIG_FILE=")) resolve();
        });
        void closed.then((code) => reject(new Error(`quickstart --keep exited ${code}: ${stderr}`)));
      });
      const cd = printed.find((l) => l.startsWith("cd "))!;
      const plan = printed.find((l) => / terraform plan$/.test(l))!;
      const watchCmd = printed.find((l) => / watch$/.test(l))!;
      assert.ok(cd && plan && watchCmd, printed.join("\n"));
      assert.doesNotMatch(plan, /npx/, "npx outside the repository asks the npm registry");
      const workspace = cd.slice(3);
      // Exactly what was printed, run by a shell in a directory outside the repository.
      const elsewhere = mkdtempSync(join(tmpdir(), "elsewhere-"));
      homes.push(elsewhere);
      const p = await run("/bin/sh", ["-c", `${cd} && ${plan} -detailed-exitcode -no-color`], env, elsewhere);
      assert.equal(p.code, 0, p.stdout + p.stderr);
      assert.match(p.stdout, /No changes\./);
      const w = await run("/bin/sh", ["-c", `${watchCmd} --once`], env, elsewhere);
      assert.equal(w.code, 0, w.stdout + w.stderr);
      assert.match(w.stdout, /AWS\s+US_EAST_1\s+[0-9a-f]{24}\s+AVAILABLE\s+vpce-[0-9a-f]{17}\s+AVAILABLE/);

      child.kill("SIGINT");
      assert.equal(await closed, 0, stderr);
      assert.ok(!existsSync(workspace), "stopping --keep removes the workspace");
      assert.ok(!existsSync(join(env["HOME"]!, ".cache/atlas-privatelink/emulator.json")), "and the connection file");
    } finally {
      child.kill("SIGINT"); // after a failed assertion too: the quick start removes its workspace
      await closed;
    }
  });
});

describe("atlas-privatelink install", () => {
  it("installs where terraform finds it without configuration; init resolves ~> 2.0 to it; --uninstall undoes it", async () => {
    const env = freshEnv();
    const r = await run(process.execPath, [cliBin, "install"], env);
    assert.equal(r.code, 0, r.stderr);
    const file = join(env["HOME"]!, ".terraform.d/plugins/registry.terraform.io/mongodb/mongodbatlas/2.16.0/linux_amd64/terraform-provider-mongodbatlas_v2.16.0");
    assert.ok(existsSync(file), r.stdout);
    assert.match(r.stdout, /Undo: atlas-privatelink install --uninstall/);
    const dir = mkdtempSync(join(tmpdir(), "install-init-"));
    homes.push(dir);
    writeFileSync(join(dir, "empty.tfrc"), "");
    copyFileSync(join(examplesDir, "aws/main.tf"), join(dir, "main.tf"));
    const tfEnv = { ...env, TF_CLI_CONFIG_FILE: join(dir, "empty.tfrc") };
    const init = await run(terraformBinary(), ["init", "-no-color"], tfEnv, dir);
    assert.equal(init.code, 0, init.stdout + init.stderr);
    assert.match(init.stdout, /Installed mongodb\/mongodbatlas v2\.16\.0 \(unauthenticated\)/);
    const validate = await run(terraformBinary(), ["validate", "-no-color"], tfEnv, dir);
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
    const un = await run(process.execPath, [cliBin, "install", "--uninstall"], env);
    assert.equal(un.code, 0);
    assert.ok(!existsSync(file));
  });

  it("--mirror DIR and --dev-overrides print a working CLI configuration; a bad --version and a --mirror without its folder are refused", async () => {
    const env = freshEnv();
    const mirror = join(env["HOME"]!, "mirror");
    const m = await run(process.execPath, [cliBin, "install", "--mirror", mirror, "--version", "2.17.3"], env);
    assert.equal(m.code, 0, m.stderr);
    assert.ok(existsSync(join(mirror, "registry.terraform.io/mongodb/mongodbatlas/2.17.3/linux_amd64/terraform-provider-mongodbatlas_v2.17.3")));
    assert.match(m.stdout, /filesystem_mirror \{/);
    const d = await run(process.execPath, [cliBin, "install", "--dev-overrides"], env);
    assert.match(d.stdout, /dev_overrides \{\n\s+"registry\.terraform\.io\/mongodb\/mongodbatlas" = ".+"/);
    const bad = await run(process.execPath, [cliBin, "install", "--version", "2.x"], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--version must look like 2\.16\.0/);
    // --mirror without its folder is refused, not taken for the default install.
    const noDir = await run(process.execPath, [cliBin, "install", "--mirror"], env);
    assert.equal(noDir.code, 2, noDir.stdout);
    assert.match(noDir.stderr, /--mirror takes a folder \(the mirror's root\); got nothing/);
    assert.ok(!existsSync(join(env["HOME"]!, ".terraform.d")), "nothing installed into HOME's plugin dir");
  });
});

describe("atlas-privatelink emulator + terraform + watch", () => {
  it("terraform runs against the running emulator, watch shows statuses, stopping removes the connection file", async () => {
    const env = freshEnv();
    const emulator = spawn(process.execPath, [cliBin, "emulator", "--port", "0", "--in-memory", "--profile", "instant"], { env, stdio: ["ignore", "pipe", "pipe"] });
    try {
      let consoleLink = "";
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: emulator.stdout }).on("line", (l) => {
          const c = /^\s+console\s+(\S+)\s+\(one-time login link\)$/.exec(l);
          if (c) consoleLink = c[1]!;
          const m = /atlas-privatelink emulator ready: (\S+)/.exec(l);
          if (m) resolve(m[1]!);
        });
        emulator.on("close", (code) => reject(new Error(`emulator exited ${code}`)));
      });
      // The printed console link logs a browser in once: it answers with a session cookie and a
      // redirect to the clean /console URL, and a second use is refused.
      assert.match(consoleLink, new RegExp(`^${url.replace(/[.]/g, "\\.")}/console\\?token=\\S+$`));
      const login = await fetch(consoleLink, { redirect: "manual" });
      assert.equal(login.status, 303);
      assert.equal(new URL(login.headers.get("location")!, url).pathname, "/console");
      assert.match(login.headers.get("set-cookie") ?? "", /HttpOnly/i);
      const again = await fetch(consoleLink, { redirect: "manual" });
      assert.doesNotMatch(again.headers.get("set-cookie") ?? "", /HttpOnly/i, "a used link does not log in again");
      const connection = JSON.parse(readFileSync(join(env["HOME"]!, ".cache/atlas-privatelink/emulator.json"), "utf8")) as { url: string; privateKey: string };
      assert.equal(connection.url, url);
      assert.ok(connection.privateKey.length > 0);

      const dir = mkdtempSync(join(tmpdir(), "cli-tf-"));
      homes.push(dir);
      copyFileSync(join(examplesDir, "aws/main.tf"), join(dir, "main.tf"));
      const tf = (...args: string[]) => run(process.execPath, [cliBin, "terraform", ...args, ...(args[0] === "apply" || args[0] === "destroy" ? ["-auto-approve"] : [])], env, dir);
      for (const args of [["init", "-no-color"], ["apply", "-no-color"]]) {
        const r = await tf(...args);
        assert.equal(r.code, 0, r.stdout + r.stderr);
      }
      const plan = await tf("plan", "-detailed-exitcode", "-no-color");
      assert.equal(plan.code, 0, plan.stdout + plan.stderr);

      const w = await run(process.execPath, [cliBin, "watch", "--once", "--provider", "AWS"], env);
      assert.equal(w.code, 0, w.stderr);
      assert.match(w.stdout, /PROVIDER\s+REGION\s+SERVICE\s+STATUS\s+ENDPOINT\s+STATUS/);
      assert.match(w.stdout, /AWS\s+US_EAST_1\s+[0-9a-f]{24}\s+AVAILABLE\s+vpce-0a1b2c3d4e5f60718\s+AVAILABLE/);

      const destroy = await tf("destroy", "-no-color");
      assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
    } finally {
      emulator.kill("SIGINT");
      await new Promise((r) => emulator.on("close", r));
    }
    assert.ok(!existsSync(join(env["HOME"]!, ".cache/atlas-privatelink/emulator.json")), "the connection file is removed");
    const none = await run(process.execPath, [cliBin, "terraform", "plan"], env);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no running emulator found/);
  });

  it("a restart on the default (persistent) data dir keeps the private key; Atlas credentials in the environment are not sent to the emulator", async () => {
    // Real-looking Atlas credentials of every kind the providers read: the provider would prefer
    // them to the emulator's key, and the emulator refuses them.
    const env = freshEnv({
      MONGODB_ATLAS_ACCESS_TOKEN: "real-atlas-token",
      MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_real",
      MONGODB_ATLAS_CLIENT_SECRET: "mdb_sa_sk_real",
      MONGODB_ATLAS_PUBLIC_API_KEY: "realpubkey",
      MONGODB_ATLAS_PRIVATE_API_KEY: "real-private-key",
    });
    const start = async () => {
      const child = spawn(process.execPath, [cliBin, "emulator", "--port", "0", "--profile", "instant"], { env, stdio: ["ignore", "pipe", "pipe"] });
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on("line", (l) => {
          lines.push(l);
          if (/atlas-privatelink emulator ready: /.test(l)) resolve();
        });
        child.on("close", (code) => reject(new Error(`emulator exited ${code}: ${lines.join("\n")}`)));
      });
      const stop = async () => {
        child.kill("SIGINT");
        await new Promise((r) => child.on("close", r));
      };
      return { out: lines.join("\n"), stop };
    };
    const connectionFile = join(env["HOME"]!, ".cache/atlas-privatelink/emulator.json");
    const dir = mkdtempSync(join(tmpdir(), "cli-restart-"));
    homes.push(dir);
    copyFileSync(join(examplesDir, "aws/main.tf"), join(dir, "main.tf"));
    const tf = (...args: string[]) => run(process.execPath, [cliBin, "terraform", ...args, "-no-color"], env, dir);

    const first = await start();
    let key: string;
    try {
      assert.match(first.out, /data: .*\.local\/share\/atlas-privatelink-emulator/, "the default data dir is persistent");
      key = (JSON.parse(readFileSync(connectionFile, "utf8")) as { privateKey: string }).privateKey;
      assert.ok(key.length > 0);
      for (const args of [["init"], ["apply", "-auto-approve"]]) {
        const r = await tf(...args);
        assert.equal(r.code, 0, r.stdout + r.stderr);
      }
    } finally {
      await first.stop();
    }
    assert.ok(!existsSync(connectionFile), "stopping removes the connection file");

    const second = await start();
    try {
      assert.doesNotMatch(second.out, /unknown: pass --private-key/);
      assert.match(second.out, new RegExp(`private key\\s+${key.replace(/[^\w]/g, "\\$&")}$`, "m"));
      const keyFile = join(env["HOME"]!, ".local/share/atlas-privatelink-emulator/atlas-privatelink-key.json");
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);
      // The refresh reads both objects with Digest auth, with the key saved before the restart.
      const plan = await tf("plan", "-detailed-exitcode");
      assert.equal(plan.code, 0, plan.stdout + plan.stderr);
      const destroy = await tf("destroy", "-auto-approve");
      assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
    } finally {
      await second.stop();
    }
  });

  it("prints usage and refuses unknown commands", async () => {
    const env = freshEnv();
    const help = await run(process.execPath, [cliBin, "--help"], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /atlas-privatelink quickstart/);
    const bad = await run(process.execPath, [cliBin, "frobnicate"], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown command "frobnicate"/);
  });
});
