/**
 * The emulator's notion of "now". Every deadline (lifecycle transitions, digest nonces, bearer
 * tokens, rate-limit refills) is computed from a Clock, never from Date.now(), so tests and users
 * can move time instead of waiting for it (DESIGN.md "Time is a parameter").
 *
 * One class covers the three modes the control API exposes:
 * - `real`: wall-clock time plus an offset (advancing adds to the offset);
 * - `frozen`: time stands still until advanced or resumed (a paused real clock);
 * - `manual`: as frozen, but created that way (tests start from a fixed instant).
 */
export type ClockMode = "real" | "frozen" | "manual";

/**
 * The latest instant the emulator clock may show: the last second an ObjectId's 4-byte
 * timestamp holds (2106-02-07T06:28:15.999Z). Later, new ids would wrap to 1970 and stop sorting
 * by creation; far later, `new Date(now)` is no valid date and every timestamp a 500 (found by
 * review: `POST /_emulator/clock {"advance":1e308}`).
 */
export const MAX_CLOCK_MS = 0xffff_ffff * 1000 + 999; // ms, epoch
/** The earliest instant: the epoch (ObjectIds hold no earlier second). */
export const MIN_CLOCK_MS = 0; // ms, epoch

/** Longest duration a timing (lifecycle step, rate-limit period) may have: one year. */
export const MAX_DURATION_MS = 365 * 86_400_000; // ms

/** True when `ms` is an instant the clock may show. */
export function isClockTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_CLOCK_MS && ms <= MAX_CLOCK_MS;
}

/** The accepted range of clock instants, for error messages. */
export const CLOCK_RANGE_TEXT = `${new Date(MIN_CLOCK_MS).toISOString()} to ${new Date(MAX_CLOCK_MS).toISOString()}`;

export interface ClockState {
  readonly mode: ClockMode;
  /** Emulator time, epoch ms. */
  readonly now: number;
  /** real mode: emulator time minus wall time, ms. */
  readonly offsetMs: number;
}

export interface Clock {
  readonly mode: ClockMode;
  /** Emulator time, epoch ms. */
  now(): number;
  /** Moves time forward by `ms` (≥ 0) in every mode; RangeError, and no change, when that would
   * pass MAX_CLOCK_MS. */
  advance(ms: number): void;
  /** Jumps to an absolute instant; RangeError, and no change, for one before now() or past
   * MAX_CLOCK_MS (or NaN). */
  setTime(epochMs: number): void;
  /** Stops time at the current instant (mode becomes `frozen`). */
  freeze(): void;
  /** Lets time flow again from the current emulator instant (mode becomes `real`). */
  resume(): void;
  state(): ClockState;
  /** Called after every change made through this interface (not for time simply passing). */
  onChange(listener: (state: ClockState) => void): () => void;
}

export interface ClockInit {
  readonly mode?: ClockMode;
  /** Start instant for `manual`/`frozen` (default: wall time), or the emulator time to start a
   * `real` clock at (default: wall time, i.e. offset 0). */
  readonly start?: number;
  /** Wall-time source, injectable for the clock's own tests. */
  readonly wallTime?: () => number;
}

export class EmulatorClock implements Clock {
  #mode: ClockMode;
  #offset = 0; // ms, real mode
  #paused = 0; // epoch ms, frozen/manual mode
  readonly #wall: () => number;
  readonly #listeners = new Set<(state: ClockState) => void>();

  constructor(init: ClockInit = {}) {
    this.#wall = init.wallTime ?? Date.now;
    this.#mode = init.mode ?? "real";
    const start = init.start ?? this.#wall();
    if (!isClockTime(start)) throw new RangeError(`the clock must start from ${CLOCK_RANGE_TEXT}, not ${start}`);
    if (this.#mode === "real") this.#offset = start - this.#wall();
    else this.#paused = start;
  }

  get mode(): ClockMode {
    return this.#mode;
  }

  now(): number {
    return this.#mode === "real" ? this.#wall() + this.#offset : this.#paused;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    if (this.now() + ms > MAX_CLOCK_MS) throw new RangeError(`cannot advance the clock past ${new Date(MAX_CLOCK_MS).toISOString()}`);
    if (this.#mode === "real") this.#offset += ms;
    else this.#paused += ms;
    this.#changed();
  }

  setTime(epochMs: number): void {
    const now = this.now();
    if (!Number.isFinite(epochMs) || epochMs < now) throw new RangeError("the clock never goes backwards");
    this.advance(epochMs - now); // refuses past MAX_CLOCK_MS
  }

  freeze(): void {
    if (this.#mode !== "real") return;
    this.#paused = this.now();
    this.#mode = "frozen";
    this.#changed();
  }

  resume(): void {
    if (this.#mode === "real") return;
    this.#offset = this.#paused - this.#wall();
    this.#mode = "real";
    this.#changed();
  }

  state(): ClockState {
    return { mode: this.#mode, now: this.now(), offsetMs: this.#mode === "real" ? this.#offset : 0 };
  }

  onChange(listener: (state: ClockState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    const state = this.state();
    for (const listener of this.#listeners) listener(state);
  }
}

/** Wall-clock time (optionally shifted). */
export function realClock(offsetMs = 0): EmulatorClock {
  return new EmulatorClock({ mode: "real", start: Date.now() + offsetMs });
}

/** Time that only moves when told to; starts at `start` (default: a fixed, readable instant). */
export function manualClock(start: number = Date.UTC(2026, 0, 1, 0, 0, 0)): EmulatorClock {
  return new EmulatorClock({ mode: "manual", start });
}

/** Time stopped at `at` (default: now); `resume()` lets it run again. */
export function frozenClock(at: number = Date.now()): EmulatorClock {
  return new EmulatorClock({ mode: "frozen", start: at });
}

/**
 * Parses a duration: a number of milliseconds, or a string such as `500ms`, `1.5s`, `2m`, `1h`,
 * rounded to whole milliseconds.
 * Returns undefined for anything else (negative, NaN, infinite, unknown unit) and for anything
 * longer than `maxMs` (default MAX_DURATION_MS, one year): a timing of 1e300 ms is no timing but
 * an instant no Date can hold.
 */
export function parseDuration(value: unknown, maxMs: number = MAX_DURATION_MS): number | undefined {
  let ms: number;
  if (typeof value === "number") ms = Math.round(value); // whole milliseconds, as the clock keeps them
  else if (typeof value === "string") {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
    if (!match) return undefined;
    const unit = match[2] ?? "ms";
    const factor = unit === "h" ? 3_600_000 : unit === "m" ? 60_000 : unit === "s" ? 1_000 : 1;
    ms = Math.round(Number(match[1]) * factor);
  } else return undefined;
  return Number.isFinite(ms) && ms >= 0 && ms <= maxMs ? ms : undefined;
}

/** `31536000000` → `8760h`, `90000` → `90s`: a duration bound for messages, in the largest unit
 * parseDuration takes that states it exactly (so it can be sent back as is). */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000], ["s", 1_000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
