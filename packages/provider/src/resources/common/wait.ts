/**
 * Waiting for Atlas' asynchronous statuses, adaptively: poll soon after the request, then at
 * intervals that grow with the time already waited (a fraction of it, capped), so a wait ends
 * within about that fraction of the real lifecycle time — a second-long emulator transition
 * costs ~0.1 s of overshoot, a 4-minute GCP creation ~10 s — instead of the official provider's
 * fixed 5–10 s schedule. The clock, the sleep and the policy are injected (tests never sleep).
 */
import { realSleep } from "@atlas-privatelink/client";
export interface PollPolicy {
  /** Delay before the first poll. */
  readonly firstDelayMs: number;
  /** Shortest delay between polls. */
  readonly minDelayMs: number;
  /** Longest delay between polls. */
  readonly maxDelayMs: number;
  /** Delay as a fraction of the time already waited. */
  readonly fraction: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  firstDelayMs: 100,
  minDelayMs: 100,
  maxDelayMs: 10_000,
  fraction: 0.1,
};

export function nextPollDelay(policy: PollPolicy, elapsedMs: number, polls: number): number {
  if (polls === 0) return policy.firstDelayMs;
  return Math.min(policy.maxDelayMs, Math.max(policy.minDelayMs, elapsedMs * policy.fraction));
}

export interface Timer {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const REAL_TIMER: Timer = {
  now: () => Date.now(),
  sleep: realSleep,
};

export interface Observation<T> {
  /** The status the wait is about (e.g. `status`, `connectionStatus`); "DELETED" for a 404. */
  readonly state: string;
  readonly value: T | undefined;
}

export interface WaitOptions<T> {
  readonly refresh: () => Promise<Observation<T>>;
  readonly pending: readonly string[];
  readonly target: readonly string[];
  readonly timeoutMs: number;
  readonly policy: PollPolicy;
  readonly timer: Timer;
  readonly signal: AbortSignal;
  /** Called on every observed change of state (progress logging). */
  readonly onState?: (state: string, elapsedMs: number) => void;
}

export type WaitResult<T> =
  | { readonly outcome: "target"; readonly state: string; readonly value: T | undefined; readonly elapsedMs: number; readonly polls: number }
  | { readonly outcome: "timeout"; readonly lastState: string | undefined; readonly elapsedMs: number }
  | { readonly outcome: "unexpected"; readonly state: string; readonly value: T | undefined }
  | { readonly outcome: "error"; readonly error: unknown }
  | { readonly outcome: "interrupted" };

export async function waitForState<T>(o: WaitOptions<T>): Promise<WaitResult<T>> {
  const started = o.timer.now();
  let polls = 0;
  let last: string | undefined;
  for (;;) {
    const elapsed = o.timer.now() - started;
    const remaining = o.timeoutMs - elapsed;
    if (remaining <= 0) return { outcome: "timeout", lastState: last, elapsedMs: elapsed };
    try {
      await o.timer.sleep(Math.min(nextPollDelay(o.policy, elapsed, polls), remaining), o.signal);
    } catch {
      return { outcome: "interrupted" };
    }
    if (o.signal.aborted) return { outcome: "interrupted" };
    let observed: Observation<T>;
    try {
      observed = await o.refresh();
    } catch (error) {
      if (o.signal.aborted) return { outcome: "interrupted" };
      return { outcome: "error", error };
    }
    polls++;
    if (observed.state !== last) o.onState?.(observed.state, o.timer.now() - started);
    last = observed.state;
    if (o.target.includes(observed.state)) {
      return { outcome: "target", state: observed.state, value: observed.value, elapsedMs: o.timer.now() - started, polls };
    }
    if (!o.pending.includes(observed.state)) return { outcome: "unexpected", state: observed.state, value: observed.value };
  }
}

/** A timer whose clock only moves when it sleeps: waits run instantly in tests. */
export class ManualTimer implements Timer {
  private t: number;
  readonly sleeps: number[] = [];
  constructor(start = 0) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.t += ms;
  }
}
