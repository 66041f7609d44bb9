import { authenticationFailure, type Authenticator, type AuthTicket, type CallAuthState, type RequestRef } from "./auth.js";
import {
  AtlasApiError,
  AtlasClientError,
  ConfigurationError,
  markOutcomeUnknown,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
  type ClientErrorCode,
} from "./errors.js";
import { decideRetry, parseRetryAfter, type AttemptOutcome, type RetryOptions, type RetryReason } from "./retry-policy.js";
import type { Clock } from "./service-account.js";
import { abortable, CallScope, sendHttp, type HttpMethod, type HttpResponse, type Sleep } from "./transport.js";

/**
 * Carries out one client call: the call's deadline and abort, the attempts the retry policy
 * allows, the authentication rounds inside each attempt (digest handshake, stale nonce, token
 * refresh — these are not retries and do not consume attempts), the hooks, and the
 * create-recovery protocol for non-idempotent creates (see `Recovery`).
 */

export type RequestPurpose = "api" | "token";

export interface RequestEvent {
  readonly method: string;
  /** Path as sent (percent-encoded), without the query. */
  readonly path: string;
  /** The query string as sent (`?a=1`), or "". */
  readonly query: string;
  /** 1-based attempt number of the call (retries increment it). */
  readonly attempt: number;
  /** 0 for the first exchange of an attempt; 1+ for exchanges repeated to (re-)authenticate. */
  readonly authRound: number;
  /** "token" for service-account token requests, "api" for everything else. */
  readonly purpose: RequestPurpose;
  /** Sequence number of the HTTP exchange within this client (1-based). */
  readonly sequence: number;
}

export interface ResponseEvent extends RequestEvent {
  /** Undefined when no response arrived. */
  readonly status: number | undefined;
  readonly durationMs: number;
  /** Set when no response arrived: NETWORK_ERROR, TIMEOUT or ABORTED. */
  readonly errorCode: ClientErrorCode | undefined;
}

export interface RetryEvent {
  readonly method: string;
  readonly path: string;
  /** The attempt that failed. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: RetryReason;
  readonly status: number | undefined;
}

/** Observation hooks; exceptions thrown by hooks are ignored. */
export interface ClientHooks {
  readonly onRequest?: ((event: RequestEvent) => void) | undefined;
  readonly onResponse?: ((event: ResponseEvent) => void) | undefined;
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
}

export interface ExecRequest {
  readonly method: HttpMethod;
  /** Percent-encoded path (from atlas-api `paths`), appended to the base URL's path. */
  readonly path: string;
  /** Query parameters, sent in insertion order. */
  readonly query?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** Accept, Content-Type and any other header; User-Agent and Authorization are added here. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  readonly idempotent: boolean;
  /** False for the token request itself. */
  readonly authenticate: boolean;
  readonly purpose: RequestPurpose;
  /** Maps a final non-2xx response to the error thrown; default AtlasApiError. */
  readonly toError?: ((response: HttpResponse, request: RequestRef, retryAfterMs: number | undefined) => AtlasClientError) | undefined;
  /**
   * A DELETE whose earlier attempt may have been carried out: a 404 on a later attempt means the
   * earlier one did the work, so it is success.
   */
  readonly notFoundAfterUnknownIsSuccess?: boolean | undefined;
}

/**
 * Makes a non-idempotent create safe to retry. Before sending again after an attempt whose outcome
 * is unknown (a response lost to a network error, an attempt timeout, a 5xx), the executor asks
 * `lookup` whether the object exists and returns it if so. After such an attempt, an "already
 * exists" error (`isAlreadyExists`) also triggers `lookup`. An "already exists" error when no
 * earlier attempt is in doubt is a genuine conflict and is thrown as is: never adopt what another
 * party created.
 */
export interface Recovery<T> {
  lookup(scope: { readonly signal: AbortSignal; readonly timeoutMs: number }): Promise<T | undefined>;
  isAlreadyExists(error: AtlasApiError): boolean;
}

export type ExecResult<T> =
  | { readonly kind: "response"; readonly response: HttpResponse; readonly attempts: number }
  | { readonly kind: "recovered"; readonly value: T; readonly attempts: number };

export interface CallOptions {
  /** Aborting rejects the call with an AbortedError (code ABORTED). */
  readonly signal?: AbortSignal | undefined;
  /** Deadline of the whole call, retries included; rejects with a TimeoutError (code TIMEOUT). */
  readonly timeoutMs?: number | undefined;
}

export interface ExecutorOptions {
  readonly baseUrl: URL;
  readonly userAgent: string;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly retry: RetryOptions;
  readonly attemptTimeoutMs: number;
  readonly timeoutMs: number;
  readonly hooks: ClientHooks;
}

/** Thrown inside an attempt when `authorize` failed: terminal, never retried as a network error. */
class AuthorizeFailure {
  constructor(readonly error: unknown) {}
}

const MAX_AUTH_ROUNDS = 3;

export class Executor {
  authenticator: Authenticator | undefined;
  private sequence = 0;
  private readonly basePath: string;

  constructor(private readonly options: ExecutorOptions) {
    this.basePath = options.baseUrl.pathname.replace(/\/+$/, "");
  }

  /** Number of HTTP exchanges sent so far (every attempt and authentication round). */
  get requestCount(): number {
    return this.sequence;
  }

  url(path: string, query?: ExecRequest["query"]): URL {
    let search = "";
    if (query !== undefined) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) params.append(key, String(value));
      const encoded = params.toString();
      if (encoded !== "") search = `?${encoded}`;
    }
    return new URL(`${this.options.baseUrl.origin}${this.basePath}${path}${search}`);
  }

  async execute<T = never>(request: ExecRequest, callOptions: CallOptions = {}, recovery?: Recovery<T>): Promise<ExecResult<T>> {
    const ref: RequestRef = { method: request.method, path: request.path };
    const timeoutMs = callOptions.timeoutMs ?? this.options.timeoutMs;
    if (!(timeoutMs > 0)) throw new ConfigurationError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
    const call = new CallScope(ref, timeoutMs, callOptions.signal);
    const startedAt = this.options.clock.now();
    const authState: CallAuthState = { reauthenticated: false };
    const retryAsIdempotent = request.idempotent || recovery !== undefined;
    /** Some attempt may have been carried out by the server and nothing has settled it since. */
    let inDoubt = false;
    /** Ever in doubt during this call (a later 404/409 is then explained by our own attempt). */
    let everInDoubt = false;
    /** A request of this call is on the wire (set just before the exchange, cleared after it). */
    const progress = { sending: false };
    const doubtful = <E extends AtlasClientError>(error: E): E =>
      !request.idempotent && (inDoubt || progress.sending) ? markOutcomeUnknown(error) : error;

    try {
      for (let attempt = 1; ; attempt++) {
        if (recovery !== undefined && inDoubt) {
          const found = await this.tryLookup(recovery, call);
          if (found.kind === "found") return { kind: "recovered", value: found.value, attempts: attempt - 1 };
          if (found.kind === "absent") inDoubt = false;
          // lookup failed: send again anyway; the "already exists" answer is the safety net.
        }

        let outcome: AttemptOutcome;
        let failure: AtlasClientError;
        let outcomeInDoubt: boolean;
        try {
          const response = await this.attempt(request, call, attempt, authState, progress);
          if (response.status >= 200 && response.status < 300) return { kind: "response", response, attempts: attempt };
          if (response.status === 404 && request.notFoundAfterUnknownIsSuccess && everInDoubt) {
            return { kind: "response", response, attempts: attempt };
          }
          const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.options.clock.now());
          failure = (request.toError ?? defaultToError)(response, ref, retryAfterMs);
          if (recovery !== undefined && everInDoubt && failure instanceof AtlasApiError && recovery.isAlreadyExists(failure)) {
            const found = await this.tryLookup(recovery, call);
            if (found.kind === "found") return { kind: "recovered", value: found.value, attempts: attempt };
            // Atlas says it exists, yet the lookup cannot show it (it failed, or the list lags):
            // surface the conflict, flagged, since the object may well be the one we created.
            throw markOutcomeUnknown(failure);
          }
          outcome = { kind: "status", status: response.status, retryAfterMs };
          outcomeInDoubt = response.status >= 500;
        } catch (error) {
          if (error instanceof AuthorizeFailure) throw error.error;
          call.throwIfDone();
          progress.sending = false;
          if (error instanceof NetworkError) {
            outcome = { kind: "network", requestMayHaveBeenSent: error.requestMayHaveBeenSent };
            outcomeInDoubt = error.requestMayHaveBeenSent;
            failure = error;
          } else if (error instanceof TimeoutError && error.scope === "attempt") {
            outcome = { kind: "timeout" };
            outcomeInDoubt = true;
            failure = error;
          } else {
            throw error;
          }
        }
        if (outcomeInDoubt) {
          inDoubt = true;
          everInDoubt = true;
        }

        const decision = decideRetry(
          {
            attempt,
            outcome,
            idempotent: retryAsIdempotent,
            elapsedMs: this.options.clock.now() - startedAt,
            remainingMs: call.remainingMs(),
            random: this.options.random(),
          },
          this.options.retry,
        );
        if (!decision.retry) {
          if (recovery !== undefined && inDoubt) {
            const found = await this.tryLookup(recovery, call);
            if (found.kind === "found") return { kind: "recovered", value: found.value, attempts: attempt };
            if (found.kind === "absent") inDoubt = false;
          }
          throw doubtful(failure);
        }
        this.emit(() =>
          this.options.hooks.onRetry?.({
            ...ref,
            attempt,
            delayMs: decision.delayMs,
            reason: decision.reason,
            status: outcome.kind === "status" ? outcome.status : undefined,
          }),
        );
        await abortable(this.options.sleep(decision.delayMs, call.signal), call.signal);
      }
    } catch (error) {
      if (call.signal.aborted && error === call.signal.reason && error instanceof AtlasClientError) throw doubtful(error);
      if (call.signal.aborted && !(error instanceof AtlasClientError)) throw doubtful(call.signal.reason as AtlasClientError);
      throw error;
    } finally {
      call.dispose();
    }
  }

  private async tryLookup<T>(
    recovery: Recovery<T>,
    call: CallScope,
  ): Promise<{ kind: "found"; value: T } | { kind: "absent" } | { kind: "failed" }> {
    try {
      const value = await recovery.lookup({ signal: call.signal, timeoutMs: Math.max(1, call.remainingMs()) });
      return value === undefined ? { kind: "absent" } : { kind: "found", value };
    } catch {
      call.throwIfDone();
      return { kind: "failed" };
    }
  }

  /** One attempt: one exchange, plus the exchanges authentication needs (handshake, refresh). */
  private async attempt(
    request: ExecRequest,
    call: CallScope,
    attempt: number,
    authState: CallAuthState,
    progress: { sending: boolean },
  ): Promise<HttpResponse> {
    const url = this.url(request.path, request.query);
    const uri = `${url.pathname}${url.search}`;
    const auth = request.authenticate ? this.authenticator : undefined;
    for (let authRound = 0; ; authRound++) {
      let ticket: AuthTicket | undefined;
      if (auth !== undefined) {
        try {
          ticket = await abortable(auth.authorize(request.method, uri, call.signal), call.signal);
        } catch (error) {
          call.throwIfDone();
          throw new AuthorizeFailure(error);
        }
      }
      const headers: Record<string, string> = { ...request.headers, "User-Agent": this.options.userAgent };
      if (ticket?.header !== undefined) headers["Authorization"] = ticket.header;
      let response: HttpResponse | undefined;
      try {
        call.throwIfDone();
        progress.sending = true;
        response = await this.exchange(request, url, headers, call, attempt, authRound);
        progress.sending = false;
      } finally {
        if (auth !== undefined && ticket !== undefined) auth.settle(ticket, response);
      }
      if (response.status === 401 && auth !== undefined && ticket !== undefined) {
        const verdict = auth.onUnauthorized(response, ticket, authState, { method: request.method, path: request.path });
        if (verdict.kind === "retry" && authRound + 1 < MAX_AUTH_ROUNDS) continue;
        if (verdict.kind === "fail") throw new AuthorizeFailure(verdict.error);
        if (verdict.kind === "retry") {
          const ref = { method: request.method, path: request.path };
          throw new AuthorizeFailure(authenticationFailure(auth.scheme, response, ref, "authentication did not complete"));
        }
      }
      return response;
    }
  }

  private async exchange(
    request: ExecRequest,
    url: URL,
    headers: Record<string, string>,
    call: CallScope,
    attempt: number,
    authRound: number,
  ): Promise<HttpResponse> {
    this.sequence += 1;
    const event: RequestEvent = {
      method: request.method,
      path: request.path,
      query: url.search,
      attempt,
      authRound,
      purpose: request.purpose,
      sequence: this.sequence,
    };
    this.emit(() => this.options.hooks.onRequest?.(event));
    const started = performance.now();
    try {
      const response = await sendHttp(
        { method: request.method, url, path: request.path, headers, body: request.body },
        call.signal,
        this.options.attemptTimeoutMs,
      );
      this.emit(() =>
        this.options.hooks.onResponse?.({ ...event, status: response.status, durationMs: performance.now() - started, errorCode: undefined }),
      );
      return response;
    } catch (error) {
      const errorCode = error instanceof AtlasClientError ? error.code : "NETWORK_ERROR";
      this.emit(() =>
        this.options.hooks.onResponse?.({ ...event, status: undefined, durationMs: performance.now() - started, errorCode }),
      );
      throw error;
    }
  }

  private emit(fire: () => void): void {
    try {
      fire();
    } catch {
      // hooks observe; they never change the outcome of a call
    }
  }
}

function defaultToError(response: HttpResponse, request: RequestRef, retryAfterMs: number | undefined): AtlasClientError {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location");
    return new UnexpectedResponseError(`redirect${location ? ` to ${location}` : ""} not followed`, {
      ...request,
      status: response.status,
      contentType: response.headers.get("content-type"),
      bodyText: response.bodyText,
    });
  }
  return new AtlasApiError({
    method: request.method,
    path: request.path,
    status: response.status,
    statusText: response.statusText,
    bodyText: response.bodyText,
    errorCodeHeader: response.headers.get("x-error-code"),
    retryAfterMs,
  });
}
