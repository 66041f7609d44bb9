import { timingSafeEqual } from "node:crypto";

/**
 * Who may use the control API (`/_emulator/…`): it can reset, re-time and fault the emulator, so
 * by default only loopback clients (127.0.0.0/8, ::1) are answered. When the emulator listens on
 * another interface (say in a container), set a control token: clients then present it as
 * `X-Emulator-Token: <token>` (or `Authorization: Bearer <token>`) from anywhere. The Atlas API
 * itself is protected by its own auth, not by this.
 */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  if (address === "::1") return true;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(presented, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

type Headers = Record<string, string | string[] | undefined>;

/** The host name of a Host header, without port or IPv6 brackets. */
export function hostName(host: string | undefined): string {
  if (host === undefined) return "";
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]") < 0 ? undefined : host.indexOf("]"));
  const colon = host.lastIndexOf(":");
  return (colon < 0 ? host : host.slice(0, colon)).toLowerCase();
}

/** A name that can only mean this machine: guards against DNS rebinding (a page of another site
 * whose name is made to resolve to 127.0.0.1 still sends its own name as Host). */
export function isLoopbackHost(name: string): boolean {
  return name === "localhost" || name.endsWith(".localhost") || isLoopback(name);
}

/**
 * False when a browser sent the request on behalf of a page of another origin: browsers send
 * `Sec-Fetch-Site` and `Origin`, and neither may name another site. Tools such as curl, Terraform
 * or the test clients send neither.
 */
export function notCrossSite(headers: Headers): boolean {
  const site = headers["sec-fetch-site"];
  if (typeof site === "string" && site !== "same-origin" && site !== "none") return false;
  const origin = headers["origin"];
  if (origin === undefined) return true;
  if (typeof origin !== "string" || origin === "null") return false;
  const host = headers["host"];
  return typeof host === "string" && (origin === `http://${host}` || origin === `https://${host}`);
}

export type ControlRefusal = "remote" | "host" | "cross-site";

/**
 * Why a control API request is refused, or undefined when it is answered. A client presenting the
 * control token is answered from anywhere. Otherwise the client must be on loopback, must name
 * this machine in Host (DNS rebinding) and must not be a browser running another site's page: the
 * control API changes state on a plain POST, so a web page could otherwise reset or fault the
 * emulator with a cross-site form post.
 */
export function controlRefusal(remoteAddress: string | undefined, token: string | undefined, headers: Headers): ControlRefusal | undefined {
  if (token !== undefined) {
    const header = headers["x-emulator-token"];
    const presented = typeof header === "string" ? header : undefined;
    const auth = headers["authorization"];
    const bearer = typeof auth === "string" && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, "").trim() : undefined;
    if (tokenMatches(token, presented) || tokenMatches(token, bearer)) return undefined;
  }
  if (!isLoopback(remoteAddress)) return "remote";
  const host = headers["host"];
  if (!isLoopbackHost(hostName(typeof host === "string" ? host : undefined))) return "host";
  if (!notCrossSite(headers)) return "cross-site";
  return undefined;
}

export const CONTROL_REFUSAL_DETAIL: Record<ControlRefusal, string> = {
  remote: "The emulator control API only answers loopback clients, or clients that present the control token (X-Emulator-Token).",
  host: "The emulator control API only answers requests addressed to 127.0.0.1, ::1 or localhost (DNS-rebinding guard), or clients that present the control token (X-Emulator-Token).",
  "cross-site": "The emulator control API refuses requests a browser sends for a page of another origin (Origin / Sec-Fetch-Site); use the web console at /console or a non-browser client.",
};
