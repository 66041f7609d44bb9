import { CSRF_HEADER, type ConsoleState, type EmulatorSummary, type SessionInfo } from "../types.js";

/**
 * The console's calls to its server (same origin, the session cookie rides along). Every
 * state-changing call carries the session's CSRF token; a 401 means the session ended, so the
 * page goes back to the login form.
 */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrf = "";

export function setCsrf(token: string): void {
  csrf = token;
}

export function csrfToken(): string {
  return csrf;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET") headers[CSRF_HEADER] = csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    cache: "no-store",
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 401) {
    location.assign("/console/login");
    throw new RequestError(401, "The session ended: log in again.");
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const o = (json ?? {}) as { detail?: unknown; errorCode?: unknown };
    const detail = typeof o.detail === "string" ? o.detail : `HTTP ${res.status}`;
    throw new RequestError(res.status, typeof o.errorCode === "string" ? `${detail} (${o.errorCode})` : detail);
  }
  return json as T;
}

export const api = {
  session: () => request<SessionInfo>("GET", "/console/api/session"),
  state: () => request<ConsoleState>("GET", "/console/api/state"),
  summary: () => request<EmulatorSummary>("GET", "/console/api/summary"),
  completePending: () => request<{ transitionsApplied: number; stillPending: number }>("POST", "/console/api/complete-pending"),
  /** A control API route below `/_emulator/` (allow-listed by the server). */
  control: <T = unknown>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown) =>
    request<T>(method, `/console/api/control/${path}`, body),
};
