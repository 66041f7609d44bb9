import { DIGEST_REALM, hashHex, sameHex, type DigestAlgorithm } from "./secrets.js";

/**
 * HTTP Digest (RFC 7616) as Atlas uses it: realm `MMS Public API`, qop `auth`, MD5 (what Atlas
 * offers) and SHA-256. The `-sess` variants and `userhash` are not offered.
 */
export interface DigestCredentials {
  readonly username: string;
  readonly realm: string;
  readonly nonce: string;
  readonly uri: string;
  readonly response: string;
  readonly algorithm: DigestAlgorithm;
  readonly qop: string | undefined;
  readonly nc: string | undefined;
  readonly cnonce: string | undefined;
}

/** Letters, digits, `_` and `-`: the characters of an auth-param name. */
function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** Parses `k=v, k="quoted \"v\""` auth parameters; undefined when malformed. */
export function parseAuthParams(input: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let i = 0;
  const n = input.length;
  const skipSpace = () => {
    while (i < n && (input[i] === " " || input[i] === "\t")) i++;
  };
  while (i < n) {
    skipSpace();
    if (i >= n) break;
    const keyStart = i;
    while (i < n && isTokenChar(input.charCodeAt(i))) i++;
    const key = input.slice(keyStart, i).toLowerCase();
    if (key === "") return undefined;
    skipSpace();
    if (input[i] !== "=") return undefined;
    i++;
    skipSpace();
    let value = "";
    if (input[i] === '"') {
      i++;
      let closed = false;
      let from = i;
      while (i < n) {
        const c = input.charCodeAt(i);
        if (c === 92 /* \\ */ && i + 1 < n) {
          value += input.slice(from, i) + input[i + 1];
          i += 2;
          from = i;
        } else if (c === 34 /* " */) {
          value += input.slice(from, i);
          i++;
          closed = true;
          break;
        } else i++;
      }
      if (!closed) return undefined;
    } else {
      const start = i;
      while (i < n && input[i] !== "," && input[i] !== " " && input[i] !== "\t") i++;
      value = input.slice(start, i);
    }
    if (out.has(key)) return undefined;
    out.set(key, value);
    skipSpace();
    if (i < n) {
      if (input[i] !== ",") return undefined;
      i++;
    }
  }
  return out;
}

/** Parses an `Authorization: Digest …` header value; undefined when it is not a usable one. */
export function parseDigestAuthorization(header: string): DigestCredentials | undefined {
  if (header.length > 8192) return undefined;
  const match = /^digest\s+/i.exec(header);
  if (!match) return undefined;
  const params = parseAuthParams(header.slice(match[0].length));
  if (!params) return undefined;
  const username = params.get("username");
  const realm = params.get("realm");
  const nonce = params.get("nonce");
  const uri = params.get("uri");
  const response = params.get("response");
  if (username === undefined || realm === undefined || nonce === undefined || uri === undefined || response === undefined) return undefined;
  const algorithmName = (params.get("algorithm") ?? "MD5").toUpperCase();
  const algorithm: DigestAlgorithm | undefined = algorithmName === "MD5" ? "MD5" : algorithmName === "SHA-256" ? "SHA-256" : undefined;
  if (!algorithm) return undefined;
  return {
    username,
    realm,
    nonce,
    uri,
    response: response.toLowerCase(),
    algorithm,
    qop: params.get("qop"),
    nc: params.get("nc"),
    cnonce: params.get("cnonce"),
  };
}

/** The `WWW-Authenticate` value Atlas sends (docs: `Digest realm="MMS Public API", domain="",
 * nonce="…", algorithm=MD5, qop="auth", stale=false`). */
export function digestChallenge(nonce: string, algorithm: DigestAlgorithm, stale: boolean): string {
  return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=${algorithm}, qop="auth", stale=${stale ? "true" : "false"}`;
}

/** The nonce count as a number, or undefined unless it is exactly 8 hex digits and > 0. */
export function parseNonceCount(nc: string | undefined): number | undefined {
  if (nc === undefined || !/^[0-9a-fA-F]{8}$/.test(nc)) return undefined;
  const value = Number.parseInt(nc, 16);
  return value > 0 ? value : undefined;
}

/** The expected `response` for qop=auth, given the stored HA1. */
export function expectedResponse(credentials: DigestCredentials, method: string, ha1Hex: string): string {
  const ha2 = hashHex(credentials.algorithm, `${method}:${credentials.uri}`);
  return hashHex(
    credentials.algorithm,
    `${ha1Hex}:${credentials.nonce}:${credentials.nc ?? ""}:${credentials.cnonce ?? ""}:${credentials.qop ?? ""}:${ha2}`,
  );
}

/** Checks the response (qop=auth only) against the stored HA1, in constant time. */
export function verifyDigestResponse(credentials: DigestCredentials, method: string, ha1Hex: string): boolean {
  if (credentials.qop !== "auth" || credentials.cnonce === undefined || credentials.cnonce === "") return false;
  return sameHex(expectedResponse(credentials, method, ha1Hex), credentials.response);
}

/**
 * Does the `uri` of the credentials name this request? RFC 7616 §3.4.6: it must be the
 * request-target; absolute-form is accepted for the same path and query.
 */
export function uriMatches(digestUri: string, requestTarget: string): boolean {
  if (digestUri === requestTarget) return true;
  if (/^https?:\/\//i.test(digestUri)) {
    try {
      const u = new URL(digestUri);
      return `${u.pathname}${u.search}` === requestTarget;
    } catch {
      return false;
    }
  }
  return false;
}
