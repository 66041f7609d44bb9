/**
 * The Atlas private-endpoint API emulator, as a library. `startEmulator()` runs it on a loopback
 * port (in memory unless given a dataDir) and returns its URL and bootstrap credentials;
 * `buildApp()` builds the Fastify app without listening (for `inject()` tests and for mounting
 * plugins such as a console).
 */
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import type { EmulatorCore } from "./core.js";
import type { EmulatorEvents } from "./events.js";
import { MAX_CLOCK_MS, parseDuration, type Clock } from "./lifecycle/clock.js";
import type { AppOptions } from "./options.js";
import type { Store } from "./store/store.js";

export { buildApp, createLogger, DEFAULT_BODY_LIMIT } from "./app.js";
export type { AppOptions, EmulatorPlugin, RateLimitOption } from "./options.js";
export { EmulatorCore, type BootstrapInfo } from "./core.js";
export { EmulatorEvents, type EmulatorEvent, type ObjectRef, type ObjectType, type TransitionCause } from "./events.js";
export { EmulatorClock, frozenClock, manualClock, parseDuration, realClock, type Clock, type ClockMode, type ClockState } from "./lifecycle/clock.js";
export {
  PROFILE_NAMES,
  ATLAS_RATE_LIMIT,
  describeProfile,
  resolveProfile,
  timingOf,
  type Profile,
  type ProfileInput,
  type ProfileName,
  type RateLimitSettings,
  type StepTiming,
} from "./lifecycle/profile.js";
export {
  DEFAULT_LIFECYCLE_OPTIONS,
  TIMED_RULES,
  GONE,
  transitionKey,
  type LifecycleOptions,
  type ObjectKind,
  type ForcedOutcome,
} from "./lifecycle/transitions.js";
export { parseFaultRule, type FaultRule, type FaultError } from "./faults/rules.js";
export { Store, DataDirInUseError, type StoreCounts } from "./store/store.js";
export { ApiError, EMULATOR_ERROR_CODES, allEmulatorErrorCodes } from "./http/api-error.js";
export type { RequestLogEntry } from "./http/request-log.js";
export type { ObjectsListing } from "./control/objects.js";
export { EMULATOR_VERSION } from "./version.js";
export { consolePlugin, CONSOLE_PATH, type ConsoleOptions, type WebConsole } from "./console/plugin.js";

export interface EmulatorOptions extends AppOptions {
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: a free port). */
  readonly port?: number;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly bootstrap: { readonly orgId: string; readonly projectId: string; readonly publicKey: string; readonly privateKey: string };
  readonly app: FastifyInstance;
  /** The emulator's state (store, scheduler, profile, faults…). */
  readonly emulator: EmulatorCore;
  readonly clock: Clock;
  readonly events: EmulatorEvents;
  readonly store: Store;
  /** Moves emulator time forward (ms or "90s"); returns how many lifecycle steps happened. */
  advance(duration: number | string): number;
  /** Same as `POST /_emulator/reset`. */
  reset(): void;
  /** `<url>/console?token=…`: a new one-time login link to the web console (undefined with
   * `console: false`). */
  consoleLoginUrl(): string | undefined;
  close(): Promise<void>;
}

/**
 * Starts the emulator on `host:port` (default 127.0.0.1, a free port), in memory unless
 * `dataDir` is given, quiet except for warnings unless `logger` says otherwise.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const app = await buildApp({ ...options, logger: options.logger ?? { level: "warn" } });
  const host = options.host ?? "127.0.0.1";
  try {
    await app.listen({ host, port: options.port ?? 0 });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : (options.port ?? 0);
  const core = app.emulator;
  const b = core.bootstrap!;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  let closed = false;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    bootstrap: { orgId: b.orgId, projectId: b.projectId, publicKey: b.publicKey, privateKey: b.privateKey },
    app,
    emulator: core,
    clock: core.clock,
    events: core.events,
    store: core.store,
    advance(duration) {
      const ms = parseDuration(duration, MAX_CLOCK_MS); // clock.advance refuses what passes the clock's range
      if (ms === undefined) throw new RangeError(`not a duration: ${String(duration)}`);
      return core.countTransitions(() => core.clock.advance(ms)).transitionsApplied;
    },
    reset() {
      core.reset();
    },
    consoleLoginUrl() {
      return app.webConsole?.loginUrl(`http://${urlHost}:${port}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
}
