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

export function controlAllowed(remoteAddress: string | undefined, token: string | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  if (token !== undefined) {
    const header = headers["x-emulator-token"];
    const presented = typeof header === "string" ? header : undefined;
    const auth = headers["authorization"];
    const bearer = typeof auth === "string" && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, "").trim() : undefined;
    if (tokenMatches(token, presented) || tokenMatches(token, bearer)) return true;
  }
  return isLoopback(remoteAddress);
}
