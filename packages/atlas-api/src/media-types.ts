/**
 * Versioned media types. Atlas picks a resource version by content negotiation:
 * `Accept: application/vnd.atlas.<YYYY-MM-DD>+json`. Every private-endpoint operation has exactly
 * one version, 2023-01-01; the clusters list used for the IDLE wait is read at 2024-08-05.
 */
export const PRIVATE_ENDPOINT_API_VERSION = "2023-01-01";
export const CLUSTERS_API_VERSION = "2024-08-05";
export const PROJECTS_API_VERSION = "2023-01-01";

const VERSIONED = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2}|preview)\+json$/;

export function versionedMediaType(version: string): string {
  return `application/vnd.atlas.${version}+json`;
}

/** Success responses carry the media type with a charset (recorded). */
export function versionedContentType(version: string): string {
  return `${versionedMediaType(version)};charset=utf-8`;
}

/**
 * Extracts the version from one media type (`application/vnd.atlas.2023-01-01+json`, parameters
 * such as `;charset=utf-8` ignored). Returns undefined for anything else.
 */
export function parseVersionedMediaType(mediaType: string): string | undefined {
  const bare = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return VERSIONED.exec(bare)?.[1];
}

/** True for a real calendar date in YYYY-MM-DD form. */
export function isValidVersionDate(version: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(version);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The version Atlas serves for a requested date: the newest available version not after it
 * (inferred from the official samples, which ask for 2025-03-12 on 2023-01-01-only resources).
 */
export function negotiateVersion(requested: string, available: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const v of available) if (v <= requested && (best === undefined || v > best)) best = v;
  return best;
}
