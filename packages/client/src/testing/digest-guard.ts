import { createHash, randomBytes } from "node:crypto";
import type { Handler, RecordedRequest, Reply } from "./scripted-server.js";

/**
 * Test support: a server-side HTTP Digest check (RFC 7616), written independently of the client's
 * digest-auth.ts (its own header parsing, its own hashing) so that a client bug cannot be hidden
 * by the same bug on the server side. It issues nonces, verifies every Authorization header
 * (username, realm, nonce, uri = the raw request target, algorithm, qop, response), refuses a nonce
 * count it has already seen for a nonce, and can declare a nonce stale.
 */

export type GuardAlgorithm = "MD5" | "SHA-256" | "MD5-sess" | "SHA-256-sess";

export interface DigestGuardOptions {
  readonly username: string;
  readonly password: string;
  readonly realm?: string;
  readonly algorithm?: GuardAlgorithm;
  /** Extra raw challenge(s) to send before ours in WWW-Authenticate, e.g. a Bearer challenge. */
  readonly extraChallenges?: string;
  readonly opaque?: string;
}

export class DigestGuard {
  readonly realm: string;
  readonly algorithm: GuardAlgorithm;
  /** Every nonce issued, in order; the last one is current. */
  readonly issued: string[] = [];
  /** Nonce counts accepted, per nonce, in arrival order. */
  readonly accepted = new Map<string, number[]>();
  /** Why requests were refused (for assertions and debugging). */
  readonly refusals: string[] = [];
  /** 401 challenges sent. */
  challenges = 0;
  private readonly stale = new Set<string>();

  constructor(private readonly options: DigestGuardOptions) {
    this.realm = options.realm ?? "MMS Public API";
    this.algorithm = options.algorithm ?? "MD5";
    this.rotate();
  }

  get currentNonce(): string {
    return this.issued[this.issued.length - 1] ?? "";
  }

  /** Marks the current nonce stale and issues a new one. */
  expireNonce(): void {
    this.stale.add(this.currentNonce);
    this.rotate();
  }

  private rotate(): void {
    this.issued.push(randomBytes(12).toString("base64"));
  }

  private challenge(stale: boolean): Reply {
    this.challenges += 1;
    const opaque = this.options.opaque !== undefined ? `, opaque="${this.options.opaque}"` : "";
    const ours = `Digest realm="${this.realm}", domain="", nonce="${this.currentNonce}", algorithm=${this.algorithm}, qop="auth"${opaque}, stale=${stale}`;
    const value = this.options.extraChallenges !== undefined ? `${this.options.extraChallenges}, ${ours}` : ours;
    return {
      status: 401,
      headers: { "WWW-Authenticate": value, "Content-Type": "application/json;charset=ISO-8859-1" },
      json: { detail: "You are not authorized for this resource.", error: 401, errorCode: "UNAUTHORIZED", parameters: [], reason: "Unauthorized" },
    };
  }

  private hash(value: string): string {
    return createHash(this.algorithm.startsWith("SHA-256") ? "sha256" : "md5").update(value).digest("hex");
  }

  /** Null when the request is authenticated, else the reason. */
  verify(request: RecordedRequest): { ok: true } | { ok: false; stale: boolean; why: string } {
    const header = request.headers.authorization;
    if (header === undefined) return { ok: false, stale: false, why: "no Authorization header" };
    if (!header.startsWith("Digest ")) return { ok: false, stale: false, why: "not a Digest header" };
    const fields: Record<string, string> = {};
    for (const m of header.slice(7).matchAll(/([a-zA-Z]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
      fields[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? "").replace(/\\(.)/g, "$1");
    }
    const { username, realm, nonce, uri, algorithm, qop, nc, cnonce, response } = fields;
    if (username !== this.options.username) return { ok: false, stale: false, why: `username ${username}` };
    if (realm !== this.realm) return { ok: false, stale: false, why: `realm ${realm}` };
    if (uri !== request.url) return { ok: false, stale: false, why: `uri ${uri} is not the request target ${request.url}` };
    if (algorithm !== this.algorithm) return { ok: false, stale: false, why: `algorithm ${algorithm}` };
    if (qop !== "auth") return { ok: false, stale: false, why: `qop ${qop}` };
    if (nonce === undefined || !this.issued.includes(nonce)) return { ok: false, stale: false, why: `unknown nonce ${nonce}` };
    if (nc === undefined || !/^[0-9a-f]{8}$/.test(nc) || cnonce === undefined || cnonce === "") {
      return { ok: false, stale: false, why: `bad nc/cnonce ${nc}/${cnonce}` };
    }
    if (this.options.opaque !== undefined && fields["opaque"] !== this.options.opaque) return { ok: false, stale: false, why: "opaque" };
    let ha1 = this.hash(`${this.options.username}:${this.realm}:${this.options.password}`);
    if (this.algorithm.endsWith("-sess")) ha1 = this.hash(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = this.hash(`${request.method}:${request.url}`);
    const expected = this.hash(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
    if (response !== expected) return { ok: false, stale: false, why: "wrong response (password?)" };
    // The response is right: the key is fine. A stale nonce now asks for a fresh one.
    if (this.stale.has(nonce)) return { ok: false, stale: true, why: "stale nonce" };
    const count = parseInt(nc, 16);
    const seen = this.accepted.get(nonce) ?? [];
    if (seen.includes(count)) return { ok: false, stale: false, why: `nc ${nc} reused for nonce` };
    seen.push(count);
    this.accepted.set(nonce, seen);
    return { ok: true };
  }

  /** Wraps a handler: unauthenticated requests get the challenge, the rest reach `inner`. */
  wrap(inner: Handler): Handler {
    return (request) => {
      const result = this.verify(request);
      if (result.ok) return inner(request);
      this.refusals.push(result.why);
      return this.challenge(result.stale);
    };
  }
}
