/**
 * Interrupts and create requests already on their way to Atlas.
 *
 * Terraform's Ctrl-C reaches the provider as StopProvider, which aborts the operation's signal.
 * Aborting a create request that may already have reached Atlas loses its answer, not the object:
 * Atlas carries the request out, and the object then exists while Terraform's state does not know
 * it — the next apply fails with "already exists" (found by the R2 campaign, docs/reliability.md).
 * So a create request is seen through for up to CREATE_GRACE_MS after an interrupt (Terraform
 * waits for in-flight operations after the first Ctrl-C; the official SDK allows a 30 s grace for
 * an in-flight refresh too), and the object it returns is recorded in state, tainted, with an
 * "Interrupted" error, without waiting for its status.
 */
export const CREATE_GRACE_MS = 30_000; // ms

export interface GraceSignal {
  /** Aborts `graceMs` after the operation's signal aborts (with its reason). */
  readonly signal: AbortSignal;
  dispose(): void;
}

export function graceSignal(signal: AbortSignal, graceMs: number = CREATE_GRACE_MS): GraceSignal {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    timer = setTimeout(() => controller.abort(signal.reason), graceMs);
    timer.unref();
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      signal.removeEventListener("abort", onAbort);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
