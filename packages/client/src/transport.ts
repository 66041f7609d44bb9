import { AbortedError, NetworkError, TimeoutError } from "./errors.js";

/**
 * One HTTP exchange over the global `fetch`: send, read the whole body, classify failures. No
 * retries and no authentication here (executor.ts), and no knowledge of Atlas.
 */

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  /** Path as sent (percent-encoded, no query): used in errors. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly bodyText: string;
}

/**
 * Sends one request. Resolves with any HTTP status (redirects are not followed: credentials must
 * not travel to another origin, and Atlas does not redirect API calls). Rejects with:
 * - the `callSignal`'s reason when it fires (the executor puts an AbortedError or a call-scope
 *   TimeoutError there);
 * - a TimeoutError (scope "attempt") when `attemptTimeoutMs` elapses first;
 * - a NetworkError for anything else, including a body cut off mid-way.
 */
export async function sendHttp(request: HttpRequest, callSignal: AbortSignal, attemptTimeoutMs: number): Promise<HttpResponse> {
  const attempt = new AbortController();
  const context = { method: request.method, path: request.path };
  const onCallAbort = (): void => attempt.abort(callSignal.reason);
  if (callSignal.aborted) throw callSignal.reason;
  callSignal.addEventListener("abort", onCallAbort, { once: true });
  const timer = setTimeout(
    () => attempt.abort(new TimeoutError({ ...context, timeoutMs: attemptTimeoutMs, scope: "attempt" })),
    attemptTimeoutMs,
  );
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: attempt.signal,
    });
    const bodyText = await response.text();
    return { status: response.status, statusText: response.statusText, headers: response.headers, bodyText };
  } catch (error) {
    if (callSignal.aborted) throw callSignal.reason;
    if (attempt.signal.aborted) throw attempt.signal.reason;
    throw toNetworkError(error, context);
  } finally {
    clearTimeout(timer);
    callSignal.removeEventListener("abort", onCallAbort);
  }
}

/**
 * Failures that happen before the request can reach the server: a retry is safe even for a POST.
 * Everything else (reset, "other side closed", body cut off) may follow a request the server
 * received and acted on.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function toNetworkError(error: unknown, context: { method: string; path: string }): NetworkError {
  const syscallCode = findErrorCode(error);
  const detail = describeCauses(error);
  return new NetworkError(`${context.method} ${context.path}: network error: ${detail}`, {
    ...context,
    cause: error,
    syscallCode,
    requestMayHaveBeenSent: syscallCode === undefined || !NOT_SENT_CODES.has(syscallCode),
  });
}

/** The first string `code` in the cause chain (undici wraps socket errors in `TypeError: fetch failed`). */
function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (typeof current === "object") {
      const code = (current as { code?: unknown }).code;
      if (typeof code === "string") return code;
      const nested = (current as { errors?: unknown }).errors;
      if (Array.isArray(nested)) {
        for (const inner of nested) {
          const innerCode = findErrorCode(inner);
          if (innerCode !== undefined) return innerCode;
        }
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCauses(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(typeof code === "string" ? `${current.message} (${code})` : current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(": ") || "unknown error";
}

/** Sleeps `ms`, rejecting with the signal's reason if it fires first. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** Races a promise against a signal (for injected functions that may ignore the signal). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The scope of one client call: an AbortSignal that fires with an AbortedError when the caller's
 * signal fires, or with a call-scope TimeoutError at the deadline. The deadline runs on real time
 * (a timer must actually fire to cancel a fetch); injected clocks only drive retry budgets and
 * token expiry.
 */
export class CallScope {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly deadline: number;
  private readonly parent: AbortSignal | undefined;
  private readonly onParentAbort: () => void;

  constructor(context: { method: string; path: string }, timeoutMs: number, parent?: AbortSignal) {
    this.parent = parent;
    this.onParentAbort = () => this.controller.abort(new AbortedError({ ...context, cause: parent?.reason }));
    if (parent?.aborted) this.onParentAbort();
    else parent?.addEventListener("abort", this.onParentAbort, { once: true });
    this.deadline = performance.now() + timeoutMs;
    this.timer = setTimeout(
      () => this.controller.abort(new TimeoutError({ ...context, timeoutMs, scope: "call" })),
      timeoutMs,
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Throws the scope's reason (AbortedError / TimeoutError) if it has fired. */
  throwIfDone(): void {
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener("abort", this.onParentAbort);
  }
}
