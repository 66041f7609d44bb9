/**
 * What a create does once Atlas has accepted the object: wait for its status and decide what the
 * state records. The rule both resources follow: from the moment Atlas answers the create, every
 * outcome returns the object's state (Terraform marks it tainted when there are errors), except
 * when the object is verifiably gone — deleted by the `delete_on_create_timeout` cleanup and
 * confirmed absent, or vanished from Atlas while being waited on.
 */
import { Diagnostics, type ValueRecord } from "../../framework/index.js";
import { addWaitProblem, timeoutText, type StatusSets } from "./status-wait.js";
import type { WaitResult } from "./wait.js";

export interface CreateWait<V> {
  /** The object in diagnostics, e.g. "private endpoint service 6b0… (AWS US_EAST_1, project 6a0…)". */
  readonly subject: string;
  /** "service" or "endpoint": the short name used in the sentences. */
  readonly noun: string;
  /** Summary of the errors (the official provider's wording). */
  readonly summary: string;
  /** Summary when the object ends in a failed status, when it differs from `summary`. */
  readonly failedSummary?: string;
  /** Start of the failed-status detail (the official provider's wording). */
  readonly failedText: string;
  readonly sets: StatusSets;
  readonly timeoutMs: number;
  /** The plan's delete_on_create_timeout (the official default is true). */
  readonly deleteOnTimeout: boolean;
  /** The state from the create answer. */
  readonly created: ValueRecord;
  wait(): Promise<WaitResult<V>>;
  toState(value: V): ValueRecord;
  /** The error message of a failed status, else undefined. */
  failure(value: V): string | undefined;
  /** Deletes the object and waits until Atlas confirms it is gone; true when confirmed. */
  cleanup(diagnostics: Diagnostics): Promise<boolean>;
}

export interface CreateSettled {
  /** What the state records: null only when the object is verifiably gone from Atlas. */
  readonly state: ValueRecord | null;
  /** True when the object reached a good target status (no diagnostics were added). */
  readonly ready: boolean;
}

export async function settleCreate<V>(c: CreateWait<V>, diagnostics: Diagnostics): Promise<CreateSettled> {
  const recorded = `The ${c.noun} is recorded in state (tainted): the next apply replaces it, or \`terraform untaint\` keeps it.`;
  const result = await c.wait();
  if (result.outcome === "target") {
    const state = c.toState(result.value!);
    const failed = c.failure(result.value!);
    if (failed === undefined) return { state, ready: true };
    diagnostics.addError(c.failedSummary ?? c.summary, `${c.failedText}: ${failed}\n\n${recorded}`);
    return { state, ready: false };
  }
  if (result.outcome === "timeout") {
    const waited = timeoutText(c.sets, result.lastState, c.timeoutMs);
    if (!c.deleteOnTimeout) {
      diagnostics.addError(c.summary, `${waited}\ncleanup won't be run because delete_on_create_timeout is false. ${recorded}`);
      return { state: c.created, ready: false };
    }
    const cleanup = new Diagnostics();
    if (await c.cleanup(cleanup)) {
      diagnostics.addError(
        c.summary,
        `${waited}\nwill run cleanup because delete_on_create_timeout is true: the ${c.noun} was deleted and Atlas confirmed it is gone, so nothing is left behind. Raise timeouts.create and apply again.`,
      );
      return { state: null, ready: false };
    }
    diagnostics.addError(c.summary, `${waited}\nwill run cleanup because delete_on_create_timeout is true, but the cleanup did not finish: ${cleanup.toString()}\n${recorded}`);
    return { state: c.created, ready: false };
  }
  if (result.outcome === "unexpected" && result.state === "DELETED") {
    diagnostics.addError(c.summary, `The ${c.subject} disappeared before it became available (deleted outside Terraform?). Nothing is left to track; apply again to create it.`);
    return { state: null, ready: false };
  }
  addWaitProblem(diagnostics, `waiting for the ${c.subject} to become available`, result, c.sets, recorded);
  return { state: c.created, ready: false };
}
