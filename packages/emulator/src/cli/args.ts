import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { DigestAlgorithm } from "../auth/secrets.js";
import { parseDuration } from "../lifecycle/clock.js";
import { PROFILE_NAMES } from "../lifecycle/profile.js";
import type { EmulatorOptions } from "../index.js";
import { defaultDataDir } from "./data-dir.js";

/**
 * `atlas-emulator` flags (and their ATLAS_EMULATOR_* environment variables; flags win). Pure:
 * argv + env in, options out, so it is tested without starting anything.
 */
export const USAGE = `Usage: atlas-emulator [options]

A local emulator of the MongoDB Atlas Admin API for private endpoints.

  --host <addr>             interface to listen on (default 127.0.0.1)         ATLAS_EMULATOR_HOST
  --port <n>                port, 0 = any free port (default 8080)             ATLAS_EMULATOR_PORT
  --data-dir <dir>          SQLite data directory (default ${defaultDataDir()})
                                                                                ATLAS_EMULATOR_DATA_DIR
  --in-memory               keep nothing on disk                               ATLAS_EMULATOR_IN_MEMORY=1
  --durability <mode>       normal (survives kill -9, default) | full (fsync every commit)
  --profile <p>             instant | fast (default) | realistic | JSON | @file.json
                                                                                ATLAS_EMULATOR_PROFILE
  --strict-cloud            endpoint ids must be registered via /_emulator/cloud first
  --rate-limit <spec>       capacity[/refill[/period]] e.g. 4000/2000/60s, or off
  --public-key <key>        bootstrap API key (public part)                    ATLAS_EMULATOR_PUBLIC_KEY
  --private-key <key>       bootstrap API key (private part)                   ATLAS_EMULATOR_PRIVATE_KEY
  --project-id <24-hex>     bootstrap project id                               ATLAS_EMULATOR_PROJECT_ID
  --org-id <24-hex>         bootstrap organization id                          ATLAS_EMULATOR_ORG_ID
  --clock <mode>            real (default) | frozen (time moves only via /_emulator/clock)
  --nonce-ttl <duration>    digest nonce lifetime (default 5m)
  --digest <algs>           digest algorithms offered, in order (default MD5,SHA-256)
  --control-token <token>   lets non-loopback clients use /_emulator (X-Emulator-Token)
                                                                                ATLAS_EMULATOR_CONTROL_TOKEN
  --no-console              do not serve the web console at /console (served by default;
                            the start-up output prints a one-time login link)
  --log-level <level>       fatal|error|warn|info|debug|trace|silent (default info)
                                                                                ATLAS_EMULATOR_LOG_LEVEL
  --json                    print the ready line as one JSON object
  --help, --version
`;

export interface CliOptions {
  readonly emulator: EmulatorOptions & { readonly dataDirLabel: string };
  readonly clockMode: "real" | "frozen";
  readonly logLevel: string;
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export class CliError extends Error {}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function parseProfile(value: string): unknown {
  if ((PROFILE_NAMES as readonly string[]).includes(value)) return value;
  let text = value;
  if (value.startsWith("@")) {
    try {
      text = readFileSync(value.slice(1), "utf8");
    } catch (error) {
      throw new CliError(`--profile: cannot read ${value.slice(1)}: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(`--profile must be ${PROFILE_NAMES.join(", ")}, a JSON object or @file.json`);
  }
}

function parseRateLimit(value: string): EmulatorOptions["rateLimit"] {
  if (value === "off" || value === "false" || value === "0") return false;
  const [capacity, refill, period] = value.split("/");
  const c = Number(capacity);
  const r = refill === undefined ? Math.ceil(c / 2) : Number(refill);
  const p = period === undefined ? 60_000 : parseDuration(/^\d+$/.test(period) ? `${period}s` : period);
  if (!Number.isInteger(c) || c < 1 || !Number.isInteger(r) || r < 0 || p === undefined || p < 1) {
    throw new CliError("--rate-limit must look like 4000/2000/60s (capacity/refill/period) or off");
  }
  return { enabled: true, capacity: c, refill: r, periodMs: p };
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        "data-dir": { type: "string" },
        "in-memory": { type: "boolean" },
        durability: { type: "string" },
        profile: { type: "string" },
        "strict-cloud": { type: "boolean" },
        "rate-limit": { type: "string" },
        "public-key": { type: "string" },
        "private-key": { type: "string" },
        "project-id": { type: "string" },
        "org-id": { type: "string" },
        clock: { type: "string" },
        "nonce-ttl": { type: "string" },
        digest: { type: "string" },
        "control-token": { type: "string" },
        "no-console": { type: "boolean" },
        "log-level": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const v = parsed.values;
  const pick = (flag: string | undefined, name: string): string | undefined => flag ?? (env[`ATLAS_EMULATOR_${name}`] || undefined);

  const host = pick(v.host, "HOST") ?? "127.0.0.1";
  const portText = pick(v.port, "PORT") ?? "8080";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new CliError(`--port must be 0-65535, got ${portText}`);
  const inMemory = v["in-memory"] ?? ["1", "true"].includes(env["ATLAS_EMULATOR_IN_MEMORY"] ?? "");
  const dataDir = pick(v["data-dir"], "DATA_DIR") ?? defaultDataDir(env);
  const durability = v.durability ?? "normal";
  if (durability !== "normal" && durability !== "full") throw new CliError("--durability must be normal or full");
  const profileText = pick(v.profile, "PROFILE");
  const logLevel = pick(v["log-level"], "LOG_LEVEL") ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
  const clockMode = v.clock ?? "real";
  if (clockMode !== "real" && clockMode !== "frozen") throw new CliError("--clock must be real or frozen");
  let nonceTtlMs: number | undefined;
  if (v["nonce-ttl"] !== undefined) {
    nonceTtlMs = parseDuration(v["nonce-ttl"]);
    if (nonceTtlMs === undefined || nonceTtlMs < 1000) throw new CliError("--nonce-ttl must be a duration of at least 1s");
  }
  let digestAlgorithms: DigestAlgorithm[] | undefined;
  if (v.digest !== undefined) {
    digestAlgorithms = v.digest.split(",").map((a) => {
      const upper = a.trim().toUpperCase();
      if (upper === "MD5") return "MD5";
      if (upper === "SHA-256" || upper === "SHA256") return "SHA-256";
      throw new CliError("--digest takes MD5 and/or SHA-256, comma-separated");
    });
  }
  const publicKey = pick(v["public-key"], "PUBLIC_KEY");
  const privateKey = pick(v["private-key"], "PRIVATE_KEY");
  const projectId = pick(v["project-id"], "PROJECT_ID");
  const orgId = pick(v["org-id"], "ORG_ID");
  const controlToken = pick(v["control-token"], "CONTROL_TOKEN");

  const emulator: EmulatorOptions & { dataDirLabel: string } = {
    host,
    port,
    ...(inMemory ? { inMemory: true } : { dataDir }),
    dataDirLabel: inMemory ? "(in memory)" : dataDir,
    durability,
    ...(profileText !== undefined ? { profile: parseProfile(profileText) as EmulatorOptions["profile"] } : {}),
    ...(v["strict-cloud"] ? { strictCloud: true } : {}),
    ...(v["rate-limit"] !== undefined ? { rateLimit: parseRateLimit(v["rate-limit"]) } : {}),
    ...(publicKey !== undefined ? { publicKey } : {}),
    ...(privateKey !== undefined ? { privateKey } : {}),
    ...(projectId !== undefined ? { projectId } : {}),
    ...(orgId !== undefined ? { orgId } : {}),
    ...(nonceTtlMs !== undefined ? { nonceTtlMs } : {}),
    ...(digestAlgorithms ? { digestAlgorithms } : {}),
    ...(controlToken !== undefined ? { controlToken } : {}),
    ...(v["no-console"] ? { console: false } : {}),
  };
  return { emulator, clockMode, logLevel, json: v.json ?? false, help: v.help ?? false, version: v.version ?? false };
}
