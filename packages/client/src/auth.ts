import { isApiErrorBody } from "@atlas-privatelink/atlas-api";
import { AuthenticationError, type AuthScheme } from "./errors.js";
import type { HttpResponse } from "./transport.js";

/**
 * How an authentication scheme plugs into the executor. For every HTTP exchange of an
 * authenticated call the executor asks `authorize` for the Authorization header, tells the
 * authenticator about the outcome (`settle`), and hands it every 401 (`onUnauthorized`), which
 * decides whether to send again (new nonce, new token), fail, or let the 401 through as an
 * ordinary Atlas error (an authorization problem such as NOT_IN_GROUP, not an authentication one).
 */
export interface AuthTicket {
  /** Value of the Authorization header, or undefined to send the request without one. */
  readonly header: string | undefined;
}

export type UnauthorizedVerdict =
  | { readonly kind: "retry" }
  | { readonly kind: "fail"; readonly error: AuthenticationError }
  | { readonly kind: "pass" };

/** Per-call state: each call re-authenticates at most once after presenting credentials. */
export interface CallAuthState {
  reauthenticated: boolean;
}

export interface RequestRef {
  readonly method: string;
  readonly path: string;
}

export interface Authenticator<T extends AuthTicket = AuthTicket> {
  readonly scheme: AuthScheme;
  /** `uri` is the request target as sent (path + query), which digest signs. */
  authorize(method: string, uri: string, signal: AbortSignal): Promise<T>;
  onUnauthorized(response: HttpResponse, ticket: T, state: CallAuthState, request: RequestRef): UnauthorizedVerdict;
  /** Called once per ticket after its exchange ended (response undefined when it failed). */
  settle(ticket: T, response: HttpResponse | undefined): void;
}

/** A fixed bearer token (`accessToken` credentials): nothing to refresh, a 401 is final. */
export class AccessTokenAuthenticator implements Authenticator {
  readonly scheme = "access-token" as const;
  private readonly header: string;

  constructor(accessToken: string) {
    this.header = `Bearer ${accessToken}`;
  }

  authorize(): Promise<AuthTicket> {
    return Promise.resolve({ header: this.header });
  }

  onUnauthorized(response: HttpResponse, _ticket: AuthTicket, _state: CallAuthState, request: RequestRef): UnauthorizedVerdict {
    return { kind: "fail", error: authenticationFailure(this.scheme, response, request, "Atlas rejected the access token") };
  }

  settle(): void {}
}

/** Builds the AuthenticationError for a 401, keeping Atlas' errorCode/detail when the body has them. */
export function authenticationFailure(
  scheme: AuthScheme,
  response: HttpResponse,
  request: RequestRef,
  message: string,
): AuthenticationError {
  let errorCode: string | undefined;
  let detail: string | undefined;
  try {
    const body: unknown = JSON.parse(response.bodyText);
    if (isApiErrorBody(body)) {
      errorCode = body.errorCode;
      detail = body.detail ?? undefined;
    }
  } catch {
    // not JSON: nothing to add
  }
  const suffix = errorCode !== undefined ? ` (Error code: "${errorCode}")${detail !== undefined ? ` Detail: ${detail}` : ""}` : "";
  return new AuthenticationError(`${message}: HTTP ${response.status}${suffix}`, {
    scheme,
    method: request.method,
    path: request.path,
    status: response.status,
    errorCode,
    detail,
  });
}
