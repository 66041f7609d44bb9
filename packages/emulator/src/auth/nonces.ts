import { randomBytes } from "node:crypto";

/**
 * Digest nonces: issued with a 401 challenge, valid for `ttlMs` of emulator time, each nonce
 * count (`nc`) usable once. Clients reuse a nonce with an increasing nc (and may send requests
 * concurrently, so ncs can arrive slightly out of order): a sliding window of the last 256 ncs
 * per nonce accepts each nc once and refuses replays; an nc older than the window is refused.
 * Refusals carry `stale=true`, so a well-behaved client retries once with a fresh nonce.
 */
export type NonceVerdict = "ok" | "unknown" | "expired" | "replayed";

const WINDOW = 256;

interface NonceEntry {
  readonly issuedAt: number;
  highest: number;
  /** Bit i set: nc (highest - i) was used. */
  readonly seen: Uint8Array;
}

export class NonceStore {
  readonly #entries = new Map<string, NonceEntry>();

  constructor(
    readonly ttlMs: number,
    readonly maxNonces: number = 100_000,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  issue(now: number): string {
    if (this.#entries.size >= this.maxNonces) this.prune(now);
    // Still full (a flood of challenges): forget the oldest. Its holder is re-challenged (stale).
    while (this.#entries.size >= this.maxNonces) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    const nonce = randomBytes(24).toString("base64");
    this.#entries.set(nonce, { issuedAt: now, highest: 0, seen: new Uint8Array(WINDOW / 8) });
    return nonce;
  }

  /** Checks and consumes `nc` (a positive integer) for `nonce`. */
  use(nonce: string, nc: number, now: number): NonceVerdict {
    const entry = this.#entries.get(nonce);
    if (!entry) return "unknown";
    if (now - entry.issuedAt > this.ttlMs || now < entry.issuedAt) {
      this.#entries.delete(nonce);
      return "expired";
    }
    if (nc > entry.highest) {
      shift(entry.seen, nc - entry.highest);
      entry.highest = nc;
      setBit(entry.seen, 0);
      return "ok";
    }
    const age = entry.highest - nc;
    if (age >= WINDOW) return "replayed";
    if (getBit(entry.seen, age)) return "replayed";
    setBit(entry.seen, age);
    return "ok";
  }

  /** Drops expired nonces. */
  prune(now: number): void {
    for (const [nonce, entry] of this.#entries) if (now - entry.issuedAt > this.ttlMs) this.#entries.delete(nonce);
  }

  clear(): void {
    this.#entries.clear();
  }
}

function getBit(bits: Uint8Array, i: number): boolean {
  return ((bits[i >> 3]! >> (i & 7)) & 1) === 1;
}

function setBit(bits: Uint8Array, i: number): void {
  bits[i >> 3] = bits[i >> 3]! | (1 << (i & 7));
}

/** Shifts the window by `n` bit positions (older ncs move to higher bit indexes). */
function shift(bits: Uint8Array, n: number): void {
  if (n >= WINDOW) {
    bits.fill(0);
    return;
  }
  const bytes = n >> 3;
  const rest = n & 7;
  for (let i = bits.length - 1; i >= 0; i--) {
    const src = i - bytes;
    const hi = src >= 0 ? bits[src]! << rest : 0;
    const lo = rest !== 0 && src - 1 >= 0 ? bits[src - 1]! >> (8 - rest) : 0;
    bits[i] = (hi | lo) & 0xff;
  }
}
