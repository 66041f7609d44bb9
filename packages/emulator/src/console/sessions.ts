import { createHash, randomBytes } from "node:crypto";

/**
 * Console sessions and one-time login tokens, in memory (a restart logs everyone out; the new
 * start prints a new login link). Ids and tokens are 256-bit random values kept only as their
 * SHA-256, so a lookup leaks nothing through timing and a heap dump holds no usable cookie.
 *
 * Time here is real time, never the emulator clock: the console itself moves the emulator clock
 * by hours, and that must not log anyone out.
 */
export type SessionPrincipal = { readonly kind: "apiKey"; readonly publicKey: string } | { readonly kind: "token" };

export interface Session {
  /** The cookie value (only the hash is kept as the map key). */
  readonly id: string;
  /** Sent by the page in the CSRF header on every state-changing request. */
  readonly csrf: string;
  readonly principal: SessionPrincipal;
  readonly createdAt: number;
  lastSeenAt: number;
}

export interface SessionOptions {
  /** Real time, ms (tests inject their own). */
  readonly now?: () => number;
  /** A session unused this long ends (default 12 h). */
  readonly idleTtlMs?: number;
  /** A session ends this long after login whatever happens (default 7 days). */
  readonly maxAgeMs?: number;
  /** The oldest session is dropped past this many (default 1000). */
  readonly maxSessions?: number;
  /** A login token not used within this time expires (default 24 h). */
  readonly tokenTtlMs?: number;
}

const digest = (value: string): string => createHash("sha256").update(value, "utf8").digest("hex");
const random = (): string => randomBytes(32).toString("base64url");

export class Sessions {
  readonly #sessions = new Map<string, Session>();
  readonly #tokens = new Map<string, number>();
  readonly #now: () => number;
  readonly #idleTtlMs: number;
  readonly #maxAgeMs: number;
  readonly #maxSessions: number;
  readonly #tokenTtlMs: number;

  constructor(options: SessionOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#idleTtlMs = options.idleTtlMs ?? 12 * 3_600_000; // ms
    this.#maxAgeMs = options.maxAgeMs ?? 7 * 86_400_000; // ms
    this.#maxSessions = options.maxSessions ?? 1000;
    this.#tokenTtlMs = options.tokenTtlMs ?? 86_400_000; // ms
  }

  get size(): number {
    return this.#sessions.size;
  }

  get maxAgeMs(): number {
    return this.#maxAgeMs;
  }

  create(principal: SessionPrincipal): Session {
    const now = this.#now();
    const session: Session = { id: random(), csrf: random(), principal, createdAt: now, lastSeenAt: now };
    this.#sessions.set(digest(session.id), session);
    if (this.#sessions.size > this.#maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    return session;
  }

  /** The live session of a cookie value (its idle timer restarts), or undefined. */
  get(id: string | undefined): Session | undefined {
    if (id === undefined || id === "" || id.length > 128) return undefined;
    const key = digest(id);
    const session = this.#sessions.get(key);
    if (!session) return undefined;
    const now = this.#now();
    if (now - session.lastSeenAt > this.#idleTtlMs || now - session.createdAt > this.#maxAgeMs) {
      this.#sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  delete(id: string): void {
    this.#sessions.delete(digest(id));
  }

  /** Ends every session of one API key (it was deleted, or the emulator was reset). */
  deleteWhere(predicate: (session: Session) => boolean): void {
    for (const [key, session] of this.#sessions) if (predicate(session)) this.#sessions.delete(key);
  }

  /** A new one-time login token (for the link printed at start-up). */
  issueLoginToken(): string {
    const token = random();
    const now = this.#now();
    for (const [key, expiresAt] of this.#tokens) if (expiresAt <= now) this.#tokens.delete(key);
    this.#tokens.set(digest(token), now + this.#tokenTtlMs);
    return token;
  }

  /** True (once) for a token issued and not yet used or expired. */
  consumeLoginToken(token: string | undefined): boolean {
    if (token === undefined || token === "" || token.length > 128) return false;
    const key = digest(token);
    const expiresAt = this.#tokens.get(key);
    if (expiresAt === undefined) return false;
    this.#tokens.delete(key);
    return expiresAt > this.#now();
  }
}
