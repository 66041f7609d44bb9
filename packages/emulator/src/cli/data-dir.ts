import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where the emulator keeps its database when `--data-dir` is not given: the user's data
 * directory (XDG Base Directory: `$XDG_DATA_HOME`, else `~/.local/share`; `%LOCALAPPDATA%` on
 * Windows), in `atlas-privatelink-emulator/`.
 */
export const DATA_DIR_NAME = "atlas-privatelink-emulator";

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env["XDG_DATA_HOME"]) return join(env["XDG_DATA_HOME"], DATA_DIR_NAME);
  if (platform === "win32" && env["LOCALAPPDATA"]) return join(env["LOCALAPPDATA"], DATA_DIR_NAME);
  return join(home, ".local", "share", DATA_DIR_NAME);
}
