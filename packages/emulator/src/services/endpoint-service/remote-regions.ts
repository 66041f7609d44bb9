import { MAX_SUPPORTED_REMOTE_REGIONS, isAtlasRegionName, type CloudProvider } from "@atlas-privatelink/atlas-api";
import { ApiError } from "../../http/api-error.js";

/**
 * `supportedRemoteRegions` (cross-region AWS PrivateLink), as the Terraform acceptance tests
 * observe Atlas: only AWS (else 404 PROVIDER_UNSUPPORTED), Atlas-form names only (a lower-case
 * cloud name → 400 INVALID_ATTRIBUTE), never the service's own region (400
 * CROSS_REGION_PRIVATE_LINK_SELF_REGION), at most 35. `null` and `[]` both mean none.
 * Returns the de-duplicated list, or null for none.
 */
export function validateRemoteRegions(value: unknown, provider: CloudProvider, homeRegion: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw ApiError.of("INVALID_ATTRIBUTE", ["supportedRemoteRegions"]);
  if (value.length === 0) return null;
  if (provider !== "AWS") throw ApiError.of("PROVIDER_UNSUPPORTED", [provider]);
  if (value.length > MAX_SUPPORTED_REMOTE_REGIONS) throw ApiError.of("INVALID_ATTRIBUTE", ["supportedRemoteRegions"]);
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== "string" || !isAtlasRegionName("AWS", item)) throw ApiError.of("INVALID_ATTRIBUTE", ["supportedRemoteRegions"]);
    if (item === homeRegion) throw ApiError.of("CROSS_REGION_PRIVATE_LINK_SELF_REGION", [homeRegion]);
    if (!out.includes(item)) out.push(item);
  }
  return out;
}
