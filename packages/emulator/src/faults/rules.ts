import { randomBytes } from "node:crypto";
import { REASON_PHRASES } from "@atlas-privatelink/atlas-api";
import { FieldError, isJsonObject } from "../http/validate.js";
import { parseDuration } from "../lifecycle/clock.js";
import type { ForcedOutcome } from "../lifecycle/transitions.js";

/**
 * Fault injection (after LocalStack's Chaos API): rules that match API requests by method, path
 * pattern or operation id, fire with a probability and/or a bounded number of times, and shape
 * the answer: an error status + Atlas error code, added latency, a reset connection, or a
 * lifecycle outcome for the object the request creates ("the next service FAILS", "the next
 * endpoint is REJECTED").
 */
export interface FaultError {
  readonly status: number;
  readonly errorCode: string;
  readonly detail: string | null;
  readonly retryAfterSeconds: number | null;
}

export interface FaultRule {
  readonly id: string;
  readonly method: string;
  readonly path: string | null;
  readonly operation: string | null;
  readonly probability: number;
  /** How many more times it may fire; null = unlimited. */
  readonly remaining: number | null;
  /** Matching requests still to let through before firing. */
  readonly skip: number;
  readonly fired: number;
  readonly error: FaultError | null;
  readonly latencyMs: number;
  readonly reset: boolean;
  readonly lifecycle: ForcedOutcome | null;
}

export interface FaultRequest {
  readonly method: string;
  /** Raw path without the query. */
  readonly path: string;
  readonly operationId: string | null;
}

export interface FaultDecision {
  readonly ruleIds: readonly string[];
  readonly latencyMs: number;
  readonly error: FaultError | null;
  readonly reset: boolean;
  readonly lifecycle: ForcedOutcome | null;
}

const RULE_FIELDS = new Set(["id", "method", "path", "operation", "probability", "count", "remaining", "skip", "fired", "error", "latencyMs", "latency", "reset", "lifecycle"]);

/** Validates one rule as sent to `PUT/POST /_emulator/faults`. */
export function parseFaultRule(input: unknown, index = 0): FaultRule {
  const at = (f: string) => `rules[${index}].${f}`;
  if (!isJsonObject(input)) throw new FieldError(`rules[${index}]`, "a fault rule is an object");
  for (const k of Object.keys(input)) if (!RULE_FIELDS.has(k)) throw new FieldError(at(k), `unknown fault rule field ${k}`);
  const id = input["id"] === undefined ? `fault-${randomBytes(4).toString("hex")}` : input["id"];
  if (typeof id !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new FieldError(at("id"), "id must be 1-64 letters, digits, . _ -");
  const method = input["method"] === undefined ? "*" : input["method"];
  if (typeof method !== "string" || !/^(\*|GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS)$/i.test(method))
    throw new FieldError(at("method"), "method must be an HTTP method or *");
  const path = input["path"] ?? null;
  if (path !== null && (typeof path !== "string" || !path.startsWith("/") || path.length > 1000))
    throw new FieldError(at("path"), "path must be a pattern starting with / (* = one segment, ** = any)");
  const operation = input["operation"] ?? null;
  if (operation !== null && (typeof operation !== "string" || operation.length > 100)) throw new FieldError(at("operation"), "operation must be an operation id");
  const probability = input["probability"] ?? 1;
  if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) throw new FieldError(at("probability"), "probability must be from 0 to 1");
  const countInput = input["count"] ?? input["remaining"] ?? null;
  if (countInput !== null && (typeof countInput !== "number" || !Number.isInteger(countInput) || countInput < 0))
    throw new FieldError(at("count"), "count must be a non-negative integer");
  const skip = input["skip"] ?? 0;
  if (typeof skip !== "number" || !Number.isInteger(skip) || skip < 0) throw new FieldError(at("skip"), "skip must be a non-negative integer");
  const fired = typeof input["fired"] === "number" && Number.isInteger(input["fired"]) ? (input["fired"] as number) : 0;

  let error: FaultError | null = null;
  if (input["error"] !== undefined && input["error"] !== null) {
    const e = input["error"];
    if (!isJsonObject(e)) throw new FieldError(at("error"), "error must be {status, errorCode, detail?}");
    const status = e["status"];
    if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599 || REASON_PHRASES[status] === undefined)
      throw new FieldError(at("error.status"), `status must be one of ${Object.keys(REASON_PHRASES).join(", ")}`);
    const errorCode = e["errorCode"];
    if (typeof errorCode !== "string" || !/^[A-Z][A-Z0-9_]{0,99}$/.test(errorCode))
      throw new FieldError(at("error.errorCode"), "errorCode must be UPPER_SNAKE_CASE");
    const detail = e["detail"] ?? null;
    if (detail !== null && typeof detail !== "string") throw new FieldError(at("error.detail"), "detail must be a string");
    const retryAfter = e["retryAfterSeconds"] ?? null;
    if (retryAfter !== null && (typeof retryAfter !== "number" || !Number.isInteger(retryAfter) || retryAfter < 0))
      throw new FieldError(at("error.retryAfterSeconds"), "retryAfterSeconds must be a non-negative integer");
    error = { status, errorCode, detail, retryAfterSeconds: retryAfter };
  }
  const latencyInput = input["latencyMs"] ?? input["latency"] ?? 0;
  const latencyMs = parseDuration(latencyInput);
  if (latencyMs === undefined || latencyMs > 600_000) throw new FieldError(at("latencyMs"), "latencyMs must be a duration up to 10 minutes");
  const reset = input["reset"] ?? false;
  if (typeof reset !== "boolean") throw new FieldError(at("reset"), "reset must be true or false");
  let lifecycle: ForcedOutcome | null = null;
  if (input["lifecycle"] !== undefined && input["lifecycle"] !== null) {
    const l = input["lifecycle"];
    if (!isJsonObject(l)) throw new FieldError(at("lifecycle"), "lifecycle must be {outcome, errorMessage?}");
    const outcome = l["outcome"];
    if (outcome !== "FAILED" && outcome !== "REJECTED") throw new FieldError(at("lifecycle.outcome"), "outcome must be FAILED or REJECTED");
    const errorMessage = l["errorMessage"] ?? null;
    if (errorMessage !== null && typeof errorMessage !== "string") throw new FieldError(at("lifecycle.errorMessage"), "errorMessage must be a string");
    lifecycle = { outcome, errorMessage };
  }
  if (!error && latencyMs === 0 && !reset && !lifecycle)
    throw new FieldError(`rules[${index}]`, "a fault rule needs an effect: error, latencyMs, reset or lifecycle");
  if (error && reset) throw new FieldError(`rules[${index}]`, "error and reset cannot be combined");
  return {
    id,
    method: method.toUpperCase(),
    path,
    operation,
    probability,
    remaining: countInput,
    skip,
    fired,
    error,
    latencyMs,
    reset,
    lifecycle,
  };
}

const patternCache = new Map<string, RegExp>();

/** `*` = one path segment, `**` = anything, `{name}` = one segment; the rest is literal. */
export function pathPattern(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    let src = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === "*" && pattern[i + 1] === "*") {
        src += ".*";
        i++;
      } else if (c === "*") src += "[^/]+";
      else if (c === "{") {
        const end = pattern.indexOf("}", i);
        if (end < 0) src += "\\{";
        else {
          src += "[^/]+";
          i = end;
        }
      } else src += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
    re = new RegExp(`^${src}$`);
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re;
}

export function ruleMatches(rule: FaultRule, req: FaultRequest): boolean {
  if (rule.method !== "*" && rule.method !== req.method) return false;
  if (rule.operation !== null && rule.operation !== req.operationId) return false;
  if (rule.path !== null && !pathPattern(rule.path).test(req.path)) return false;
  return true;
}

/**
 * Evaluates the rules for one request and returns the updated rules (counters) and the combined
 * effect: latencies add up; the first error or reset wins; the first lifecycle outcome wins.
 */
export function evaluateFaults(
  rules: readonly FaultRule[],
  req: FaultRequest,
  random: () => number,
): { rules: FaultRule[]; decision: FaultDecision | null; changed: boolean } {
  let changed = false;
  let latencyMs = 0;
  let error: FaultError | null = null;
  let reset = false;
  let lifecycle: ForcedOutcome | null = null;
  const ids: string[] = [];
  const next: FaultRule[] = [];
  for (const rule of rules) {
    if (rule.remaining === 0 || !ruleMatches(rule, req)) {
      next.push(rule);
      continue;
    }
    if (rule.skip > 0) {
      next.push({ ...rule, skip: rule.skip - 1 });
      changed = true;
      continue;
    }
    if (rule.probability < 1 && random() >= rule.probability) {
      next.push(rule);
      continue;
    }
    const firesError = rule.error !== null && error === null && !reset;
    const firesReset = rule.reset && error === null && !reset;
    const firesLifecycle = rule.lifecycle !== null && lifecycle === null;
    if (!firesError && !firesReset && !firesLifecycle && rule.latencyMs === 0) {
      next.push(rule);
      continue;
    }
    if (firesError) error = rule.error;
    if (firesReset) reset = true;
    if (firesLifecycle) lifecycle = rule.lifecycle;
    latencyMs += rule.latencyMs;
    ids.push(rule.id);
    next.push({ ...rule, fired: rule.fired + 1, remaining: rule.remaining === null ? null : rule.remaining - 1 });
    changed = true;
  }
  const decision = ids.length > 0 ? { ruleIds: ids, latencyMs, error, reset, lifecycle } : null;
  return { rules: next, decision, changed };
}
