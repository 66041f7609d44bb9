import { isValidVersionDate, negotiateVersion, versionedContentType } from "@atlas-privatelink/atlas-api";
import { ApiError } from "./api-error.js";

/**
 * Content negotiation of the versioned API (atlas-api.md §8). v2 resources are chosen by
 * `Accept: application/vnd.atlas.<YYYY-MM-DD>+json`: the newest version not after the requested
 * date is served; a missing, unversioned, `preview`, malformed or too-early version is refused
 * with 406 INVALID_VERSION_DATE ("Atlas returns 406 Not Acceptable … if your request omits or
 * specifies a resource version that doesn't exist"). The legacy v1.0 API is unversioned JSON.
 */
export interface Negotiated {
  /** The served version, or null for v1.0. */
  readonly version: string | null;
  readonly contentType: string;
}

// DIVERGENCE: v1-content-type — no v1.0 response is recorded; `application/json` (legacy docs).
export const V1_CONTENT_TYPE = "application/json";

const VERSIONED = /^application\/vnd\.atlas\.([^+;\s]*)\+json$/i;

interface AcceptEntry {
  readonly version: string;
  readonly q: number;
}

function parseAccept(header: string): AcceptEntry[] {
  const out: AcceptEntry[] = [];
  for (const part of header.split(",")) {
    const [type, ...params] = part.split(";");
    const m = VERSIONED.exec((type ?? "").trim());
    if (!m) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split("=").map((s) => s.trim());
      if (k?.toLowerCase() === "q" && v !== undefined) {
        const n = Number(v);
        if (Number.isFinite(n)) q = n;
      }
    }
    if (q > 0) out.push({ version: m[1] ?? "", q });
  }
  return out.sort((a, b) => b.q - a.q);
}

const V1: Negotiated = { version: null, contentType: V1_CONTENT_TYPE };
/** Clients send the same few Accept values again and again: remember the outcomes. */
const memo = new Map<string, Negotiated | null>();

export function negotiate(isV1: boolean, accept: string | undefined, available: readonly string[]): Negotiated {
  if (isV1) return V1;
  const key = `${available.join(",")}|${accept ?? ""}`;
  let outcome = memo.get(key);
  if (outcome === undefined) {
    outcome = choose(accept, available);
    if (memo.size >= 256) memo.clear();
    memo.set(key, outcome);
  }
  if (outcome === null) throw ApiError.of("INVALID_VERSION_DATE");
  return outcome;
}

function choose(accept: string | undefined, available: readonly string[]): Negotiated | null {
  const entries = parseAccept(accept ?? "");
  for (const entry of entries) {
    if (!isValidVersionDate(entry.version)) continue;
    const served = negotiateVersion(entry.version, available);
    if (served !== undefined) return { version: served, contentType: versionedContentType(served) };
  }
  return null;
}

/** Request bodies: JSON, plain or versioned (any parameters such as charset ignored). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const bare = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  return bare === "application/json" || VERSIONED.test(bare);
}
