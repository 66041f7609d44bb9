import type { Clock } from "../lifecycle/clock.js";
import { ApiError } from "../http/api-error.js";
import type { PrincipalRow, RoleAssignment, Store } from "../store/store.js";
import {
  digestChallenge,
  parseDigestAuthorization,
  parseNonceCount,
  uriMatches,
  verifyDigestResponse,
} from "./digest.js";
import { NonceStore } from "./nonces.js";
import type { Principal } from "./principal.js";
import { DIGEST_REALM, hashSecret, sameHex, sha256Hex, type DigestAlgorithm } from "./secrets.js";

/**
 * Authenticates API requests: HTTP Digest with API keys, or Bearer tokens obtained by service
 * accounts (`POST /api/oauth/token`). Failures are 401 `UNAUTHORIZED` with a fresh Digest
 * challenge (`stale=true` when only the nonce was at fault).
 */
export interface AuthOptions {
  /** How long a digest nonce stays valid, ms of emulator time (default 5 min). */
  readonly nonceTtlMs: number;
  /** Challenges offered, in order (default MD5 then SHA-256; Atlas offers MD5 only). */
  readonly digestAlgorithms: readonly DigestAlgorithm[];
  /** Bearer token lifetime, ms (Atlas: 3600 s). */
  readonly tokenTtlMs: number;
}

// DIVERGENCE: digest-sha256 — Atlas challenges with MD5 only; the emulator adds a SHA-256
// challenge (RFC 7616) after it. `digestAlgorithms: ["MD5"]` restores Atlas' behaviour.
export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  nonceTtlMs: 300_000,
  digestAlgorithms: ["MD5", "SHA-256"],
  tokenTtlMs: 3_600_000,
};

export interface AuthRequest {
  readonly method: string;
  /** The raw request-target (path and query, undecoded). */
  readonly target: string;
  readonly authorization: string | undefined;
}

interface CachedPrincipal {
  readonly row: PrincipalRow;
  readonly roles: readonly RoleAssignment[];
}

export class Authenticator {
  readonly nonces: NonceStore;
  readonly #principals = new Map<string, CachedPrincipal | null>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly options: AuthOptions = DEFAULT_AUTH_OPTIONS,
  ) {
    this.nonces = new NonceStore(options.nonceTtlMs);
  }

  /** Forget cached keys and roles (after the control API changed them). */
  invalidate(): void {
    this.#principals.clear();
  }

  principalRow(id: string): CachedPrincipal | undefined {
    let cached = this.#principals.get(id);
    if (cached === undefined) {
      const row = this.store.getPrincipal(id);
      cached = row ? { row, roles: this.store.rolesOf(id) } : null;
      if (this.#principals.size > 10_000) this.#principals.clear();
      this.#principals.set(id, cached);
    }
    return cached ?? undefined;
  }

  /** WWW-Authenticate values for a 401 (one per offered algorithm, same nonce). */
  challenge(stale: boolean): string[] {
    const nonce = this.nonces.issue(this.clock.now());
    return this.options.digestAlgorithms.map((a) => digestChallenge(nonce, a, stale));
  }

  // DIVERGENCE: unauthorized-body — the body of Atlas' Digest challenge is not recorded (legacy docs
  // show `application/json;charset=ISO-8859-1`); the emulator sends the Atlas error shape with
  // errorCode UNAUTHORIZED as `application/json`.
  unauthorized(stale = false): ApiError {
    return ApiError.of("UNAUTHORIZED", [], { headers: { "WWW-Authenticate": this.challenge(stale) } });
  }

  authenticate(req: AuthRequest): Principal {
    const header = req.authorization;
    if (header === undefined || header === "") throw this.unauthorized();
    if (/^bearer\s/i.test(header)) return this.#bearer(header.replace(/^bearer\s+/i, "").trim());
    const credentials = parseDigestAuthorization(header);
    if (!credentials) throw this.unauthorized();
    if (!this.options.digestAlgorithms.includes(credentials.algorithm)) throw this.unauthorized();
    if (credentials.realm !== DIGEST_REALM || !uriMatches(credentials.uri, req.target)) throw this.unauthorized();
    const nc = parseNonceCount(credentials.nc);
    if (nc === undefined) throw this.unauthorized();
    const principal = this.principalRow(credentials.username);
    if (!principal || principal.row.kind !== "apiKey") throw this.unauthorized();
    const stored = credentials.algorithm === "MD5" ? principal.row.ha1Md5 : principal.row.ha1Sha256;
    if (stored === null || !verifyDigestResponse(credentials, req.method, stored)) throw this.unauthorized();
    // The response is right: any remaining problem is the nonce's (RFC 7616 §3.3: stale=true).
    const verdict = this.nonces.use(credentials.nonce, nc, this.clock.now());
    if (verdict !== "ok") throw this.unauthorized(true);
    return { id: principal.row.id, kind: "apiKey", orgId: principal.row.orgId, roles: principal.roles, scheme: "digest" };
  }

  #bearer(token: string): Principal {
    const invalid = ApiError.of("UNAUTHORIZED", [], {
      headers: { "WWW-Authenticate": `Bearer realm="${DIGEST_REALM}", error="invalid_token"` },
    });
    if (token === "" || token.length > 4096) throw invalid;
    const record = this.store.getToken(sha256Hex(token));
    if (!record || record.expiresAt <= this.clock.now()) throw invalid;
    const principal = this.principalRow(record.principalId);
    if (!principal || principal.row.kind !== "serviceAccount") throw invalid;
    return { id: principal.row.id, kind: "serviceAccount", orgId: principal.row.orgId, roles: principal.roles, scheme: "bearer" };
  }

  /** Checks `Authorization: Basic base64(clientId:secret)` for a service account. */
  serviceAccountFromBasic(header: string | undefined): PrincipalRow | undefined {
    if (!header || !/^basic\s+/i.test(header)) return undefined;
    let decoded: string;
    try {
      decoded = Buffer.from(header.replace(/^basic\s+/i, "").trim(), "base64").toString("utf8");
    } catch {
      return undefined;
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    // RFC 6749 §2.3.1: client id and secret are form-urlencoded before Basic encoding.
    let clientId: string;
    let secret: string;
    try {
      clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
      secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
    } catch {
      return undefined;
    }
    const principal = this.principalRow(clientId);
    if (!principal || principal.row.kind !== "serviceAccount" || !principal.row.secretHash || !principal.row.secretSalt) return undefined;
    return sameHex(hashSecret(principal.row.secretSalt, secret), principal.row.secretHash) ? principal.row : undefined;
  }
}
