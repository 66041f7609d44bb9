/**
 * The emulator's private key across restarts. The emulator keeps only a hash of its API key's
 * private half, so it prints the key once, when it creates a data dir (or is given
 * --private-key); a reopened data dir prints null. The CLI keeps the key it saw in the data dir
 * itself (atlas-privatelink-key.json, mode 0600): it lives as long as the database that checks
 * it, and is distinct from the connection file, which describes the *running* emulator and is
 * removed when it stops.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const KEY_FILE = "atlas-privatelink-key.json";

/** The emulator's ready line says `(in memory)` for --in-memory, else its data dir. */
export function persistentDataDir(label: string, cwd = process.cwd()): string | undefined {
  if (label === "(in memory)") return undefined;
  const dir = resolve(cwd, label);
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

export function saveKey(dataDir: string, key: { publicKey: string; privateKey: string }): void {
  const file = join(dataDir, KEY_FILE);
  writeFileSync(file, `${JSON.stringify({ publicKey: key.publicKey, privateKey: key.privateKey }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync's mode applies only when it creates the file
}

/** The saved private key of `publicKey`, if this data dir has one. */
export function recallKey(dataDir: string, publicKey: string): string | undefined {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, KEY_FILE), "utf8")) as { publicKey?: unknown; privateKey?: unknown };
    return saved.publicKey === publicKey && typeof saved.privateKey === "string" && saved.privateKey !== "" ? saved.privateKey : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The private key to hand to terraform: the printed one (saved for next time), else the one
 * saved in the data dir, else the one of a connection file left by an emulator that did not stop
 * cleanly; "" when none is known (the user passes --private-key).
 */
export function resolvePrivateKey(
  ready: { publicKey: string; privateKey: string | null },
  dataDir: string | undefined,
  previous?: { publicKey: string; privateKey: string },
): string {
  const key =
    ready.privateKey || (dataDir !== undefined ? recallKey(dataDir, ready.publicKey) : undefined) || (previous?.publicKey === ready.publicKey ? previous.privateKey : "");
  if (key && dataDir !== undefined) saveKey(dataDir, { publicKey: ready.publicKey, privateKey: key });
  return key;
}
