/**
 * The recent-request log behind `GET /_emulator/requests`: a fixed-size ring of what was asked
 * and answered. It records who called (the public key or client id) but never a secret, a
 * header value or a body.
 */
export interface RequestLogEntry {
  readonly seq: number;
  /** ISO time, emulator clock. */
  readonly at: string;
  readonly method: string;
  /** Raw path and query as received. */
  readonly path: string;
  readonly operationId: string | null;
  readonly status: number;
  readonly errorCode: string | null;
  readonly durationMs: number;
  /** Public key (API key) or client id (service account); null when unauthenticated. */
  readonly principal: string | null;
  readonly authScheme: "digest" | "bearer" | "basic" | null;
  /** Id of the fault rule that shaped the answer, if any. */
  readonly faultId: string | null;
}

interface Stored extends Omit<RequestLogEntry, "at"> {
  readonly atMs: number;
}

export class RequestLog {
  readonly #ring: (Stored | undefined)[];
  #next = 0;
  #seq = 0;

  constructor(readonly capacity: number = 1000) {
    this.#ring = new Array<Stored | undefined>(Math.max(1, capacity));
  }

  /** `atMs`: emulator time (ISO-formatted only when listed: this runs on every request). */
  add(entry: Omit<Stored, "seq">): void {
    this.#ring[this.#next] = { seq: ++this.#seq, ...entry };
    this.#next = (this.#next + 1) % this.#ring.length;
  }

  /** Oldest first; only entries with seq > `since`; at most `limit` (the newest ones). */
  list(since = 0, limit = this.#ring.length): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    for (let i = 0; i < this.#ring.length; i++) {
      const e = this.#ring[(this.#next + i) % this.#ring.length];
      if (e && e.seq > since) {
        const { atMs, ...rest } = e;
        out.push({ ...rest, at: new Date(atMs).toISOString() });
      }
    }
    return limit < out.length ? out.slice(out.length - limit) : out;
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
  }
}
