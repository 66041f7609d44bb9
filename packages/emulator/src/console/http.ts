import type { FastifyReply, FastifyRequest } from "fastify";
import { hostName, isLoopback, isLoopbackHost, notCrossSite, tokenMatches } from "../control/access.js";

/**
 * The console's HTTP guards: who may reach it (loopback clients and loopback Host names unless
 * the emulator was deliberately exposed), the session cookie, same-origin checks for anything
 * that changes state, and the headers every console answer carries.
 */

/** Console errors: `{errorCode, detail}`, never an Atlas error (the console is not Atlas). */
export type ConsoleErrorCode =
  | "CONSOLE_FORBIDDEN"
  | "CONSOLE_LOGIN_REQUIRED"
  | "CONSOLE_CSRF"
  | "CONSOLE_NOT_FOUND";

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header("Content-Type", "application/json; charset=utf-8")
    .header("Cache-Control", "no-store")
    .header("X-Content-Type-Options", "nosniff")
    .send(Buffer.from(JSON.stringify(body)));
}

export function consoleError(reply: FastifyReply, status: number, errorCode: ConsoleErrorCode, detail: string): FastifyReply {
  return sendJson(reply, status, { errorCode, detail });
}

/** Headers of every console HTML page: no framing, no inline script, and no referrer to other
 * sites. (Not `no-referrer`: browsers then send `Origin: null` on the page's own form posts,
 * which the same-origin check must refuse.) */
export function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header("Content-Type", "text/html; charset=utf-8")
    .header("Cache-Control", "no-store")
    .header("X-Content-Type-Options", "nosniff")
    .header("X-Frame-Options", "DENY")
    .header("Referrer-Policy", "same-origin")
    .header(
      "Content-Security-Policy",
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
}

export interface AccessPolicy {
  /** Serve non-loopback clients and any Host name too (the emulator was started with a
   * control token, i.e. deliberately exposed). */
  readonly allowRemote: boolean;
}

export function reachable(req: FastifyRequest, policy: AccessPolicy): boolean {
  if (policy.allowRemote) return true;
  return isLoopback(req.socket.remoteAddress) && isLoopbackHost(hostName(req.headers.host));
}

/**
 * Cookies are per host, not per port: two emulators on one machine would overwrite each other's
 * session cookie under one name, so the name carries the port.
 */
export function cookieName(req: FastifyRequest): string {
  const port = req.socket.localPort ?? Number(/:(\d+)$/.exec(req.headers.host ?? "")?.[1] ?? 0);
  return `atlas_console_${port || 0}`;
}

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== "string") return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), scoped to
 * /console. Not `Secure`: the emulator speaks plain HTTP on loopback. */
export function sessionCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

export function clearedCookie(name: string): string {
  return `${name}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** A state-changing console request must come from the console's own pages (see notCrossSite;
 * curl and friends still need the session cookie and the CSRF token). */
export function sameOrigin(req: FastifyRequest): boolean {
  return notCrossSite(req.headers);
}

export function csrfMatches(expected: string, presented: unknown): boolean {
  return typeof presented === "string" && tokenMatches(expected, presented);
}

/** Parses an `application/x-www-form-urlencoded` or JSON body into string fields. */
export function formFields(req: FastifyRequest): Record<string, string> {
  const raw = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return {};
  const text = raw.toString("utf8");
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  const out: Record<string, string> = {};
  if (type.includes("json")) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") out[k] = v;
      }
    } catch {
      /* not JSON: no fields */
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}
