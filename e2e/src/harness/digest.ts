/**
 * A minimal HTTP Digest signer (RFC 7616, qop=auth) for raw requests (the campaigns, the
 * benchmarks): it takes the server's challenge and then reuses the nonce with an increasing nonce
 * count, as real clients do.
 */
import { createHash, randomBytes } from "node:crypto";

export const REALM = "MMS Public API";

export class DigestSigner {
  #nonce = "";
  #nc = 0;
  #algorithm: "MD5" | "SHA-256" = "MD5";
  /** H(username:realm:password) for #algorithm: the same for every request. */
  #ha1: string;

  constructor(
    readonly username: string,
    private readonly password: string,
  ) {
    this.#ha1 = this.#hash(`${username}:${REALM}:${password}`);
  }

  #hash(s: string): string {
    return createHash(this.#algorithm === "MD5" ? "md5" : "sha256").update(s).digest("hex");
  }

  get ready(): boolean {
    return this.#nonce !== "";
  }

  /** Takes the first challenge of `algorithm` from WWW-Authenticate header(s); false if none. */
  absorb(header: string | string[] | null | undefined, algorithm: "MD5" | "SHA-256" = "MD5"): boolean {
    const challenges = [header ?? []].flat().flatMap((h) => h.split(/,\s*(?=Digest )/));
    const challenge = challenges.find((c) => new RegExp(`algorithm="?${algorithm}"?(,|$|\\s)`).test(c));
    const nonce = challenge ? /nonce="([^"]+)"/.exec(challenge)?.[1] : undefined;
    if (!nonce) return false;
    this.#nonce = nonce;
    this.#nc = 0;
    if (algorithm !== this.#algorithm) {
      this.#algorithm = algorithm;
      this.#ha1 = this.#hash(`${this.username}:${REALM}:${this.password}`);
    }
    return true;
  }

  /** The Authorization header for one request (`uri` = path and query as sent). */
  header(method: string, uri: string): string {
    const nc = (++this.#nc).toString(16).padStart(8, "0");
    const cnonce = randomBytes(8).toString("hex");
    const response = this.#hash(`${this.#ha1}:${this.#nonce}:${nc}:${cnonce}:auth:${this.#hash(`${method}:${uri}`)}`);
    return `Digest username="${this.username}", realm="${REALM}", nonce="${this.#nonce}", uri="${uri}", algorithm=${this.#algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
  }
}
