import { OAUTH_TOKEN_PATH } from "@atlas-privatelink/atlas-api";
import { authenticationFailure, type Authenticator, type AuthTicket, type CallAuthState, type RequestRef, type UnauthorizedVerdict } from "./auth.js";
import { AuthenticationError, UnexpectedResponseError } from "./errors.js";
import { abortable, type HttpResponse } from "./transport.js";

/**
 * Service accounts: OAuth 2.0 client credentials (atlas-api.md §7). The token is fetched with
 * `POST /api/oauth/token` (Basic auth, form body `grant_type=client_credentials`), cached, and
 * refreshed `refreshSkewMs` before it expires (never later than half-way through its lifetime).
 * Concurrent calls share one token fetch, which runs on its own signal so that one caller giving
 * up does not fail the others. A 401 on an API call made with a cached token drops that token and
 * sends once more with a new one.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface TokenGrant {
  readonly accessToken: string;
  readonly expiresInMs: number;
}

/** Fetches a token; supplied by the client (runs through the executor: retries, hooks, timeouts). */
export type TokenFetcher = () => Promise<TokenGrant>;

/** Headers and body of the token request. */
export function tokenRequest(clientId: string, clientSecret: string): {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
} {
  const basic = Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64");
  return {
    path: OAUTH_TOKEN_PATH,
    headers: {
      Authorization: `Basic ${basic}`,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body: "grant_type=client_credentials",
  };
}

/** Reads a 2xx token response: `{access_token, expires_in, token_type}`. */
export function parseTokenResponse(response: HttpResponse, request: RequestRef): TokenGrant {
  let value: unknown;
  try {
    value = JSON.parse(response.bodyText);
  } catch {
    value = undefined;
  }
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  const accessToken = record?.["access_token"];
  const expiresIn = record?.["expires_in"];
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new UnexpectedResponseError("token response has no access_token", {
      ...request,
      status: response.status,
      contentType: response.headers.get("content-type"),
      bodyText: response.bodyText,
    });
  }
  // RFC 6749 §5.1 makes expires_in optional; Atlas documents 3600 s.
  const seconds = typeof expiresIn === "number" && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600;
  return { accessToken, expiresInMs: seconds * 1000 };
}

/** The error for a non-2xx token response, carrying the OAuth `error`/`error_description`. */
export function tokenEndpointError(response: HttpResponse, request: RequestRef): AuthenticationError {
  let oauthError: string | undefined;
  let oauthErrorDescription: string | undefined;
  try {
    const body: unknown = JSON.parse(response.bodyText);
    if (typeof body === "object" && body !== null) {
      const record = body as Record<string, unknown>;
      if (typeof record["error"] === "string") oauthError = record["error"];
      if (typeof record["error_description"] === "string") oauthErrorDescription = record["error_description"];
    }
  } catch {
    // not JSON
  }
  const what = oauthError !== undefined ? ` (${oauthError}${oauthErrorDescription !== undefined ? `: ${oauthErrorDescription}` : ""})` : "";
  return new AuthenticationError(`the service-account token endpoint refused to issue a token: HTTP ${response.status}${what}`, {
    scheme: "service-account",
    method: request.method,
    path: request.path,
    status: response.status,
    oauthError,
    oauthErrorDescription,
  });
}

interface CachedToken {
  readonly accessToken: string;
  readonly refreshAt: number;
  readonly expiresAt: number;
}

interface BearerTicket extends AuthTicket {
  readonly token: CachedToken;
}

export class ServiceAccountAuthenticator implements Authenticator<BearerTicket> {
  readonly scheme = "service-account" as const;
  private cached: CachedToken | undefined;
  private inflight: Promise<CachedToken> | undefined;

  constructor(
    private readonly fetchToken: TokenFetcher,
    private readonly clock: Clock,
    private readonly refreshSkewMs: number,
  ) {}

  async authorize(_method: string, _uri: string, signal: AbortSignal): Promise<BearerTicket> {
    const token = await abortable(this.currentToken(), signal);
    return { header: `Bearer ${token.accessToken}`, token };
  }

  private currentToken(): Promise<CachedToken> {
    const cached = this.cached;
    if (cached !== undefined && this.clock.now() < cached.refreshAt) return Promise.resolve(cached);
    if (this.inflight === undefined) {
      const requestedAt = this.clock.now();
      const fetching = this.fetchToken().then(
        (grant) => {
          const skew = Math.min(this.refreshSkewMs, grant.expiresInMs / 2);
          const token: CachedToken = {
            accessToken: grant.accessToken,
            expiresAt: requestedAt + grant.expiresInMs,
            refreshAt: requestedAt + grant.expiresInMs - skew,
          };
          this.cached = token;
          return token;
        },
      );
      this.inflight = fetching;
      // Clear the shared fetch once settled, whether it succeeded or not (the next call retries).
      const clear = (): void => {
        if (this.inflight === fetching) this.inflight = undefined;
      };
      fetching.then(clear, clear);
    }
    return this.inflight;
  }

  onUnauthorized(response: HttpResponse, ticket: BearerTicket, state: CallAuthState, request: RequestRef): UnauthorizedVerdict {
    if (this.cached === ticket.token) this.cached = undefined;
    if (!state.reauthenticated) {
      state.reauthenticated = true;
      return { kind: "retry" };
    }
    return {
      kind: "fail",
      error: authenticationFailure(this.scheme, response, request, "Atlas rejected the service-account token after a refresh"),
    };
  }

  settle(): void {}
}
