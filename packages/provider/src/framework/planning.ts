/**
 * Planning, following Terraform's consistency rules (objchange.AssertPlanValid) the way
 * terraform-plugin-framework does:
 *   1. start from the proposed new state (config values; prior values for computed attributes
 *      the configuration leaves null);
 *   2. optional+computed attributes with a default take it when the configuration is null;
 *   3. on create, or when anything differs from the prior state, computed attributes without
 *      configuration become unknown ("known after apply"), everywhere in the object;
 *   4. attribute plan modifiers run (UseStateForUnknown, RequiresReplace, …) and may report
 *      paths that force replacement.
 */
import { UNKNOWN, isRecord, isUnknown, record, valueEquals, type Value, type ValueRecord } from "../cty/values.js";
import type { CtyType } from "../cty/types.js";
import type { Diagnostics } from "./diagnostics.js";
import type { AttributePath } from "./path.js";
import type { PlanModifier, PlanModifierResponse } from "./plan-modifiers.js";
import { attributeType, blockType, nestedBlockType, nestingOf, type Attribute, type Block, type Nesting } from "./schema.js";

export interface PlanInput {
  readonly block: Block;
  readonly prior: ValueRecord | null;
  readonly proposed: ValueRecord;
  readonly config: ValueRecord;
  readonly diagnostics: Diagnostics;
}

export interface PlanOutput {
  readonly planned: ValueRecord;
  readonly requiresReplace: AttributePath[];
}

export function planObject(input: PlanInput): PlanOutput {
  const { block: b, prior, config, diagnostics } = input;
  let planned = applyDefaults(b, input.proposed, config);
  const changed = prior === null || !valueEquals(planned, prior, blockType(b));
  if (changed) planned = markComputedUnknown(b, planned, config);
  const requiresReplace: AttributePath[] = [];
  planned = runModifiers(b, planned, config, prior, [], { configRoot: config, priorRoot: prior, plannedRoot: planned, diagnostics, requiresReplace });
  return { planned, requiresReplace };
}

// ---- step 2: defaults ----------------------------------------------------------------------

function applyDefaults(b: Block, planned: ValueRecord, config: ValueRecord): ValueRecord {
  let out: ValueRecord | null = null;
  for (const [name, a] of Object.entries(b.attributes)) {
    if (a.default !== undefined && (config[name] ?? null) === null) {
      out ??= record(Object.entries(planned));
      out[name] = a.default;
    }
  }
  return out ?? planned;
}

// ---- step 3: computed → unknown --------------------------------------------------------------

function markComputedUnknown(b: Block, planned: ValueRecord, config: ValueRecord | null): ValueRecord {
  const out = record(Object.entries(planned));
  for (const [name, a] of Object.entries(b.attributes)) {
    const c = config?.[name] ?? null;
    if (a.computed && c === null && a.default === undefined) {
      out[name] = UNKNOWN;
      continue;
    }
    if (a.nested && c !== null && !isUnknown(c)) {
      out[name] = mapNested(a.nested.nesting, out[name] ?? null, c, null, [], (p, cfg) => markComputedUnknown({ attributes: a.nested!.attributes }, p, cfg));
    }
  }
  for (const [name, nb] of Object.entries(b.blocks ?? {})) {
    out[name] = mapNested(nestingOf(nb), out[name] ?? null, config?.[name] ?? null, null, [], (p, cfg) => markComputedUnknown(nb.block, p, cfg));
  }
  return out;
}

// ---- step 4: plan modifiers --------------------------------------------------------------------

interface ModifierContext {
  readonly configRoot: ValueRecord;
  readonly priorRoot: ValueRecord | null;
  readonly plannedRoot: ValueRecord;
  readonly diagnostics: Diagnostics;
  readonly requiresReplace: AttributePath[];
}

function runModifiers(
  b: Block,
  planned: ValueRecord,
  config: ValueRecord | null,
  prior: ValueRecord | null,
  path: AttributePath,
  ctx: ModifierContext,
): ValueRecord {
  let out: ValueRecord | null = null;
  const set = (name: string, v: Value) => {
    out ??= record(Object.entries(planned));
    out[name] = v;
  };
  for (const [name, a] of Object.entries(b.attributes)) {
    const p: AttributePath = [...path, { kind: "attribute", name }];
    const modified = modifyAttribute(a, planned[name] ?? null, config?.[name] ?? null, prior === null ? undefined : (prior[name] ?? null), p, ctx);
    if (modified !== (planned[name] ?? null)) set(name, modified);
  }
  for (const [name, nb] of Object.entries(b.blocks ?? {})) {
    const p: AttributePath = [...path, { kind: "attribute", name }];
    let v = (out ?? planned)[name] ?? null;
    v = mapNested(nestingOf(nb), v, config?.[name] ?? null, prior?.[name] ?? null, p, (e, c, pr, ep) => runModifiers(nb.block, e, c, pr, ep, ctx));
    v = runPlanModifiers(nb.planModifiers, nestedBlockType(nb), v, config?.[name] ?? null, prior === null ? undefined : (prior[name] ?? null), p, ctx);
    if (v !== (planned[name] ?? null)) set(name, v);
  }
  return out ?? planned;
}

function modifyAttribute(a: Attribute, planned: Value, config: Value, prior: Value | undefined, p: AttributePath, ctx: ModifierContext): Value {
  let v = planned;
  if (a.nested) {
    v = mapNested(a.nested.nesting, v, config, prior ?? null, p, (e, c, pr, ep) => runModifiers({ attributes: a.nested!.attributes }, e, c, pr, ep, ctx));
  }
  return runPlanModifiers(a.planModifiers, attributeType(a), v, config, prior, p, ctx);
}

/** Runs an attribute's or a block's plan modifiers on its planned value; records a replacement they ask for. */
function runPlanModifiers(
  modifiers: readonly PlanModifier[] | undefined,
  type: CtyType,
  planned: Value,
  config: Value,
  prior: Value | undefined,
  path: AttributePath,
  ctx: ModifierContext,
): Value {
  if (!modifiers?.length) return planned;
  const resp: PlanModifierResponse = { planned, requiresReplace: false };
  for (const m of modifiers) {
    m.modify(
      {
        path,
        type,
        config,
        prior,
        planned: resp.planned,
        configObject: ctx.configRoot,
        priorObject: ctx.priorRoot,
        plannedObject: ctx.plannedRoot,
        diagnostics: ctx.diagnostics,
      },
      resp,
    );
  }
  if (resp.requiresReplace) ctx.requiresReplace.push(path);
  return resp.planned;
}

/** Applies `f` to each object element of a planned nested value, pairing it with the config and
 * prior elements at the same index/key (sets: same position, the best available pairing), and
 * returns `planned` itself when `f` changed nothing. */
function mapNested(
  nesting: Nesting,
  planned: Value,
  config: Value,
  prior: Value,
  path: AttributePath,
  f: (p: ValueRecord, c: ValueRecord | null, pr: ValueRecord | null, path: AttributePath) => ValueRecord,
): Value {
  if (planned === null || isUnknown(planned)) return planned;
  const rec = (v: Value | undefined): ValueRecord | null => (v !== undefined && isRecord(v) ? v : null);
  switch (nesting) {
    case "single":
      return isRecord(planned) ? f(planned, rec(config), rec(prior), path) : planned;
    case "list":
    case "set": {
      if (!Array.isArray(planned)) return planned;
      let changed = false;
      const out = planned.map((e, i) => {
        if (!isRecord(e)) return e;
        const c = Array.isArray(config) ? rec(config[i]) : null;
        const pr = Array.isArray(prior) ? rec(prior[i]) : null;
        const r = f(e, c, pr, nesting === "list" ? [...path, { kind: "index", index: i }] : path);
        if (r !== e) changed = true;
        return r;
      });
      return changed ? out : planned;
    }
    case "map": {
      if (!isRecord(planned)) return planned;
      const out = record();
      let changed = false;
      for (const k of Object.keys(planned)) {
        const e = planned[k]!;
        const r = isRecord(e)
          ? f(e, isRecord(config) ? rec(config[k]) : null, isRecord(prior) ? rec(prior[k]) : null, [...path, { kind: "key", key: k }])
          : e;
        if (r !== e) changed = true;
        out[k] = r;
      }
      return changed ? out : planned;
    }
  }
}
