import type { FastifyInstance } from "fastify";
import { CONTROL_PREFIX } from "../control/routes.js";

/**
 * The console's actions are the control API's: `/console/api/control/<route>` forwards to
 * `/_emulator/<route>` inside the process (`app.inject`, as a loopback client), so every action
 * has exactly the control API's validation, effects and answers. Only the routes below are
 * forwarded: none that returns a secret (creating API keys or service accounts answers with their
 * private half, so those stay out of the console).
 */
const HEX24 = "[0-9a-f]{24}";
const ALLOWED: readonly (readonly [method: string, path: RegExp])[] = [
  ["GET", /^health$/],
  ["GET", /^objects$/],
  ["GET", /^clock$/],
  ["POST", /^clock$/],
  ["GET", /^profile$/],
  ["PUT", /^profile$/],
  ["GET", /^faults$/],
  ["PUT", /^faults$/],
  ["POST", /^faults$/],
  ["DELETE", /^faults$/],
  ["DELETE", /^faults\/[^/]+$/],
  ["GET", /^requests$/],
  ["DELETE", /^requests$/],
  ["GET", /^cloud$/],
  ["GET", /^cloud\/(aws|azure|gcp)\/endpoints$/i],
  ["POST", /^cloud\/(aws|azure|gcp)\/endpoints$/i],
  ["DELETE", /^cloud\/(aws|azure|gcp)\/endpoints$/i],
  ["POST", /^orgs$/],
  ["POST", /^projects$/],
  ["POST", /^reset$/],
  ["POST", /^seed$/],
  ["POST", new RegExp(`^objects/endpoint-services/${HEX24}/status$`)],
  ["DELETE", new RegExp(`^objects/endpoint-services/${HEX24}$`)],
  ["POST", /^objects\/private-endpoints\/status$/],
  ["DELETE", /^objects\/private-endpoints$/],
];

/** Whether `method` + `path` (below `/_emulator/`, without the query) may be forwarded. */
export function forwardable(method: string, path: string): boolean {
  if (path.includes("..") || path.includes("//")) return false;
  return ALLOWED.some(([m, re]) => m === method && re.test(path));
}

export interface Forwarded {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** Runs one control request in-process; `target` is `<route>[?query]` below `/_emulator/`. */
export async function forward(app: FastifyInstance, method: string, target: string, body: Buffer | undefined): Promise<Forwarded> {
  const res = await app.inject({
    method: method as "GET",
    url: `${CONTROL_PREFIX}/${target}`,
    remoteAddress: "127.0.0.1",
    headers: body !== undefined && body.length > 0 ? { "content-type": "application/json" } : {},
    ...(body !== undefined && body.length > 0 ? { payload: body } : {}),
  });
  const type = res.headers["content-type"];
  return { status: res.statusCode, contentType: typeof type === "string" ? type : undefined, body: res.rawPayload };
}
