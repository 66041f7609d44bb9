import type { ServerResponse } from "node:http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorCore } from "../core.js";
import type { EmulatorEvent } from "../events.js";
import { ApiError } from "../http/api-error.js";
import type { EmulatorPlugin } from "../options.js";
import { EMULATOR_VERSION } from "../version.js";
import { Assets } from "./assets.js";
import { loginPage, missingAssetsPage, shellPage, type AssetRefs } from "./html.js";
import {
  clearedCookie,
  consoleError,
  cookieName,
  csrfMatches,
  formFields,
  htmlHeaders,
  reachable,
  readCookie,
  sameOrigin,
  sendJson,
  sessionCookie,
  type AccessPolicy,
} from "./http.js";
import { LoginThrottle, verifyApiKey } from "./login.js";
import { forward, forwardable } from "./proxy.js";
import { Sessions, type Session, type SessionOptions } from "./sessions.js";
import { endpointKey, serviceKey, Timelines } from "./timeline.js";
import { CSRF_HEADER, type ConsoleChange, type SessionInfo, type TransitionNote } from "./types.js";
import { consoleState, endpointView, serviceView, summary } from "./view.js";

/**
 * The web console (issue 6), mounted at `/console` on the emulator's own port: a page that shows
 * organizations → projects → endpoint services → endpoints live, and steers them through the
 * control API.
 *
 * Routes (all refuse non-loopback clients and non-loopback Host names unless `allowRemote`):
 *   GET  /console                  the app (a session), or 303 to the login page;
 *                                  `?token=<one-time token>` logs in and redirects to /console
 *   GET  /console/login            login form;  POST /console/login  (publicKey, privateKey)
 *   POST /console/logout
 *   GET  /console/assets/<file>    the bundled browser code and stylesheet (no session needed)
 *   GET  /console/api/session      who is logged in and the CSRF token
 *   GET  /console/api/state        everything shown (flat, keyed objects)
 *   GET  /console/api/summary      clock, profile, counts
 *   GET  /console/api/events       live changes (Server-Sent Events, event `change`)
 *   POST /console/api/complete-pending   advance the clock deadline by deadline until no timed
 *                                        step is pending
 *   *    /console/api/control/<route>    an allow-listed control API route (see proxy.ts)
 *
 * Every `/console/api/` route needs the session cookie; every state-changing one also needs the
 * session's CSRF token in `X-Console-CSRF` and no foreign `Origin` / `Sec-Fetch-Site`.
 */
export const CONSOLE_PATH = "/console";

export interface ConsoleOptions {
  /** Serve clients that are not on loopback, under any Host name (default false; the emulator
   * turns it on when started with a control token, i.e. deliberately exposed). */
  readonly allowRemote?: boolean;
  /** Where the bundled browser code is (default: `dist/console-assets`). */
  readonly assetsDir?: string;
  /** Real time for sessions and login throttling (tests). */
  readonly now?: () => number;
  readonly sessions?: Omit<SessionOptions, "now">;
}

/** What the emulator (and tests) reach of a mounted console. */
export interface WebConsole {
  readonly path: string;
  /** A new one-time login token. */
  issueLoginToken(): string;
  /** `<baseUrl>/console?token=<a new one-time token>`. */
  loginUrl(baseUrl: string): string;
  readonly sessions: Sessions;
  readonly timelines: Timelines;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The web console, when mounted (the default). */
    webConsole?: WebConsole;
  }
}

function transitionNote(e: EmulatorEvent): TransitionNote | null {
  if (e.type === "transition") return { from: e.from, to: e.to, cause: e.cause };
  if (e.type === "created" && e.status !== undefined) return { from: null, to: e.status, cause: "created" };
  return null;
}

export function consolePlugin(options: ConsoleOptions = {}): EmulatorPlugin {
  return (app: FastifyInstance, core: EmulatorCore) => mountConsole(app, core, options);
}

function mountConsole(app: FastifyInstance, core: EmulatorCore, options: ConsoleOptions): void {
  const { store } = core;
  const now = options.now ?? Date.now;
  const sessions = new Sessions({ ...options.sessions, now });
  const throttle = new LoginThrottle(10, 60_000, now);
  const timelines = new Timelines();
  const assets = new Assets(options.assetsDir);
  const policy: AccessPolicy = { allowRemote: options.allowRemote ?? false };
  const sessionOfRequest = new WeakMap<FastifyRequest, Session>();
  const streams = new Map<ServerResponse, Session>();

  const refs = (): AssetRefs => ({ css: assets.href("console.css"), js: assets.href("console.js") });

  // ---- live changes ------------------------------------------------------------------------
  const toChange = (e: EmulatorEvent): ConsoleChange | undefined => {
    if (e.type === "reset") return { kind: "refresh", reason: "reset" };
    const ref = e.object;
    if (ref.type === "endpointService") {
      const row = e.type === "deleted" ? undefined : store.getService(ref.id);
      if (!row) return { kind: "removed", key: serviceKey(ref.id), label: `${ref.provider ?? ""} endpoint service ${ref.id}`.trim() };
      return { kind: "service", service: serviceView(row, store.endpointIdsOf(row.id), timelines), transition: transitionNote(e) };
    }
    if (ref.type === "privateEndpoint" && ref.serviceId !== undefined) {
      const row = e.type === "deleted" ? undefined : store.getEndpoint(ref.serviceId, ref.id);
      if (!row) return { kind: "removed", key: endpointKey(ref.serviceId, ref.id), label: `${ref.provider ?? ""} private endpoint ${ref.id}`.trim() };
      return { kind: "endpoint", endpoint: endpointView(row, timelines), transition: transitionNote(e) };
    }
    if (ref.type === "project" || ref.type === "org" || ref.type === "cloudEndpoint") return { kind: "refresh", reason: ref.type };
    return undefined;
  };

  const unsubscribe = core.events.subscribe((e) => {
    timelines.record(e);
    if (streams.size === 0) return;
    const change = toChange(e);
    if (!change) return;
    const frame = `event: change\ndata: ${JSON.stringify(change)}\n\n`;
    for (const res of streams.keys()) if (!res.destroyed) res.write(frame);
  });

  const endStreams = (predicate: (s: Session) => boolean) => {
    for (const [res, session] of streams) {
      if (!predicate(session)) continue;
      streams.delete(res);
      res.end();
    }
  };
  // Open event streams never go idle: end them when the app closes, or close() would wait.
  app.addHook("preClose", (done) => {
    endStreams(() => true);
    done();
  });
  app.addHook("onClose", (_app, done) => {
    unsubscribe();
    done();
  });

  // ---- sessions ------------------------------------------------------------------------------
  const sessionOf = (req: FastifyRequest): Session | undefined => {
    const session = sessions.get(readCookie(req, cookieName(req)));
    if (!session) return undefined;
    if (session.principal.kind === "apiKey") {
      // A key deleted (or reset away) since the login ends its sessions.
      const p = core.auth.principalRow(session.principal.publicKey);
      if (!p || p.row.kind !== "apiKey" || !p.roles.some((r) => r.role === "ORG_OWNER" && r.projectId === null)) {
        sessions.delete(session.id);
        endStreams((s) => s === session);
        return undefined;
      }
    }
    return session;
  };

  const startSession = (req: FastifyRequest, reply: FastifyReply, session: Session): FastifyReply =>
    reply
      .code(303)
      .header("Set-Cookie", sessionCookie(cookieName(req), session.id, Math.floor(sessions.maxAgeMs / 1000)))
      .header("Location", CONSOLE_PATH)
      .header("Cache-Control", "no-store")
      .header("Referrer-Policy", "no-referrer")
      .send();

  const redirect = (reply: FastifyReply, location: string): FastifyReply => reply.code(303).header("Location", location).header("Cache-Control", "no-store").send();

  const handle: WebConsole = {
    path: CONSOLE_PATH,
    issueLoginToken: () => sessions.issueLoginToken(),
    loginUrl: (baseUrl) => `${baseUrl.replace(/\/$/, "")}${CONSOLE_PATH}?token=${sessions.issueLoginToken()}`,
    sessions,
    timelines,
  };
  app.decorate("webConsole", handle);

  app.register(
    async (scope) => {
      scope.addHook("onRequest", async (req, reply) => {
        if (!reachable(req, policy)) {
          return consoleError(reply, 403, "CONSOLE_FORBIDDEN", "The console answers loopback clients only (start the emulator with --control-token to expose it).");
        }
        return undefined;
      });

      // ---- pages -------------------------------------------------------------------------
      scope.get("/", async (req, reply) => {
        const token = (req.query as Record<string, unknown>)["token"];
        if (token !== undefined) {
          if (typeof token === "string" && sessions.consumeLoginToken(token)) return startSession(req, reply, sessions.create({ kind: "token" }));
          // A used link opened again in a browser that is logged in already: just the console.
          if (sessionOf(req)) return redirect(reply, CONSOLE_PATH);
          return htmlHeaders(reply.code(401)).send(
            loginPage(refs(), {
              version: EMULATOR_VERSION,
              error: "This console link was already used or has expired. Log in with an API key, or restart the emulator for a new link.",
            }),
          );
        }
        if (!sessionOf(req)) return redirect(reply, `${CONSOLE_PATH}/login`);
        if (!assets.built) return htmlHeaders(reply.code(503)).send(missingAssetsPage(refs()));
        return htmlHeaders(reply.code(200)).send(shellPage(refs()));
      });

      scope.get("/login", async (req, reply) => {
        if (sessionOf(req)) return redirect(reply, CONSOLE_PATH);
        return htmlHeaders(reply.code(200)).send(loginPage(refs(), { version: EMULATOR_VERSION }));
      });

      scope.post("/login", async (req, reply) => {
        const page = (status: number, error: string, publicKey?: string) =>
          htmlHeaders(reply.code(status)).send(loginPage(refs(), { version: EMULATOR_VERSION, error, ...(publicKey ? { publicKey } : {}) }));
        if (!sameOrigin(req)) return page(403, "Log in from the console's own page.");
        const wait = throttle.retryAfter();
        if (wait > 0) {
          reply.header("Retry-After", String(wait));
          return page(429, `Too many failed logins: try again in ${wait} s.`);
        }
        const fields = formFields(req);
        const publicKey = (fields["publicKey"] ?? "").trim();
        const verdict = verifyApiKey(core.auth, publicKey, fields["privateKey"] ?? "");
        if (!verdict.ok) {
          if (verdict.reason === "not-owner") return page(403, `The key ${publicKey} is valid but not an Organization Owner key: the console needs one.`, publicKey);
          throttle.fail();
          return page(401, "Unknown public key, or a wrong private key.", publicKey.slice(0, 64));
        }
        return startSession(req, reply, sessions.create({ kind: "apiKey", publicKey: verdict.publicKey }));
      });

      scope.post("/logout", async (req, reply) => {
        const session = sessionOf(req);
        if (session) {
          const presented = req.headers[CSRF_HEADER] ?? formFields(req)["csrf"];
          if (!sameOrigin(req) || !csrfMatches(session.csrf, presented)) return consoleError(reply, 403, "CONSOLE_CSRF", "Log out from the console's own page.");
          sessions.delete(session.id);
          endStreams((s) => s === session);
        }
        reply.header("Set-Cookie", clearedCookie(cookieName(req)));
        return redirect(reply, `${CONSOLE_PATH}/login`);
      });

      scope.get("/assets/:name", async (req, reply) => {
        const asset = assets.get((req.params as { name: string }).name);
        if (!asset) return consoleError(reply, 404, "CONSOLE_NOT_FOUND", "No such console asset.");
        const versioned = (req.query as Record<string, unknown>)["v"] === asset.hash;
        reply
          .header("Content-Type", asset.type)
          .header("ETag", `"${asset.hash}"`)
          .header("X-Content-Type-Options", "nosniff")
          .header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
        if (req.headers["if-none-match"] === `"${asset.hash}"`) return reply.code(304).send();
        return reply.code(200).send(asset.body);
      });

      // ---- the console's API ---------------------------------------------------------------
      scope.register(
        async (api) => {
          api.addHook("onRequest", async (req, reply) => {
            const session = sessionOf(req);
            if (!session) return consoleError(reply, 401, "CONSOLE_LOGIN_REQUIRED", `Log in at ${CONSOLE_PATH}/login.`);
            if (req.method !== "GET" && req.method !== "HEAD") {
              if (!sameOrigin(req)) return consoleError(reply, 403, "CONSOLE_CSRF", "A request from another site is refused.");
              if (!csrfMatches(session.csrf, req.headers[CSRF_HEADER])) return consoleError(reply, 403, "CONSOLE_CSRF", `The ${CSRF_HEADER} header is missing or wrong.`);
            }
            sessionOfRequest.set(req, session);
            // What the console shows is as current as what the Atlas API would answer.
            core.scheduler.catchUp();
            return undefined;
          });

          api.get("/session", async (req, reply) => {
            const session = sessionOfRequest.get(req)!;
            const info: SessionInfo = {
              principal: session.principal.kind === "apiKey" ? session.principal.publicKey : "start-up link",
              csrf: session.csrf,
            };
            return sendJson(reply, 200, info);
          });

          api.get("/state", async (_req, reply) => sendJson(reply, 200, consoleState(core, timelines)));
          api.get("/summary", async (_req, reply) => sendJson(reply, 200, summary(core)));

          api.get("/events", async (req, reply) => {
            const session = sessionOfRequest.get(req)!;
            reply.hijack();
            const res = reply.raw;
            res.writeHead(200, {
              "Content-Type": "text/event-stream; charset=utf-8",
              "Cache-Control": "no-store",
              "X-Content-Type-Options": "nosniff",
              Connection: "keep-alive",
            });
            // `retry`: reconnect quickly after an emulator restart.
            res.write(": atlas emulator console\nretry: 1000\n\n");
            streams.set(res, session);
            const heartbeat = setInterval(() => {
              if (!res.destroyed) res.write(": keep-alive\n\n");
            }, 15_000);
            heartbeat.unref();
            res.on("close", () => {
              streams.delete(res);
              clearInterval(heartbeat);
            });
          });

          api.post("/complete-pending", async (_req, reply) => {
            let applied: number;
            try {
              applied = core.completePending();
            } catch (error) {
              // A deadline past the clock's range: the 400 POST /_emulator/clock gives for it.
              if (error instanceof RangeError) throw ApiError.of("VALIDATION_ERROR", [`cannot complete the pending steps: ${error.message}`]);
              throw error;
            }
            return sendJson(reply, 200, { transitionsApplied: applied, stillPending: store.counts().pendingTransitions, summary: summary(core) });
          });

          const prefix = `${CONSOLE_PATH}/api/control/`;
          api.route({
            method: ["GET", "POST", "PUT", "DELETE"],
            url: "/control/*",
            handler: async (req, reply) => {
              const target = req.url.startsWith(prefix) ? req.url.slice(prefix.length) : "";
              const q = target.indexOf("?");
              const path = q < 0 ? target : target.slice(0, q);
              if (!forwardable(req.method, path)) return consoleError(reply, 404, "CONSOLE_NOT_FOUND", `${req.method} /_emulator/${path} is not a console action.`);
              const body = Buffer.isBuffer(req.body) ? req.body : undefined;
              const res = await forward(app, req.method, target, body);
              reply.code(res.status).header("Cache-Control", "no-store");
              if (res.contentType) reply.header("Content-Type", res.contentType);
              return reply.send(res.body);
            },
          });
        },
        { prefix: "/api" },
      );
    },
    { prefix: CONSOLE_PATH },
  );
}
