import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { CloudProvider } from "@atlas-privatelink/atlas-api";
import type { ForcedOutcome } from "../lifecycle/transitions.js";
import { MIGRATIONS } from "./schema.js";

/**
 * Persistence: one SQLite database (better-sqlite3, synchronous) in WAL mode. Every write that a
 * response acknowledges is committed before the response is sent, and WAL with
 * `synchronous=NORMAL` survives a killed process (only an OS crash can lose the last commits;
 * `durability: "full"` closes that too). Reads go to the database through prepared statements;
 * nothing is loaded eagerly, so memory does not grow with the number of objects.
 */
export interface OrgRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

export interface ProjectRow {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly createdAt: number;
  readonly regionalMode: boolean;
}

export type PrincipalKind = "apiKey" | "serviceAccount";

export interface PrincipalRow {
  /** API key: the public key. Service account: the client id. */
  readonly id: string;
  readonly kind: PrincipalKind;
  readonly orgId: string;
  readonly description: string;
  /** Digest HA1 = H(publicKey:realm:privateKey), per algorithm: the only form of an API key's
   * private key that is stored. */
  readonly ha1Md5: string | null;
  readonly ha1Sha256: string | null;
  /** Service accounts: sha256(salt + secret). */
  readonly secretHash: string | null;
  readonly secretSalt: string | null;
  readonly createdAt: number;
}

export type RoleName = "ORG_OWNER" | "ORG_READ_ONLY" | "GROUP_OWNER" | "GROUP_READ_ONLY";

export interface RoleAssignment {
  readonly role: RoleName;
  /** null for organization roles. */
  readonly projectId: string | null;
}

/** Provider-specific fields of an endpoint service, generated at creation and shown once the
 * service is AVAILABLE. */
export interface ServiceData {
  /** Set once the service first became AVAILABLE / WAITING_FOR_USER: the cloud-side names are
   * shown from then on (recorded: null / [] while INITIATING). */
  readonly provisioned?: boolean;
  readonly endpointServiceName?: string;
  readonly supportedRemoteRegions?: string[] | null;
  readonly privateLinkServiceName?: string;
  readonly privateLinkServiceResourceId?: string;
  readonly portMappingEnabled?: boolean;
  readonly serviceAttachmentNames?: string[];
}

export interface LifecycleColumns {
  readonly status: string;
  readonly errorMessage: string | null;
  /** Emulator time the current status was entered. */
  readonly stateSince: number;
  /** Deadline of the pending timed step; null when none. */
  readonly nextAt: number | null;
  /** Reads left before the pending step; null when the step is not read-based. */
  readonly readsLeft: number | null;
  readonly forced: ForcedOutcome | null;
}

export interface ServiceRow extends LifecycleColumns {
  readonly id: string;
  readonly projectId: string;
  readonly provider: CloudProvider;
  /** Atlas form. */
  readonly region: string;
  readonly data: ServiceData;
  readonly createdAt: number;
}

export interface GcpRuleData {
  readonly endpointName: string;
  readonly ipAddress: string;
}

export interface EndpointData {
  readonly privateEndpointIPAddress?: string;
  readonly privateEndpointConnectionName?: string;
  readonly gcpProjectId?: string;
  readonly endpoints?: GcpRuleData[];
  readonly portMappingEnabled?: boolean;
}

export interface EndpointRow extends LifecycleColumns {
  readonly serviceId: string;
  /** Decoded id: `vpce-…`, the Azure ARM id, or the GCP endpoint group name. */
  readonly endpointId: string;
  readonly projectId: string;
  readonly provider: CloudProvider;
  readonly deleteRequested: boolean;
  readonly data: EndpointData;
  readonly createdAt: number;
}

export interface CloudEndpointRow {
  readonly provider: CloudProvider;
  readonly id: string;
  readonly data: Record<string, unknown>;
  readonly createdAt: number;
}

export interface StoreCounts {
  readonly orgs: number;
  readonly projects: number;
  readonly apiKeys: number;
  readonly serviceAccounts: number;
  readonly endpointServices: number;
  readonly privateEndpoints: number;
  readonly cloudEndpoints: number;
  readonly pendingTransitions: number;
}

export interface StoreOptions {
  /** Directory of `emulator.db`; omitted → in memory. */
  readonly dataDir?: string;
  /** `full` fsyncs every commit (survives power loss); `normal` (default) survives a killed process. */
  readonly durability?: "normal" | "full";
}

export class DataDirInUseError extends Error {
  constructor(readonly path: string) {
    super(`the data directory ${path} is in use by another emulator process`);
  }
}

type Raw = Record<string, unknown>;

function str(v: unknown): string {
  return v as string;
}
function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : (v as string);
}
function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
function parseJson<T>(v: unknown, fallback: T): T {
  if (typeof v !== "string") return fallback;
  return JSON.parse(v) as T;
}

function toService(r: Raw): ServiceRow {
  return {
    id: str(r["id"]),
    projectId: str(r["project_id"]),
    provider: str(r["provider"]) as CloudProvider,
    region: str(r["region"]),
    status: str(r["status"]),
    errorMessage: strOrNull(r["error_message"]),
    stateSince: Number(r["state_since"]),
    nextAt: numOrNull(r["next_at"]),
    readsLeft: numOrNull(r["reads_left"]),
    forced: parseJson<ForcedOutcome | null>(r["forced"], null),
    data: parseJson<ServiceData>(r["data"], {}),
    createdAt: Number(r["created_at"]),
  };
}

function toEndpoint(r: Raw): EndpointRow {
  return {
    serviceId: str(r["service_id"]),
    endpointId: str(r["endpoint_id"]),
    projectId: str(r["project_id"]),
    provider: str(r["provider"]) as CloudProvider,
    status: str(r["status"]),
    errorMessage: strOrNull(r["error_message"]),
    deleteRequested: Number(r["delete_requested"]) === 1,
    stateSince: Number(r["state_since"]),
    nextAt: numOrNull(r["next_at"]),
    readsLeft: numOrNull(r["reads_left"]),
    forced: parseJson<ForcedOutcome | null>(r["forced"], null),
    data: parseJson<EndpointData>(r["data"], {}),
    createdAt: Number(r["created_at"]),
  };
}

function toProject(r: Raw): ProjectRow {
  return {
    id: str(r["id"]),
    orgId: str(r["org_id"]),
    name: str(r["name"]),
    createdAt: Number(r["created_at"]),
    regionalMode: Number(r["regional_mode"]) === 1,
  };
}

function toPrincipal(r: Raw): PrincipalRow {
  return {
    id: str(r["id"]),
    kind: str(r["kind"]) as PrincipalKind,
    orgId: str(r["org_id"]),
    description: str(r["description"]),
    ha1Md5: strOrNull(r["ha1_md5"]),
    ha1Sha256: strOrNull(r["ha1_sha256"]),
    secretHash: strOrNull(r["secret_hash"]),
    secretSalt: strOrNull(r["secret_salt"]),
    createdAt: Number(r["created_at"]),
  };
}

export const DB_FILE = "emulator.db";

/** How many projects and services the read caches keep (each is a few hundred bytes). */
const CACHE_LIMIT = 20_000;

export class Store {
  readonly db: Database.Database;
  /** Where the database lives, or `:memory:`. */
  readonly location: string;
  readonly #s: ReturnType<typeof prepare>;
  /**
   * Read-through caches of the hottest rows (every API request reads its project; polling reads
   * services). Only this process writes the database (it holds an exclusive lock) and every write
   * goes through a method below, which updates or drops the cached row.
   */
  readonly #projects = new Map<string, ProjectRow | null>();
  readonly #services = new Map<string, ServiceRow | null>();
  readonly #endpointIds = new Map<string, string[]>();

  constructor(options: StoreOptions = {}) {
    if (options.dataDir !== undefined) {
      mkdirSync(options.dataDir, { recursive: true });
      this.location = join(options.dataDir, DB_FILE);
    } else {
      this.location = ":memory:";
    }
    this.db = new Database(this.location);
    try {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma(`synchronous = ${options.durability === "full" ? "FULL" : "NORMAL"}`);
      this.db.pragma("foreign_keys = ON");
      this.db.pragma("busy_timeout = 0");
      // One emulator per data directory: the exclusive lock is taken by the first write below
      // and held until close (the OS releases it if the process dies).
      this.db.pragma("locking_mode = EXCLUSIVE");
      this.#migrate();
    } catch (error) {
      this.db.close();
      if (error instanceof Error && /locked|busy/i.test(error.message)) throw new DataDirInUseError(this.location);
      throw error;
    }
    this.#s = prepare(this.db);
  }

  #migrate(): void {
    const version = Number(this.db.pragma("user_version", { simple: true }));
    this.db.exec("BEGIN EXCLUSIVE");
    try {
      for (let v = version; v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]!);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn)();
  }

  // ---- meta ---------------------------------------------------------------------------------
  getMeta<T>(key: string): T | undefined {
    const row = this.#s.getMeta.get(key) as Raw | undefined;
    return row ? (JSON.parse(str(row["value"])) as T) : undefined;
  }
  setMeta(key: string, value: unknown): void {
    this.#s.setMeta.run(key, JSON.stringify(value));
  }
  deleteMeta(key: string): void {
    this.#s.deleteMeta.run(key);
  }

  // ---- orgs and projects --------------------------------------------------------------------
  insertOrg(org: OrgRow): void {
    this.#s.insertOrg.run(org.id, org.name, org.createdAt);
  }
  getOrg(id: string): OrgRow | undefined {
    const r = this.#s.getOrg.get(id) as Raw | undefined;
    return r ? { id: str(r["id"]), name: str(r["name"]), createdAt: Number(r["created_at"]) } : undefined;
  }
  listOrgs(): OrgRow[] {
    return (this.#s.listOrgs.all() as Raw[]).map((r) => ({ id: str(r["id"]), name: str(r["name"]), createdAt: Number(r["created_at"]) }));
  }
  insertProject(p: ProjectRow): void {
    this.#projects.delete(p.id);
    this.#s.insertProject.run(p.id, p.orgId, p.name, p.createdAt, p.regionalMode ? 1 : 0);
  }
  getProject(id: string): ProjectRow | undefined {
    let p = this.#projects.get(id);
    if (p === undefined) {
      const r = this.#s.getProject.get(id) as Raw | undefined;
      p = r ? toProject(r) : null;
      if (this.#projects.size >= CACHE_LIMIT) this.#projects.clear();
      this.#projects.set(id, p);
    }
    return p ?? undefined;
  }
  findProjectByName(orgId: string, name: string): ProjectRow | undefined {
    const r = this.#s.findProjectByName.get(orgId, name) as Raw | undefined;
    return r ? toProject(r) : undefined;
  }
  listProjects(orgId?: string): ProjectRow[] {
    const rows = (orgId === undefined ? this.#s.listProjects.all() : this.#s.listProjectsOfOrg.all(orgId)) as Raw[];
    return rows.map(toProject);
  }
  deleteProject(id: string): void {
    this.#projects.delete(id);
    this.#s.deleteProject.run(id);
  }
  setRegionalMode(projectId: string, enabled: boolean): void {
    this.#projects.delete(projectId);
    this.#s.setRegionalMode.run(enabled ? 1 : 0, projectId);
  }

  // ---- principals, roles, tokens ------------------------------------------------------------
  insertPrincipal(p: PrincipalRow): void {
    this.#s.insertPrincipal.run(p.id, p.kind, p.orgId, p.description, p.ha1Md5, p.ha1Sha256, p.secretHash, p.secretSalt, p.createdAt);
  }
  getPrincipal(id: string): PrincipalRow | undefined {
    const r = this.#s.getPrincipal.get(id) as Raw | undefined;
    return r ? toPrincipal(r) : undefined;
  }
  listPrincipals(): PrincipalRow[] {
    return (this.#s.listPrincipals.all() as Raw[]).map(toPrincipal);
  }
  updateApiKeySecret(id: string, ha1Md5: string, ha1Sha256: string): void {
    this.#s.updateApiKeySecret.run(ha1Md5, ha1Sha256, id);
  }
  deletePrincipal(id: string): void {
    this.#s.deletePrincipal.run(id);
  }
  addRole(principalId: string, role: RoleName, projectId: string | null): void {
    this.#s.addRole.run(principalId, role, projectId ?? "");
  }
  rolesOf(principalId: string): RoleAssignment[] {
    return (this.#s.rolesOf.all(principalId) as Raw[]).map((r) => ({
      role: str(r["role"]) as RoleName,
      projectId: r["project_id"] === "" ? null : str(r["project_id"]),
    }));
  }
  insertToken(hash: string, principalId: string, expiresAt: number): void {
    this.#s.insertToken.run(hash, principalId, expiresAt);
  }
  getToken(hash: string): { principalId: string; expiresAt: number } | undefined {
    const r = this.#s.getToken.get(hash) as Raw | undefined;
    return r ? { principalId: str(r["principal_id"]), expiresAt: Number(r["expires_at"]) } : undefined;
  }
  deleteToken(hash: string): boolean {
    return this.#s.deleteToken.run(hash).changes > 0;
  }
  deleteExpiredTokens(now: number): number {
    return this.#s.deleteExpiredTokens.run(now).changes;
  }

  // ---- endpoint services --------------------------------------------------------------------
  insertService(s: ServiceRow): void {
    this.#services.delete(s.id);
    this.#s.insertService.run(
      s.id, s.projectId, s.provider, s.region, s.status, s.errorMessage, s.stateSince, s.nextAt, s.readsLeft,
      s.forced ? JSON.stringify(s.forced) : null, JSON.stringify(s.data), s.createdAt,
    );
  }
  getService(id: string): ServiceRow | undefined {
    let row = this.#services.get(id);
    if (row === undefined) {
      const r = this.#s.getService.get(id) as Raw | undefined;
      row = r ? toService(r) : null;
      if (this.#services.size >= CACHE_LIMIT) this.#services.clear();
      this.#services.set(id, row);
    }
    return row ?? undefined;
  }
  findServiceByRegion(projectId: string, provider: CloudProvider, region: string): ServiceRow | undefined {
    const r = this.#s.findServiceByRegion.get(projectId, provider, region) as Raw | undefined;
    return r ? toService(r) : undefined;
  }
  listServices(projectId: string, provider?: CloudProvider): ServiceRow[] {
    const rows = (provider === undefined ? this.#s.listServicesOfProject.all(projectId) : this.#s.listServices.all(projectId, provider)) as Raw[];
    return rows.map(toService);
  }
  /** Every service, in id order, `limit` at a time after `afterId` (for listings of any size). */
  pageServices(afterId: string, limit: number): ServiceRow[] {
    return (this.#s.pageServices.all(afterId, limit) as Raw[]).map(toService);
  }
  countServices(projectId: string): number {
    return Number((this.#s.countServicesOfProject.get(projectId) as Raw)["n"]);
  }
  setServiceState(id: string, c: LifecycleColumns): void {
    this.#services.delete(id);
    this.#s.setServiceState.run(c.status, c.errorMessage, c.stateSince, c.nextAt, c.readsLeft, c.forced ? JSON.stringify(c.forced) : null, id);
  }
  setServiceData(id: string, data: ServiceData): void {
    this.#services.delete(id);
    this.#s.setServiceData.run(JSON.stringify(data), id);
  }
  setServiceSchedule(id: string, nextAt: number | null, readsLeft: number | null): void {
    this.#services.delete(id);
    this.#s.setServiceSchedule.run(nextAt, readsLeft, id);
  }
  deleteService(id: string): void {
    this.#services.delete(id);
    this.#endpointIds.delete(id);
    this.#s.deleteService.run(id);
  }

  // ---- private endpoints --------------------------------------------------------------------
  insertEndpoint(e: EndpointRow): void {
    this.#endpointIds.delete(e.serviceId);
    this.#s.insertEndpoint.run(
      e.serviceId, e.endpointId, e.projectId, e.provider, e.status, e.errorMessage, e.deleteRequested ? 1 : 0,
      e.stateSince, e.nextAt, e.readsLeft, e.forced ? JSON.stringify(e.forced) : null, JSON.stringify(e.data), e.createdAt,
    );
  }
  getEndpoint(serviceId: string, endpointId: string): EndpointRow | undefined {
    const r = this.#s.getEndpoint.get(serviceId, endpointId) as Raw | undefined;
    return r ? toEndpoint(r) : undefined;
  }
  /** Ids of a service's endpoints, in creation order (the parent's `interfaceEndpoints` etc.). */
  endpointIdsOf(serviceId: string): string[] {
    let ids = this.#endpointIds.get(serviceId);
    if (ids === undefined) {
      ids = this.#s.endpointIdsOf.pluck().all(serviceId) as string[];
      if (this.#endpointIds.size >= CACHE_LIMIT) this.#endpointIds.clear();
      this.#endpointIds.set(serviceId, ids);
    }
    return [...ids];
  }
  listEndpoints(serviceId: string): EndpointRow[] {
    return (this.#s.listEndpoints.all(serviceId) as Raw[]).map(toEndpoint);
  }
  pageEndpoints(afterSeq: number, limit: number): (EndpointRow & { seq: number })[] {
    return (this.#s.pageEndpoints.all(afterSeq, limit) as Raw[]).map((r) => ({ ...toEndpoint(r), seq: Number(r["seq"]) }));
  }
  countEndpoints(serviceId: string): number {
    return Number((this.#s.countEndpointsOfService.get(serviceId) as Raw)["n"]);
  }
  setEndpointState(serviceId: string, endpointId: string, c: LifecycleColumns & { deleteRequested: boolean }): void {
    this.#s.setEndpointState.run(
      c.status, c.errorMessage, c.deleteRequested ? 1 : 0, c.stateSince, c.nextAt, c.readsLeft,
      c.forced ? JSON.stringify(c.forced) : null, serviceId, endpointId,
    );
  }
  setEndpointData(serviceId: string, endpointId: string, data: EndpointData): void {
    this.#s.setEndpointData.run(JSON.stringify(data), serviceId, endpointId);
  }
  setEndpointSchedule(serviceId: string, endpointId: string, nextAt: number | null, readsLeft: number | null): void {
    this.#s.setEndpointSchedule.run(nextAt, readsLeft, serviceId, endpointId);
  }
  deleteEndpoint(serviceId: string, endpointId: string): void {
    this.#endpointIds.delete(serviceId);
    this.#s.deleteEndpoint.run(serviceId, endpointId);
  }

  // ---- scheduling ---------------------------------------------------------------------------
  /** The earliest stored deadline, or null when nothing is pending on time. */
  earliestDeadline(): number | null {
    const a = numOrNull((this.#s.earliestService.get() as Raw)["t"]);
    const b = numOrNull((this.#s.earliestEndpoint.get() as Raw)["t"]);
    if (a === null) return b;
    if (b === null) return a;
    return Math.min(a, b);
  }
  dueServices(now: number, limit: number): ServiceRow[] {
    return (this.#s.dueServices.all(now, limit) as Raw[]).map(toService);
  }
  dueEndpoints(now: number, limit: number): EndpointRow[] {
    return (this.#s.dueEndpoints.all(now, limit) as Raw[]).map(toEndpoint);
  }
  /** Every object with a pending step (timed or read-based), for re-timing after a profile change. */
  pendingServices(): ServiceRow[] {
    return (this.#s.pendingServices.all() as Raw[]).map(toService);
  }
  pendingEndpoints(): EndpointRow[] {
    return (this.#s.pendingEndpoints.all() as Raw[]).map(toEndpoint);
  }

  // ---- simulated cloud side -----------------------------------------------------------------
  insertCloudEndpoint(row: CloudEndpointRow): void {
    this.#s.insertCloud.run(row.provider, row.id, JSON.stringify(row.data), row.createdAt);
  }
  hasCloudEndpoint(provider: CloudProvider, id: string): boolean {
    return this.#s.hasCloud.get(provider, id) !== undefined;
  }
  listCloudEndpoints(provider?: CloudProvider): CloudEndpointRow[] {
    const rows = (provider === undefined ? this.#s.listCloud.all() : this.#s.listCloudOf.all(provider)) as Raw[];
    return rows.map((r) => ({
      provider: str(r["provider"]) as CloudProvider,
      id: str(r["id"]),
      data: parseJson<Record<string, unknown>>(r["data"], {}),
      createdAt: Number(r["created_at"]),
    }));
  }
  deleteCloudEndpoint(provider: CloudProvider, id: string): boolean {
    return this.#s.deleteCloud.run(provider, id).changes > 0;
  }

  // ---- whole-store operations ---------------------------------------------------------------
  counts(): StoreCounts {
    const c = this.#s.counts.get() as Raw;
    return {
      orgs: Number(c["orgs"]),
      projects: Number(c["projects"]),
      apiKeys: Number(c["api_keys"]),
      serviceAccounts: Number(c["service_accounts"]),
      endpointServices: Number(c["services"]),
      privateEndpoints: Number(c["endpoints"]),
      cloudEndpoints: Number(c["cloud"]),
      pendingTransitions: Number(c["pending"]),
    };
  }

  /**
   * Moves every stored instant outside [min, max] (creation times, status times, deadlines,
   * token expiries) to `to`. For a data directory written while the clock could leave the range
   * of valid dates; returns how many values changed.
   */
  repairTimestamps(min: number, max: number, to: number): number {
    const columns: readonly [string, readonly string[]][] = [
      ["orgs", ["created_at"]],
      ["projects", ["created_at"]],
      ["principals", ["created_at"]],
      ["tokens", ["expires_at"]],
      ["endpoint_services", ["created_at", "state_since", "next_at"]],
      ["private_endpoints", ["created_at", "state_since", "next_at"]],
      ["cloud_endpoints", ["created_at"]],
    ];
    let changed = 0;
    this.#projects.clear();
    this.#services.clear();
    this.transaction(() => {
      for (const [table, cols] of columns) {
        for (const col of cols) {
          changed += this.db.prepare(`UPDATE ${table} SET ${col} = ? WHERE ${col} < ? OR ${col} > ?`).run(to, min, max).changes;
        }
      }
    });
    return changed;
  }

  /** Deletes every object; with `keep`, the listed org, project and principal survive (emptied). */
  clear(keep?: { orgId: string; projectId: string; principalId: string }): void {
    this.#projects.clear();
    this.#services.clear();
    this.#endpointIds.clear();
    this.transaction(() => {
      this.db.exec("DELETE FROM private_endpoints; DELETE FROM endpoint_services; DELETE FROM tokens; DELETE FROM cloud_endpoints;");
      if (keep) {
        this.db.prepare("DELETE FROM principals WHERE id <> ?").run(keep.principalId);
        this.db.prepare("DELETE FROM role_assignments WHERE principal_id <> ?").run(keep.principalId);
        this.db.prepare("DELETE FROM projects WHERE id <> ?").run(keep.projectId);
        this.db.prepare("DELETE FROM orgs WHERE id <> ?").run(keep.orgId);
        this.db.prepare("UPDATE projects SET regional_mode = 0 WHERE id = ?").run(keep.projectId);
      } else {
        this.db.exec("DELETE FROM role_assignments; DELETE FROM principals; DELETE FROM projects; DELETE FROM orgs;");
      }
    });
  }
}

function prepare(db: Database.Database) {
  return {
    getMeta: db.prepare("SELECT value FROM meta WHERE key = ?"),
    setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
    deleteMeta: db.prepare("DELETE FROM meta WHERE key = ?"),
    insertOrg: db.prepare("INSERT INTO orgs (id, name, created_at) VALUES (?, ?, ?)"),
    getOrg: db.prepare("SELECT * FROM orgs WHERE id = ?"),
    listOrgs: db.prepare("SELECT * FROM orgs ORDER BY id"),
    insertProject: db.prepare("INSERT INTO projects (id, org_id, name, created_at, regional_mode) VALUES (?, ?, ?, ?, ?)"),
    getProject: db.prepare("SELECT * FROM projects WHERE id = ?"),
    findProjectByName: db.prepare("SELECT * FROM projects WHERE org_id = ? AND name = ?"),
    listProjects: db.prepare("SELECT * FROM projects ORDER BY id"),
    listProjectsOfOrg: db.prepare("SELECT * FROM projects WHERE org_id = ? ORDER BY id"),
    deleteProject: db.prepare("DELETE FROM projects WHERE id = ?"),
    setRegionalMode: db.prepare("UPDATE projects SET regional_mode = ? WHERE id = ?"),
    insertPrincipal: db.prepare(
      "INSERT INTO principals (id, kind, org_id, description, ha1_md5, ha1_sha256, secret_hash, secret_salt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    getPrincipal: db.prepare("SELECT * FROM principals WHERE id = ?"),
    listPrincipals: db.prepare("SELECT * FROM principals ORDER BY created_at, id"),
    updateApiKeySecret: db.prepare("UPDATE principals SET ha1_md5 = ?, ha1_sha256 = ? WHERE id = ?"),
    deletePrincipal: db.prepare("DELETE FROM principals WHERE id = ?"),
    addRole: db.prepare("INSERT OR IGNORE INTO role_assignments (principal_id, role, project_id) VALUES (?, ?, ?)"),
    rolesOf: db.prepare("SELECT role, project_id FROM role_assignments WHERE principal_id = ? ORDER BY role, project_id"),
    insertToken: db.prepare("INSERT INTO tokens (hash, principal_id, expires_at) VALUES (?, ?, ?)"),
    getToken: db.prepare("SELECT principal_id, expires_at FROM tokens WHERE hash = ?"),
    deleteToken: db.prepare("DELETE FROM tokens WHERE hash = ?"),
    deleteExpiredTokens: db.prepare("DELETE FROM tokens WHERE expires_at <= ?"),
    insertService: db.prepare(
      "INSERT INTO endpoint_services (id, project_id, provider, region, status, error_message, state_since, next_at, reads_left, forced, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    getService: db.prepare("SELECT * FROM endpoint_services WHERE id = ?"),
    findServiceByRegion: db.prepare("SELECT * FROM endpoint_services WHERE project_id = ? AND provider = ? AND region = ?"),
    listServices: db.prepare("SELECT * FROM endpoint_services WHERE project_id = ? AND provider = ? ORDER BY id"),
    listServicesOfProject: db.prepare("SELECT * FROM endpoint_services WHERE project_id = ? ORDER BY id"),
    pageServices: db.prepare("SELECT * FROM endpoint_services WHERE id > ? ORDER BY id LIMIT ?"),
    countServicesOfProject: db.prepare("SELECT count(*) AS n FROM endpoint_services WHERE project_id = ?"),
    setServiceState: db.prepare(
      "UPDATE endpoint_services SET status = ?, error_message = ?, state_since = ?, next_at = ?, reads_left = ?, forced = ? WHERE id = ?",
    ),
    setServiceData: db.prepare("UPDATE endpoint_services SET data = ? WHERE id = ?"),
    setServiceSchedule: db.prepare("UPDATE endpoint_services SET next_at = ?, reads_left = ? WHERE id = ?"),
    deleteService: db.prepare("DELETE FROM endpoint_services WHERE id = ?"),
    insertEndpoint: db.prepare(
      "INSERT INTO private_endpoints (service_id, endpoint_id, project_id, provider, status, error_message, delete_requested, state_since, next_at, reads_left, forced, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    getEndpoint: db.prepare("SELECT * FROM private_endpoints WHERE service_id = ? AND endpoint_id = ?"),
    endpointIdsOf: db.prepare("SELECT endpoint_id FROM private_endpoints WHERE service_id = ? ORDER BY seq"),
    listEndpoints: db.prepare("SELECT * FROM private_endpoints WHERE service_id = ? ORDER BY seq"),
    pageEndpoints: db.prepare("SELECT * FROM private_endpoints WHERE seq > ? ORDER BY seq LIMIT ?"),
    countEndpointsOfService: db.prepare("SELECT count(*) AS n FROM private_endpoints WHERE service_id = ?"),
    setEndpointState: db.prepare(
      "UPDATE private_endpoints SET status = ?, error_message = ?, delete_requested = ?, state_since = ?, next_at = ?, reads_left = ?, forced = ? WHERE service_id = ? AND endpoint_id = ?",
    ),
    setEndpointData: db.prepare("UPDATE private_endpoints SET data = ? WHERE service_id = ? AND endpoint_id = ?"),
    setEndpointSchedule: db.prepare("UPDATE private_endpoints SET next_at = ?, reads_left = ? WHERE service_id = ? AND endpoint_id = ?"),
    deleteEndpoint: db.prepare("DELETE FROM private_endpoints WHERE service_id = ? AND endpoint_id = ?"),
    earliestService: db.prepare("SELECT min(next_at) AS t FROM endpoint_services WHERE next_at IS NOT NULL"),
    earliestEndpoint: db.prepare("SELECT min(next_at) AS t FROM private_endpoints WHERE next_at IS NOT NULL"),
    dueServices: db.prepare("SELECT * FROM endpoint_services WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at, id LIMIT ?"),
    dueEndpoints: db.prepare("SELECT * FROM private_endpoints WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at, seq LIMIT ?"),
    pendingServices: db.prepare("SELECT * FROM endpoint_services WHERE next_at IS NOT NULL OR reads_left IS NOT NULL"),
    pendingEndpoints: db.prepare("SELECT * FROM private_endpoints WHERE next_at IS NOT NULL OR reads_left IS NOT NULL"),
    insertCloud: db.prepare(
      "INSERT INTO cloud_endpoints (provider, id, data, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (provider, id) DO UPDATE SET data = excluded.data",
    ),
    hasCloud: db.prepare("SELECT 1 FROM cloud_endpoints WHERE provider = ? AND id = ?"),
    listCloud: db.prepare("SELECT * FROM cloud_endpoints ORDER BY provider, id"),
    listCloudOf: db.prepare("SELECT * FROM cloud_endpoints WHERE provider = ? ORDER BY id"),
    deleteCloud: db.prepare("DELETE FROM cloud_endpoints WHERE provider = ? AND id = ?"),
    counts: db.prepare(`SELECT
      (SELECT count(*) FROM orgs) AS orgs,
      (SELECT count(*) FROM projects) AS projects,
      (SELECT count(*) FROM principals WHERE kind = 'apiKey') AS api_keys,
      (SELECT count(*) FROM principals WHERE kind = 'serviceAccount') AS service_accounts,
      (SELECT count(*) FROM endpoint_services) AS services,
      (SELECT count(*) FROM private_endpoints) AS endpoints,
      (SELECT count(*) FROM cloud_endpoints) AS cloud,
      (SELECT count(*) FROM endpoint_services WHERE next_at IS NOT NULL OR reads_left IS NOT NULL)
        + (SELECT count(*) FROM private_endpoints WHERE next_at IS NOT NULL OR reads_left IS NOT NULL) AS pending`),
  };
}
