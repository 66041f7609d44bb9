/**
 * Attribute plan modifiers, run while planning after computed values without configuration have
 * been marked unknown (on create, or on update when anything changed).
 */
import { isUnknown, valueEquals, type Value, type ValueRecord } from "../cty/values.js";
import type { CtyType } from "../cty/types.js";
import type { Diagnostics } from "./diagnostics.js";
import type { AttributePath } from "./path.js";

export interface PlanModifierRequest {
  readonly path: AttributePath;
  readonly type: CtyType;
  readonly config: Value;
  /** Prior state of this attribute; undefined on create. */
  readonly prior: Value | undefined;
  readonly planned: Value;
  readonly configObject: ValueRecord;
  readonly priorObject: ValueRecord | null;
  readonly plannedObject: ValueRecord;
  readonly diagnostics: Diagnostics;
}

export interface PlanModifierResponse {
  planned: Value;
  requiresReplace: boolean;
}

export interface PlanModifier {
  readonly description: string;
  modify(req: PlanModifierRequest, resp: PlanModifierResponse): void;
}

/** A change to this attribute destroys and recreates the resource (SDKv2 `ForceNew`). An
 * unknown planned value counts as a change. */
export function requiresReplace(): PlanModifier {
  return requiresReplaceIf("any change replaces the resource", () => true);
}

export function requiresReplaceIf(description: string, when: (req: PlanModifierRequest) => boolean): PlanModifier {
  return {
    description,
    modify(req, resp) {
      if (req.prior === undefined || req.priorObject === null) return; // create
      if (valueEquals(resp.planned, req.prior, req.type)) return;
      if (when(req)) resp.requiresReplace = true;
    },
  };
}

/** Keeps the prior value instead of "known after apply" for computed values that never change
 * once set (ids, names). */
export function useStateForUnknown(): PlanModifier {
  return {
    description: "the value does not change after creation",
    modify(req, resp) {
      if (req.prior === undefined || req.prior === null) return;
      if (!isUnknown(resp.planned)) return;
      if (req.config !== null && !isUnknown(req.config)) return;
      resp.planned = req.prior;
    },
  };
}

/** A free-form modifier. */
export function planModifier(description: string, modify: PlanModifier["modify"]): PlanModifier {
  return { description, modify };
}

/**
 * For optional+computed attributes that mirror SDKv2's "unset means zero value": left out of the
 * configuration, the attribute keeps whatever the state holds (null, "", false, [] alike — so a
 * state written by an SDKv2 provider shows no change), and is `onCreate` for a new resource.
 */
export function keepPriorWhenUnset(onCreate: Value = null): PlanModifier {
  return {
    description: "left out keeps the current value",
    modify(req, resp) {
      if (req.config !== null) return;
      resp.planned = req.prior === undefined ? onCreate : req.prior;
    },
  };
}
