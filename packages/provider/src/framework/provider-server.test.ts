import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isUnknown, record, UNKNOWN, type Value, type ValueRecord } from "../cty/values.js";
import { completeObject } from "./objects.js";
import { path } from "./path.js";
import { ProviderServer } from "./provider-server.js";
import type { ProviderType, ResourceType } from "./resource.js";
import { attr, type Block } from "./schema.js";
import { oneOf } from "./validators.js";

const blk: Block = {
  attributes: {
    id: attr.string({ computed: true }),
    name: attr.string({ required: true, validators: [oneOf(["good", "slow", "fail-after-create", "boom"])] }),
  },
};

function makeProvider(calls: string[]): ProviderType<{ ok: boolean }> {
  const res: ResourceType<{ ok: boolean }> = {
    typeName: "t_thing",
    schema: { version: 1, block: blk },
    async create({ plan, diagnostics }) {
      calls.push("create");
      if (plan["name"] === "boom") throw new Error("kaboom");
      const state = record({ id: "id-1", name: plan["name"]! });
      if (plan["name"] === "fail-after-create") diagnostics.addError("Wait failed", "the object exists but never became ready");
      return state;
    },
    async read({ state, diagnostics }) {
      calls.push("read");
      if (state["name"] === "fail-after-create") {
        diagnostics.addError("Read failed", "transient");
        return null;
      }
      return state["id"] === "gone" ? null : state;
    },
    async delete({ prior, diagnostics }) {
      calls.push("delete");
      if (prior["name"] === "fail-after-create") diagnostics.addError("Delete failed", "still there");
    },
    upgradeState({ rawState }) {
      const raw = rawState as { identifier: string; name: string };
      return record({ id: raw.identifier, name: raw.name });
    },
  };
  return {
    typeName: "t",
    version: "0.0.1",
    schema: { version: 0, block: { attributes: {} } },
    async configure() {
      return { ok: true };
    },
    resources: [res],
    dataSources: [],
  };
}

async function configured(calls: string[] = []) {
  const server = new ProviderServer(makeProvider(calls), { log: () => {} });
  await server.configure(record(), "1.11.4");
  return server;
}

describe("ProviderServer", () => {
  it("validates attribute values with their paths", async () => {
    const server = await configured();
    const { diagnostics } = await server.validateResourceConfig("t_thing", record({ id: null, name: "bad" }));
    assert.equal(diagnostics.errors.length, 1);
    assert.deepEqual(diagnostics.errors[0]!.path, [{ kind: "attribute", name: "name" }]);
  });

  it("runs the resource's validateConfig again at plan, where values unknown at validate are known", async () => {
    const provider = makeProvider([]);
    const seen: Value[] = [];
    const checked: ResourceType<{ ok: boolean }> = {
      ...provider.resources[0]!,
      validateConfig({ config, diagnostics }) {
        seen.push(config["name"] ?? null);
        if (config["name"] === "slow") diagnostics.addError("Too slow", "", path("name"));
      },
    };
    const server = new ProviderServer({ ...provider, resources: [checked] }, { log: () => {} });
    await server.configure(record(), "1.11.4");
    assert.equal((await server.validateResourceConfig("t_thing", record({ id: null, name: UNKNOWN }))).diagnostics.errors.length, 0);
    const cfg = record({ id: null, name: "slow" });
    const { diagnostics } = await server.planResourceChange("t_thing", null, cfg, cfg, undefined);
    assert.deepEqual(diagnostics.errors.map((d) => d.summary), ["Too slow"]);
    assert.equal(seen.length, 2);
  });

  it("plans computed values unknown on create", async () => {
    const server = await configured();
    const cfg = record({ id: null, name: "good" });
    const { planned } = await server.planResourceChange("t_thing", null, cfg, cfg, undefined);
    assert.ok(isUnknown(planned!["id"]!));
  });

  it("a create that fails after the object exists returns the state, so Terraform taints rather than forgets it", async () => {
    const server = await configured();
    const plan = record({ id: null, name: "fail-after-create" });
    const { state, diagnostics } = await server.applyResourceChange("t_thing", null, plan, plan, undefined);
    assert.equal(diagnostics.hasErrors(), true);
    assert.equal(state?.["id"], "id-1");
  });

  it("an exception becomes an error diagnostic, never a crash", async () => {
    const server = await configured();
    const plan = record({ id: null, name: "boom" });
    const { state, diagnostics } = await server.applyResourceChange("t_thing", null, plan, plan, undefined);
    assert.equal(state, null);
    assert.match(diagnostics.toString(), /Unexpected error in t_thing \(create\): kaboom/);
  });

  it("a failed delete keeps the object in state", async () => {
    const server = await configured();
    const prior = record({ id: "id-1", name: "fail-after-create" });
    const { state } = await server.applyResourceChange("t_thing", prior, null, null, undefined);
    assert.equal(state?.["id"], "id-1");
  });

  it("a failed read keeps the object; a read that finds nothing removes it", async () => {
    const server = await configured();
    const failing = await server.readResource("t_thing", record({ id: "id-1", name: "fail-after-create" }), undefined);
    assert.equal(failing.state?.["id"], "id-1");
    const gone = await server.readResource("t_thing", record({ id: "gone", name: "good" }), undefined);
    assert.equal(gone.state, null);
  });

  it("round-trips private state it did not write", async () => {
    const server = await configured();
    const foreign = Buffer.from('{"e2bfb730-ecaa-11e6-8f88-34363bc7c4c0":{"create":3600000000000},"schema_version":"0"}');
    const { private: priv } = await server.readResource("t_thing", record({ id: "id-1", name: "good" }), foreign);
    assert.deepEqual(JSON.parse(Buffer.from(priv!).toString()), JSON.parse(foreign.toString()));
  });

  it("upgrades older state and refuses newer state", async () => {
    const server = await configured();
    const older = server.upgradeResourceState("t_thing", 0, () => null, () => ({ identifier: "x", name: "good" }));
    assert.deepEqual({ ...older.state }, { id: "x", name: "good" });
    const newer = server.upgradeResourceState("t_thing", 5, () => null, () => null);
    assert.match(newer.diagnostics.toString(), /newer provider/);
  });

  it("refuses to work unconfigured", async () => {
    const server = new ProviderServer(makeProvider([]), { log: () => {} });
    const plan = record({ id: null, name: "good" });
    const { diagnostics } = await server.applyResourceChange("t_thing", null, plan, plan, undefined);
    assert.match(diagnostics.toString(), /Provider not configured/);
  });

  it("a stop aborts in-flight work through the signal", async () => {
    const seen: AbortSignal[] = [];
    const provider = makeProvider([]);
    const slow: ResourceType<{ ok: boolean }> = {
      ...provider.resources[0]!,
      async create({ signal, plan }) {
        seen.push(signal);
        await new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))));
        return plan;
      },
    };
    const server = new ProviderServer({ ...provider, resources: [slow] }, { log: () => {} });
    await server.configure(record(), "1.11.4");
    const plan = record({ id: null, name: "slow" });
    const pending = server.applyResourceChange("t_thing", null, plan, plan, undefined);
    await new Promise((r) => setImmediate(r));
    server.stop();
    const { diagnostics, state } = await pending;
    assert.equal(seen[0]!.aborted, true);
    assert.match(diagnostics.toString(), /Interrupted/);
    assert.equal(state, null);
  });

  it("work that rejects with the signal's own reason is reported as interrupted, not as a bug", async () => {
    const logged: string[] = [];
    const provider = makeProvider([]);
    const slow: ResourceType<{ ok: boolean }> = {
      ...provider.resources[0]!,
      async create({ signal, plan }) {
        await new Promise((r) => signal.addEventListener("abort", r));
        signal.throwIfAborted();
        return plan;
      },
    };
    const server = new ProviderServer({ ...provider, resources: [slow] }, { log: (line) => logged.push(line) });
    await server.configure(record(), "1.11.4");
    const plan = record({ id: null, name: "slow" });
    const pending = server.applyResourceChange("t_thing", null, plan, plan, undefined);
    await new Promise((r) => setImmediate(r));
    server.stop();
    const { diagnostics } = await pending;
    assert.match(diagnostics.toString(), /Interrupted/);
    assert.doesNotMatch(diagnostics.toString(), /bug in the provider/);
    assert.equal(logged.filter((l) => l.includes("[ERROR]")).length, 0);
  });

  it("fills every attribute of returned objects", () => {
    const out = completeObject(blk, record({ name: "x" }) as ValueRecord);
    assert.deepEqual(Object.keys(out).sort(), ["id", "name"]);
  });

  it("has a schema Terraform accepts", async () => {
    const server = await configured();
    assert.deepEqual(server.checkSchemas(), []);
  });
});
