/**
 * `atlas-privatelink watch <project>`: a live table of the project's endpoint services and their
 * endpoints with statuses — against the running emulator, or real Atlas (MONGODB_ATLAS_* env).
 */
import { ATLAS_BASE_URL, AtlasClient, isNotFound, type CloudProvider, type EndpointService } from "@atlas-privatelink/client";
import { CLOUD_PROVIDERS, isCloudProvider, privateEndpointStatus } from "@atlas-privatelink/atlas-api";
import { flagValue } from "../args.js";
import type { Io } from "../io.js";
import { DURATION_FORMS, parseDuration } from "../duration.js";
import { readConnection } from "../terraform-env.js";
import { watchTarget } from "../watch-target.js";

/** Faster polling only loads the API (Atlas rate-limits each key). */
const MIN_INTERVAL_MS = 200;

export const WATCH_USAGE = `Usage: atlas-privatelink watch [project_id] [--provider AWS|AZURE|GCP] [--interval 1s] [--once] [--json]

Shows the project's private endpoint services and their endpoints with their statuses, refreshed
live. Talks to:
  - MONGODB_ATLAS_BASE_URL (or MCLI_OPS_MANAGER_URL), when set, with the credentials of the
    environment, read as the provider reads them (MONGODB_ATLAS_ACCESS_TOKEN,
    MONGODB_ATLAS_CLIENT_ID/CLIENT_SECRET, or MONGODB_ATLAS_PUBLIC_KEY/PRIVATE_KEY, also
    MONGODB_ATLAS_PUBLIC_API_KEY/PRIVATE_API_KEY and MCLI_PUBLIC_API_KEY/PRIVATE_API_KEY);
  - else the running emulator (atlas-privatelink emulator, or npm start -- --keep), with its key;
    its project is the default;
  - else Atlas at ${ATLAS_BASE_URL}, when those credentials are set.
  --interval D  time between refreshes: ${DURATION_FORMS} (at least ${MIN_INTERVAL_MS}ms; default 1s)
`;

export interface Row {
  readonly provider: CloudProvider;
  readonly region: string;
  readonly service: string;
  readonly serviceStatus: string;
  readonly endpoint: string;
  readonly endpointStatus: string;
  readonly error: string;
}

function linked(s: EndpointService): string[] {
  return s.cloudProvider === "AWS" ? s.interfaceEndpoints : s.cloudProvider === "AZURE" ? s.privateEndpoints : s.endpointGroupNames;
}

export async function snapshot(client: AtlasClient, projectId: string, providers: readonly CloudProvider[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const provider of providers) {
    for (const s of await client.listEndpointServices(projectId, provider)) {
      const base = { provider, region: s.regionName, service: s.id, serviceStatus: s.status };
      const endpoints = linked(s);
      if (endpoints.length === 0) rows.push({ ...base, endpoint: "-", endpointStatus: "-", error: s.errorMessage ?? "" });
      for (const id of endpoints) {
        try {
          const e = await client.getPrivateEndpoint(projectId, provider, s.id, id);
          rows.push({ ...base, endpoint: id, endpointStatus: privateEndpointStatus(e), error: e.errorMessage ?? s.errorMessage ?? "" });
        } catch (error) {
          if (!isNotFound(error)) throw error;
          rows.push({ ...base, endpoint: id, endpointStatus: "(gone)", error: "" });
        }
      }
    }
  }
  return rows;
}

export function renderTable(rows: readonly Row[]): string {
  const head: Row = { provider: "PROVIDER" as CloudProvider, region: "REGION", service: "SERVICE", serviceStatus: "STATUS", endpoint: "ENDPOINT", endpointStatus: "STATUS", error: "ERROR" };
  const all = [head, ...rows];
  const cols = ["provider", "region", "service", "serviceStatus", "endpoint", "endpointStatus", "error"] as const;
  const width = (k: (typeof cols)[number]) => Math.max(...all.map((r) => String(r[k]).length));
  const short = (s: string) => (s.length > 60 ? `…${s.slice(-59)}` : s);
  return (
    all
      .map((r) =>
        cols
          .map((k) => short(String(r[k])).padEnd(Math.min(60, width(k))))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + (rows.length === 0 ? "\n(no endpoint services)" : "") + "\n"
  );
}

export async function watch(args: string[], io: Io, env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<number> {
  let projectId: string | undefined;
  let providers: readonly CloudProvider[] = CLOUD_PROVIDERS;
  let intervalMs = 1000;
  let once = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--provider") {
      const takes = "AWS, AZURE or GCP";
      const v = flagValue(args, i++, takes);
      const p = "error" in v ? undefined : v.value.toUpperCase();
      if (p === undefined || !isCloudProvider(p)) {
        io.err(`atlas-privatelink watch: ${"error" in v ? v.error : `--provider takes ${takes}; got ${JSON.stringify(v.value)}`}\n`);
        return 2;
      }
      providers = [p];
    } else if (a === "--interval") {
      const takes = `${DURATION_FORMS}, at least ${MIN_INTERVAL_MS}ms`;
      const v = flagValue(args, i++, takes);
      const ms = "error" in v ? undefined : parseDuration(v.value);
      if (ms === undefined || ms < MIN_INTERVAL_MS) {
        io.err(`atlas-privatelink watch: ${"error" in v ? v.error : `--interval takes ${takes}; got ${JSON.stringify(v.value)}`}\n`);
        return 2;
      }
      intervalMs = ms;
    } else if (a === "--once") once = true;
    else if (a === "--json") json = true;
    else if (a === "--help" || a === "-h") {
      io.out(WATCH_USAGE);
      return 0;
    } else if (!a.startsWith("-") && !projectId) projectId = a;
    else {
      io.err(`atlas-privatelink watch: unknown argument ${JSON.stringify(a)}\n\n${WATCH_USAGE}`);
      return 2;
    }
  }
  const target = watchTarget(env, readConnection(env));
  if ("error" in target) {
    io.err(`atlas-privatelink watch: ${target.error}.\n`);
    return 1;
  }
  projectId ??= target.projectId;
  if (!projectId) {
    io.err(`atlas-privatelink watch: give the Atlas project id.\n\n${WATCH_USAGE}`);
    return 2;
  }
  const client = new AtlasClient({ baseUrl: target.baseUrl, credentials: target.credentials, userAgent: "atlas-privatelink-watch" });
  for (;;) {
    let rows: Row[];
    try {
      rows = await snapshot(client, projectId, providers);
    } catch (error) {
      io.err(`atlas-privatelink watch: ${(error as Error).message}\n`);
      return 1;
    }
    if (json) io.out(`${JSON.stringify({ at: new Date().toISOString(), projectId, rows })}\n`);
    else if (once || !io.isTty) io.out(renderTable(rows));
    else io.out(`\x1b[2J\x1b[H${new Date().toLocaleTimeString()}  project ${projectId}  (Ctrl-C to stop)\n\n${renderTable(rows)}`);
    if (once || signal?.aborted) return 0;
    await new Promise((r) => setTimeout(r, intervalMs));
    if (signal?.aborted) return 0;
  }
}
