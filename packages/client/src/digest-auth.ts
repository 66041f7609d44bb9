import { createHash, randomBytes } from "node:crypto";
import { authenticationFailure, type Authenticator, type AuthTicket, type CallAuthState, type RequestRef, type UnauthorizedVerdict } from "./auth.js";
import type { HttpResponse } from "./transport.js";

/**
 * HTTP Digest authentication (RFC 7616; RFC 2617 compatible) for Atlas programmatic API keys
 * (username = public key, password = private key; atlas-api.md §7).
 *
 * Round trips: the first request goes out without credentials and receives the challenge; from
 * then on every request reuses the server nonce with a strictly increasing nonce count (`nc`), so
 * a call costs one round trip instead of two. Concurrent first calls wait for the one in flight
 * to bring the challenge back instead of each fetching its own. A 401 with `stale=true`, or any
 * 401 carrying a different nonce, re-authenticates once with the fresh nonce; a 401 that repeats
 * the nonce just used means the key was rejected.
 */

export type DigestAlgorithm = "MD5" | "MD5-sess" | "SHA-256" | "SHA-256-sess" | "SHA-512-256" | "SHA-512-256-sess";

const HASHES: Readonly<Record<DigestAlgorithm, { readonly hash: string; readonly rank: number }>> = {
  "SHA-512-256": { hash: "sha512-256", rank: 6 },
  "SHA-512-256-sess": { hash: "sha512-256", rank: 5 },
  "SHA-256": { hash: "sha256", rank: 4 },
  "SHA-256-sess": { hash: "sha256", rank: 3 },
  MD5: { hash: "md5", rank: 2 },
  "MD5-sess": { hash: "md5", rank: 1 },
};

export interface AuthChallenge {
  /** As sent (`Digest`, `Bearer`, …). */
  readonly scheme: string;
  /** Parameter names lower-cased; quoted values unescaped. */
  readonly params: Readonly<Record<string, string>>;
}

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque: string | undefined;
  readonly algorithm: DigestAlgorithm;
  /** "auth" when the server offers it; undefined for an RFC 2069 challenge without qop. */
  readonly qop: "auth" | undefined;
  readonly stale: boolean;
  readonly userhash: boolean;
}

/**
 * Parses a `WWW-Authenticate` value into challenges. Several challenges may be folded into one
 * value (`fetch` joins repeated headers with ", "), so a new challenge starts at every token that
 * is not followed by "=".
 */
export function parseAuthChallenges(header: string): AuthChallenge[] {
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let current: { scheme: string; params: Record<string, string> } | undefined;
  const n = header.length;
  let i = 0;
  const isSeparator = (c: string | undefined): boolean => c === " " || c === "\t" || c === ",";
  const skipSpaces = (from: number): number => {
    let k = from;
    while (k < n && (header[k] === " " || header[k] === "\t")) k++;
    return k;
  };
  while (i < n) {
    while (i < n && isSeparator(header[i])) i++;
    const start = i;
    while (i < n && !isSeparator(header[i]) && header[i] !== "=" && header[i] !== '"') i++;
    const token = header.slice(start, i);
    if (token === "") {
      i++;
      continue;
    }
    const afterToken = skipSpaces(i);
    if (header[afterToken] === "=") {
      i = skipSpaces(afterToken + 1);
      let value = "";
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === "\\" && i + 1 < n) i++;
          value += header[i];
          i++;
        }
        i++; // closing quote
      } else {
        const valueStart = i;
        while (i < n && !isSeparator(header[i])) i++;
        value = header.slice(valueStart, i);
      }
      if (current) current.params[token.toLowerCase()] = value;
    } else {
      current = { scheme: token, params: {} };
      challenges.push(current);
      i = afterToken;
    }
  }
  return challenges;
}

/** The strongest Digest challenge this client supports, or undefined. */
export function selectDigestChallenge(header: string | null): DigestChallenge | undefined {
  if (header === null) return undefined;
  let best: DigestChallenge | undefined;
  for (const challenge of parseAuthChallenges(header)) {
    if (challenge.scheme.toLowerCase() !== "digest") continue;
    const { realm, nonce } = challenge.params;
    if (realm === undefined || nonce === undefined) continue;
    const algorithm = normaliseAlgorithm(challenge.params["algorithm"] ?? "MD5");
    if (algorithm === undefined) continue;
    const qopOffered = challenge.params["qop"];
    let qop: "auth" | undefined;
    if (qopOffered !== undefined) {
      const options = qopOffered.split(",").map((q) => q.trim().toLowerCase());
      if (!options.includes("auth")) continue; // auth-int only: not supported
      qop = "auth";
    }
    const candidate: DigestChallenge = {
      realm,
      nonce,
      opaque: challenge.params["opaque"],
      algorithm,
      qop,
      stale: (challenge.params["stale"] ?? "").toLowerCase() === "true",
      userhash: (challenge.params["userhash"] ?? "").toLowerCase() === "true",
    };
    if (best === undefined || HASHES[candidate.algorithm].rank > HASHES[best.algorithm].rank) best = candidate;
  }
  return best;
}

function normaliseAlgorithm(value: string): DigestAlgorithm | undefined {
  const upper = value.trim().toUpperCase();
  for (const name of Object.keys(HASHES) as DigestAlgorithm[]) if (name.toUpperCase() === upper) return name;
  return undefined;
}

function hex(algorithm: DigestAlgorithm, value: string): string {
  return createHash(HASHES[algorithm].hash).update(value, "utf8").digest("hex");
}

export interface DigestResponseInput {
  readonly algorithm: DigestAlgorithm;
  readonly username: string;
  readonly password: string;
  readonly realm: string;
  readonly nonce: string;
  readonly method: string;
  readonly uri: string;
  readonly qop: "auth" | undefined;
  /** Nonce count as 8 hex digits (`00000001`). */
  readonly nc: string;
  readonly cnonce: string;
}

/** The `response` value of RFC 7616 §3.4.1 (pure; tested against the RFC's examples). */
export function computeDigestResponse(input: DigestResponseInput): string {
  const { algorithm } = input;
  let ha1 = hex(algorithm, `${input.username}:${input.realm}:${input.password}`);
  if (algorithm.endsWith("-sess")) ha1 = hex(algorithm, `${ha1}:${input.nonce}:${input.cnonce}`);
  const ha2 = hex(algorithm, `${input.method}:${input.uri}`);
  return input.qop === undefined
    ? hex(algorithm, `${ha1}:${input.nonce}:${ha2}`)
    : hex(algorithm, `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, "\\$1")}"`;
}

/** One nonce's worth of state. `nc` only grows; each request takes the next value synchronously. */
interface DigestSession {
  readonly challenge: DigestChallenge;
  nc: number;
  /** -sess algorithms bind HA1 to the first cnonce; non-sess requests draw a fresh one each. */
  readonly sessionCnonce: string;
}

interface DigestTicket extends AuthTicket {
  readonly session: DigestSession | undefined;
  /** This request went out without credentials to fetch the challenge for everyone. */
  readonly primer: boolean;
}

export class DigestAuthenticator implements Authenticator<DigestTicket> {
  readonly scheme = "digest" as const;
  private session: DigestSession | undefined;
  private priming: { readonly done: Promise<void>; readonly resolve: () => void } | undefined;
  /** The server answered an unauthenticated request without a challenge: stop priming. */
  private challengeNotRequired = false;

  constructor(
    private readonly username: string,
    private readonly password: string,
    private readonly newCnonce: () => string = () => randomBytes(16).toString("hex"),
  ) {}

  async authorize(method: string, uri: string, signal: AbortSignal): Promise<DigestTicket> {
    while (this.session === undefined && !this.challengeNotRequired) {
      if (this.priming === undefined) {
        let resolve!: () => void;
        const done = new Promise<void>((r) => (resolve = r));
        this.priming = { done, resolve };
        return { header: undefined, session: undefined, primer: true };
      }
      await waitOrAbort(this.priming.done, signal);
    }
    const session = this.session;
    if (session === undefined) return { header: undefined, session: undefined, primer: false };
    return { header: this.header(session, method, uri), session, primer: false };
  }

  private header(session: DigestSession, method: string, uri: string): string {
    const { challenge } = session;
    session.nc += 1;
    const nc = session.nc.toString(16).padStart(8, "0");
    const cnonce = challenge.algorithm.endsWith("-sess") ? session.sessionCnonce : this.newCnonce();
    const username = challenge.userhash ? hex(challenge.algorithm, `${this.username}:${challenge.realm}`) : this.username;
    const response = computeDigestResponse({
      algorithm: challenge.algorithm,
      username: this.username,
      password: this.password,
      realm: challenge.realm,
      nonce: challenge.nonce,
      method,
      uri,
      qop: challenge.qop,
      nc,
      cnonce,
    });
    const parts = [
      `username=${quote(username)}`,
      `realm=${quote(challenge.realm)}`,
      `nonce=${quote(challenge.nonce)}`,
      `uri=${quote(uri)}`,
      `algorithm=${challenge.algorithm}`,
    ];
    if (challenge.qop !== undefined) parts.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
    parts.push(`response=${quote(response)}`);
    if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
    if (challenge.userhash) parts.push("userhash=true");
    return `Digest ${parts.join(", ")}`;
  }

  private adopt(challenge: DigestChallenge): void {
    this.session = { challenge, nc: 0, sessionCnonce: this.newCnonce() };
  }

  onUnauthorized(response: HttpResponse, ticket: DigestTicket, state: CallAuthState, request: RequestRef): UnauthorizedVerdict {
    const challenge = selectDigestChallenge(response.headers.get("www-authenticate"));
    if (challenge === undefined) {
      // Credentials were accepted (no new challenge) but the action is not: an Atlas 401 such as
      // NOT_IN_GROUP. Without credentials, the server offered nothing we can answer.
      if (ticket.session !== undefined) return { kind: "pass" };
      return {
        kind: "fail",
        error: authenticationFailure(this.scheme, response, request, "the server did not offer a supported Digest challenge"),
      };
    }
    if (ticket.session === undefined) {
      // The handshake: not a re-authentication, the request simply had no credentials yet.
      if (this.session === undefined || this.session.challenge.nonce !== challenge.nonce) this.adopt(challenge);
      return { kind: "retry" };
    }
    const freshNonce = challenge.nonce !== ticket.session.challenge.nonce;
    if ((freshNonce || challenge.stale) && !state.reauthenticated) {
      state.reauthenticated = true;
      // Adopt unless a concurrent call already replaced the session this request used.
      if (this.session === ticket.session || this.session === undefined) this.adopt(challenge);
      return { kind: "retry" };
    }
    return {
      kind: "fail",
      error: authenticationFailure(this.scheme, response, request, "Atlas rejected the API key (HTTP Digest)"),
    };
  }

  settle(ticket: DigestTicket, response: HttpResponse | undefined): void {
    if (ticket.primer) {
      if (response !== undefined && response.status !== 401 && this.session === undefined) this.challengeNotRequired = true;
      const priming = this.priming;
      this.priming = undefined;
      priming?.resolve();
    }
    // RFC 7616 §3.5: the server may hand out the next nonce in Authentication-Info.
    const info = response?.headers.get("authentication-info");
    if (info && ticket.session !== undefined && this.session === ticket.session) {
      const nextnonce = parseAuthChallenges(`Digest ${info}`)[0]?.params["nextnonce"];
      if (nextnonce !== undefined && nextnonce !== ticket.session.challenge.nonce) {
        this.adopt({ ...ticket.session.challenge, nonce: nextnonce, stale: false });
      }
    }
  }
}

function waitOrAbort(done: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    void done.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}
