import type { CloudProvider } from "@atlas-privatelink/atlas-api";
import type { EmulatorEvents, ObjectRef, TransitionCause } from "../events.js";
import type { EndpointRow, LifecycleColumns, ServiceRow, Store } from "../store/store.js";
import { cloudRejection, notFoundMessage } from "./cloud.js";
import type { Clock } from "./clock.js";
import { timingOf, type Profile } from "./profile.js";
import {
  GONE,
  onDeleteRequested,
  onEndpointAvailable,
  timedRule,
  timedStep,
  type ObjectKind,
  type Step,
} from "./transitions.js";

/**
 * Drives the lifecycle: stores each object's next deadline (or read budget) when it enters a
 * status, and applies the pure table (`transitions.ts`) when a deadline passes. Deadlines are
 * emulator time (the injected clock) and live in the database, so a restart resumes them.
 *
 * Steps happen (a) on a real timer in `real` clock mode, (b) synchronously whenever the clock is
 * advanced, and (c) before every API request (`catchUp`), so a read never shows a status whose
 * deadline has passed even if the timer has not fired yet. A timed step takes effect at its
 * deadline: the next status's clock starts then, not when the step was noticed, so advancing a
 * manual clock by 10 s completes a chain of 1 s steps exactly.
 */
export interface SchedulerDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly events: EmulatorEvents;
  readonly profile: () => Profile;
  readonly onError?: (error: unknown) => void;
}

export interface Schedule {
  readonly nextAt: number | null;
  readonly readsLeft: number | null;
}

const BATCH = 256;
const MAX_TIMER_MS = 2 ** 31 - 1;

export function serviceRef(row: { id: string; projectId: string; provider: CloudProvider }): ObjectRef {
  return { type: "endpointService", id: row.id, projectId: row.projectId, provider: row.provider };
}

export function endpointRef(row: { serviceId: string; endpointId: string; projectId: string; provider: CloudProvider }): ObjectRef {
  return { type: "privateEndpoint", id: row.endpointId, serviceId: row.serviceId, projectId: row.projectId, provider: row.provider };
}

export class Scheduler {
  readonly #d: SchedulerDeps;
  #earliest: number | null;
  #timer: NodeJS.Timeout | undefined;
  #timerAt: number | null = null;
  #closed = false;
  #running = false;
  readonly #unsubscribeClock: () => void;

  constructor(deps: SchedulerDeps) {
    this.#d = deps;
    this.#earliest = deps.store.earliestDeadline();
    this.#unsubscribeClock = deps.clock.onChange(() => {
      this.runDue();
    });
    this.#arm();
  }

  close(): void {
    this.#closed = true;
    this.#unsubscribeClock();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The earliest pending deadline (emulator time), or null. */
  get nextDeadline(): number | null {
    return this.#earliest;
  }

  /** Schedule columns for an object entering `status` at `since`. */
  plan(kind: ObjectKind, provider: CloudProvider, status: string, since: number): Schedule {
    if (!timedRule(kind, provider, status)) return { nextAt: null, readsLeft: null };
    const timing = timingOf(this.#d.profile(), kind, provider, status);
    if (timing.afterReads === 0) return { nextAt: since, readsLeft: null };
    const nextAt = timing.afterMs === undefined ? null : since + timing.afterMs;
    return { nextAt, readsLeft: timing.afterReads ?? null };
  }

  /** Tells the scheduler a deadline was stored outside it (new objects). */
  scheduled(nextAt: number | null): void {
    if (nextAt === null) return;
    if (this.#earliest === null || nextAt < this.#earliest) {
      this.#earliest = nextAt;
      this.#arm();
    }
  }

  /** Applies every step that is due; cheap when nothing is (one comparison). */
  catchUp(): void {
    if (this.#earliest !== null && this.#d.clock.now() >= this.#earliest) this.runDue();
  }

  /** Applies every due step, in deadline order, until nothing is due. Returns how many. */
  runDue(): number {
    if (this.#closed || this.#running) return 0;
    this.#running = true;
    let applied = 0;
    try {
      for (;;) {
        const now = this.#d.clock.now();
        const { store } = this.#d;
        const services = store.dueServices(now, BATCH);
        const endpoints = store.dueEndpoints(now, BATCH);
        if (services.length === 0 && endpoints.length === 0) break;
        const work: { at: number; run: () => boolean }[] = [
          ...services.map((s) => ({ at: s.nextAt ?? now, run: () => this.#fireService(s.id, now) })),
          ...endpoints.map((e) => ({ at: e.nextAt ?? now, run: () => this.#fireEndpoint(e.serviceId, e.endpointId, now) })),
        ].sort((a, b) => a.at - b.at);
        this.#d.events.batch(() =>
          store.transaction(() => {
            for (const w of work) if (w.run()) applied++;
          }),
        );
        if (applied > 10_000_000) break; // defensive: the tables are acyclic, this never happens
      }
    } catch (error) {
      this.#d.onError?.(error);
    } finally {
      this.#running = false;
      this.#earliest = this.#d.store.earliestDeadline();
      this.#arm();
    }
    return applied;
  }

  /** Counts a read of a service whose pending step is read-based. */
  noteServiceRead(row: ServiceRow): void {
    if (row.readsLeft === null) return;
    const left = row.readsLeft - 1;
    if (left > 0) this.#d.store.setServiceSchedule(row.id, row.nextAt, left);
    else {
      const now = this.#d.clock.now();
      this.#d.store.setServiceSchedule(row.id, now, null);
      this.scheduled(now);
    }
  }

  noteEndpointRead(row: EndpointRow): void {
    if (row.readsLeft === null) return;
    const left = row.readsLeft - 1;
    if (left > 0) this.#d.store.setEndpointSchedule(row.serviceId, row.endpointId, row.nextAt, left);
    else {
      const now = this.#d.clock.now();
      this.#d.store.setEndpointSchedule(row.serviceId, row.endpointId, now, null);
      this.scheduled(now);
    }
  }

  /** Re-times every pending step after a profile change (from when its status was entered). */
  retime(): void {
    const { store } = this.#d;
    store.transaction(() => {
      for (const s of store.pendingServices()) {
        const p = this.plan("endpointService", s.provider, s.status, s.stateSince);
        store.setServiceSchedule(s.id, p.nextAt, p.readsLeft);
      }
      for (const e of store.pendingEndpoints()) {
        const p = this.plan("privateEndpoint", e.provider, e.status, e.stateSince);
        store.setEndpointSchedule(e.serviceId, e.endpointId, p.nextAt, p.readsLeft);
      }
    });
    this.#earliest = store.earliestDeadline();
    this.#arm();
    this.runDue();
  }

  // ---- applying steps ----------------------------------------------------------------------

  /** Moves a service to `step.to` (or removes it), with every consequence. */
  applyServiceStep(row: ServiceRow, step: Step, cause: TransitionCause, at: number): void {
    const { store, events } = this.#d;
    if (step.to === GONE) {
      for (const e of store.listEndpoints(row.id)) {
        store.deleteEndpoint(e.serviceId, e.endpointId);
        events.emit({ type: "deleted", object: endpointRef(e), at });
      }
      store.deleteService(row.id);
      events.emit({ type: "deleted", object: serviceRef(row), at });
      return;
    }
    const schedule = this.plan("endpointService", row.provider, step.to, at);
    const columns: LifecycleColumns = {
      status: step.to,
      errorMessage: step.errorMessage,
      stateSince: at,
      nextAt: schedule.nextAt,
      readsLeft: schedule.readsLeft,
      forced: step.to === "FAILED" ? null : row.forced,
    };
    store.setServiceState(row.id, columns);
    if ((step.to === "AVAILABLE" || step.to === "WAITING_FOR_USER") && !row.data.provisioned) {
      store.setServiceData(row.id, { ...row.data, provisioned: true });
    }
    this.scheduled(schedule.nextAt);
    events.emit({ type: "transition", object: serviceRef(row), from: row.status, to: step.to, errorMessage: step.errorMessage, cause, at });
  }

  /** Moves an endpoint to `step.to` (or removes it), with every consequence on its service. */
  applyEndpointStep(row: EndpointRow, step: Step, cause: TransitionCause, at: number): void {
    const { store, events } = this.#d;
    if (step.to === GONE) {
      store.deleteEndpoint(row.serviceId, row.endpointId);
      events.emit({ type: "deleted", object: endpointRef(row), at });
      if (this.#d.profile().options.deleteServiceWithLastEndpoint && store.countEndpoints(row.serviceId) === 0) {
        const service = store.getService(row.serviceId);
        if (service && service.status !== "DELETING") this.applyServiceStep(service, onDeleteRequested(), "cascade", at);
      }
      return;
    }
    const schedule = this.plan("privateEndpoint", row.provider, step.to, at);
    const deleteRequested = row.deleteRequested || step.to === "DELETING";
    store.setEndpointState(row.serviceId, row.endpointId, {
      status: step.to,
      errorMessage: step.errorMessage,
      deleteRequested,
      stateSince: at,
      nextAt: schedule.nextAt,
      readsLeft: schedule.readsLeft,
      forced: row.forced,
    });
    this.scheduled(schedule.nextAt);
    events.emit({ type: "transition", object: endpointRef(row), from: row.status, to: step.to, errorMessage: step.errorMessage, cause, at });
    if (step.to === "AVAILABLE") {
      const service = store.getService(row.serviceId);
      const next = service ? onEndpointAvailable(service.status) : undefined;
      if (service && next) this.applyServiceStep(service, next, "cascade", at);
    }
  }

  #fireService(id: string, now: number): boolean {
    const row = this.#d.store.getService(id);
    if (!row || row.nextAt === null || row.nextAt > now) return false;
    const options = this.#d.profile().options;
    const step = timedStep("endpointService", row.provider, row.status, { options, forced: row.forced, cloudRejection: null, notFoundMessage: null });
    if (!step) {
      this.#d.store.setServiceSchedule(row.id, null, null);
      return false;
    }
    this.applyServiceStep(row, step, "timer", row.nextAt);
    return true;
  }

  #fireEndpoint(serviceId: string, endpointId: string, now: number): boolean {
    const { store } = this.#d;
    const row = store.getEndpoint(serviceId, endpointId);
    if (!row || row.nextAt === null || row.nextAt > now) return false;
    const options = this.#d.profile().options;
    const step = timedStep("privateEndpoint", row.provider, row.status, {
      options,
      forced: row.forced,
      cloudRejection: cloudRejection(store, options.strictCloud, row),
      notFoundMessage: notFoundMessage(store, row),
    });
    if (!step) {
      store.setEndpointSchedule(row.serviceId, row.endpointId, null, null);
      return false;
    }
    this.applyEndpointStep(row, step, "timer", row.nextAt);
    return true;
  }

  #arm(): void {
    if (this.#closed) return;
    const { clock } = this.#d;
    const target = clock.mode === "real" ? this.#earliest : null;
    if (target === this.#timerAt && this.#timer) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = target;
    if (target === null) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, target - clock.now()));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = null;
      this.runDue();
    }, delay);
    this.#timer.unref();
  }
}
