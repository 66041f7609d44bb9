/** The three clouds Atlas private endpoints support, spelled as the API spells them (upper case). */
export const CLOUD_PROVIDERS = ["AWS", "AZURE", "GCP"] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

export function isCloudProvider(value: unknown): value is CloudProvider {
  return typeof value === "string" && (CLOUD_PROVIDERS as readonly string[]).includes(value);
}
