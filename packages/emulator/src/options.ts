import type { FastifyInstance } from "fastify";
import type { ConsoleOptions } from "./console/plugin.js";
import type { Logger } from "pino";
import type { DigestAlgorithm } from "./auth/secrets.js";
import type { EmulatorCore } from "./core.js";
import type { Clock } from "./lifecycle/clock.js";
import type { ProfileInput, ProfileName } from "./lifecycle/profile.js";

/** A plugin mounted into the emulator's Fastify app (e.g. the web console), with access to the
 * emulator's state and event stream. */
export type EmulatorPlugin = (app: FastifyInstance, emulator: EmulatorCore) => void | Promise<void>;

export interface RateLimitOption {
  readonly enabled?: boolean;
  readonly capacity?: number;
  readonly refill?: number;
  /** ms, or a duration string such as "60s". */
  readonly periodMs?: number | string;
}

/** Options of `buildApp` (and `startEmulator`, which adds host/port). */
export interface AppOptions {
  /** Directory of the SQLite database. Ignored with `inMemory`. */
  readonly dataDir?: string;
  /** Keep everything in memory (the default of `buildApp`/`startEmulator` without a dataDir). */
  readonly inMemory?: boolean;
  /** `normal` (default) survives a killed process; `full` also survives power loss. */
  readonly durability?: "normal" | "full";
  /** Timing profile: a name or a full profile object (see docs/emulator.md). Overrides the stored one. */
  readonly profile?: ProfileName | ProfileInput;
  /** Shorthand for `profile.options.strictCloud`. */
  readonly strictCloud?: boolean;
  /** Shorthand for `profile.rateLimit` (false disables it). */
  readonly rateLimit?: RateLimitOption | false;
  /** Bootstrap credentials (created on first start; reproducible when given). */
  readonly orgId?: string;
  readonly projectId?: string;
  readonly publicKey?: string;
  readonly privateKey?: string;
  /** An injected clock (`manualClock()`, `frozenClock()`, `realClock()`); default: the stored
   * clock state, else real time. */
  readonly clock?: Clock;
  /** false: silent; a pino logger; or options for the default stderr logger. */
  readonly logger?: false | Logger | { readonly level?: string };
  /** Digest nonce lifetime (ms of emulator time, default 300 000). */
  readonly nonceTtlMs?: number;
  /** Digest algorithms offered, in order (default ["MD5", "SHA-256"]). */
  readonly digestAlgorithms?: readonly DigestAlgorithm[];
  /** Largest request body accepted, bytes (default 1 MiB; larger → 413). */
  readonly bodyLimit?: number;
  /** How many recent requests `GET /_emulator/requests` keeps (default 1000). */
  readonly requestLogSize?: number;
  /** Token that lets non-loopback clients use the control API. */
  readonly controlToken?: string;
  /** The web console at `/console` (default on; `false` leaves it out). */
  readonly console?: boolean | ConsoleOptions;
  /** Extra Fastify plugins (custom routes). */
  readonly plugins?: readonly EmulatorPlugin[];
  /** Random source for fault probabilities (tests). */
  readonly random?: () => number;
}
