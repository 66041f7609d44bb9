import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { CtyNumber } from "../cty/number.js";

import { UNKNOWN, isUnknown, record, type Value, type ValueRecord } from "../cty/values.js";
import { checkApplyCompatible, checkPlanValid } from "./consistency.js";
import { Diagnostics } from "./diagnostics.js";
import { completeObject } from "./objects.js";
import { requiresReplace, useStateForUnknown } from "./plan-modifiers.js";
import { planObject } from "./planning.js";
import { attr, block, blockType, type Block } from "./schema.js";

const b: Block = {
  attributes: {
    id: attr.string({ computed: true, planModifiers: [useStateForUnknown()] }),
    name: attr.string({ required: true, planModifiers: [requiresReplace()] }),
    note: attr.string({ optional: true }),
    status: attr.string({ computed: true }),
    mode: attr.string({ optional: true, computed: true, default: "auto" }),
    region_name: attr.string({ optional: true, computed: true }),
    settings: attr.nested("single", { level: attr.number({ computed: true }), flag: attr.bool({ optional: true }) }, { optional: true }),
  },
  blocks: {
    rule: block.list({ attributes: { port: attr.number({ required: true }), state: attr.string({ computed: true }) } }),
  },
};

/** What Terraform's ProposedNew does for this schema: config, plus prior values for computed
 * attributes the config leaves null. */
function proposed(config: ValueRecord, prior: ValueRecord | null): ValueRecord {
  const out = record(Object.entries(config));
  for (const [name, a] of Object.entries(b.attributes)) {
    if (a.computed && (config[name] ?? null) === null) out[name] = prior ? (prior[name] ?? null) : null;
  }
  // nested block elements pair with prior elements (by index for lists)
  const rules = config["rule"];
  const priorRules = prior?.["rule"];
  if (Array.isArray(rules)) {
    out["rule"] = rules.map((r, i) => {
      const pr = Array.isArray(priorRules) ? (priorRules[i] as ValueRecord | undefined) : undefined;
      const e = record(Object.entries(r as ValueRecord));
      if ((e["state"] ?? null) === null) e["state"] = pr?.["state"] ?? null;
      return e;
    });
  }
  return out;
}

function plan(config: ValueRecord, prior: ValueRecord | null) {
  const cfg = completeObject(b, config);
  const diagnostics = new Diagnostics();
  const out = planObject({ block: b, prior, proposed: proposed(cfg, prior), config: cfg, diagnostics });
  const problems = checkPlanValid(b, prior, cfg, out.planned);
  assert.deepEqual(problems, [], "plan must be valid for Terraform");
  return { ...out, diagnostics };
}

const priorState = completeObject(
  b,
  record({
    id: "abc",
    name: "one",
    note: "n",
    status: "READY",
    mode: "auto",
    region_name: "US_EAST_1",
    settings: null,
    rule: [record({ port: CtyNumber.of(80), state: "on" })],
  }),
);

describe("planning", () => {
  it("create: computed values unknown, defaults applied, config kept", () => {
    const { planned, requiresReplace: rr } = plan(record({ name: "one", rule: [record({ port: CtyNumber.of(80), state: null })] }), null);
    assert.ok(isUnknown(planned["id"]!));
    assert.ok(isUnknown(planned["status"]!));
    assert.ok(isUnknown(planned["region_name"]!));
    assert.equal(planned["mode"], "auto");
    assert.equal(planned["name"], "one");
    assert.ok(isUnknown((planned["rule"] as ValueRecord[])[0]!["state"]!), "computed attributes inside blocks too");
    assert.deepEqual(rr, []);
  });

  it("no change: the prior state is planned as is", () => {
    const { planned } = plan(record({ name: "one", note: "n", rule: [record({ port: CtyNumber.of(80), state: null })] }), priorState);
    assert.equal(planned["status"], "READY");
    assert.equal(planned["id"], "abc");
  });

  it("update: computed values become unknown except UseStateForUnknown ones", () => {
    const { planned, requiresReplace: rr } = plan(record({ name: "one", note: "changed", rule: [record({ port: CtyNumber.of(80), state: null })] }), priorState);
    assert.equal(planned["id"], "abc");
    assert.ok(isUnknown(planned["status"]!));
    assert.equal(planned["note"], "changed");
    assert.deepEqual(rr, []);
  });

  it("a RequiresReplace change is reported with its path, and unknown config counts as a change", () => {
    const changed = plan(record({ name: "two", note: "n", rule: [record({ port: CtyNumber.of(80), state: null })] }), priorState);
    assert.deepEqual(changed.requiresReplace, [[{ kind: "attribute", name: "name" }]]);
    const unknown = plan(record({ name: UNKNOWN, note: "n", rule: [record({ port: CtyNumber.of(80), state: null })] }), priorState);
    assert.deepEqual(unknown.requiresReplace, [[{ kind: "attribute", name: "name" }]]);
  });

  it("an optional+computed value set in config is planned as configured", () => {
    const { planned } = plan(record({ name: "one", region_name: "us-east-1", rule: [] }), priorState);
    assert.equal(planned["region_name"], "us-east-1");
  });
});

describe("apply consistency checks catch provider bugs", () => {
  const type = blockType(b);
  it("a changed known value", () => {
    const planned = completeObject(b, record({ name: "a", id: UNKNOWN, rule: [] }));
    const actual = completeObject(b, record({ name: "b", id: "x", rule: [] }));
    assert.match(checkApplyCompatible(type, planned, actual).join("\n"), /name: was "a", but now "b"/);
  });
  it("a value that stays unknown", () => {
    const planned = completeObject(b, record({ name: "a", id: UNKNOWN, rule: [] }));
    const actual = completeObject(b, record({ name: "a", id: UNKNOWN, rule: [] }));
    assert.match(checkApplyCompatible(type, planned, actual).join("\n"), /id: still unknown after apply/);
  });
  it("null that became a value", () => {
    const planned = completeObject(b, record({ name: "a", note: null, rule: [] }));
    const actual = completeObject(b, record({ name: "a", note: "x", rule: [] }));
    assert.match(checkApplyCompatible(type, planned, actual).join("\n"), /note: was null, but now "x"/);
  });
});

describe("property: plans are always valid for Terraform", () => {
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const str = fc.constantFrom("a", "b", "c");
  const configArb = fc.record({
    name: fc.oneof(str, fc.constant(UNKNOWN as Value)),
    note: maybe(fc.oneof(str, fc.constant(UNKNOWN as Value))),
    mode: maybe(str),
    region_name: maybe(str),
    rules: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
  });
  const priorArb = fc.option(
    fc.record({ name: str, note: maybe(str), status: str, mode: str, region_name: str, rules: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }) }),
    { nil: null },
  );
  it("for random configurations and prior states", () => {
    fc.assert(
      fc.property(configArb, priorArb, (c, p) => {
        const config = record({
          name: c.name,
          note: c.note,
          mode: c.mode,
          region_name: c.region_name,
          rule: c.rules.map((port) => record({ port: CtyNumber.of(port), state: null })),
        });
        const prior = p
          ? completeObject(
              b,
              record({
                id: "id1",
                name: p.name,
                note: p.note,
                status: p.status,
                mode: p.mode,
                region_name: p.region_name,
                rule: p.rules.map((port) => record({ port: CtyNumber.of(port), state: "on" })),
              }),
            )
          : null;
        plan(config, prior); // asserts validity
      }),
      { numRuns: 400 },
    );
  });
});

