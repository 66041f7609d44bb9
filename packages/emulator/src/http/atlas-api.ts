import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { CLOUD_PROVIDERS, OAUTH_REVOKE_PATH, OAUTH_TOKEN_PATH, isObjectId } from "@atlas-privatelink/atlas-api";
import { accessTo, type Principal } from "../auth/principal.js";
import type { EmulatorCore } from "../core.js";
import type { FaultDecision } from "../faults/rules.js";
import { endpointServiceRoutes } from "../services/endpoint-service/routes.js";
import { handleOAuth } from "../services/oauth/routes.js";
import { privateEndpointRoutes } from "../services/private-endpoint/routes.js";
import { projectRoutes } from "../services/projects/routes.js";
import { regionalModeRoutes } from "../services/regional-mode.js";
import type { ProjectRow } from "../store/store.js";
import { ApiError } from "./api-error.js";
import type { RateDecision } from "./rate-limit.js";
import { sendError, sendSuccess, type Presentation } from "./respond.js";
import { ROOT_PREFIX, type ApiRoot, type ApiRouteDef, type HandlerContext } from "./route.js";
import { Router } from "./router.js";
import { queryFlag } from "./validate.js";
import { isJsonContentType, negotiate } from "./versioning.js";

/**
 * The Atlas API surface (`/api/…`). Fastify hands every `/api/` request to one handler
 * (`rewriteUrl` in app.ts), which routes on the raw path and runs the same pipeline for each
 * operation, in Atlas' order of checks:
 *
 *   route (404/405) → authenticate (401) → faults → version (406) → path parameters (400)
 *   → due lifecycle steps → project visible (404 GROUP_NOT_FOUND) → rate limit (429)
 *   → role (401 USER_UNAUTHORIZED) → body (415/400) → handler.
 */
export const API_DISPATCH_URL = "/__atlas_api";

// DIVERGENCE: invisible-projects — a project of another organization, or one the caller has no
// role on, answers 404 GROUP_NOT_FOUND as if it did not exist; Atlas may answer such callers with
// 401 NOT_IN_GROUP instead (not recorded).

export const API_ROUTES: readonly ApiRouteDef[] = [
  ...endpointServiceRoutes,
  ...privateEndpointRoutes,
  ...regionalModeRoutes,
  ...projectRoutes,
];

interface CompiledRoute {
  readonly method: string;
  readonly path: string;
  readonly def: ApiRouteDef;
  readonly root: ApiRoot;
}

const router = new Router<CompiledRoute>(
  API_ROUTES.flatMap((def) => def.roots.map((root) => ({ method: def.method, path: `${ROOT_PREFIX[root]}${def.template}`, def, root }))),
);

export interface AtlasApiOptions {
  readonly log: Logger | undefined;
}

function lenientFlag(query: URLSearchParams, name: string): boolean {
  return query.get(name)?.toLowerCase() === "true";
}

function decodeParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw ApiError.of("PATH_PARAM_PARSE_ERROR", [name]);
  }
}

function validateParams(raw: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const decoded = decodeParam(name, value);
    if ((name === "groupId" || name === "endpointServiceId") && !isObjectId(decoded)) throw ApiError.of("PATH_PARAM_PARSE_ERROR", [name]);
    if (name === "cloudProvider" && !(CLOUD_PROVIDERS as readonly string[]).includes(decoded)) throw ApiError.of("INVALID_PROVIDER", [decoded]);
    out[name] = decoded;
  }
  return out;
}

function parseBody(req: FastifyRequest): unknown {
  const raw = req.body;
  const contentType = req.headers["content-type"];
  const hasBody = Buffer.isBuffer(raw) && raw.length > 0;
  if (hasBody && !isJsonContentType(contentType)) throw ApiError.of("UNSUPPORTED_MEDIA_TYPE", [contentType ?? "(none)"]);
  if (!hasBody) throw ApiError.of("MALFORMED_JSON");
  try {
    return JSON.parse((raw as Buffer).toString("utf8")) as unknown;
  } catch {
    throw ApiError.of("MALFORMED_JSON");
  }
}

function originOf(req: FastifyRequest): string {
  const host = req.headers.host;
  if (host && /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host)) return `http://${host}`;
  return "http://localhost";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function registerAtlasApi(app: FastifyInstance, core: EmulatorCore, options: AtlasApiOptions): void {
  const { log } = options;

  const record = (
    req: FastifyRequest,
    started: number,
    status: number,
    errorCode: string | null,
    operationId: string | null,
    principal: string | null,
    scheme: "digest" | "bearer" | "basic" | null,
    fault: FaultDecision | null,
  ) => {
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    const path = req.originalUrl;
    core.requestLog.add({
      atMs: core.clock.now(),
      method: req.method,
      path,
      operationId,
      status,
      errorCode,
      durationMs,
      principal,
      authScheme: scheme,
      faultId: fault ? fault.ruleIds.join(",") : null,
    });
    if (log?.isLevelEnabled("info")) {
      log.info({ method: req.method, path, status, errorCode, operationId, principal, durationMs, fault: fault?.ruleIds }, "request");
    }
  };

  app.all(API_DISPATCH_URL, async (req: FastifyRequest, reply: FastifyReply) => {
    const started = performance.now();
    const target = req.originalUrl;
    const q = target.indexOf("?");
    const rawPath = q < 0 ? target : target.slice(0, q);
    const query = new URLSearchParams(q < 0 ? "" : target.slice(q + 1));

    if (rawPath === OAUTH_TOKEN_PATH || rawPath === OAUTH_REVOKE_PATH) {
      const outcome = handleOAuth(core, rawPath === OAUTH_TOKEN_PATH ? "token" : "revoke", req, reply);
      record(req, started, outcome.status, outcome.errorCode, rawPath === OAUTH_TOKEN_PATH ? "oauthToken" : "oauthRevoke", outcome.principal, "basic", null);
      return reply;
    }

    let presentation: Presentation = { pretty: lenientFlag(query, "pretty"), envelope: lenientFlag(query, "envelope") };
    let principal: Principal | undefined;
    let operationId: string | null = null;
    let rate: RateDecision | undefined;
    let fault: FaultDecision | null = null;
    try {
      const match = router.match(req.method, rawPath);
      if (match.kind === "notFound") throw ApiError.of("NOT_FOUND", [rawPath]);
      if (match.kind === "methodNotAllowed") {
        throw ApiError.of("METHOD_NOT_ALLOWED", [req.method, rawPath], { headers: { Allow: match.allowed.join(", ") } });
      }
      const { def, root } = match.route;
      operationId = def.operationId;
      principal = core.auth.authenticate({ method: req.method, target, authorization: req.headers.authorization });

      fault = core.faultFor({ method: req.method, path: rawPath, operationId });
      if (fault) {
        if (fault.latencyMs > 0) await sleep(fault.latencyMs);
        if (fault.reset) {
          reply.hijack();
          req.raw.socket.destroy();
          record(req, started, 0, "CONNECTION_RESET", operationId, principal.id, principal.scheme, fault);
          return reply;
        }
        if (fault.error) {
          const e = fault.error;
          throw new ApiError({
            status: e.status,
            errorCode: e.errorCode,
            detail: e.detail ?? `Fault injected by the emulator (rule ${fault.ruleIds.join(", ")}).`,
            parameters: [],
            ...(e.retryAfterSeconds !== null ? { headers: { "Retry-After": String(e.retryAfterSeconds) } } : {}),
          });
        }
      }

      presentation = { pretty: queryFlag(query, "pretty"), envelope: queryFlag(query, "envelope") };
      const negotiated = negotiate(root === "v1", req.headers.accept, def.versions);
      const params = validateParams(match.params);
      core.scheduler.catchUp();

      let project: ProjectRow | undefined;
      if (params["groupId"] !== undefined) {
        project = core.store.getProject(params["groupId"]);
        if (!project || accessTo(principal, project) === "none") throw ApiError.of("GROUP_NOT_FOUND", [params["groupId"]]);
      }

      // DIVERGENCE: rate-limit-model — one continuous token bucket per project (Atlas' Private
      // Endpoint Services set: 4000, refill 2000/60 s), and the same settings for the other routes
      // (Atlas has other sets and limits); real counts drift from a pure bucket (recordings).
      rate = core.rateLimiter.take(def.rateSet === "privateEndpoint" ? `pe:${project!.id}` : `api:${project?.id ?? principal.id}`);
      if (!rate.allowed) {
        const s = core.profile.rateLimit;
        throw ApiError.of("RATE_LIMITED", [rawPath, s.capacity, Math.max(1, Math.round(s.periodMs / 60_000))], {
          headers: { "Retry-After": String(rate.retryAfterSeconds) },
        });
      }
      if (def.access === "owner" && accessTo(principal, project!) !== "owner") throw ApiError.of("USER_UNAUTHORIZED");

      const body = def.body ? parseBody(req) : undefined;
      const ctx: HandlerContext = {
        core,
        principal,
        project,
        params,
        body,
        query,
        root,
        origin: originOf(req),
        rawPath,
        fault,
      };
      const result = def.handle(ctx);
      sendSuccess(reply, result.status, result.body, negotiated.contentType, rate, presentation);
      record(req, started, result.status, null, operationId, principal.id, principal.scheme, fault);
    } catch (error) {
      let apiError: ApiError;
      if (error instanceof ApiError) apiError = error;
      else {
        log?.error({ err: error, method: req.method, path: rawPath }, "unexpected error (a bug: please report it)");
        apiError = ApiError.of("UNEXPECTED_ERROR");
      }
      sendError(reply, apiError, rate, presentation);
      record(req, started, apiError.status, apiError.errorCode, operationId, principal?.id ?? null, principal?.scheme ?? null, fault);
    }
    return reply;
  });
}
