import type { CloudProvider } from "./cloud-provider.js";
import { REGION_ROWS } from "./generated/regions-data.js";

/**
 * Region names. The private-endpoint API takes `region` in either the Atlas form (`US_EAST_1`,
 * `EUROPE_NORTH`, `CENTRAL_US`) or the cloud-native form (`us-east-1`, `northeurope`,
 * `us-central1`) and always answers `regionName` in the Atlas form (recorded: `eu-west-1` →
 * `EU_WEST_1`). `supportedRemoteRegions` accepts the Atlas form only.
 */
export interface RegionInfo {
  readonly provider: CloudProvider;
  /** Atlas enum name, e.g. `US_EAST_1`. */
  readonly atlasName: string;
  /** Cloud-native name, e.g. `us-east-1`; null for `GLOBAL`. */
  readonly cloudName: string | null;
  /** Whether the Atlas docs state the mapping ("docs") or it was derived ("inferred"). */
  readonly source: string;
}

type RegionIndex = {
  readonly all: readonly RegionInfo[];
  readonly byAtlas: ReadonlyMap<string, RegionInfo>;
  readonly byCloud: ReadonlyMap<string, RegionInfo>;
};

const indexes = new Map<CloudProvider, RegionIndex>();

function indexFor(provider: CloudProvider): RegionIndex {
  let index = indexes.get(provider);
  if (index) return index;
  const all: RegionInfo[] = REGION_ROWS[provider].map(([atlasName, cloudName, source]) => ({
    provider,
    atlasName,
    cloudName,
    source,
  }));
  const byAtlas = new Map<string, RegionInfo>();
  const byCloud = new Map<string, RegionInfo>();
  for (const info of all) {
    byAtlas.set(info.atlasName, info);
    // GCP "_AW" (Assured Workloads) variants share the cloud name of their base region: the
    // cloud name maps back to the base region, which is listed first.
    if (info.cloudName !== null && !byCloud.has(info.cloudName)) byCloud.set(info.cloudName, info);
  }
  index = { all, byAtlas, byCloud };
  indexes.set(provider, index);
  return index;
}

/** Every region known for a provider, in the spec's order. */
export function regionsOf(provider: CloudProvider): readonly RegionInfo[] {
  return indexFor(provider).all;
}

/** Looks a region up by its Atlas name, exactly as Atlas spells it (upper case). */
export function regionByAtlasName(provider: CloudProvider, atlasName: string): RegionInfo | undefined {
  return indexFor(provider).byAtlas.get(atlasName);
}

/**
 * Resolves what a user may type as `region`: the Atlas form in any case (`US_EAST_1`,
 * `us_east_1`) or the cloud-native form (`us-east-1`, `eastus2`, `us-central1`).
 */
export function resolveRegion(provider: CloudProvider, input: string): RegionInfo | undefined {
  const index = indexFor(provider);
  const trimmed = input.trim();
  return (
    index.byAtlas.get(trimmed.toUpperCase()) ??
    index.byCloud.get(trimmed.toLowerCase()) ??
    // AWS: the Atlas name is the cloud name upper-cased with '-' → '_' (`Us-East-1` too).
    index.byAtlas.get(trimmed.toUpperCase().replaceAll("-", "_"))
  );
}

/** True when `value` is an Atlas-form region name of that provider, spelled exactly. */
export function isAtlasRegionName(provider: CloudProvider, value: string): boolean {
  return indexFor(provider).byAtlas.has(value);
}
