import { Authenticator, DEFAULT_AUTH_OPTIONS, type AuthOptions } from "./auth/authenticator.js";
import { EmulatorEvents } from "./events.js";
import { evaluateFaults, parseFaultRule, type FaultDecision, type FaultRequest, type FaultRule } from "./faults/rules.js";
import { RateLimiter } from "./http/rate-limit.js";
import { RequestLog } from "./http/request-log.js";
import { CLOCK_RANGE_TEXT, EmulatorClock, MAX_CLOCK_MS, MIN_CLOCK_MS, isClockTime, parseDuration, type Clock, type ClockState } from "./lifecycle/clock.js";
import { FieldError } from "./http/validate.js";
import { profileToInput, resolveProfile, type Profile, type ProfileInput } from "./lifecycle/profile.js";
import { Scheduler } from "./lifecycle/scheduler.js";
import type { RateLimitOption } from "./options.js";
import type { Store } from "./store/store.js";

/**
 * Everything one emulator instance holds: the store, the clock, the lifecycle scheduler, auth,
 * rate limits, fault rules, the request log and the event stream. Built by `buildApp`; handlers
 * receive it. Profile and fault rules are persisted, so a restart keeps them.
 */
export interface BootstrapInfo {
  readonly orgId: string;
  readonly projectId: string;
  readonly publicKey: string;
  /** Known only when this start created or set it (stored hashed); "" otherwise. */
  readonly privateKey: string;
  /** True when this start created the bootstrap objects (first start of a data dir). */
  readonly created: boolean;
}

export interface CoreInit {
  readonly store: Store;
  /** An explicit clock; otherwise the stored clock state (or real time) is used. */
  readonly clock?: Clock;
  /** An explicit profile; otherwise the stored one (or `fast`). */
  readonly profile?: unknown;
  /** Shorthand for the profile's `options.strictCloud`, applied on top of the profile (explicit
   * or stored). */
  readonly strictCloud?: boolean;
  /** Shorthand for the profile's `rateLimit` (false disables it), applied likewise. */
  readonly rateLimit?: RateLimitOption | false;
  readonly auth?: Partial<AuthOptions>;
  readonly requestLogSize?: number;
  readonly random?: () => number;
  readonly onError?: (error: unknown) => void;
  /** Something stored was unusable and was repaired on load (a log line, not an error). */
  readonly onWarning?: (message: string, details: Record<string, unknown>) => void;
}

const META_PROFILE = "profile";
const META_FAULTS = "faults";
const META_CLOCK = "clock";

/** A stored clock whose time is a valid instant (an older emulator could store 1e308). */
function usableClockState(saved: ClockState): boolean {
  if (saved.mode === "real") return typeof saved.offsetMs === "number" && isClockTime(Date.now() + saved.offsetMs);
  return (saved.mode === "frozen" || saved.mode === "manual") && typeof saved.now === "number" && isClockTime(saved.now);
}

function restoreClock(saved: ClockState | undefined): EmulatorClock {
  if (!saved) return new EmulatorClock();
  if (saved.mode === "real") return new EmulatorClock({ mode: "real", start: Date.now() + saved.offsetMs });
  return new EmulatorClock({ mode: saved.mode, start: saved.now });
}

/**
 * The stored profile (undefined when none), and why it no longer validates when it does not: an
 * older emulator accepted timings such as 1e300 ms. The core then drops it, with a warning, and
 * starts on the default profile instead of refusing to start.
 */
function readStoredProfile(store: Store): { readonly profile?: Profile; readonly error?: FieldError } {
  const input = store.getMeta<unknown>(META_PROFILE);
  if (input === undefined) return {};
  try {
    return { profile: resolveProfile(input) };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return { error };
  }
}

/** `profile` with the shorthand options (strictCloud, rateLimit) merged in. */
function withShorthands(profile: Profile, init: CoreInit): Profile {
  const { strictCloud, rateLimit: rl } = init;
  if (strictCloud === undefined && rl === undefined) return profile;
  const input: ProfileInput = profileToInput(profile);
  return resolveProfile({
    ...input,
    options: { ...input.options, ...(strictCloud !== undefined ? { strictCloud } : {}) },
    rateLimit:
      rl === false
        ? { ...input.rateLimit, enabled: false }
        : rl === undefined
          ? input.rateLimit
          : {
              ...input.rateLimit,
              ...(rl.enabled !== undefined ? { enabled: rl.enabled } : { enabled: true }),
              ...(rl.capacity !== undefined ? { capacity: rl.capacity } : {}),
              ...(rl.refill !== undefined ? { refill: rl.refill } : {}),
              ...(rl.periodMs !== undefined ? { periodMs: parseDuration(rl.periodMs) ?? rl.periodMs } : {}),
            },
  });
}

export class EmulatorCore {
  readonly store: Store;
  readonly clock: Clock;
  readonly events = new EmulatorEvents();
  readonly scheduler: Scheduler;
  readonly auth: Authenticator;
  readonly rateLimiter: RateLimiter;
  readonly requestLog: RequestLog;
  readonly random: () => number;
  bootstrap: BootstrapInfo | undefined;
  #profile: Profile;
  #faults: FaultRule[];
  readonly #initialProfile: Profile;

  constructor(init: CoreInit) {
    this.store = init.store;
    this.random = init.random ?? Math.random;
    const savedClock = this.store.getMeta<ClockState>(META_CLOCK);
    const clockRepaired = savedClock !== undefined && !usableClockState(savedClock);
    this.clock = init.clock ?? restoreClock(clockRepaired ? undefined : savedClock);
    let repairedTimestamps = 0;
    if (clockRepaired) {
      // Objects made while the clock was out of range carry the same impossible instants.
      repairedTimestamps = this.store.repairTimestamps(MIN_CLOCK_MS, MAX_CLOCK_MS, this.clock.now());
      init.onWarning?.(`the stored clock was outside ${CLOCK_RANGE_TEXT}; it was reset to the current time`, {
        stored: savedClock,
        now: new Date(this.clock.now()).toISOString(),
        timestampsRepaired: repairedTimestamps,
      });
    }
    const stored = readStoredProfile(this.store);
    const profileRepaired = stored.error !== undefined;
    if (stored.error) {
      this.store.deleteMeta(META_PROFILE);
      init.onWarning?.("the stored timing profile is invalid and was dropped: the default profile applies", {
        field: stored.error.field,
        reason: stored.error.message,
      });
    }
    const base = init.profile !== undefined ? resolveProfile(init.profile) : (stored.profile ?? resolveProfile("fast"));
    this.#profile = withShorthands(base, init);
    this.#initialProfile = this.#profile;
    // A profile given at start (or changed by a shorthand) replaces the stored one.
    if (this.#profile !== base || init.profile !== undefined) this.store.setMeta(META_PROFILE, profileToInput(this.#profile));
    const faults = this.store.getMeta<unknown[]>(META_FAULTS) ?? [];
    this.#faults = faults.map((f, i) => parseFaultRule(f, i));
    this.clock.onChange((state) => this.store.setMeta(META_CLOCK, state));
    this.store.setMeta(META_CLOCK, this.clock.state());
    this.auth = new Authenticator(this.store, this.clock, { ...DEFAULT_AUTH_OPTIONS, ...init.auth });
    this.rateLimiter = new RateLimiter(this.clock, () => this.#profile.rateLimit);
    this.requestLog = new RequestLog(init.requestLogSize ?? 1000);
    this.scheduler = new Scheduler({
      store: this.store,
      clock: this.clock,
      events: this.events,
      profile: () => this.#profile,
      ...(init.onError ? { onError: init.onError } : {}),
    });
    // Deadlines computed from a repaired clock or profile are computed again.
    if (clockRepaired || profileRepaired) this.scheduler.retime();
    // Deadlines that passed while the emulator was stopped take effect now.
    this.scheduler.runDue();
  }

  get profile(): Profile {
    return this.#profile;
  }

  /** Replaces the profile; pending steps are re-timed from when their status was entered. */
  setProfile(profile: Profile): void {
    this.#profile = profile;
    this.store.setMeta(META_PROFILE, profileToInput(profile));
    this.scheduler.retime();
  }

  get faults(): readonly FaultRule[] {
    return this.#faults;
  }

  setFaults(rules: FaultRule[]): void {
    this.#faults = rules;
    this.store.setMeta(META_FAULTS, rules);
  }

  /** Evaluates fault rules for one request (updating their counters). */
  faultFor(req: FaultRequest): FaultDecision | null {
    if (this.#faults.length === 0) return null;
    const { rules, decision, changed } = evaluateFaults(this.#faults, req, this.random);
    if (changed) this.setFaults(rules);
    return decision;
  }

  /** Runs `fn` and counts the lifecycle steps (transitions and removals, cascades included) that
   * happen meanwhile. */
  countTransitions<T>(fn: () => T): { readonly result: T; readonly transitionsApplied: number } {
    let n = 0;
    const off = this.events.subscribe((e) => {
      if (e.type === "transition" || e.type === "deleted") n++;
    });
    try {
      return { result: fn(), transitionsApplied: n };
    } finally {
      off();
    }
  }

  /**
   * Advances the clock deadline by deadline (at most `maxDeadlines` times) until no timed step is
   * pending, so the clock moves no further than the last step needs (Digest nonces and tokens age
   * with it); steps that wait for reads stay pending. Returns how many steps happened. A deadline
   * past the clock's range is a RangeError (the clock's), after the steps before it.
   */
  completePending(maxDeadlines = 1000): number {
    return this.countTransitions(() => {
      for (let i = 0; i < maxDeadlines; i++) {
        this.scheduler.catchUp();
        const next = this.scheduler.nextDeadline;
        if (next === null) break;
        this.clock.advance(Math.max(1, next - this.clock.now()));
      }
    }).transitionsApplied;
  }

  /**
   * Forgets every object, fault rule, cloud registration, token, rate-limit bucket and logged
   * request, and restores the start-up profile. The bootstrap org, project and key survive
   * (emptied) unless `everything` is set. The clock is left alone.
   */
  reset(everything = false): void {
    const b = this.bootstrap;
    this.events.batch(() => {
      this.store.transaction(() => {
        this.store.clear(!everything && b ? { orgId: b.orgId, projectId: b.projectId, principalId: b.publicKey } : undefined);
        this.setFaults([]);
        this.#profile = this.#initialProfile;
        this.store.setMeta(META_PROFILE, profileToInput(this.#profile));
      });
      this.events.emit({ type: "reset", at: this.clock.now() });
    });
    if (everything) this.bootstrap = undefined;
    this.auth.invalidate();
    this.auth.nonces.clear();
    this.rateLimiter.reset();
    this.requestLog.clear();
    this.scheduler.retime();
  }

  close(): void {
    this.scheduler.close();
    this.store.close();
  }
}
