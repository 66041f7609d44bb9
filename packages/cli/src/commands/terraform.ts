/**
 * `atlas-privatelink terraform <args>`: terraform, pointed at the running emulator (like
 * LocalStack's tflocal): MONGODB_ATLAS_BASE_URL and keys from the emulator, TF_VAR_project_id,
 * and a CLI configuration that installs this provider from a local mirror. Every other
 * MONGODB_ATLAS_* credential of the user's environment is cleared (see terraformEnv).
 */
import type { Io } from "../io.js";
import { prepareCliConfig, readConnection, runTerraform, terraformEnv } from "../terraform-env.js";

export async function terraform(args: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const connection = readConnection(env);
  if (!connection) {
    io.err("atlas-privatelink terraform: no running emulator found. Start one with `npx atlas-privatelink emulator` (or `npm start -- --keep`).\n");
    return 1;
  }
  if (!connection.privateKey) {
    io.err(
      `atlas-privatelink terraform: the private key of the emulator's API key ${connection.publicKey} is unknown ` +
        "(the emulator prints it only when it creates its data dir). Restart the emulator with --private-key <key> to set one.\n",
    );
    return 1;
  }
  try {
    const res = await fetch(`${connection.url}/_emulator/health`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (error) {
    io.err(`atlas-privatelink terraform: the emulator at ${connection.url} does not answer (${(error as Error).message}). Is it still running?\n`);
    return 1;
  }
  return runTerraform(args, terraformEnv(connection, prepareCliConfig(env), env));
}
