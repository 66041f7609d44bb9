/**
 * Waiting on an Atlas object's status through the client, and the diagnostics for the outcomes.
 */
import { isNotFound } from "@atlas-privatelink/client";
import { formatGoDuration, type Diagnostics } from "../../framework/index.js";
import { describeAtlasError } from "./atlas-errors.js";
import type { ProviderData } from "./provider-data.js";
import { waitForState, type WaitResult } from "./wait.js";

export interface StatusSets {
  readonly pending: readonly string[];
  readonly target: readonly string[];
}

/** Polls `get` (a 404 reads as the state DELETED) until a target state. */
export function waitStatus<T>(
  pd: ProviderData,
  what: string,
  get: (signal: AbortSignal) => Promise<T>,
  statusOf: (value: T) => string,
  sets: StatusSets,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<WaitResult<T>> {
  return waitForState<T>({
    refresh: async () => {
      try {
        const value = await get(signal);
        return { state: statusOf(value), value };
      } catch (error) {
        if (isNotFound(error)) return { state: "DELETED", value: undefined };
        throw error;
      }
    },
    pending: sets.pending,
    target: sets.target,
    timeoutMs,
    policy: pd.poll,
    timer: pd.timer,
    signal,
    onState: (state, ms) => pd.log("info", `${what}: ${state} after ${ms} ms`),
  });
}

/** The official provider's timeout wording, so existing expectations still match. */
export function timeoutText(sets: StatusSets, lastState: string | undefined, timeoutMs: number): string {
  return `timeout while waiting for state to become '${sets.target.join(", ")}' (last state: '${lastState ?? ""}', timeout: ${formatGoDuration(timeoutMs)})`;
}

/** Adds the diagnostic for a wait that did not reach its target (except timeouts, which the
 * callers word themselves). */
export function addWaitProblem<T>(diagnostics: Diagnostics, action: string, result: WaitResult<T>, sets: StatusSets, recorded: string): void {
  switch (result.outcome) {
    case "interrupted":
      diagnostics.addError("Interrupted", `${action} was interrupted because Terraform asked the provider to stop. ${recorded}`);
      return;
    case "error": {
      const d = describeAtlasError(`while ${action}`, result.error);
      diagnostics.addError(d.summary, `${d.detail}\n\n${recorded}`);
      return;
    }
    case "unexpected":
      diagnostics.addError(
        `Unexpected status while ${action}`,
        `unexpected state '${result.state}', wanted target '${sets.target.join(", ")}'. ${recorded}`,
      );
      return;
    default:
      return;
  }
}
