import type { Authenticator } from "../auth/authenticator.js";
import { ha1, sameHex } from "../auth/secrets.js";

/**
 * Console login with an API key: the public and private key are checked against the Digest HA1
 * values the emulator stores (it never keeps the private key itself), exactly as a Digest request
 * would be. The console can reset and re-time the whole emulator, so only an Organization Owner
 * key may log in (of any organization). The key pair is compared in constant time; a missing key
 * costs the same hash as a wrong one.
 */
export type LoginVerdict = { readonly ok: true; readonly publicKey: string } | { readonly ok: false; readonly reason: "invalid" | "not-owner" };

export function verifyApiKey(auth: Authenticator, publicKey: string, privateKey: string): LoginVerdict {
  if (publicKey.length === 0 || publicKey.length > 64 || privateKey.length === 0 || privateKey.length > 256) return { ok: false, reason: "invalid" };
  const principal = auth.principalRow(publicKey);
  const row = principal?.row;
  const stored = row?.kind === "apiKey" ? (row.ha1Sha256 ?? row.ha1Md5) : null;
  const algorithm = row?.ha1Sha256 ? "SHA-256" : "MD5";
  const presented = ha1(algorithm, publicKey, privateKey);
  if (!principal || stored === null || stored === undefined || !sameHex(presented, stored)) return { ok: false, reason: "invalid" };
  const owner = principal.roles.some((r) => r.role === "ORG_OWNER" && r.projectId === null);
  return owner ? { ok: true, publicKey } : { ok: false, reason: "not-owner" };
}

/** Failed logins in a sliding window: past the limit, logins are refused until the window moves
 * on (a brute-force brake; the emulator is a loopback tool, so one counter for everyone). */
export class LoginThrottle {
  readonly #failures: number[] = [];

  constructor(
    readonly limit = 10,
    readonly windowMs = 60_000, // ms
    readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt is allowed, or 0. */
  retryAfter(): number {
    const t = this.now();
    while (this.#failures.length > 0 && this.#failures[0]! <= t - this.windowMs) this.#failures.shift();
    if (this.#failures.length < this.limit) return 0;
    return Math.max(1, Math.ceil((this.#failures[0]! + this.windowMs - t) / 1000));
  }

  fail(): void {
    this.#failures.push(this.now());
  }
}
