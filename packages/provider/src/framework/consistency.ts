/**
 * The consistency rules Terraform enforces on providers, as checks that return problems instead
 * of failing a user's apply: "Provider produced invalid plan" (a planned value that contradicts
 * the configuration) and "Provider produced inconsistent result after apply" (a result that
 * contradicts a known planned value). Tests run every plan and apply through them.
 */
import type { CtyType } from "../cty/types.js";
import { isRecord, isUnknown, valueEquals, type Value, type ValueRecord } from "../cty/values.js";
import { attributeType, type Block } from "./schema.js";

export function checkPlanValid(b: Block, prior: ValueRecord | null, config: ValueRecord | null, planned: ValueRecord | null): string[] {
  const problems: string[] = [];
  if ((config === null) !== (planned === null)) {
    problems.push(config === null ? "planned for existence but config wants absence" : "planned for absence but config wants existence");
    return problems;
  }
  if (config && planned) checkBlockPlan(b, prior, config, planned, "", problems);
  return problems;
}

function checkBlockPlan(b: Block, prior: ValueRecord | null, config: ValueRecord, planned: ValueRecord, at: string, problems: string[]): void {
  for (const [name, a] of Object.entries(b.attributes)) {
    const path = at ? `${at}.${name}` : name;
    const c = config[name] ?? null;
    const p = planned[name] ?? null;
    const pr = prior?.[name] ?? null;
    const type = attributeType(a);
    if (a.computed && c === null) continue; // anything goes
    if (!a.computed && c === null) {
      if (p !== null) problems.push(`${path}: planned value for a non-computed attribute must be null when config is null`);
      continue;
    }
    if (isUnknown(c)) {
      if (!isUnknown(p)) problems.push(`${path}: planned a known value for an unknown configuration value`);
      continue;
    }
    if (a.nested && isRecord(c) && isRecord(p)) {
      checkBlockPlan({ attributes: a.nested.attributes }, isRecord(pr) ? pr : null, c, p, path, problems);
      continue;
    }
    if (a.nested && Array.isArray(c) && Array.isArray(p)) {
      if (c.length !== p.length && a.nested.nesting === "list") problems.push(`${path}: planned ${p.length} elements for ${c.length} configured`);
      c.forEach((ce, i) => {
        const pe = p[i];
        if (isRecord(ce) && pe !== undefined && isRecord(pe)) {
          const pre = Array.isArray(pr) ? pr[i] : undefined;
          checkBlockPlan({ attributes: a.nested!.attributes }, pre !== undefined && isRecord(pre) ? pre : null, ce, pe, `${path}[${i}]`, problems);
        }
      });
      continue;
    }
    if (!valueEquals(p, c, type) && !(pr !== null && valueEquals(p, pr, type))) {
      problems.push(`${path}: planned value ${show(p)} does not match config value ${show(c)}${pr !== null ? ` nor prior value ${show(pr)}` : ""}`);
    }
  }
  for (const [name, nb] of Object.entries(b.blocks ?? {})) {
    const path = at ? `${at}.${name}` : name;
    const c = config[name] ?? null;
    const p = planned[name] ?? null;
    const pr = prior?.[name] ?? null;
    if (nb.nesting === "single" || nb.nesting === "group") {
      if ((c === null) !== (p === null)) problems.push(`${path}: block planned ${p === null ? "absent" : "present"} but configured ${c === null ? "absent" : "present"}`);
      else if (isRecord(c) && isRecord(p)) checkBlockPlan(nb.block, isRecord(pr) ? pr : null, c, p, path, problems);
      continue;
    }
    if (nb.nesting === "list" || nb.nesting === "set") {
      if (p === null) {
        problems.push(`${path}: an absent ${nb.nesting} block must be planned as an empty collection, not null`);
        continue;
      }
      if (!Array.isArray(c) || !Array.isArray(p)) continue;
      if (nb.nesting === "list" && c.length !== p.length) problems.push(`${path}: planned ${p.length} blocks for ${c.length} configured`);
      c.forEach((ce, i) => {
        const pe = p[i];
        if (pe !== undefined && isUnknown(pe)) problems.push(`${path}[${i}]: a block element may not be wholly unknown`);
        if (isRecord(ce) && pe !== undefined && isRecord(pe)) {
          const pre = Array.isArray(pr) ? pr[i] : undefined;
          checkBlockPlan(nb.block, pre !== undefined && isRecord(pre) ? pre : null, ce, pe, `${path}[${i}]`, problems);
        }
      });
    }
  }
}

/** Apply results must keep every known planned value, stay null where planned null, and be
 * wholly known. */
export function checkApplyCompatible(type: CtyType, planned: Value, actual: Value, at = ""): string[] {
  const problems: string[] = [];
  compatible(type, planned, actual, at, problems);
  return problems;
}

function compatible(type: CtyType, planned: Value, actual: Value, at: string, problems: string[]): void {
  if (isUnknown(actual)) {
    problems.push(`${at || "(root)"}: still unknown after apply`);
    return;
  }
  if (isUnknown(planned)) {
    const refinements = planned.refinements;
    if (refinements.notNull && actual === null) problems.push(`${at}: planned as not null, but is null`);
    if (refinements.stringPrefix && typeof actual === "string" && !actual.startsWith(refinements.stringPrefix)) {
      problems.push(`${at}: planned to start with ${JSON.stringify(refinements.stringPrefix)}`);
    }
    checkWhollyKnown(actual, at, problems);
    return;
  }
  if (planned === null) {
    if (actual !== null) problems.push(`${at}: was null, but now ${show(actual)}`);
    return;
  }
  switch (type.kind) {
    case "object": {
      if (!isRecord(planned) || !isRecord(actual)) break;
      for (const k of Object.keys(type.attributes)) compatible(type.attributes[k]!, planned[k] ?? null, actual[k] ?? null, at ? `${at}.${k}` : k, problems);
      return;
    }
    case "list":
    case "tuple": {
      if (!Array.isArray(planned) || !Array.isArray(actual)) break;
      if (planned.length !== actual.length) {
        problems.push(`${at}: planned ${planned.length} elements, got ${actual.length}`);
        return;
      }
      planned.forEach((e, i) => compatible(type.kind === "list" ? type.element : type.elements[i]!, e, actual[i]!, `${at}[${i}]`, problems));
      return;
    }
    case "map": {
      if (!isRecord(planned) || !isRecord(actual)) break;
      for (const k of Object.keys(planned)) compatible(type.element, planned[k]!, actual[k] ?? null, `${at}["${k}"]`, problems);
      return;
    }
    case "set":
      if (Array.isArray(planned) && Array.isArray(actual) && actual.length > planned.length) problems.push(`${at}: set grew from ${planned.length} to ${actual.length}`);
      return;
    default:
      if (!valueEquals(planned, actual, type)) problems.push(`${at}: was ${show(planned)}, but now ${show(actual)}`);
      return;
  }
  if (!valueEquals(planned, actual, type)) problems.push(`${at}: was ${show(planned)}, but now ${show(actual)}`);
}

function checkWhollyKnown(v: Value, at: string, problems: string[]): void {
  if (isUnknown(v)) problems.push(`${at}: still unknown after apply`);
  else if (Array.isArray(v)) v.forEach((e, i) => checkWhollyKnown(e, `${at}[${i}]`, problems));
  else if (isRecord(v)) for (const k of Object.keys(v)) checkWhollyKnown(v[k]!, `${at}.${k}`, problems);
}

function show(v: Value): string {
  if (isUnknown(v)) return "(unknown)";
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? "null";
  } catch {
    return String(v);
  }
}

