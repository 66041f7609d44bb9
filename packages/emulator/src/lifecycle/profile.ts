import type { CloudProvider } from "@atlas-privatelink/atlas-api";
import { FieldError, isJsonObject } from "../http/validate.js";
import { MAX_DURATION_MS, formatDuration, parseDuration } from "./clock.js";
import {
  DEFAULT_LIFECYCLE_OPTIONS,
  TIMED_RULES,
  transitionKey,
  type LifecycleOptions,
  type ObjectKind,
} from "./transitions.js";

/**
 * Timing profiles: how long each timed lifecycle step takes, plus behaviour options and the rate
 * limit. A profile is a base (`instant`, `fast`, `realistic`) plus overrides; it is data, stored,
 * and replaceable at run time through `PUT /_emulator/profile`.
 */
export const PROFILE_NAMES = ["instant", "fast", "realistic"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** When a step happens: after `afterMs` of emulator time, or after the object was read
 * `afterReads` times in its current status (moto's "manual" progression), whichever comes first
 * when both are given. */
export interface StepTiming {
  readonly afterMs?: number;
  readonly afterReads?: number;
}

export interface RateLimitSettings {
  readonly enabled: boolean;
  /** Bucket size (Atlas: 4000 for the Private Endpoint Services endpoint set, GROUP scope). */
  readonly capacity: number;
  /** Tokens added every `periodMs` (Atlas: 2000 per 60 s). */
  readonly refill: number;
  readonly periodMs: number;
}

export const ATLAS_RATE_LIMIT: RateLimitSettings = { enabled: true, capacity: 4000, refill: 2000, periodMs: 60_000 };

export interface Profile {
  readonly base: ProfileName;
  /** Overrides as given (keys may use `*` for any kind, provider or status). */
  readonly transitions: Readonly<Record<string, StepTiming>>;
  readonly options: LifecycleOptions;
  readonly rateLimit: RateLimitSettings;
}

/** What users send (CLI `--profile`, options, `PUT /_emulator/profile`): every field optional;
 * a timing may be a duration (`1500`, `"1.5s"`) or `{afterMs, afterReads}`. */
export interface ProfileInput {
  readonly base?: ProfileName;
  readonly transitions?: Readonly<Record<string, StepTiming | number | string>>;
  readonly options?: Partial<LifecycleOptions>;
  readonly rateLimit?: Partial<RateLimitSettings> | false;
}

/** `realistic`: the recorded service times (atlas-api.md §5: AWS ≈2.5 min, Azure ≈1 min, GCP
 * ≈4.3 min). DIVERGENCE: realistic-estimates — the endpoint and delete times are not recorded; these are estimates. */
const REALISTIC: Readonly<Record<string, number>> = {
  "endpointService.AWS.INITIATING": 148_000,
  "endpointService.AZURE.INITIATING": 61_000,
  "endpointService.GCP.INITIATING": 260_000,
  "endpointService.AWS.DELETING": 60_000,
  "endpointService.AZURE.DELETING": 60_000,
  "endpointService.GCP.DELETING": 120_000,
  "privateEndpoint.AWS.PENDING_ACCEPTANCE": 30_000,
  "privateEndpoint.AWS.PENDING": 60_000,
  "privateEndpoint.AWS.DELETING": 30_000,
  "privateEndpoint.AZURE.INITIATING": 60_000,
  "privateEndpoint.AZURE.DELETING": 30_000,
  "privateEndpoint.GCP.INITIATING": 60_000,
  "privateEndpoint.GCP.VERIFIED": 120_000,
  "privateEndpoint.GCP.DELETING": 60_000,
};

const FAST_STEP_MS = 1_000;

/** The base timing of one step in a named profile. */
export function baseTiming(base: ProfileName, key: string): StepTiming {
  switch (base) {
    case "instant":
      return { afterMs: 0 };
    case "fast":
      return { afterMs: FAST_STEP_MS };
    case "realistic":
      return { afterMs: REALISTIC[key] ?? 60_000 };
  }
}


/** Durations are bounded (review finding: a step of 1e300 ms put every deadline past any valid
 * date, and the control API answered 500 from then on). */
const DURATION_RANGE = `from 0 to ${formatDuration(MAX_DURATION_MS)} (milliseconds, or a string such as 90s, 2.5m, 1h)`;

const KEY_PATTERN = /^(endpointService|privateEndpoint|\*)\.(AWS|AZURE|GCP|\*)\.([A-Z_]+|\*)$/;

function parseTiming(key: string, value: unknown): StepTiming {
  const direct = parseDuration(value);
  if (direct !== undefined) return { afterMs: direct };
  if (!isJsonObject(value)) throw new FieldError(`transitions.${key}`, `timing of ${key} must be a duration ${DURATION_RANGE}, or {afterMs, afterReads}`);
  const out: { afterMs?: number; afterReads?: number } = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "afterMs" || k === "after") {
      const ms = parseDuration(v);
      if (ms === undefined) throw new FieldError(`transitions.${key}.${k}`, `${k} of ${key} must be a duration ${DURATION_RANGE}`);
      out.afterMs = ms;
    } else if (k === "afterReads") {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 1_000_000)
        throw new FieldError(`transitions.${key}.afterReads`, `afterReads of ${key} must be an integer from 0 to 1000000`);
      out.afterReads = v;
    } else {
      throw new FieldError(`transitions.${key}.${k}`, `unknown timing field ${k} (use afterMs, afterReads)`);
    }
  }
  if (out.afterMs === undefined && out.afterReads === undefined)
    throw new FieldError(`transitions.${key}`, `timing of ${key} needs afterMs or afterReads`);
  return out;
}

const OPTION_KEYS = Object.keys(DEFAULT_LIFECYCLE_OPTIONS) as (keyof LifecycleOptions)[];

/** Validates and resolves a profile input: a name, or an object whose missing fields take the
 * defaults (base `fast`, no overrides, default options, Atlas' rate limit). `undefined`/`null`
 * gives `current` (or `fast`). Throws FieldError naming the offending field. */
export function resolveProfile(input: unknown, current?: Profile): Profile {
  if (input === undefined || input === null) return current ?? resolveProfile("fast");
  if (typeof input === "string") {
    if (!(PROFILE_NAMES as readonly string[]).includes(input))
      throw new FieldError("base", `unknown profile ${JSON.stringify(input)} (use ${PROFILE_NAMES.join(", ")})`);
    return { base: input as ProfileName, transitions: {}, options: DEFAULT_LIFECYCLE_OPTIONS, rateLimit: ATLAS_RATE_LIMIT };
  }
  if (!isJsonObject(input)) throw new FieldError("profile", "a profile is a name or an object");
  for (const k of Object.keys(input)) {
    if (!["base", "transitions", "options", "rateLimit"].includes(k)) throw new FieldError(k, `unknown profile field ${k}`);
  }
  const base = input["base"] === undefined ? "fast" : input["base"];
  if (typeof base !== "string" || !(PROFILE_NAMES as readonly string[]).includes(base))
    throw new FieldError("base", `unknown profile ${JSON.stringify(base)} (use ${PROFILE_NAMES.join(", ")})`);

  const transitions: Record<string, StepTiming> = {};
  if (input["transitions"] !== undefined) {
    if (!isJsonObject(input["transitions"])) throw new FieldError("transitions", "transitions must be an object");
    for (const [key, value] of Object.entries(input["transitions"])) {
      if (!KEY_PATTERN.test(key))
        throw new FieldError(`transitions.${key}`, `transition key ${key} must look like endpointService.AWS.INITIATING (* allowed)`);
      transitions[key] = parseTiming(key, value);
    }
  }

  const options: Record<string, boolean | number> = { ...DEFAULT_LIFECYCLE_OPTIONS };
  if (input["options"] !== undefined) {
    if (!isJsonObject(input["options"])) throw new FieldError("options", "options must be an object");
    for (const [k, v] of Object.entries(input["options"])) {
      if (!(OPTION_KEYS as string[]).includes(k)) throw new FieldError(`options.${k}`, `unknown option ${k} (known: ${OPTION_KEYS.join(", ")})`);
      if (k === "gcpServiceAttachments") {
        if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 50)
          throw new FieldError(`options.${k}`, "gcpServiceAttachments must be an integer from 1 to 50");
      } else if (typeof v !== "boolean") {
        throw new FieldError(`options.${k}`, `${k} must be true or false`);
      }
      options[k] = v;
    }
  }

  let rateLimit: RateLimitSettings = ATLAS_RATE_LIMIT;
  const rl = input["rateLimit"];
  if (rl === false) rateLimit = { ...ATLAS_RATE_LIMIT, enabled: false };
  else if (rl !== undefined) {
    if (!isJsonObject(rl)) throw new FieldError("rateLimit", "rateLimit must be an object or false");
    const merged: Record<string, unknown> = { ...ATLAS_RATE_LIMIT };
    for (const [k, v] of Object.entries(rl)) {
      if (k === "enabled") {
        if (typeof v !== "boolean") throw new FieldError("rateLimit.enabled", "enabled must be true or false");
        merged[k] = v;
      } else if (k === "capacity" || k === "refill") {
        if (typeof v !== "number" || !Number.isInteger(v) || v < (k === "capacity" ? 1 : 0) || v > 1e9)
          throw new FieldError(`rateLimit.${k}`, `${k} must be an integer from ${k === "capacity" ? 1 : 0} to 1000000000`);
        merged[k] = v;
      } else if (k === "periodMs" || k === "period") {
        const ms = parseDuration(v);
        if (ms === undefined || ms < 1) throw new FieldError(`rateLimit.${k}`, `${k} must be a duration from 1 ms to ${formatDuration(MAX_DURATION_MS)}`);
        merged["periodMs"] = ms;
      } else throw new FieldError(`rateLimit.${k}`, `unknown rateLimit field ${k}`);
    }
    rateLimit = merged as unknown as RateLimitSettings;
  }
  return { base: base as ProfileName, transitions, options: options as unknown as LifecycleOptions, rateLimit };
}

function specificity(pattern: string): number {
  return pattern.split(".").filter((s) => s !== "*").length;
}

function matches(pattern: string, key: string): boolean {
  const p = pattern.split(".");
  const k = key.split(".");
  return p.length === k.length && p.every((seg, i) => seg === "*" || seg === k[i]);
}

/** The timing of one step under a profile: the most specific override (later wins on ties),
 * else the base profile's. */
export function timingOf(profile: Profile, kind: ObjectKind, provider: CloudProvider, status: string): StepTiming {
  const key = transitionKey(kind, provider, status);
  const exact = profile.transitions[key];
  if (exact) return exact;
  let best: StepTiming | undefined;
  let bestScore = -1;
  for (const [pattern, timing] of Object.entries(profile.transitions)) {
    if (!matches(pattern, key)) continue;
    const score = specificity(pattern);
    if (score >= bestScore) {
      best = timing;
      bestScore = score;
    }
  }
  return best ?? baseTiming(profile.base, key);
}

/** The profile as the control API shows it: the input fields plus every step's effective timing. */
export function describeProfile(profile: Profile): Record<string, unknown> {
  const effective: Record<string, StepTiming & { to: readonly string[] }> = {};
  for (const rule of TIMED_RULES) {
    effective[transitionKey(rule.kind, rule.provider, rule.from)] = {
      ...timingOf(profile, rule.kind, rule.provider, rule.from),
      to: rule.to,
    };
  }
  return {
    base: profile.base,
    transitions: profile.transitions,
    options: profile.options,
    rateLimit: profile.rateLimit,
    effective,
  };
}

/** The stored form of a profile (what `resolveProfile` reads back). */
export function profileToInput(profile: Profile): ProfileInput {
  return { base: profile.base, transitions: profile.transitions, options: profile.options, rateLimit: profile.rateLimit };
}
