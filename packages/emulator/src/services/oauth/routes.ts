import type { FastifyReply, FastifyRequest } from "fastify";
import type { OAuthTokenResponse } from "@atlas-privatelink/atlas-api";
import { createHmac, randomBytes } from "node:crypto";
import { DIGEST_REALM, sha256Hex } from "../../auth/secrets.js";
import type { EmulatorCore } from "../../core.js";

/**
 * Service-account tokens (OAuth 2.0 client credentials, atlas-api.md §7):
 * `POST /api/oauth/token` with `Authorization: Basic base64(clientId:secret)` and the form body
 * `grant_type=client_credentials` → `{access_token, expires_in: 3600, token_type: "Bearer"}`;
 * `POST /api/oauth/revoke` with the same Basic auth and `token=…` → 200, empty.
 * Errors use the OAuth shape (`{error, error_description}`), as Atlas' token endpoint does, not
 * the Atlas API error shape.
 */
export interface OAuthOutcome {
  readonly status: number;
  readonly errorCode: string | null;
  readonly principal: string | null;
}

const signingKey = randomBytes(32);
/** Expired tokens are swept every this many issued tokens. */
const SWEEP_EVERY = 100;
let issued = 0;

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** DIVERGENCE: oauth-token-format — a JWT-shaped token signed with a per-process key, not an Atlas
 * JWT (clients treat it as opaque; the emulator looks up its hash). */
function mintToken(clientId: string, issuedAt: number, expiresAt: number): string {
  const header = b64url({ alg: "HS256", typ: "JWT" });
  const payload = b64url({
    iss: "atlas-privatelink-emulator",
    sub: clientId,
    iat: Math.floor(issuedAt / 1000),
    exp: Math.floor(expiresAt / 1000),
    jti: randomBytes(12).toString("hex"),
  });
  const signature = createHmac("sha256", signingKey).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

function oauthError(reply: FastifyReply, status: number, error: string, description: string): OAuthOutcome {
  if (status === 401) reply.header("WWW-Authenticate", `Basic realm="${DIGEST_REALM}"`);
  reply.code(status).header("Content-Type", "application/json").send(Buffer.from(JSON.stringify({ error, error_description: description })));
  return { status, errorCode: error, principal: null };
}

function formBody(req: FastifyRequest): URLSearchParams | undefined {
  const body = req.body;
  if (body === undefined || body === null) return new URLSearchParams();
  if (!Buffer.isBuffer(body)) return undefined;
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== undefined && type !== "" && type !== "application/x-www-form-urlencoded") return undefined;
  return new URLSearchParams(body.toString("utf8"));
}

export function handleOAuth(core: EmulatorCore, path: "token" | "revoke", req: FastifyRequest, reply: FastifyReply): OAuthOutcome {
  if (req.method !== "POST") {
    reply.header("Allow", "POST");
    return oauthError(reply, 405, "invalid_request", "Only POST is allowed.");
  }
  const account = core.auth.serviceAccountFromBasic(req.headers.authorization);
  if (!account) return oauthError(reply, 401, "invalid_client", "Invalid credentials provided.");
  const form = formBody(req);
  if (!form) return oauthError(reply, 400, "invalid_request", "The request body must be application/x-www-form-urlencoded.");
  const now = core.clock.now();
  if (path === "token") {
    const grant = form.get("grant_type");
    if (grant === null) return oauthError(reply, 400, "invalid_request", "grant_type is required.");
    if (grant !== "client_credentials") return oauthError(reply, 400, "unsupported_grant_type", "Only client_credentials is supported.");
    const ttl = core.auth.options.tokenTtlMs;
    const token = mintToken(account.id, now, now + ttl);
    core.store.insertToken(sha256Hex(token), account.id, now + ttl);
    if (++issued % SWEEP_EVERY === 0) core.store.deleteExpiredTokens(now);
    const body: OAuthTokenResponse = { access_token: token, expires_in: Math.round(ttl / 1000), token_type: "Bearer" };
    reply.code(200).header("Content-Type", "application/json").header("Cache-Control", "no-store").send(Buffer.from(JSON.stringify(body)));
    return { status: 200, errorCode: null, principal: account.id };
  }
  const token = form.get("token");
  if (token === null || token === "") return oauthError(reply, 400, "invalid_request", "token is required.");
  // RFC 7009 §2.2: revoking an unknown or foreign token is not an error.
  const hash = sha256Hex(token);
  const record = core.store.getToken(hash);
  if (record && record.principalId === account.id) core.store.deleteToken(hash);
  reply.code(200).send();
  return { status: 200, errorCode: null, principal: account.id };
}
