/**
 * What `atlas-privatelink watch` talks to:
 *   1. MONGODB_ATLAS_BASE_URL set: that URL, with the credentials of the environment (the
 *      running emulator's key when the URL is the emulator's and none are set);
 *   2. else the running emulator (connection file), with its own key and project;
 *   3. else Atlas at https://cloud.mongodb.com (the provider's default) when credentials are set.
 * Credentials: the provider's variables and precedence (access token, then service account, then
 * API key). The emulator's key never goes to Atlas, and Atlas credentials go to the emulator only
 * when MONGODB_ATLAS_BASE_URL says so.
 */
import type { Credentials } from "@atlas-privatelink/client";
import type { EmulatorConnection } from "./terraform-env.js";

export const ATLAS_BASE_URL = "https://cloud.mongodb.com";

export interface WatchTarget {
  readonly kind: "atlas" | "emulator";
  readonly baseUrl: string;
  readonly credentials: Credentials;
  /** The emulator's project, the default when none is given. */
  readonly projectId?: string;
}

type Found = Credentials | { readonly error: string } | undefined;

/** Credentials from MONGODB_ATLAS_*, as the provider reads them. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Found {
  const get = (name: string) => env[name] || undefined;
  const pair = (a: string, b: string): [string, string] | { error: string } | undefined => {
    const [x, y] = [get(a), get(b)];
    if (x && y) return [x, y];
    if (x || y) return { error: `${x ? a : b} is set without ${x ? b : a}` };
    return undefined;
  };
  const token = get("MONGODB_ATLAS_ACCESS_TOKEN");
  if (token) return { accessToken: token };
  const account = pair("MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_CLIENT_SECRET");
  if (account && "error" in account) return account;
  if (account) return { clientId: account[0], clientSecret: account[1] };
  const key = pair("MONGODB_ATLAS_PUBLIC_KEY", "MONGODB_ATLAS_PRIVATE_KEY");
  if (key && "error" in key) return key;
  if (key) return { publicKey: key[0], privateKey: key[1] };
  return undefined;
}

const NO_CREDENTIALS = "MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY, MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, or MONGODB_ATLAS_ACCESS_TOKEN";

function emulatorTarget(c: EmulatorConnection): WatchTarget | { readonly error: string } {
  if (!c.privateKey) return { error: `the private key of the emulator's API key ${c.publicKey} is unknown; restart the emulator with --private-key <key>` };
  return { kind: "emulator", baseUrl: c.url, credentials: { publicKey: c.publicKey, privateKey: c.privateKey }, projectId: c.projectId };
}

export function watchTarget(env: NodeJS.ProcessEnv, connection: EmulatorConnection | undefined): WatchTarget | { readonly error: string } {
  const credentials = credentialsFromEnv(env);
  if (credentials && "error" in credentials) return credentials;
  const baseUrl = env["MONGODB_ATLAS_BASE_URL"] || undefined;
  const sameUrl = (a: string, b: string) => a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
  if (baseUrl !== undefined) {
    const isEmulator = connection !== undefined && sameUrl(connection.url, baseUrl);
    if (credentials) return isEmulator ? { kind: "emulator", baseUrl, credentials, projectId: connection.projectId } : { kind: "atlas", baseUrl, credentials };
    if (isEmulator) return emulatorTarget(connection);
    return { error: `MONGODB_ATLAS_BASE_URL is set but no credentials are (${NO_CREDENTIALS})` };
  }
  if (connection) return emulatorTarget(connection);
  if (credentials) return { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials };
  return { error: `no emulator is running and no Atlas credentials are set (${NO_CREDENTIALS})` };
}
