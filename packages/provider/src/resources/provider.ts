/**
 * The mongodbatlas provider: the official provider's configuration block, credentials from the
 * block or the environment, and its private-link resources and data sources.
 */
import { ATLAS_BASE_URL, AtlasClient, baseUrlFrom, ConfigurationError, resolveCredentials, type ResolvedCredentials } from "@atlas-privatelink/client";
import { isUnknown, type ProviderType, type ValueRecord } from "../framework/index.js";
import { PROVIDER_META_SCHEMA, PROVIDER_SCHEMA } from "./provider-schema.js";
import { stderrLog, type ProviderData } from "./common/provider-data.js";
import { DEFAULT_POLL_POLICY, REAL_TIMER, type PollPolicy, type Timer } from "./common/wait.js";
import { endpointServiceResource } from "./endpoint-service/resource.js";
import { endpointServiceDataSource } from "./endpoint-service/data-source.js";
import { endpointServicesDataSource } from "./endpoint-service/plural-data-source.js";
import { privateEndpointResource } from "./private-endpoint/resource.js";
import { privateEndpointDataSource } from "./private-endpoint/data-source.js";

export { PROVIDER_ADDRESS } from "./address.js";
import { PROVIDER_VERSION } from "../version.js";
export { PROVIDER_VERSION };
export const DEFAULT_BASE_URL = ATLAS_BASE_URL;
export const GOV_BASE_URL = "https://cloud.mongodbgov.com";

export interface ProviderOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timer?: Timer;
  readonly poll?: PollPolicy;
}

const UNUSED_ATTRIBUTES = ["secret_name", "region", "sts_endpoint", "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "realm_base_url"] as const;

function str(config: ValueRecord, name: string): string | undefined {
  const v = config[name];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Credentials and base URL from the provider block and the environment (the client's rules,
 * which are the official provider's; `is_mongodbgov_cloud` picks Atlas for Government). */
export function resolveConnection(config: ValueRecord, env: NodeJS.ProcessEnv): ResolvedCredentials & { baseUrl: string } {
  const block = {
    accessToken: str(config, "access_token"),
    clientId: str(config, "client_id"),
    clientSecret: str(config, "client_secret"),
    publicKey: str(config, "public_key"),
    privateKey: str(config, "private_key"),
  };
  let baseUrl = baseUrlFrom(str(config, "base_url"), env);
  if (config["is_mongodbgov_cloud"] === true && !/mongodbgov\.com/.test(baseUrl)) baseUrl = GOV_BASE_URL;
  return { ...resolveCredentials(block, env, "in the provider block"), baseUrl };
}

export function mongodbatlasProvider(options: ProviderOptions = {}): ProviderType<ProviderData> {
  const env = options.env ?? process.env;
  return {
    typeName: "mongodbatlas",
    version: PROVIDER_VERSION,
    schema: PROVIDER_SCHEMA,
    metaSchema: PROVIDER_META_SCHEMA,

    async configure({ config, terraformVersion, diagnostics }) {
      // Values unknown during planning (e.g. keys from another resource) are left to the later
      // configuration that has them; nothing here calls Atlas.
      const anyUnknown = Object.values(config).some((v) => isUnknown(v));
      const { credentials, baseUrl, errors, warnings } = resolveConnection(config, env);
      for (const [summary, detail] of errors) diagnostics.addError(summary, detail);
      for (const [summary, detail] of warnings) diagnostics.addWarning(summary, detail);
      if (!credentials && !anyUnknown && !diagnostics.hasErrors()) {
        diagnostics.addError(
          "No MongoDB Atlas credentials",
          "Configure one of: public_key + private_key (API key, env MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY); " +
            "client_id + client_secret (service account, env MONGODB_ATLAS_CLIENT_ID / MONGODB_ATLAS_CLIENT_SECRET); " +
            "or access_token (env MONGODB_ATLAS_ACCESS_TOKEN). For the local emulator, see docs/emulator.md.",
        );
      }
      for (const name of UNUSED_ATTRIBUTES) {
        if (str(config, name)) diagnostics.addWarning(`${name} has no effect here`, `This provider implements the private-link resources with Atlas credentials only; ${name} (AWS Secrets Manager / Realm) is accepted for compatibility and ignored.`);
      }
      if (Array.isArray(config["assume_role"]) && config["assume_role"].length > 0) {
        diagnostics.addWarning("assume_role has no effect here", "AWS Secrets Manager credentials are not supported by this implementation; use Atlas credentials.");
      }
      const userAgent = `terraform-provider-mongodbatlas/${PROVIDER_VERSION} (TypeScript; atlas-privatelink) Terraform/${terraformVersion || "unknown"}`;
      let client: AtlasClient;
      try {
        client = new AtlasClient({ baseUrl, credentials, userAgent });
      } catch (error) {
        // the client is what decides which base URLs work: say so on the attribute, not as a bug
        if (!(error instanceof ConfigurationError)) throw error;
        diagnostics.addError("Invalid base_url", `${error.message}. Expected an http(s) URL without query or fragment, such as ${DEFAULT_BASE_URL}.`);
        client = new AtlasClient({ credentials, userAgent });
      }
      return { client, timer: options.timer ?? REAL_TIMER, poll: options.poll ?? DEFAULT_POLL_POLICY, log: stderrLog };
    },

    resources: [endpointServiceResource, privateEndpointResource],
    dataSources: [endpointServiceDataSource, endpointServicesDataSource, privateEndpointDataSource],
  };
}
