import { isUnknown, record, type ValueRecord } from "../../framework/index.js";

/** The planned object as the new state of an update Atlas has no say in (timeouts, the spelling of
 * an id): what the plan left unknown keeps its prior value. */
export function planAsState(plan: ValueRecord, prior: ValueRecord): ValueRecord {
  const out = record(Object.entries(plan));
  for (const k of Object.keys(out)) if (isUnknown(out[k]!)) out[k] = prior[k] ?? null;
  return out;
}
