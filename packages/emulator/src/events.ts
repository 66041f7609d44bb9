import { EventEmitter } from "node:events";
import type { CloudProvider } from "@atlas-privatelink/atlas-api";

/**
 * The in-process stream of object changes: every creation, lifecycle transition, update and
 * deletion, in order. The control API relays it as Server-Sent Events (`GET /_emulator/events`);
 * a console mounted later (a plugin passed to `buildApp`) subscribes to it for live updates.
 */
export type ObjectType = "org" | "project" | "apiKey" | "serviceAccount" | "endpointService" | "privateEndpoint" | "cloudEndpoint";

export interface ObjectRef {
  readonly type: ObjectType;
  readonly id: string;
  readonly projectId?: string;
  readonly serviceId?: string;
  readonly provider?: CloudProvider;
}

export type TransitionCause = "timer" | "reads" | "request" | "cascade" | "control";

export type EmulatorEvent =
  | { readonly type: "created"; readonly object: ObjectRef; readonly status?: string; readonly at: number }
  | {
      readonly type: "transition";
      readonly object: ObjectRef;
      readonly from: string;
      readonly to: string;
      readonly errorMessage: string | null;
      readonly cause: TransitionCause;
      readonly at: number;
    }
  | { readonly type: "updated"; readonly object: ObjectRef; readonly at: number }
  | { readonly type: "deleted"; readonly object: ObjectRef; readonly at: number }
  | { readonly type: "reset"; readonly at: number };

export class EmulatorEvents {
  readonly #emitter = new EventEmitter();
  /** Events collected during a store transaction, published after it commits. */
  #pending: EmulatorEvent[] | undefined;

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: (event: EmulatorEvent) => void): () => void {
    this.#emitter.on("event", listener);
    return () => this.#emitter.off("event", listener);
  }

  get listenerCount(): number {
    return this.#emitter.listenerCount("event");
  }

  /** Publishes now, or after the current `batch` ends. */
  emit(event: EmulatorEvent): void {
    if (this.#pending) this.#pending.push(event);
    else this.#publish(event);
  }

  /** Holds events raised inside `fn` and publishes them only if it returns (commits). */
  batch<T>(fn: () => T): T {
    if (this.#pending) return fn();
    this.#pending = [];
    let events: EmulatorEvent[] = [];
    try {
      const result = fn();
      events = this.#pending;
      return result;
    } finally {
      this.#pending = undefined;
      for (const e of events) this.#publish(e);
    }
  }

  #publish(event: EmulatorEvent): void {
    // A listener's failure must not break the request or transition that raised the event.
    for (const listener of this.#emitter.listeners("event") as ((e: EmulatorEvent) => void)[]) {
      try {
        listener(event);
      } catch {
        /* ignored: listeners are observers */
      }
    }
  }
}
