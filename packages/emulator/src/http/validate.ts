import { ApiError } from "./api-error.js";

/** Small validators for JSON request bodies; each failure is an Atlas-style 400. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An invalid field of a profile or fault rule: the control API answers it as 400
 * VALIDATION_ERROR `<field>: <message>`, the CLI prints the message. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body must be a JSON object (Atlas: INVALID_JSON "Received JSON does not match expected format."). */
export function objectBody(body: unknown): JsonObject {
  if (!isJsonObject(body)) throw ApiError.of("INVALID_JSON");
  return body;
}

export function requiredString(obj: JsonObject, field: string, maxLength = 1024): string {
  const v = obj[field];
  if (v === undefined || v === null) throw ApiError.of("MISSING_ATTRIBUTE", [field]);
  if (typeof v !== "string" || v.length > maxLength) throw ApiError.of("INVALID_ATTRIBUTE", [field]);
  return v;
}

export function optionalBoolean(obj: JsonObject, field: string): boolean | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw ApiError.of("INVALID_ATTRIBUTE", [field]);
  return v;
}

export function requiredBoolean(obj: JsonObject, field: string): boolean {
  const v = obj[field];
  if (v === undefined || v === null) throw ApiError.of("MISSING_ATTRIBUTE", [field]);
  if (typeof v !== "boolean") throw ApiError.of("INVALID_ATTRIBUTE", [field]);
  return v;
}

/** Parses `pretty`/`envelope`-style boolean query flags ("true"/"false", any case). */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v === null) return false;
  const lower = v.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw ApiError.of("INVALID_QUERY_PARAMETER", [name]);
}

export function queryInt(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const v = query.get(name);
  if (v === null) return fallback;
  if (!/^\d{1,9}$/.test(v)) throw ApiError.of("INVALID_QUERY_PARAMETER", [name]);
  const n = Number(v);
  if (n < min || n > max) throw ApiError.of("INVALID_QUERY_PARAMETER", [name]);
  return n;
}

export function queryBool(query: URLSearchParams, name: string, fallback: boolean): boolean {
  return query.has(name) ? queryFlag(query, name) : fallback;
}
