import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { manualClock, type EmulatorClock } from "../lifecycle/clock.js";
import type { AppOptions } from "../options.js";
import { SpecValidator } from "./spec.js";

/**
 * Test support (not part of the public API): a small Atlas client that speaks Digest (reusing a
 * nonce with increasing nc, as real clients do) or Bearer, over `app.inject()` or real HTTP.
 */
export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** Parsed JSON, or undefined when the body is empty / not JSON. */
  readonly json: unknown;
}

export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export type Transport = (req: RequestSpec) => Promise<TestResponse>;

function toResponse(status: number, headers: Record<string, string | string[] | undefined>, text: string): TestResponse {
  let json: unknown;
  try {
    json = text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}

export function injectTransport(app: FastifyInstance, remoteAddress = "127.0.0.1"): Transport {
  return async (req) => {
    const res = await app.inject({
      method: req.method as "GET",
      url: req.path,
      headers: req.headers ?? {},
      remoteAddress,
      ...(req.body !== undefined ? { payload: req.body } : {}),
    });
    return toResponse(res.statusCode, res.headers as Record<string, string | string[] | undefined>, res.body);
  };
}

export function fetchTransport(baseUrl: string): Transport {
  return async (req) => {
    const res = await fetch(`${baseUrl}${req.path}`, {
      method: req.method,
      headers: req.headers ?? {},
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
    const headers: Record<string, string | string[] | undefined> = {};
    res.headers.forEach((value, key) => {
      // fetch joins repeated WWW-Authenticate headers with ", ": split them again.
      headers[key] = key === "www-authenticate" ? value.split(/,\s*(?=(?:Digest|Bearer|Basic)\s)/i) : value;
    });
    return toResponse(res.status, headers, await res.text());
  };
}

export type Credentials =
  | { readonly publicKey: string; readonly privateKey: string; readonly algorithm?: "MD5" | "SHA-256" }
  | { readonly bearer: string }
  | null;

export const V2 = "application/vnd.atlas.2023-01-01+json";

function h(algorithm: "MD5" | "SHA-256", s: string): string {
  return createHash(algorithm === "MD5" ? "md5" : "sha256").update(s).digest("hex");
}

export function challenges(res: TestResponse): string[] {
  const v = res.headers["www-authenticate"];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export interface CallOptions {
  readonly body?: unknown;
  readonly rawBody?: string | Buffer;
  readonly accept?: string | null;
  readonly contentType?: string | null;
  readonly headers?: Record<string, string>;
}

export class AtlasTestClient {
  #nonce: string | undefined;
  #nc = 0;
  /** Called with every response (contract tests validate bodies here). */
  onResponse: ((req: RequestSpec, res: TestResponse) => void) | undefined;

  constructor(
    readonly transport: Transport,
    public credentials: Credentials,
  ) {}

  /** The Authorization header for the next request, or undefined before the first challenge. */
  authorization(method: string, path: string): string | undefined {
    const c = this.credentials;
    if (c === null) return undefined;
    if ("bearer" in c) return `Bearer ${c.bearer}`;
    if (this.#nonce === undefined) return undefined;
    const algorithm = c.algorithm ?? "MD5";
    const nc = (++this.#nc).toString(16).padStart(8, "0");
    const cnonce = randomBytes(8).toString("hex");
    const ha1 = h(algorithm, `${c.publicKey}:MMS Public API:${c.privateKey}`);
    const ha2 = h(algorithm, `${method}:${path}`);
    const response = h(algorithm, `${ha1}:${this.#nonce}:${nc}:${cnonce}:auth:${ha2}`);
    return `Digest username="${c.publicKey}", realm="MMS Public API", nonce="${this.#nonce}", uri="${path}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
  }

  /** Takes the nonce of a challenge for our algorithm; false when there is none. */
  absorbChallenge(res: TestResponse): boolean {
    const c = this.credentials;
    if (c === null || "bearer" in c) return false;
    const algorithm = c.algorithm ?? "MD5";
    for (const ch of challenges(res)) {
      if (!new RegExp(`algorithm=${algorithm}(,|$)`).test(ch)) continue;
      const m = /nonce="([^"]+)"/.exec(ch);
      if (m) {
        this.#nonce = m[1];
        this.#nc = 0;
        return true;
      }
    }
    return false;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<TestResponse> {
    const send = async () => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const accept = options.accept === undefined ? (path.startsWith("/api/atlas/v1.0") ? "application/json" : V2) : options.accept;
      if (accept !== null) headers["accept"] = accept;
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined) {
        const ct = options.contentType === undefined ? (path.startsWith("/api/atlas/v1.0") ? "application/json" : V2) : options.contentType;
        if (ct !== null) headers["content-type"] = ct;
      }
      const auth = this.authorization(method, path);
      if (auth !== undefined && headers["authorization"] === undefined) headers["authorization"] = auth;
      const req: RequestSpec = { method, path, headers, ...(body !== undefined ? { body } : {}) };
      return { req, res: await this.transport(req) };
    };
    let { req, res } = await send();
    // Digest: answer the challenge (first call, or a stale nonce) once.
    if (res.status === 401 && this.absorbChallenge(res)) ({ req, res } = await send());
    this.onResponse?.(req, res);
    return res;
  }

  get(path: string, options?: CallOptions) {
    return this.call("GET", path, options);
  }
  post(path: string, body?: unknown, options?: CallOptions) {
    return this.call("POST", path, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  patch(path: string, body?: unknown, options?: CallOptions) {
    return this.call("PATCH", path, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  delete(path: string, options?: CallOptions) {
    return this.call("DELETE", path, options);
  }
}

export interface TestEmulator {
  readonly app: FastifyInstance;
  readonly clock: EmulatorClock;
  /** The bootstrap key (Organization Owner). */
  readonly client: AtlasTestClient;
  /** Unauthenticated client for the control API. */
  readonly control: AtlasTestClient;
  readonly projectId: string;
  readonly orgId: string;
  /** `/api/atlas/v2/groups/{projectId}/privateEndpoint` */
  readonly pe: string;
  close(): Promise<void>;
}

let sharedValidator: SpecValidator | undefined;

/**
 * Validates every private-endpoint response a test client receives against the OpenAPI subset
 * (contract/openapi.test.ts explains the few documented exceptions). Enveloped answers
 * (`envelope=true`) are another shape by design and are skipped.
 */
export function validateAgainstSpec(client: AtlasTestClient): void {
  sharedValidator ??= new SpecValidator();
  const validator = sharedValidator;
  client.onResponse = (req, res) => {
    if (/[?&]envelope=true/i.test(req.path) || res.json === undefined) return;
    const v = validator.validate(req.method, req.path, res.status, res.json);
    if (v && v.errors.length > 0) throw new Error(`${req.method} ${req.path} → ${res.status} does not match ${v.schema}: ${v.errors.join("; ")}`);
  };
}

/** An in-process emulator on a manual clock, silent, in memory (unless options say otherwise);
 * its bootstrap client validates every private-endpoint response against the spec. */
export async function testEmulator(options: AppOptions = {}): Promise<TestEmulator> {
  const clock = (options.clock as EmulatorClock | undefined) ?? manualClock();
  const app = await buildApp({ logger: false, ...options, clock });
  const b = app.emulator.bootstrap!;
  const transport = injectTransport(app);
  const client = new AtlasTestClient(transport, { publicKey: b.publicKey, privateKey: b.privateKey });
  validateAgainstSpec(client);
  return {
    app,
    clock,
    client,
    control: new AtlasTestClient(transport, null),
    projectId: b.projectId,
    orgId: b.orgId,
    pe: `/api/atlas/v2/groups/${b.projectId}/privateEndpoint`,
    close: () => app.close(),
  };
}

/** Reads a JSON body as an object (test convenience). */
export function obj(res: TestResponse): Record<string, unknown> {
  if (typeof res.json !== "object" || res.json === null || Array.isArray(res.json)) {
    throw new Error(`expected a JSON object, got ${res.status} ${res.text.slice(0, 200)}`);
  }
  return res.json as Record<string, unknown>;
}
