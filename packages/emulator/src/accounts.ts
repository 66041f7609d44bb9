import type { Clock } from "./lifecycle/clock.js";
import { objectId } from "./store/ids.js";
import type { PrincipalRow, ProjectRow, RoleAssignment, Store } from "./store/store.js";
import { generateApiKey, generateServiceAccount, ha1, hashSecret, newSalt } from "./auth/secrets.js";

/**
 * Organizations, projects, API keys and service accounts: creation helpers shared by the
 * bootstrap, the control API and `POST /api/atlas/v2/groups`.
 */
export interface AccountsDeps {
  readonly store: Store;
  readonly clock: Clock;
}

export function createOrg(d: AccountsDeps, name: string, id?: string): { id: string; name: string } {
  const org = { id: id ?? objectId(d.clock.now()), name, createdAt: d.clock.now() };
  d.store.insertOrg(org);
  return { id: org.id, name };
}

export function createProject(d: AccountsDeps, orgId: string, name: string, id?: string): ProjectRow {
  const project: ProjectRow = { id: id ?? objectId(d.clock.now()), orgId, name, createdAt: d.clock.now(), regionalMode: false };
  d.store.insertProject(project);
  return project;
}

export interface CreatedApiKey {
  readonly publicKey: string;
  readonly privateKey: string;
  readonly orgId: string;
  readonly roles: readonly RoleAssignment[];
}

export function createApiKey(
  d: AccountsDeps,
  orgId: string,
  roles: readonly RoleAssignment[],
  options: { publicKey?: string; privateKey?: string; description?: string } = {},
): CreatedApiKey {
  const generated = generateApiKey();
  const publicKey = options.publicKey ?? generated.publicKey;
  const privateKey = options.privateKey ?? generated.privateKey;
  const row: PrincipalRow = {
    id: publicKey,
    kind: "apiKey",
    orgId,
    description: options.description ?? "",
    ha1Md5: ha1("MD5", publicKey, privateKey),
    ha1Sha256: ha1("SHA-256", publicKey, privateKey),
    secretHash: null,
    secretSalt: null,
    createdAt: d.clock.now(),
  };
  d.store.transaction(() => {
    d.store.insertPrincipal(row);
    for (const r of roles) d.store.addRole(publicKey, r.role, r.projectId);
  });
  return { publicKey, privateKey, orgId, roles };
}

export function setApiKeySecret(d: AccountsDeps, publicKey: string, privateKey: string): void {
  d.store.updateApiKeySecret(publicKey, ha1("MD5", publicKey, privateKey), ha1("SHA-256", publicKey, privateKey));
}

export interface CreatedServiceAccount {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly orgId: string;
  readonly roles: readonly RoleAssignment[];
}

export function createServiceAccount(
  d: AccountsDeps,
  orgId: string,
  roles: readonly RoleAssignment[],
  options: { clientId?: string; clientSecret?: string; description?: string } = {},
): CreatedServiceAccount {
  const generated = generateServiceAccount();
  const clientId = options.clientId ?? generated.clientId;
  const clientSecret = options.clientSecret ?? generated.clientSecret;
  const salt = newSalt();
  const row: PrincipalRow = {
    id: clientId,
    kind: "serviceAccount",
    orgId,
    description: options.description ?? "",
    ha1Md5: null,
    ha1Sha256: null,
    secretHash: hashSecret(salt, clientSecret),
    secretSalt: salt,
    createdAt: d.clock.now(),
  };
  d.store.transaction(() => {
    d.store.insertPrincipal(row);
    for (const r of roles) d.store.addRole(clientId, r.role, r.projectId);
  });
  return { clientId, clientSecret, orgId, roles };
}
