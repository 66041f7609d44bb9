import type { FastifyReply } from "fastify";
import type { ApiError } from "./api-error.js";
import type { RateDecision } from "./rate-limit.js";

/**
 * Writing answers the way Atlas does (recorded): success bodies with the versioned media type
 * and `;charset=utf-8`; errors as `application/json` with `X-Error-Code`; `Ratelimit-Limit` /
 * `Ratelimit-Remaining` when a rate bucket was charged. `pretty=true` indents; `envelope=true`
 * answers 200 with `{content, status}` (a paginated list gets `status` added instead), for
 * clients that cannot read status codes (atlas-api.md §10; DIVERGENCE: envelope-format — inferred from the docs'
 * wording, no recording exists).
 */
export interface Presentation {
  readonly pretty: boolean;
  readonly envelope: boolean;
}

export const ERROR_CONTENT_TYPE = "application/json";

/** DIVERGENCE: emulator-header — marks every response as the emulator's (as LocalStack's
 * `x-localstack`); Atlas' own headers (X-Java-Method, Server: mdbws, …) are not imitated. */
export const EMULATOR_HEADER = "X-Atlas-Emulator";

function isPaginated(body: unknown): body is Record<string, unknown> {
  return typeof body === "object" && body !== null && !Array.isArray(body) && Array.isArray((body as Record<string, unknown>)["results"]);
}

export function wrapEnvelope(status: number, body: unknown): unknown {
  if (isPaginated(body)) {
    // Keys stay sorted: links, results, status, totalCount.
    const out: Record<string, unknown> = {};
    for (const key of [...Object.keys(body), "status"].sort()) out[key] = key === "status" ? status : body[key];
    return out;
  }
  return { content: body === undefined ? null : body, status };
}

/** The JSON bytes of a body. A Buffer (not a string) so Fastify sends the Content-Type exactly
 * as set (it would append `; charset=utf-8` to a string's `application/json`). */
// DIVERGENCE: pretty-format — `pretty=true` indents by two spaces; Atlas' exact layout is not recorded.
export function serialize(body: unknown, pretty: boolean): Buffer {
  return Buffer.from(pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body), "utf8");
}

export function rateHeaders(rate: RateDecision | undefined): Record<string, string> {
  if (!rate) return {};
  return { "Ratelimit-Limit": String(rate.limit), "Ratelimit-Remaining": String(rate.remaining) };
}

export function sendSuccess(
  reply: FastifyReply,
  status: number,
  body: unknown,
  contentType: string,
  rate: RateDecision | undefined,
  p: Presentation,
): void {
  reply.headers(rateHeaders(rate));
  if (p.envelope) {
    reply.code(200).header("Content-Type", contentType).send(serialize(wrapEnvelope(status, body), p.pretty));
    return;
  }
  if (body === undefined) {
    reply.code(status).send();
    return;
  }
  reply.code(status).header("Content-Type", contentType).send(serialize(body, p.pretty));
}

export function sendError(reply: FastifyReply, error: ApiError, rate: RateDecision | undefined, p: Presentation): void {
  reply.headers(rateHeaders(rate));
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  reply.header("X-Error-Code", error.errorCode);
  reply.header("Content-Type", ERROR_CONTENT_TYPE);
  const body = error.body();
  // A challenge stays a 401 even under envelope=true: Digest clients must see it to answer it.
  if (p.envelope && error.status !== 401) reply.code(200).send(serialize(wrapEnvelope(error.status, body), p.pretty));
  else reply.code(error.status).send(serialize(body, p.pretty));
}
