/**
 * The mongodbatlas provider: the official provider's configuration block, credentials from the
 * block or the environment, and its private-link resources and data sources.
 */
import { AtlasClient, ConfigurationError, type Credentials } from "@atlas-privatelink/client";
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
export const DEFAULT_BASE_URL = "https://cloud.mongodb.com";
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

interface CredentialInputs {
  readonly accessToken?: string | undefined;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly publicKey?: string | undefined;
  readonly privateKey?: string | undefined;
}

const SERVICE_ACCOUNT_PREFIX = "mdb_sa";

/**
 * The credentials to use, as the official provider picks them: the provider block's set when it
 * holds any credential, otherwise the environment's (so a stale variable in the environment never
 * overrides keys written in the block); within a set, access_token before client_id/client_secret
 * before public_key/private_key. Environment names as the official provider reads them, first
 * non-empty wins. `base_url` is resolved per field (block, then environment, then the default).
 */
export function resolveConnection(config: ValueRecord, env: NodeJS.ProcessEnv): { credentials?: Credentials; baseUrl: string; errors: [string, string][]; warnings: [string, string][] } {
  const fromEnv = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== "");
  const block: CredentialInputs = {
    accessToken: str(config, "access_token"),
    clientId: str(config, "client_id"),
    clientSecret: str(config, "client_secret"),
    publicKey: str(config, "public_key"),
    privateKey: str(config, "private_key"),
  };
  const environment: CredentialInputs = {
    accessToken: fromEnv("MONGODB_ATLAS_ACCESS_TOKEN"),
    clientId: fromEnv("MONGODB_ATLAS_CLIENT_ID"),
    clientSecret: fromEnv("MONGODB_ATLAS_CLIENT_SECRET"),
    publicKey: fromEnv("MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY", "MCLI_PUBLIC_API_KEY"),
    privateKey: fromEnv("MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PRIVATE_KEY", "MCLI_PRIVATE_API_KEY"),
  };
  const present = (c: CredentialInputs) => Object.values(c).some((v) => v !== undefined);
  const fromBlock = present(block);
  const { accessToken, clientId, clientSecret, publicKey, privateKey } = fromBlock ? block : environment;
  const where = fromBlock ? "in the provider block" : "in the environment";
  let baseUrl = str(config, "base_url") ?? fromEnv("MONGODB_ATLAS_BASE_URL", "MCLI_OPS_MANAGER_URL") ?? DEFAULT_BASE_URL;
  if (config["is_mongodbgov_cloud"] === true && !/mongodbgov\.com/.test(baseUrl)) baseUrl = GOV_BASE_URL;

  const errors: [string, string][] = [];
  const warnings: [string, string][] = [];
  const kinds: string[] = [];
  let credentials: Credentials | undefined;
  if (accessToken) {
    kinds.push("access_token");
    credentials = { accessToken };
  }
  if (clientId || clientSecret) {
    kinds.push("client_id/client_secret");
    if (!credentials && !(clientId && clientSecret)) {
      errors.push(["Incomplete service account credentials", `Only one of client_id and client_secret is set ${where}: set both (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET).`]);
    } else if (clientId && clientSecret) credentials ??= { clientId, clientSecret };
  }
  if (publicKey || privateKey) {
    kinds.push("public_key/private_key");
    if (!credentials && publicKey?.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      errors.push(["Service account credentials given as an API key", `The public_key ${where} starts with "${SERVICE_ACCOUNT_PREFIX}": that is a service account's client id. Set client_id and client_secret instead of public_key and private_key.`]);
    } else if (!credentials && !(publicKey && privateKey)) {
      errors.push(["Incomplete API key credentials", `Only one of public_key and private_key is set ${where}: set both (or MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY).`]);
    } else if (publicKey && privateKey) credentials ??= { publicKey, privateKey };
  }
  if (kinds.length > 1 && credentials) {
    warnings.push(["Several kinds of credentials are set", `Using ${kinds[0]} ${where} (precedence: access_token, then client_id/client_secret, then public_key/private_key); ignoring ${kinds.slice(1).join(", ")}.`]);
  }
  if (fromBlock && present(environment)) {
    // not a problem, but a surprise when the environment was meant (e.g. an emulator's keys)
    warnings.push(["Credentials in the environment are not used", "The provider block sets credentials, so the MONGODB_ATLAS_* credential variables of the environment are ignored (as in the official provider)."]);
  }
  return { ...(credentials ? { credentials } : {}), baseUrl, errors, warnings };
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
