/**
 * Which credentials and base URL to use, as the official Terraform provider picks them: the
 * configuration's credential set when it holds any credential, otherwise the environment's (so a
 * stale variable in the environment never overrides keys that were written down); within a set,
 * an access token before a service account before an API key. Environment names as the official
 * provider reads them, first non-empty wins. The base URL is resolved on its own: the
 * configuration's, else the environment's, else Atlas. Shared by the provider and the CLI.
 */
import type { Credentials } from "./client.js";

export const ATLAS_BASE_URL = "https://cloud.mongodb.com";

export interface CredentialInputs {
  readonly accessToken?: string | undefined;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly publicKey?: string | undefined;
  readonly privateKey?: string | undefined;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ResolvedCredentials {
  readonly credentials?: Credentials;
  /** [summary, detail] pairs. */
  readonly errors: [string, string][];
  readonly warnings: [string, string][];
}

const SERVICE_ACCOUNT_PREFIX = "mdb_sa";

function fromEnv(env: Environment, ...names: string[]): string | undefined {
  return names.map((n) => env[n]).find((v) => v !== undefined && v !== "");
}

export function credentialsInEnvironment(env: Environment): CredentialInputs {
  return {
    accessToken: fromEnv(env, "MONGODB_ATLAS_ACCESS_TOKEN"),
    clientId: fromEnv(env, "MONGODB_ATLAS_CLIENT_ID"),
    clientSecret: fromEnv(env, "MONGODB_ATLAS_CLIENT_SECRET"),
    publicKey: fromEnv(env, "MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY", "MCLI_PUBLIC_API_KEY"),
    privateKey: fromEnv(env, "MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PRIVATE_KEY", "MCLI_PRIVATE_API_KEY"),
  };
}

export function baseUrlFrom(configured: string | undefined, env: Environment): string {
  return configured || fromEnv(env, "MONGODB_ATLAS_BASE_URL", "MCLI_OPS_MANAGER_URL") || ATLAS_BASE_URL;
}

const present = (c: CredentialInputs) => Object.values(c).some((v) => v !== undefined && v !== "");

/** `configured` names its origin in messages as `configuredAs` (e.g. "in the provider block"). */
export function resolveCredentials(configured: CredentialInputs, env: Environment, configuredAs = "in the configuration"): ResolvedCredentials {
  const environment = credentialsInEnvironment(env);
  const fromConfig = present(configured);
  const { accessToken, clientId, clientSecret, publicKey, privateKey } = fromConfig ? configured : environment;
  const where = fromConfig ? configuredAs : "in the environment";
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
  if (fromConfig && present(environment)) {
    warnings.push(["Credentials in the environment are not used", `Credentials are set ${configuredAs}, so the MONGODB_ATLAS_* credential variables of the environment are ignored (as in the official provider).`]);
  }
  return { ...(credentials ? { credentials } : {}), errors, warnings };
}
