/**
 * The framework through the real terraform binary, with the test-only `tsfixture` provider:
 * CRUD, no-change plans, in-place updates, RequiresReplace, import, validation errors pointing
 * at attributes, nested blocks and sets, big numbers, sensitive values, defaults, modifyPlan,
 * private state, state upgrades, timeouts, Ctrl-C, debug mode, and both install routes
 * (dev_overrides and a filesystem mirror).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { installDevOverride, installFilesystemMirror, type InstalledProvider } from "./harness/provider-install.js";
import { fixtureMain } from "./harness/paths.js";
import { terraformBinary, Workspace } from "./harness/terraform.js";

const SOURCE = "registry.terraform.io/example/tsfixture";
const header = (storeDir: string) => `
terraform {
  required_providers {
    tsfixture = { source = "example/tsfixture" }
  }
}
provider "tsfixture" {
  store_dir = ${JSON.stringify(storeDir)}
}
`;

function thing(body: string, name = "a"): string {
  return `resource "tsfixture_thing" "${name}" {\n${body}\n}\n`;
}

/** Terraform wraps diagnostic text at 78 columns: compare with whitespace collapsed. */
const flat = (s: string) => s.replace(/\s+/g, " ");

const storeFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : []);

describe("terraform binary", () => {
  it("is available (the e2e suite never skips without it)", () => {
    assert.ok(terraformBinary());
  });
});

describe("fixture provider via dev_overrides", () => {
  let install: InstalledProvider;
  let ws: Workspace;
  let store: string;
  before(() => {
    install = installDevOverride(SOURCE, { nodeScript: fixtureMain });
    ws = Workspace.create("fw", install.cliConfig);
    store = join(ws.dir, "store");
  });
  after(() => ws.cleanup());

  const base = `
  name        = "alpha"
  description = "first"
  size        = 12345678901234567890.5
  secret      = "hunter2"
  tags        = { team = "platform", env = "dev" }
  labels      = ["x", "y", "x"]
  settings    = { mode = "fast" }
  rule {
    port = 443
    protocol = "tcp"
  }
  rule {
    port = 80
  }
  member { name = "m1" }
  member { name = "m2" }
`;

  it("creates, then plans no changes", async () => {
    ws.write("main.tf", header(store) + thing(base));
    const apply = await ws.tf(["apply", "-auto-approve"]);
    assert.match(apply.stdout, /Apply complete! Resources: 1 added/);
    assert.match(apply.stdout, /secret\s+= \(sensitive value\)/);
    const plan = await ws.tf(["plan", "-detailed-exitcode"]);
    assert.equal(plan.code, 0, plan.stdout);
    assert.equal(storeFiles(store).length, 1);
  });

  it("keeps big numbers exact, computes nested values, dedupes sets, marks sensitive", () => {
    const r = ws.resource("tsfixture_thing.a")!;
    const raw = ws.read("terraform.tfstate");
    assert.match(raw, /"size": 12345678901234567890\.5\b/);
    assert.deepEqual([...(r.attributes["labels"] as string[])].sort(), ["x", "y"]);
    assert.deepEqual(r.attributes["settings"], { mode: "fast", level: 4 });
    assert.deepEqual(r.attributes["rule"], [
      { port: 443, protocol: "tcp", status: "active" },
      { port: 80, protocol: null, status: "active" },
    ]);
    assert.equal((r.attributes["member"] as unknown[]).length, 2);
    assert.equal(r.attributes["revision"], 1);
    assert.ok(JSON.stringify(r.sensitive_attributes).includes("secret"));
  });

  it("updates in place, keeping the id (UseStateForUnknown) and recomputing the rest", async () => {
    const before = ws.resource("tsfixture_thing.a")!.attributes["id"];
    ws.write("main.tf", header(store) + thing(base.replace('"first"', '"second"')));
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /tsfixture_thing\.a will be updated in-place/);
    assert.match(plan.stdout, /~ description = "first" -> "second"/);
    assert.match(plan.stdout, /~ revision\s+= 1 -> \(known after apply\)/);
    assert.doesNotMatch(plan.stdout, /~ id/);
    await ws.tf(["apply", "-auto-approve"]);
    const r = ws.resource("tsfixture_thing.a")!;
    assert.equal(r.attributes["id"], before);
    assert.equal(r.attributes["revision"], 2);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
  });

  it("replaces the resource when a RequiresReplace attribute changes", async () => {
    const before = ws.resource("tsfixture_thing.a")!.attributes["id"];
    ws.write("main.tf", header(store) + thing(base.replace('"alpha"', '"beta"').replace('"first"', '"second"')));
    const plan = await ws.tf(["plan", "-detailed-exitcode"], { expect: [2] });
    assert.match(plan.stdout, /tsfixture_thing\.a must be replaced/);
    assert.match(plan.stdout, /~ name\s+= "alpha" -> "beta" # forces replacement/);
    assert.match(plan.stdout, /~ id\s+= "[0-9a-f]+" -> \(known after apply\)/);
    await ws.tf(["apply", "-auto-approve"]);
    const r = ws.resource("tsfixture_thing.a")!;
    assert.notEqual(r.attributes["id"], before);
    assert.deepEqual(storeFiles(store), [`${String(r.attributes["id"])}.json`]);
    assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
  });

  it("reads a data source", async () => {
    ws.write(
      "main.tf",
      header(store) +
        thing(base.replace('"alpha"', '"beta"').replace('"first"', '"second"')) +
        `data "tsfixture_thing" "d" {\n  id = tsfixture_thing.a.id\n}\noutput "size" {\n  value = data.tsfixture_thing.d.size\n}\noutput "labels" {\n  value = data.tsfixture_thing.d.labels\n}\n`,
    );
    await ws.tf(["apply", "-auto-approve"]);
    const out = JSON.parse((await ws.tf(["output", "-json"])).stdout) as Record<string, { value: unknown }>;
    assert.deepEqual([...(out["labels"]!.value as string[])].sort(), ["x", "y"]);
    const raw = ws.read("terraform.tfstate");
    assert.match(raw, /"value": 12345678901234567890\.5/);
  });

  it("imports into a fresh state that matches the applied one, then plans no changes", async () => {
    const applied = ws.resource("tsfixture_thing.a")!;
    const fresh = Workspace.create("fw-import", install.cliConfig);
    try {
      fresh.write(
        "main.tf",
        header(store) + thing(base.replace('"alpha"', '"beta"').replace('"first"', '"second"')) + `import {\n  to = tsfixture_thing.a\n  id = ${JSON.stringify(applied.attributes["id"])}\n}\n`,
      );
      const plan = await fresh.tf(["plan", "-detailed-exitcode"], { expect: [2] });
      assert.match(plan.stdout, /Plan: 1 to import, 0 to add, 0 to change, 0 to destroy/);
      await fresh.tf(["apply", "-auto-approve"]);
      assert.deepEqual(fresh.resource("tsfixture_thing.a")!.attributes, applied.attributes);
      assert.equal((await fresh.tf(["plan", "-detailed-exitcode"])).code, 0);
      // the CLI import command too, with a bad id: the provider's own message
      fresh.write("main.tf", header(store) + thing(`  name = "gamma"`, "b"));
      const bad = await fresh.tf(["import", "tsfixture_thing.b", "no-such-id"], { expect: [1] });
      assert.match(bad.stderr, /Cannot import/);
      assert.match(flat(bad.stderr), /No thing with id "no-such-id"/);
    } finally {
      fresh.cleanup();
    }
  });

  it("applies defaults, shows modifyPlan's values at plan time, and round-trips private state", async () => {
    const w = Workspace.create("fw-extras", install.cliConfig);
    try {
      w.write("main.tf", header(store) + thing(`  name = "delta"\n  kind = "small"\n  description = "old"`, "d"));
      const plan = await w.tf(["plan"]);
      assert.match(plan.stdout, /\+ color\s+= "blue"/, "the default is in the plan");
      assert.match(plan.stdout, /\+ summary\s+= "delta:small"/, "modifyPlan's value is known at plan time");
      await w.tf(["apply", "-auto-approve"]);
      const privateOf = () => JSON.parse(Buffer.from(String((w.resource("tsfixture_thing.d") as unknown as { private: string }).private), "base64").toString("utf8")) as { origin: string; reads?: number };
      assert.equal(w.resource("tsfixture_thing.d")!.attributes["color"], "blue");
      assert.deepEqual(privateOf(), { origin: "create" });
      await w.tf(["apply", "-refresh-only", "-auto-approve"]);
      await w.tf(["apply", "-refresh-only", "-auto-approve"]);
      assert.deepEqual(privateOf(), { origin: "create", reads: 2 }, "what create wrote comes back to read, and read's changes are kept");
      assert.equal((await w.tf(["plan", "-detailed-exitcode"])).code, 0);

      // the same object as schema version 0 wrote it (`description` was `title`): upgraded on the next plan
      const state = JSON.parse(w.read("terraform.tfstate")) as { serial: number; resources: { instances: { schema_version: number; attributes: Record<string, unknown> }[] }[] };
      const instance = state.resources[0]!.instances[0]!;
      const { description, color: _color, summary: _summary, ...rest } = instance.attributes;
      instance.schema_version = 0;
      instance.attributes = { ...rest, title: description };
      state.serial += 1;
      w.write("terraform.tfstate", JSON.stringify(state, null, 2));
      assert.equal((await w.tf(["plan", "-detailed-exitcode"])).code, 0, "the upgraded state matches the configuration");
      await w.tf(["apply", "-refresh-only", "-auto-approve"]);
      const upgraded = w.resource("tsfixture_thing.d")!;
      assert.equal(upgraded.schema_version, 1);
      assert.equal(upgraded.attributes["description"], "old");
      assert.equal("title" in upgraded.attributes, false);
      await w.tf(["destroy", "-auto-approve"]);
    } finally {
      w.cleanup();
    }
  });

  it("points validation errors at the attribute and names what is accepted", async () => {
    const v = Workspace.create("fw-validate", install.cliConfig);
    try {
      v.write("main.tf", header(store) + thing(`  name = "ok"\n  kind = "medium"\n  tags = { forbidden = "x" }\n  timeouts {\n    create = "ten minutes"\n  }`));
      const r = await v.tf(["validate"], { expect: [1] });
      assert.match(r.stderr, /Error: Invalid value for kind/);
      assert.match(flat(r.stderr), /Expected one of "small", "large"; got "medium"\./);
      assert.match(r.stderr, /on main\.tf line \d+, in resource "tsfixture_thing" "a":\s*\n\s*\d+:\s+kind = "medium"/);
      assert.match(r.stderr, /Error: Tag not allowed/);
      assert.match(r.stderr, /\d+:\s+tags = \{ forbidden = "x" \}/);
      assert.match(r.stderr, /Error: Invalid value for timeouts\.create/);
      assert.match(flat(r.stderr), /got "ten minutes"/);
      // a value only known at plan time is checked at plan time
      v.write(
        "main.tf",
        header(store) + `resource "terraform_data" "k" {\n  input = "huge"\n}\n` + thing(`  name = "ok"\n  kind = terraform_data.k.output`),
      );
      await v.tf(["validate"]);
      const plan = await v.tf(["apply", "-auto-approve"], { expect: [1] });
      assert.match(plan.stderr, /Invalid value for kind/);
      assert.match(flat(plan.stderr), /got "huge"/);
      assert.equal(storeFiles(store).length, 1, "nothing was created");
    } finally {
      v.cleanup();
    }
  });

  it("enforces the create timeout", async () => {
    const t = Workspace.create("fw-timeout", install.cliConfig);
    try {
      const tstore = join(t.dir, "store");
      t.write("main.tf", header(tstore) + thing(`  name = "slow"\n  delay_ms = 60000\n  timeouts {\n    create = "300ms"\n  }`));
      const r = await t.tf(["apply", "-auto-approve"], { expect: [1] });
      assert.match(r.stderr, /Timed out/);
      assert.ok(r.ms < 20_000, `took ${r.ms} ms`);
      assert.equal(storeFiles(tstore).length, 0);
    } finally {
      t.cleanup();
    }
  });

  it("reports the provider's own diagnostic on Ctrl-C during a slow apply", async () => {
    const c = Workspace.create("fw-interrupt", install.cliConfig);
    try {
      const cstore = join(c.dir, "store");
      c.write("main.tf", header(cstore) + thing(`  name = "slow"\n  delay_ms = 120000`));
      let sent = false;
      const r = await c.tf(["apply", "-auto-approve"], {
        expect: "any",
        onOutput: (chunk, interrupt) => {
          if (!sent && chunk.includes("Creating...")) {
            sent = true;
            setTimeout(interrupt, 300);
          }
        },
      });
      assert.ok(sent, "the create started");
      assert.notEqual(r.code, 0);
      const all = r.stdout + r.stderr;
      assert.match(all, /Interrupt received/);
      assert.match(all, /Error: Interrupted/);
      assert.match(flat(all), /create was interrupted before the thing was made/);
      assert.doesNotMatch(all, /Plugin did not respond/);
      assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
    } finally {
      c.cleanup();
    }
  });

  it("destroys", async () => {
    await ws.tf(["destroy", "-auto-approve"]);
    assert.deepEqual(storeFiles(store), []);
  });
});

describe("fixture provider via a filesystem mirror", () => {
  it("installs with terraform init (lock file hash), applies, plans no changes, destroys", async () => {
    const install = installFilesystemMirror(SOURCE, "0.1.0", { nodeScript: fixtureMain });
    const ws = Workspace.create("fw-mirror", install.cliConfig);
    try {
      const store = join(ws.dir, "store");
      ws.write("main.tf", header(store).replace('source = "example/tsfixture"', 'source = "example/tsfixture", version = "~> 0.1"') + thing(`  name = "mirrored"`));
      const init = await ws.tf(["init"]);
      assert.match(init.stdout, /Installed example\/tsfixture v0\.1\.0 \(unauthenticated\)/);
      assert.match(ws.read(".terraform.lock.hcl"), /provider "registry\.terraform\.io\/example\/tsfixture"[\s\S]*version\s+= "0\.1\.0"[\s\S]*h1:/);
      await ws.tf(["apply", "-auto-approve"]);
      assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
      await ws.tf(["destroy", "-auto-approve"]);
      assert.deepEqual(storeFiles(store), []);
    } finally {
      ws.cleanup();
    }
  });
});

describe("provider executable", () => {
  it("explains itself and exits 1 when run by hand", async () => {
    const child = spawn(process.execPath, [fixtureMain], { env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 1);
    assert.equal(out, "", "nothing on stdout");
    assert.match(err, /This binary is a plugin/);
  });

  it("serves in debug mode for TF_REATTACH_PROVIDERS", async () => {
    const child = spawn(process.execPath, [fixtureMain, "--debug"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      let out = "";
      const reattach = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on("close", () => reject(new Error(`debug provider exited: ${out}`)));
      });
      const config = JSON.parse(reattach) as Record<string, { ProtocolVersion: number; Test: boolean }>;
      assert.equal(config[SOURCE]?.ProtocolVersion, 6);
      const ws = Workspace.create("fw-debug", "", { TF_REATTACH_PROVIDERS: reattach });
      try {
        ws.write("main.tf", header(join(ws.dir, "store")) + thing(`  name = "attached"`));
        await ws.tf(["apply", "-auto-approve"]);
        assert.equal((await ws.tf(["plan", "-detailed-exitcode"])).code, 0);
        // the provider survives Terraform's Shutdown calls in debug mode
        await ws.tf(["destroy", "-auto-approve"]);
        assert.equal(child.exitCode, null);
      } finally {
        ws.cleanup();
      }
    } finally {
      child.kill("SIGINT");
    }
  });
});
