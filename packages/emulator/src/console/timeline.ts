import type { EmulatorEvent, ObjectRef } from "../events.js";
import type { TimelineEntry } from "./types.js";

/**
 * Per-object timelines of status changes, fed by the emulator's event stream from the moment the
 * console is mounted (so from start-up when it is mounted by default). Memory is bounded: a few
 * dozen entries per object and a few thousand objects (the oldest forgotten first); an object's
 * timeline is dropped when the object is deleted. Objects older than the process (a reopened data
 * directory) start with one `observed` entry made from their stored status and its time.
 */
export const MAX_ENTRIES_PER_OBJECT = 50;
export const MAX_OBJECTS = 5000;

export function serviceKey(id: string): string {
  return `es:${id}`;
}

export function endpointKey(serviceId: string, endpointId: string): string {
  return `pe:${serviceId}/${endpointId}`;
}

export function keyOf(ref: ObjectRef): string | undefined {
  if (ref.type === "endpointService") return serviceKey(ref.id);
  if (ref.type === "privateEndpoint" && ref.serviceId !== undefined) return endpointKey(ref.serviceId, ref.id);
  return undefined;
}

export class Timelines {
  readonly #entries = new Map<string, TimelineEntry[]>();

  constructor(
    readonly maxEntries = MAX_ENTRIES_PER_OBJECT,
    readonly maxObjects = MAX_OBJECTS,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  record(event: EmulatorEvent): void {
    if (event.type === "reset") {
      this.#entries.clear();
      return;
    }
    const key = keyOf(event.object);
    if (key === undefined) return;
    if (event.type === "deleted") {
      this.#entries.delete(key);
      return;
    }
    const at = new Date(event.at).toISOString();
    if (event.type === "created" && event.status !== undefined) {
      this.#set(key, [{ at, from: null, to: event.status, cause: "created", errorMessage: null }]);
    } else if (event.type === "transition") {
      const list = this.#entries.get(key) ?? [];
      list.push({ at, from: event.from, to: event.to, cause: event.cause, errorMessage: event.errorMessage });
      if (list.length > this.maxEntries) list.splice(0, list.length - this.maxEntries);
      this.#set(key, list);
    }
  }

  /** The timeline of one object; `current` stands in when nothing was seen of it yet. */
  of(key: string, current: { status: string; since: number; errorMessage: string | null }): TimelineEntry[] {
    const list = this.#entries.get(key);
    if (list && list.length > 0) return list;
    return [{ at: new Date(current.since).toISOString(), from: null, to: current.status, cause: "observed", errorMessage: current.errorMessage }];
  }

  #set(key: string, list: TimelineEntry[]): void {
    // Re-insertion keeps the map in least-recently-changed order, so eviction drops the stalest.
    this.#entries.delete(key);
    this.#entries.set(key, list);
    if (this.#entries.size > this.maxObjects) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
