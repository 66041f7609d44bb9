import { isApiErrorBody, REASON_PHRASES, type ApiErrorBody } from "@atlas-privatelink/atlas-api";

/**
 * Errors the client throws. Every error carries a stable `code`; callers branch on `code` (or the
 * `is…` helpers below), never on message text (DESIGN.md "Errors: one model per boundary", 2).
 * Every code is listed in docs/errors.md ("## Client"); errors-doc.test.ts keeps the two in sync.
 */
export const CLIENT_ERROR_CODES = {
  ATLAS_API_ERROR: "Atlas answered with an HTTP error status (after any retries); see status, errorCode, detail.",
  NETWORK_ERROR: "The connection failed or broke before a complete response arrived (after any retries).",
  TIMEOUT: "An attempt or the whole call exceeded its time limit.",
  ABORTED: "The caller's AbortSignal fired.",
  AUTHENTICATION_FAILED: "Atlas rejected the credentials, or the service-account token endpoint refused to issue a token.",
  UNEXPECTED_RESPONSE: "A success response whose body is not the JSON that was expected.",
  INVALID_CONFIGURATION: "The client options or call arguments are unusable (credentials, base URL, timeouts).",
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;

export type AuthScheme = "digest" | "service-account" | "access-token";

interface ErrorContext {
  /** HTTP method of the request that failed, when there was one. */
  readonly method?: string | undefined;
  /** Request path (percent-encoded as sent, without the query string). */
  readonly path?: string | undefined;
  readonly cause?: unknown;
}

/** Base class of every error the client throws. */
export abstract class AtlasClientError extends Error {
  abstract readonly code: ClientErrorCode;
  readonly method: string | undefined;
  readonly path: string | undefined;
  /**
   * True when a non-idempotent request (a POST) may have been carried out by Atlas although the
   * client could not learn its result, and the client's own recovery (see createEndpointService)
   * could not settle it: the object may exist. Always false for idempotent requests.
   */
  readonly outcomeUnknown: boolean = false;

  protected constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.method = context.method;
    this.path = context.path;
  }
}

/** Marks an error as "the POST may have happened" (internal; the property is public read-only). */
export function markOutcomeUnknown<E extends AtlasClientError>(error: E): E {
  (error as { outcomeUnknown: boolean }).outcomeUnknown = true;
  return error;
}

export interface AtlasApiErrorInit {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** HTTP status text of the response (used when the body has no `reason`). */
  readonly statusText?: string | undefined;
  /** The raw response body. */
  readonly bodyText: string;
  /** Value of the `X-Error-Code` response header, if any. */
  readonly errorCodeHeader?: string | null | undefined;
  /** Parsed `Retry-After`, in ms, if the response carried one. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * An HTTP error status from Atlas. `errorCode` is Atlas' stable code (e.g.
 * `PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION`); it is undefined only when the body was
 * not an Atlas error body (e.g. an HTML page from a proxy), in which case `detail` holds the start
 * of the body. The message follows the Go SDK's format (atlas-api.md §6).
 */
export class AtlasApiError extends AtlasClientError {
  readonly code = "ATLAS_API_ERROR" as const;
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly detail: string | undefined;
  /** HTTP reason phrase as Atlas reports it (`Conflict`). */
  readonly reason: string;
  /** Values substituted into `detail` (Atlas may send null; normalised to []). */
  readonly parameters: readonly unknown[];
  readonly badRequestDetail: ApiErrorBody["badRequestDetail"];
  readonly retryAfterMs: number | undefined;
  readonly body: ApiErrorBody | undefined;

  constructor(init: AtlasApiErrorInit) {
    const body = parseErrorBody(init.bodyText);
    const reason = nonEmpty(body?.reason) ?? REASON_PHRASES[init.status] ?? nonEmpty(init.statusText) ?? "Error";
    const errorCode = nonEmpty(body?.errorCode) ?? nonEmpty(init.errorCodeHeader ?? undefined);
    const detail = body ? (body.detail ?? undefined) : snippet(init.bodyText) || undefined;
    const parameters = Array.isArray(body?.parameters) ? body.parameters : [];
    super(formatApiErrorMessage(init.method, init.path, init.status, reason, errorCode, detail, parameters), {
      method: init.method,
      path: init.path,
    });
    this.status = init.status;
    this.errorCode = errorCode;
    this.detail = detail;
    this.reason = reason;
    this.parameters = parameters;
    this.badRequestDetail = body?.badRequestDetail;
    this.retryAfterMs = init.retryAfterMs;
    this.body = body;
  }
}

function formatApiErrorMessage(
  method: string,
  path: string,
  status: number,
  reason: string,
  errorCode: string | undefined,
  detail: string | undefined,
  parameters: readonly unknown[],
): string {
  let message = `${method} ${path}: HTTP ${status} ${reason}`;
  if (errorCode !== undefined) message += ` (Error code: "${errorCode}")`;
  if (detail !== undefined) message += ` Detail: ${detail}`;
  message += ` Reason: ${reason}.`;
  if (parameters.length > 0) message += ` Params: [${parameters.map(formatParameter).join(" ")}]`;
  return message;
}

function formatParameter(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
}

function parseErrorBody(text: string): ApiErrorBody | undefined {
  if (text.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isApiErrorBody(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The first 200 characters of a body, on one line. */
export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export interface NetworkErrorInit extends ErrorContext {
  /** Low-level error code found in the cause chain (`ECONNRESET`, `UND_ERR_SOCKET`, …). */
  readonly syscallCode: string | undefined;
  /**
   * False only when the failure happened before any byte of the request could reach the server
   * (connection refused, DNS failure), so the server certainly did not act on it.
   */
  readonly requestMayHaveBeenSent: boolean;
}

/** The connection failed, was reset, or closed before a complete response arrived. */
export class NetworkError extends AtlasClientError {
  readonly code = "NETWORK_ERROR" as const;
  readonly syscallCode: string | undefined;
  readonly requestMayHaveBeenSent: boolean;

  constructor(message: string, init: NetworkErrorInit) {
    super(message, init);
    this.syscallCode = init.syscallCode;
    this.requestMayHaveBeenSent = init.requestMayHaveBeenSent;
  }
}

/**
 * A time limit was exceeded: `scope: "attempt"` is one HTTP exchange (the client option
 * `attemptTimeoutMs`; retried like a network error when the call is idempotent), `scope: "call"`
 * is the whole call including retries (the `timeoutMs` call option or client default).
 */
export class TimeoutError extends AtlasClientError {
  readonly code = "TIMEOUT" as const;
  readonly timeoutMs: number;
  readonly scope: "attempt" | "call";

  constructor(init: ErrorContext & { readonly timeoutMs: number; readonly scope: "attempt" | "call" }) {
    const what = init.scope === "call" ? "call" : "request attempt";
    super(`${prefix(init)}${what} timed out after ${init.timeoutMs} ms`, init);
    this.timeoutMs = init.timeoutMs;
    this.scope = init.scope;
  }
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class AbortedError extends AtlasClientError {
  readonly code = "ABORTED" as const;

  constructor(init: ErrorContext = {}) {
    super(`${prefix(init)}aborted by the caller`, init);
  }
}

export interface AuthenticationErrorInit extends ErrorContext {
  readonly scheme: AuthScheme;
  readonly status?: number | undefined;
  /** Atlas `errorCode` when a 401 carried an Atlas error body. */
  readonly errorCode?: string | undefined;
  readonly detail?: string | undefined;
  /** OAuth `error` from the token endpoint (`invalid_client`, …). */
  readonly oauthError?: string | undefined;
  /** OAuth `error_description` from the token endpoint. */
  readonly oauthErrorDescription?: string | undefined;
}

/**
 * The credentials were rejected: a digest challenge answered again after a fresh nonce, a
 * bearer token refused after one refresh, or the service-account token endpoint answered with an
 * error (any status; `oauthError`/`oauthErrorDescription` carry its body).
 */
export class AuthenticationError extends AtlasClientError {
  readonly code = "AUTHENTICATION_FAILED" as const;
  readonly scheme: AuthScheme;
  readonly status: number | undefined;
  readonly errorCode: string | undefined;
  readonly detail: string | undefined;
  readonly oauthError: string | undefined;
  readonly oauthErrorDescription: string | undefined;

  constructor(message: string, init: AuthenticationErrorInit) {
    super(`${prefix(init)}${message}`, init);
    this.scheme = init.scheme;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.oauthError = init.oauthError;
    this.oauthErrorDescription = init.oauthErrorDescription;
  }
}

/** A success status whose body is not the JSON expected (empty, not JSON, wrong shape), or a redirect. */
export class UnexpectedResponseError extends AtlasClientError {
  readonly code = "UNEXPECTED_RESPONSE" as const;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly bodySnippet: string;

  constructor(
    message: string,
    init: ErrorContext & { readonly status: number; readonly contentType?: string | null | undefined; readonly bodyText: string },
  ) {
    super(`${prefix(init)}HTTP ${init.status}: ${message}`, init);
    this.status = init.status;
    this.contentType = init.contentType ?? undefined;
    this.bodySnippet = snippet(init.bodyText);
  }
}

/** Unusable client options or call arguments. */
export class ConfigurationError extends AtlasClientError {
  readonly code = "INVALID_CONFIGURATION" as const;

  constructor(message: string) {
    super(message);
  }
}

function prefix(context: ErrorContext): string {
  return context.method !== undefined && context.path !== undefined ? `${context.method} ${context.path}: ` : "";
}

/** True for any error thrown by this client; with `code`, only for that code. */
export function isClientError(error: unknown, code?: ClientErrorCode): error is AtlasClientError {
  return error instanceof AtlasClientError && (code === undefined || error.code === code);
}

/** True for an Atlas HTTP error; with `errorCode`, only when Atlas sent that code. */
export function isAtlasApiError(error: unknown, errorCode?: string): error is AtlasApiError {
  return error instanceof AtlasApiError && (errorCode === undefined || error.errorCode === errorCode);
}

/** True for an Atlas 404 (whatever its errorCode: RESOURCE_NOT_FOUND, GROUP_NOT_FOUND, …). */
export function isNotFound(error: unknown): error is AtlasApiError {
  return error instanceof AtlasApiError && error.status === 404;
}
