import { useEffect, useReducer } from "preact/hooks";
import type { CloudRegistration, ConsoleChange, ConsoleState, EmulatorSummary, EndpointView, OrgView, ProjectView, ServiceView } from "../types.js";
import { api } from "./api.js";
import { shortEndpointName } from "./format.js";

/**
 * The page's state: a snapshot from `GET /console/api/state`, then patched object by object by
 * the live stream (`GET /console/api/events`). A re-read (after a reset, a new project, a
 * reconnection, or counts that no longer match) never overwrites an object that a live event
 * changed while the re-read was in flight.
 */
export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly kind: "info" | "error";
}

export interface Announcement {
  readonly id: number;
  readonly text: string;
}

export interface ModelState {
  readonly loaded: boolean;
  readonly principal: string;
  readonly summary: EmulatorSummary | null;
  readonly orgs: readonly OrgView[];
  readonly projects: readonly ProjectView[];
  readonly services: ReadonlyMap<string, ServiceView>;
  readonly endpoints: ReadonlyMap<string, EndpointView>;
  readonly cloud: readonly CloudRegistration[];
  readonly operations: readonly string[];
  readonly truncated: boolean;
  readonly live: "connecting" | "live" | "reconnecting";
  readonly notices: readonly Notice[];
  readonly announcements: readonly Announcement[];
}

type Listener = () => void;

class Model {
  state: ModelState = {
    loaded: false,
    principal: "",
    summary: null,
    orgs: [],
    projects: [],
    services: new Map(),
    endpoints: new Map(),
    cloud: [],
    operations: [],
    truncated: false,
    live: "connecting",
    notices: [],
    announcements: [],
  };
  readonly #listeners = new Set<Listener>();
  /** Live changes applied so far, and which object each last touched (for re-read merges). */
  #changeSeq = 0;
  readonly #touched = new Map<string, number>();
  #nextId = 1;

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set(patch: Partial<ModelState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.#listeners) l();
  }

  get changeSeq(): number {
    return this.#changeSeq;
  }

  /** A snapshot taken when `changeSeq` was `since`. */
  load(snapshot: ConsoleState, since: number): void {
    const services = new Map(snapshot.services.map((s) => [s.key, s] as const));
    const endpoints = new Map(snapshot.endpoints.map((e) => [e.key, e] as const));
    // Objects a live event touched after the snapshot was asked for keep the event's version.
    for (const [key, seq] of this.#touched) {
      if (seq <= since) continue;
      const map = key.startsWith("es:") ? services : endpoints;
      const current = (key.startsWith("es:") ? this.state.services : this.state.endpoints).get(key);
      if (current) (map as Map<string, ServiceView | EndpointView>).set(key, current);
      else map.delete(key);
    }
    this.#touched.clear();
    this.set({
      loaded: true,
      summary: snapshot.summary,
      orgs: snapshot.orgs,
      projects: snapshot.projects,
      services,
      endpoints,
      cloud: snapshot.cloud,
      operations: snapshot.operations,
      truncated: snapshot.truncated,
    });
  }

  apply(change: ConsoleChange): void {
    this.#changeSeq++;
    switch (change.kind) {
      case "service": {
        const s = change.service;
        const before = this.state.services.get(s.key);
        const services = new Map(this.state.services);
        services.set(s.key, s);
        this.#touched.set(s.key, this.#changeSeq);
        this.set({ services });
        if (change.transition && before?.status !== s.status) {
          this.announce(`${s.provider} endpoint service ${s.regionName}: ${change.transition.from ? `${change.transition.from} → ` : "created, "}${s.status}`);
        }
        break;
      }
      case "endpoint": {
        const e = change.endpoint;
        const before = this.state.endpoints.get(e.key);
        const endpoints = new Map(this.state.endpoints);
        endpoints.set(e.key, e);
        this.#touched.set(e.key, this.#changeSeq);
        this.set({ endpoints });
        if (change.transition && before?.status !== e.status) {
          this.announce(`${e.provider} endpoint ${shortEndpointName(e.endpointId)}: ${change.transition.from ? `${change.transition.from} → ` : "created, "}${e.status}`);
        }
        break;
      }
      case "removed": {
        this.#touched.set(change.key, this.#changeSeq);
        if (change.key.startsWith("es:")) {
          const services = new Map(this.state.services);
          const had = services.delete(change.key);
          const id = change.key.slice(3);
          const endpoints = new Map([...this.state.endpoints].filter(([, e]) => e.serviceId !== id));
          this.set({ services, endpoints });
          if (had) this.announce(`${change.label} is gone`);
        } else {
          const endpoints = new Map(this.state.endpoints);
          const had = endpoints.delete(change.key);
          this.set({ endpoints });
          if (had) this.announce(`${change.label} is gone`);
        }
        break;
      }
      case "refresh":
        scheduleRefresh();
        break;
    }
  }

  announce(text: string): void {
    const announcements = [...this.state.announcements, { id: this.#nextId++, text }].slice(-5);
    this.set({ announcements });
  }

  notify(text: string, kind: Notice["kind"] = "info"): void {
    const notice = { id: this.#nextId++, text, kind };
    this.set({ notices: [...this.state.notices, notice].slice(-4) });
    setTimeout(() => this.set({ notices: this.state.notices.filter((n) => n.id !== notice.id) }), kind === "error" ? 8000 : 3500);
  }
}

export const model = new Model();

/** Re-renders the calling component on every model change. */
export function useModel(): ModelState {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => model.subscribe(() => bump(undefined)), []);
  return model.state;
}

// ---- re-reading the snapshot -------------------------------------------------------------------
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing = false;
let refreshAgain = false;

export async function refresh(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    const since = model.changeSeq;
    model.load(await api.state(), since);
  } catch (error) {
    model.notify(`Could not read the emulator's state: ${(error as Error).message}`, "error");
  } finally {
    refreshing = false;
    if (refreshAgain) {
      refreshAgain = false;
      void refresh();
    }
  }
}

/** Coalesces bursts of "re-read" hints into one request. */
export function scheduleRefresh(delayMs = 150): void {
  if (refreshTimer !== undefined) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    void refresh();
  }, delayMs);
}

/** Runs an action; reports its failure as a notice (and its success when `done` is given). */
export async function act<T>(action: () => Promise<T>, done?: string | ((result: T) => string)): Promise<T | undefined> {
  try {
    const result = await action();
    if (done !== undefined) model.notify(typeof done === "function" ? done(result) : done);
    return result;
  } catch (error) {
    model.notify((error as Error).message, "error");
    return undefined;
  }
}

// ---- the live stream -----------------------------------------------------------------------
let source: EventSource | undefined;

export function connectLive(): void {
  source?.close();
  const es = new EventSource("/console/api/events");
  source = es;
  es.addEventListener("open", () => {
    model.set({ live: "live" });
    // Whatever happened while the stream was down.
    void refresh();
  });
  es.addEventListener("change", (event) => {
    try {
      model.apply(JSON.parse((event as MessageEvent<string>).data) as ConsoleChange);
    } catch {
      scheduleRefresh();
    }
  });
  es.addEventListener("error", () => {
    model.set({ live: "reconnecting" });
    if (es.readyState === EventSource.CLOSED) {
      // The server refused the stream (a 401 after logout or a restart): find out why, then retry.
      setTimeout(() => {
        api.session().then(
          () => connectLive(),
          () => setTimeout(connectLive, 2000),
        );
      }, 1000);
    }
  });
}

/** Clock and counts, every 2 s: the clock moves in real-time mode, and objects created without
 * an event (a bulk seed into an existing project) show up when the counts disagree. */
export function pollSummary(): void {
  const tick = async () => {
    try {
      const summary = await api.summary();
      const s = model.state;
      model.set({ summary });
      const c = summary.counts;
      const mismatch =
        !s.truncated &&
        (c["endpointServices"] !== s.services.size ||
          c["privateEndpoints"] !== s.endpoints.size ||
          c["projects"] !== s.projects.length ||
          c["orgs"] !== s.orgs.length ||
          c["cloudEndpoints"] !== s.cloud.length);
      if (mismatch) scheduleRefresh();
    } catch {
      /* the live indicator already says so */
    }
  };
  setInterval(() => {
    if (document.visibilityState === "visible") void tick();
  }, 2000);
}
