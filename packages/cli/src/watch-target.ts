/**
 * What `atlas-privatelink watch` talks to:
 *   1. a base URL in the environment (MONGODB_ATLAS_BASE_URL, MCLI_OPS_MANAGER_URL): that URL,
 *      with the credentials of the environment (the running emulator's key when the URL is the
 *      emulator's and none are set);
 *   2. else the running emulator (connection file), with its own key and project;
 *   3. else Atlas at https://cloud.mongodb.com (the provider's default) when credentials are set.
 * Credentials and base URL are read by the client's rules, the provider's: its environment
 * variables and precedence (access token, then service account, then API key). The emulator's
 * key never goes to Atlas, and Atlas credentials go to the emulator only when the base URL says so.
 */
import { ATLAS_BASE_URL, baseUrlFrom, resolveCredentials, type Credentials, type Environment } from "@atlas-privatelink/client";
import type { EmulatorConnection } from "./terraform-env.js";

export interface WatchTarget {
  readonly kind: "atlas" | "emulator";
  readonly baseUrl: string;
  readonly credentials: Credentials;
  /** The emulator's project, the default when none is given. */
  readonly projectId?: string;
}

const NO_CREDENTIALS = "MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY, MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, or MONGODB_ATLAS_ACCESS_TOKEN";

/**
 * The environment's base URL and the variable it comes from, or undefined when it sets none
 * (baseUrlFrom then answers Atlas' default, which an explicit setting may also be). The variable
 * is the one that, its value replaced by a marker, makes the same lookup answer the marker.
 */
function baseUrlInEnvironment(env: Environment): { readonly url: string; readonly variable: string } | undefined {
  const url = baseUrlFrom(undefined, env);
  const marker = `\0${url}`;
  for (const [variable, value] of Object.entries(env)) {
    if (value === url && baseUrlFrom(undefined, { ...env, [variable]: marker }) === marker) return { url, variable };
  }
  return undefined;
}

function emulatorTarget(c: EmulatorConnection): WatchTarget | { readonly error: string } {
  if (!c.privateKey) return { error: `the private key of the emulator's API key ${c.publicKey} is unknown; restart the emulator with --private-key <key>` };
  return { kind: "emulator", baseUrl: c.url, credentials: { publicKey: c.publicKey, privateKey: c.privateKey }, projectId: c.projectId };
}

export function watchTarget(env: NodeJS.ProcessEnv, connection: EmulatorConnection | undefined): WatchTarget | { readonly error: string } {
  const resolved = resolveCredentials({}, env);
  if (resolved.errors.length > 0) return { error: resolved.errors.map(([summary, detail]) => `${summary}: ${detail.replace(/\.$/, "")}`).join("; ") };
  const credentials = resolved.credentials;
  const fromEnvironment = baseUrlInEnvironment(env);
  const sameUrl = (a: string, b: string) => a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
  if (fromEnvironment !== undefined) {
    const baseUrl = fromEnvironment.url;
    const isEmulator = connection !== undefined && sameUrl(connection.url, baseUrl);
    if (credentials) return isEmulator ? { kind: "emulator", baseUrl, credentials, projectId: connection.projectId } : { kind: "atlas", baseUrl, credentials };
    if (isEmulator) return emulatorTarget(connection);
    return { error: `${fromEnvironment.variable} is set but no credentials are (${NO_CREDENTIALS})` };
  }
  if (connection) return emulatorTarget(connection);
  if (credentials) return { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials };
  return { error: `no emulator is running and no Atlas credentials are set (${NO_CREDENTIALS})` };
}
