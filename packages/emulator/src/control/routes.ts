import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  AWS_ENDPOINT_ID_PATTERN,
  AZURE_PRIVATE_ENDPOINT_ID_PATTERN,
  ENDPOINT_SERVICE_STATUSES,
  GCP_PROJECT_ID_PATTERN,
  GCP_RESOURCE_NAME_PATTERN,
  isObjectId,
  type CloudProvider,
} from "@atlas-privatelink/atlas-api";
import { createApiKey, createOrg, createProject, createServiceAccount } from "../accounts.js";
import { ROLE_ALIASES, isOrgRole } from "../auth/principal.js";
import { PRIVATE_KEY_PATTERN, PUBLIC_KEY_PATTERN } from "../auth/secrets.js";
import type { EmulatorCore } from "../core.js";
import type { EmulatorEvent } from "../events.js";
import { parseFaultRule, type FaultRule } from "../faults/rules.js";
import { ApiError } from "../http/api-error.js";
import { FieldError, isJsonObject, type JsonObject } from "../http/validate.js";
import { CLOCK_RANGE_TEXT, MAX_CLOCK_MS, parseDuration } from "../lifecycle/clock.js";
import { describeProfile, resolveProfile } from "../lifecycle/profile.js";
import { GONE, endpointStatuses } from "../lifecycle/transitions.js";
import type { RoleAssignment } from "../store/store.js";
import { CONTROL_REFUSAL_DETAIL, controlRefusal } from "./access.js";
import { invalid } from "./errors.js";
import { gcpRuleKey } from "../lifecycle/cloud.js";
import { listObjects } from "./objects.js";
import { seed } from "./seed.js";

/**
 * The control API under `/_emulator/` (documented in docs/emulator.md): health, reset, quick
 * projects/orgs/keys, clock, profile, faults, request log, simulated cloud registrations, seeding,
 * the object listing, out-of-band object changes and the live event stream.
 */
export const CONTROL_PREFIX = "/_emulator";

export interface ControlOptions {
  /** When set, non-loopback clients that present it are answered too. */
  readonly token?: string;
  readonly version: string;
  readonly startedAt: number;
}

function jsonBody(req: FastifyRequest): unknown {
  const raw = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    throw ApiError.of("MALFORMED_JSON");
  }
}

function objectOf(req: FastifyRequest): JsonObject {
  const body = jsonBody(req);
  if (body === undefined) return {};
  if (!isJsonObject(body)) throw ApiError.of("INVALID_JSON");
  return body;
}

function optionalString(body: JsonObject, field: string, max = 256): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || v.length === 0 || v.length > max) throw invalid(`${field} must be a non-empty string`);
  return v;
}

function providerParam(value: string): CloudProvider {
  const p = value.toUpperCase();
  if (p !== "AWS" && p !== "AZURE" && p !== "GCP") throw ApiError.of("INVALID_PROVIDER", [value]);
  return p;
}

interface ClockChange {
  readonly freeze: boolean;
  readonly resume: boolean;
  /** Epoch ms, NaN when no instant: the clock refuses what is out of its range. */
  readonly set?: number;
  /** NaN when no duration. */
  readonly advanceMs?: number;
  /** The field `advanceMs` came from (`advance` or `advanceMs`), for messages. */
  readonly advanceField: string;
}

/** Reads the types of a `POST /_emulator/clock` body; the range is the clock's to check. */
function parseClockChange(body: JsonObject): ClockChange {
  for (const flag of ["freeze", "resume"] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== "boolean") throw invalid(`${flag} must be true or false`);
  }
  const setInput = body["set"];
  const set = typeof setInput === "number" ? Math.round(setInput) : typeof setInput === "string" ? Date.parse(setInput) : undefined;
  const advanceField = body["advance"] !== undefined ? "advance" : "advanceMs";
  const advanceInput = body[advanceField];
  const advanceMs = advanceInput === undefined ? undefined : parseDuration(advanceInput, Number.POSITIVE_INFINITY);
  return {
    freeze: body["freeze"] === true,
    resume: body["freeze"] === false || body["resume"] === true,
    ...(setInput !== undefined ? { set: set ?? Number.NaN } : {}),
    ...(advanceInput !== undefined ? { advanceMs: advanceMs ?? Number.NaN } : {}),
    advanceField,
  };
}

/** The 400 for a change the clock refused: `set` when it is no instant from `now` to
 * MAX_CLOCK_MS, else the advance. */
function clockRefusal(change: ClockChange, now: number): ApiError {
  const set = change.set;
  if (set !== undefined && !(set >= now && set <= MAX_CLOCK_MS)) {
    return invalid(`set must be an ISO time or epoch ms from ${CLOCK_RANGE_TEXT}, not before the emulator's time ${iso(now)}: the clock never goes backwards`);
  }
  const room = MAX_CLOCK_MS - (set ?? now);
  const years = (room / (365.25 * 86_400_000)).toFixed(1);
  return invalid(
    `${change.advanceField} must be a duration (milliseconds, or a string such as 90s, 2.5m, 1h) from 0 to ${room} ms (≈ ${years} years: the clock cannot pass ${iso(MAX_CLOCK_MS)})`,
  );
}

/** `fn()`, its FieldError (a profile's or fault rule's) answered as 400 VALIDATION_ERROR `<field>: <why>`. */
function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof FieldError) throw invalid(`${error.field}: ${error.message}`);
    throw error;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header("Content-Type", "application/json").send(Buffer.from(JSON.stringify(body)));
}

export function registerControlApi(app: FastifyInstance, core: EmulatorCore, options: ControlOptions): void {
  const { store, clock } = core;
  const d = { store, clock };

  const parseRoles = (input: unknown, orgId: string): RoleAssignment[] => {
    const list = input === undefined ? ["ORG_OWNER"] : Array.isArray(input) ? input : [input];
    const out: RoleAssignment[] = [];
    for (const item of list) {
      const name = typeof item === "string" ? item : isJsonObject(item) ? item["role"] : undefined;
      const role = typeof name === "string" ? ROLE_ALIASES[name] : undefined;
      if (!role) throw invalid(`unknown role ${JSON.stringify(name)} (use ${Object.keys(ROLE_ALIASES).join(", ")})`);
      const projectId = isJsonObject(item) && typeof item["projectId"] === "string" ? item["projectId"] : null;
      if (isOrgRole(role)) {
        if (projectId !== null) throw invalid(`${role} is an organization role: no projectId`);
      } else {
        if (projectId === null) throw invalid(`${role} needs a projectId`);
        const project = store.getProject(projectId);
        if (!project || project.orgId !== orgId) throw invalid(`project ${projectId} is not in organization ${orgId}`);
      }
      out.push({ role, projectId });
    }
    return out;
  };

  const orgFor = (body: JsonObject): string => {
    const orgId = optionalString(body, "orgId") ?? core.bootstrap?.orgId;
    if (orgId === undefined || !store.getOrg(orgId)) throw ApiError.of("ORG_NOT_FOUND", [orgId ?? "(none)"]);
    return orgId;
  };

  const clockState = () => {
    const s = clock.state();
    const next = core.scheduler.nextDeadline;
    return { mode: s.mode, now: iso(s.now), epochMs: s.now, offsetMs: s.offsetMs, nextDeadline: next === null ? null : iso(next) };
  };

  // Open event streams never go idle: end them when the app closes, or close() would wait forever.
  const streams = new Set<import("node:http").ServerResponse>();
  app.addHook("preClose", (done) => {
    for (const res of streams) res.end();
    streams.clear();
    done();
  });

  app.register(
    async (scope) => {
      scope.addHook("onRequest", async (req) => {
        const refusal = controlRefusal(req.socket.remoteAddress, options.token, req.headers);
        if (refusal !== undefined) throw ApiError.of("CONTROL_API_FORBIDDEN", [], { detail: CONTROL_REFUSAL_DETAIL[refusal] });
        // What the control API shows is as current as what the Atlas API would show.
        core.scheduler.catchUp();
      });

      scope.get("/health", async (_req, reply) =>
        send(reply, 200, {
          status: "ok",
          version: options.version,
          uptimeMs: Date.now() - options.startedAt,
          now: iso(clock.now()),
          clock: clock.mode,
          profile: core.profile.base,
          storage: store.location,
          counts: store.counts(),
          memory: { rssBytes: process.memoryUsage().rss, heapUsedBytes: process.memoryUsage().heapUsed },
        }),
      );

      scope.post("/reset", async (req, reply) => {
        const body = objectOf(req);
        const everything = body["everything"] === true;
        core.reset(everything);
        return send(reply, 200, { reset: true, bootstrapKept: !everything && core.bootstrap !== undefined, counts: store.counts() });
      });

      scope.get("/objects", async (req, reply) => {
        const q = req.query as Record<string, string | undefined>;
        if (q["counts"] === "only" || q["include"] === "counts") return send(reply, 200, { counts: store.counts() });
        return send(reply, 200, listObjects(core));
      });

      // ---- accounts ------------------------------------------------------------------------
      scope.post("/orgs", async (req, reply) => {
        const body = objectOf(req);
        const id = optionalString(body, "id");
        if (id !== undefined && (!isObjectId(id) || store.getOrg(id))) throw invalid("id must be 24 lower-case hex digits, not in use");
        const org = core.events.batch(() => {
          const o = createOrg(d, optionalString(body, "name", 64) ?? "Emulator Organization", id);
          core.events.emit({ type: "created", object: { type: "org", id: o.id }, at: clock.now() });
          return o;
        });
        return send(reply, 201, org);
      });

      scope.post("/projects", async (req, reply) => {
        const body = objectOf(req);
        const orgId = orgFor(body);
        const id = optionalString(body, "id") ?? optionalString(body, "projectId");
        if (id !== undefined && (!isObjectId(id) || store.getProject(id))) throw invalid("id must be 24 lower-case hex digits, not in use");
        let name = optionalString(body, "name", 64);
        if (name !== undefined && store.findProjectByName(orgId, name)) throw ApiError.of("DUPLICATE_GROUP_NAME", [name]);
        const project = core.events.batch(() => {
          name ??= `Project ${store.counts().projects + 1}-${Math.floor(Math.random() * 1e6)}`;
          const p = createProject(d, orgId, name, id);
          core.events.emit({ type: "created", object: { type: "project", id: p.id }, at: clock.now() });
          return p;
        });
        return send(reply, 201, { id: project.id, orgId: project.orgId, name: project.name });
      });

      scope.post("/api-keys", async (req, reply) => {
        const body = objectOf(req);
        const orgId = orgFor(body);
        const publicKey = optionalString(body, "publicKey", 64);
        const privateKey = optionalString(body, "privateKey", 256);
        if (publicKey !== undefined && (!PUBLIC_KEY_PATTERN.test(publicKey) || store.getPrincipal(publicKey)))
          throw invalid("publicKey must be 1-64 letters, digits, . _ -, not in use");
        if (privateKey !== undefined && !PRIVATE_KEY_PATTERN.test(privateKey)) throw invalid("privateKey must be printable ASCII without spaces");
        const roles = parseRoles(body["roles"], orgId);
        const key = createApiKey(d, orgId, roles, {
          ...(publicKey ? { publicKey } : {}),
          ...(privateKey ? { privateKey } : {}),
          description: optionalString(body, "description") ?? "",
        });
        core.auth.invalidate();
        core.events.emit({ type: "created", object: { type: "apiKey", id: key.publicKey }, at: clock.now() });
        return send(reply, 201, key);
      });

      scope.post("/service-accounts", async (req, reply) => {
        const body = objectOf(req);
        const orgId = orgFor(body);
        const roles = parseRoles(body["roles"], orgId);
        const sa = createServiceAccount(d, orgId, roles, { description: optionalString(body, "description") ?? "" });
        core.auth.invalidate();
        core.events.emit({ type: "created", object: { type: "serviceAccount", id: sa.clientId }, at: clock.now() });
        return send(reply, 201, sa);
      });

      for (const [path, kind] of [
        ["/api-keys/:id", "apiKey"],
        ["/service-accounts/:id", "serviceAccount"],
      ] as const) {
        scope.delete(path, async (req, reply) => {
          const id = (req.params as { id: string }).id;
          const principal = store.getPrincipal(id);
          if (!principal || principal.kind !== kind) throw ApiError.of("NOT_FOUND", [id]);
          store.deletePrincipal(id);
          core.auth.invalidate();
          core.events.emit({ type: "deleted", object: { type: kind, id }, at: clock.now() });
          return reply.code(204).send();
        });
      }

      // ---- clock ---------------------------------------------------------------------------
      scope.get("/clock", async (_req, reply) => send(reply, 200, clockState()));
      scope.post("/clock", async (req, reply) => {
        const body = objectOf(req);
        const change = parseClockChange(body);
        const { transitionsApplied } = core.countTransitions(() => {
          // One call moves the clock, or refuses (RangeError: NaN, backwards, past MAX_CLOCK_MS) and
          // changes nothing; freeze and resume come after it, so a refused request applies nothing.
          // Without `set`, advance() rather than setTime(now + ms): a real clock moves meanwhile.
          try {
            if (change.set !== undefined) clock.setTime(change.set + (change.advanceMs ?? 0));
            else if (change.advanceMs !== undefined) clock.advance(change.advanceMs);
          } catch (error) {
            if (error instanceof RangeError) throw clockRefusal(change, clock.now());
            throw error;
          }
          if (change.freeze) clock.freeze();
          if (change.resume) clock.resume();
        });
        return send(reply, 200, { ...clockState(), transitionsApplied });
      });

      // ---- profile -------------------------------------------------------------------------
      scope.get("/profile", async (_req, reply) => send(reply, 200, describeProfile(core.profile)));
      scope.put("/profile", async (req, reply) => {
        const body = jsonBody(req);
        core.setProfile(checked(() => resolveProfile(body === undefined ? "fast" : body)));
        return send(reply, 200, describeProfile(core.profile));
      });

      // ---- faults --------------------------------------------------------------------------
      const parseRules = (input: unknown): FaultRule[] => {
        const list = Array.isArray(input) ? input : isJsonObject(input) && Array.isArray(input["rules"]) ? input["rules"] : undefined;
        if (!list) throw invalid("send {rules: [...]} or an array of rules");
        const rules = checked(() => list.map((r, i) => parseFaultRule(r, i)));
        if (new Set(rules.map((r) => r.id)).size !== rules.length) throw invalid("fault rule ids must be unique");
        return rules;
      };
      scope.get("/faults", async (_req, reply) => send(reply, 200, { rules: core.faults }));
      scope.put("/faults", async (req, reply) => {
        core.setFaults(parseRules(jsonBody(req)));
        return send(reply, 200, { rules: core.faults });
      });
      scope.post("/faults", async (req, reply) => {
        const [rule] = parseRules([jsonBody(req)]);
        if (core.faults.some((r) => r.id === rule!.id)) throw invalid(`a fault rule ${rule!.id} exists`);
        core.setFaults([...core.faults, rule!]);
        return send(reply, 201, rule);
      });
      scope.delete("/faults", async (_req, reply) => {
        core.setFaults([]);
        return reply.code(204).send();
      });
      scope.delete("/faults/:id", async (req, reply) => {
        const id = (req.params as { id: string }).id;
        if (!core.faults.some((r) => r.id === id)) throw ApiError.of("NOT_FOUND", [`fault rule ${id}`]);
        core.setFaults(core.faults.filter((r) => r.id !== id));
        return reply.code(204).send();
      });

      // ---- request log ---------------------------------------------------------------------
      scope.get("/requests", async (req, reply) => {
        const q = req.query as Record<string, string | undefined>;
        const since = q["since"] === undefined ? 0 : Number(q["since"]);
        const limit = q["limit"] === undefined ? 1000 : Number(q["limit"]);
        if (!Number.isInteger(since) || since < 0 || !Number.isInteger(limit) || limit < 1) throw invalid("since and limit must be non-negative integers");
        return send(reply, 200, { requests: core.requestLog.list(since, limit) });
      });
      scope.delete("/requests", async (_req, reply) => {
        core.requestLog.clear();
        return reply.code(204).send();
      });

      // ---- simulated cloud side ------------------------------------------------------------
      scope.get("/cloud", async (_req, reply) => send(reply, 200, { endpoints: store.listCloudEndpoints(), strict: core.profile.options.strictCloud }));
      scope.get("/cloud/:provider/endpoints", async (req, reply) => {
        const provider = providerParam((req.params as { provider: string }).provider);
        return send(reply, 200, { endpoints: store.listCloudEndpoints(provider) });
      });
      scope.post("/cloud/:provider/endpoints", async (req, reply) => {
        const provider = providerParam((req.params as { provider: string }).provider);
        const body = objectOf(req);
        const ids: string[] = [];
        if (provider === "GCP") {
          const project = optionalString(body, "gcpProjectId", 30);
          if (project === undefined || !GCP_PROJECT_ID_PATTERN.test(project)) throw invalid("gcpProjectId must be a GCP project id");
          const names = Array.isArray(body["endpointNames"]) ? body["endpointNames"] : [body["endpointName"]];
          for (const n of names) {
            if (typeof n !== "string" || !GCP_RESOURCE_NAME_PATTERN.test(n)) throw invalid("endpointName(s) must be GCP forwarding rule names");
            ids.push(gcpRuleKey(project, n));
          }
        } else {
          const list = Array.isArray(body["ids"]) ? body["ids"] : [body["id"]];
          for (const id of list) {
            const ok = typeof id === "string" && (provider === "AWS" ? AWS_ENDPOINT_ID_PATTERN : AZURE_PRIVATE_ENDPOINT_ID_PATTERN).test(id);
            if (!ok) throw invalid(provider === "AWS" ? "id must be a vpce-… id" : "id must be an Azure private endpoint resource id");
            ids.push(id as string);
          }
        }
        const now = clock.now();
        store.transaction(() => {
          for (const id of ids) store.insertCloudEndpoint({ provider, id, data: {}, createdAt: now });
        });
        for (const id of ids) core.events.emit({ type: "created", object: { type: "cloudEndpoint", id, provider }, at: now });
        return send(reply, 201, { provider, ids });
      });
      scope.delete("/cloud/:provider/endpoints", async (req, reply) => {
        const provider = providerParam((req.params as { provider: string }).provider);
        const q = req.query as Record<string, string | undefined>;
        const body = jsonBody(req);
        // `?id=`, or `{"id": …}` in the body; neither: every registration of the provider.
        const id = q["id"] ?? (isJsonObject(body) ? String(body["id"] ?? "") : "");
        const removed =
          id === ""
            ? store.transaction(() => store.listCloudEndpoints(provider).filter((row) => store.deleteCloudEndpoint(provider, row.id)).map((row) => row.id))
            : [id];
        if (id !== "" && !store.deleteCloudEndpoint(provider, id)) throw ApiError.of("NOT_FOUND", [id]);
        const now = clock.now();
        for (const gone of removed) core.events.emit({ type: "deleted", object: { type: "cloudEndpoint", id: gone, provider }, at: now });
        return reply.code(204).send();
      });

      // ---- seeding and out-of-band changes -------------------------------------------------
      scope.post("/seed", async (req, reply) => send(reply, 201, seed(core, jsonBody(req))));

      scope.post("/objects/endpoint-services/:id/status", async (req, reply) => {
        const row = store.getService((req.params as { id: string }).id);
        if (!row) throw ApiError.of("NOT_FOUND", [(req.params as { id: string }).id]);
        const body = objectOf(req);
        const status = body["status"];
        if (typeof status !== "string" || !(ENDPOINT_SERVICE_STATUSES as readonly string[]).includes(status)) {
          throw invalid(`status must be one of ${ENDPOINT_SERVICE_STATUSES.join(", ")}`);
        }
        const message = body["errorMessage"] ?? null;
        if (message !== null && typeof message !== "string") throw invalid("errorMessage must be a string");
        const now = clock.now();
        core.events.batch(() => store.transaction(() => core.scheduler.applyServiceStep(row, { to: status, errorMessage: message }, "control", now)));
        return send(reply, 200, { id: row.id, status });
      });
      scope.delete("/objects/endpoint-services/:id", async (req, reply) => {
        const row = store.getService((req.params as { id: string }).id);
        if (!row) throw ApiError.of("NOT_FOUND", [(req.params as { id: string }).id]);
        core.events.batch(() => store.transaction(() => core.scheduler.applyServiceStep(row, { to: GONE, errorMessage: null }, "control", clock.now())));
        return reply.code(204).send();
      });
      const endpointFromQuery = (req: FastifyRequest) => {
        const q = req.query as Record<string, string | undefined>;
        const row = q["serviceId"] && q["endpointId"] ? store.getEndpoint(q["serviceId"], q["endpointId"]) : undefined;
        if (!row) throw ApiError.of("NOT_FOUND", [`private endpoint ${q["endpointId"] ?? "(endpointId missing)"} of ${q["serviceId"] ?? "(serviceId missing)"}`]);
        return row;
      };
      scope.post("/objects/private-endpoints/status", async (req, reply) => {
        const row = endpointFromQuery(req);
        const body = objectOf(req);
        const allowed = endpointStatuses(row.provider);
        const status = body["status"];
        if (typeof status !== "string" || !allowed.includes(status)) throw invalid(`status must be one of ${allowed.join(", ")}`);
        const message = body["errorMessage"] ?? null;
        if (message !== null && typeof message !== "string") throw invalid("errorMessage must be a string");
        core.events.batch(() => store.transaction(() => core.scheduler.applyEndpointStep(row, { to: status, errorMessage: message }, "control", clock.now())));
        return send(reply, 200, { serviceId: row.serviceId, endpointId: row.endpointId, status });
      });
      scope.delete("/objects/private-endpoints", async (req, reply) => {
        const row = endpointFromQuery(req);
        core.events.batch(() => store.transaction(() => core.scheduler.applyEndpointStep(row, { to: GONE, errorMessage: null }, "control", clock.now())));
        return reply.code(204).send();
      });

      // ---- live events (Server-Sent Events) -----------------------------------------------
      scope.get("/events", async (req, reply) => {
        reply.hijack();
        const res = reply.raw;
        streams.add(res);
        res.on("close", () => streams.delete(res));
        res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
        res.write(": atlas emulator events\n\n");
        const write = (e: EmulatorEvent) => {
          res.write(`event: ${e.type}\ndata: ${JSON.stringify({ ...e, at: iso(e.at) })}\n\n`);
        };
        const off = core.events.subscribe(write);
        const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
        heartbeat.unref();
        req.raw.on("close", () => {
          off();
          clearInterval(heartbeat);
        });
      });
    },
    { prefix: CONTROL_PREFIX },
  );
}

