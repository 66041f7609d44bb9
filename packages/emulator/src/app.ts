import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from "fastify";
import { pino, type Logger } from "pino";
import type { Socket } from "node:net";
import { ensureBootstrap } from "./bootstrap.js";
import { consolePlugin } from "./console/plugin.js";
import { registerControlApi } from "./control/routes.js";
import { EmulatorCore } from "./core.js";
import { ApiError } from "./http/api-error.js";
import { API_DISPATCH_URL, registerAtlasApi } from "./http/atlas-api.js";
import { EMULATOR_HEADER, sendError } from "./http/respond.js";
import type { AppOptions } from "./options.js";
import { Store } from "./store/store.js";
import { EMULATOR_VERSION } from "./version.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The emulator's state: store, clock, scheduler, events, profile, faults, bootstrap. */
    emulator: EmulatorCore;
  }
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024; // bytes

/** Secrets never reach the log, whatever a caller logs. */
const REDACT = ["req.headers.authorization", "headers.authorization", "*.authorization", "*.privateKey", "*.clientSecret", "*.client_secret", "*.access_token"];

export function createLogger(level = "info"): Logger {
  return pino({ level, base: { name: "atlas-emulator" }, redact: { paths: REDACT, censor: "[redacted]" } }, pino.destination({ fd: 2, sync: false }));
}

function resolveLogger(option: AppOptions["logger"]): Logger | undefined {
  if (option === false) return undefined;
  if (option === undefined) return createLogger();
  if ("info" in option && typeof option.info === "function") return option as Logger;
  return createLogger((option as { level?: string }).level ?? "info");
}

function writeRawError(socket: Socket, error: ApiError): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(error.body());
  socket.end(
    `HTTP/1.1 ${error.status} Bad Request\r\nContent-Type: application/json\r\nX-Error-Code: ${error.errorCode}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Builds the emulator as a Fastify app, without listening: the Atlas API under `/api/`, the
 * control API under `/_emulator/`, the web console under `/console` (unless `console: false`),
 * and any extra plugins. Tests drive it with `app.inject()`;
 * `startEmulator` and the CLI call `listen`. Closing the app closes the store.
 */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const log = resolveLogger(options.logger);
  const store = new Store({
    ...(options.inMemory || options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.durability ? { durability: options.durability } : {}),
  });
  let core: EmulatorCore | undefined;
  try {
    core = new EmulatorCore({
      store,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.strictCloud !== undefined ? { strictCloud: options.strictCloud } : {}),
      ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
      auth: {
        ...(options.nonceTtlMs !== undefined ? { nonceTtlMs: options.nonceTtlMs } : {}),
        ...(options.digestAlgorithms ? { digestAlgorithms: options.digestAlgorithms } : {}),
      },
      ...(options.requestLogSize !== undefined ? { requestLogSize: options.requestLogSize } : {}),
      ...(options.random ? { random: options.random } : {}),
      onError: (error) => log?.error({ err: error }, "lifecycle step failed (a bug: please report it)"),
      onWarning: (message, details) => log?.warn(details, message),
    });
    ensureBootstrap(core, {
      ...(options.orgId !== undefined ? { orgId: options.orgId } : {}),
      ...(options.projectId !== undefined ? { projectId: options.projectId } : {}),
      ...(options.publicKey !== undefined ? { publicKey: options.publicKey } : {}),
      ...(options.privateKey !== undefined ? { privateKey: options.privateKey } : {}),
    });
  } catch (error) {
    if (core) core.close();
    else store.close();
    throw error;
  }

  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    ...(log ? { loggerInstance: log as unknown as FastifyBaseLogger } : { logger: false }),
    // Requests are logged by the API dispatcher itself (method, raw path, status, errorCode, key).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    // Every Atlas API request goes to one dispatcher that routes on the raw path (see
    // http/atlas-api.ts); the original URL stays in request.originalUrl.
    rewriteUrl: (req) => (req.url !== undefined && req.url.startsWith("/api/") ? API_DISPATCH_URL : (req.url ?? "/")),
    frameworkErrors: (error, _req, reply) => {
      sendError(reply, ApiError.of("MALFORMED_HTTP_REQUEST", [], { detail: `The HTTP request could not be parsed: ${error.message}` }), undefined, {
        pretty: false,
        envelope: false,
      });
    },
    clientErrorHandler: (_error, socket) => writeRawError(socket as Socket, ApiError.of("MALFORMED_HTTP_REQUEST")),
    // Node would answer an HTTP/1.1 request without Host itself (a bare 400, not the Atlas error
    // shape; found by the R4 fuzz campaign); the onRequest hook below refuses it in the Atlas shape.
    http: { requireHostHeader: false },
  });
  app.decorate("emulator", core);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  app.addHook("onRequest", (req, reply, done) => {
    reply.header(EMULATOR_HEADER, EMULATOR_VERSION);
    // RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without a Host header.
    if (req.raw.httpVersion === "1.1" && req.headers.host === undefined) {
      sendError(reply, ApiError.of("MALFORMED_HTTP_REQUEST", [], { detail: "The HTTP request could not be parsed: an HTTP/1.1 request needs a Host header." }), undefined, {
        pretty: false,
        envelope: false,
      });
      return;
    }
    done();
  });
  app.setErrorHandler((error: FastifyError | ApiError, req, reply) => {
    let apiError: ApiError;
    if (error instanceof ApiError) apiError = error;
    else if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") apiError = ApiError.of("REQUEST_ENTITY_TOO_LARGE", [bodyLimit]);
    else if (error.statusCode === 415) apiError = ApiError.of("UNSUPPORTED_MEDIA_TYPE", [req.headers["content-type"] ?? "(none)"]);
    else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      apiError = ApiError.of("MALFORMED_HTTP_REQUEST", [], { detail: `The HTTP request could not be parsed: ${error.message}` });
    } else {
      log?.error({ err: error, method: req.method, url: req.originalUrl }, "unexpected error (a bug: please report it)");
      apiError = ApiError.of("UNEXPECTED_ERROR");
    }
    sendError(reply, apiError, undefined, { pretty: false, envelope: false });
  });
  app.setNotFoundHandler((req, reply) => {
    sendError(reply, ApiError.of("NOT_FOUND", [req.originalUrl.split("?")[0]]), undefined, { pretty: false, envelope: false });
  });

  registerAtlasApi(app, core, { log });
  registerControlApi(app, core, {
    ...(options.controlToken !== undefined ? { token: options.controlToken } : {}),
    version: EMULATOR_VERSION,
    startedAt: Date.now(),
  });
  if (options.console !== false) {
    // The web console is served by default; it answers loopback clients unless the emulator was
    // deliberately exposed (a control token), like the control API.
    const consoleOptions = typeof options.console === "object" ? options.console : {};
    await consolePlugin({ allowRemote: options.controlToken !== undefined, ...consoleOptions })(app, core);
  }
  for (const plugin of options.plugins ?? []) await plugin(app, core);
  app.addHook("onClose", async () => {
    core.close();
    log?.flush();
  });
  await app.ready();
  return app;
}
