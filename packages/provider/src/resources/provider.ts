/**
 * The mongodbatlas provider: schema, configuration, and its resources and data sources.
 */
import type { ProviderType } from "../framework/index.js";
import { PROVIDER_META_SCHEMA, PROVIDER_SCHEMA } from "./provider-schema.js";

export { PROVIDER_ADDRESS } from "./address.js";
export const PROVIDER_VERSION = "2.16.0";

export interface ProviderData {
  readonly baseUrl: string;
}

export function mongodbatlasProvider(): ProviderType<ProviderData> {
  return {
    typeName: "mongodbatlas",
    version: PROVIDER_VERSION,
    schema: PROVIDER_SCHEMA,
    metaSchema: PROVIDER_META_SCHEMA,
    async configure({ config }) {
      const baseUrl = typeof config["base_url"] === "string" ? config["base_url"] : "https://cloud.mongodb.com";
      return { baseUrl };
    },
    resources: [],
    dataSources: [],
  };
}
