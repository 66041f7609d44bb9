import { isObjectId } from "@atlas-privatelink/atlas-api";
import { createApiKey, createOrg, createProject, setApiKeySecret } from "./accounts.js";
import { PRIVATE_KEY_PATTERN, PUBLIC_KEY_PATTERN } from "./auth/secrets.js";
import type { BootstrapInfo, EmulatorCore } from "./core.js";

/**
 * First start of a data directory: an organization, a project and an Organization Owner API key,
 * so the emulator is usable at once. Later starts reuse them. `publicKey`/`privateKey`,
 * `projectId` and `orgId` make them reproducible for scripts (the private key is set, or reset,
 * to the given value).
 */
export interface BootstrapOptions {
  readonly orgId?: string;
  readonly projectId?: string;
  readonly publicKey?: string;
  readonly privateKey?: string;
}

export class BootstrapError extends Error {}

const META_BOOTSTRAP = "bootstrap";

interface StoredBootstrap {
  readonly orgId: string;
  readonly projectId: string;
  readonly publicKey: string;
}

export function validateBootstrapOptions(o: BootstrapOptions): void {
  if (o.orgId !== undefined && !isObjectId(o.orgId)) throw new BootstrapError(`org id ${o.orgId} is not 24 lower-case hex digits`);
  if (o.projectId !== undefined && !isObjectId(o.projectId)) throw new BootstrapError(`project id ${o.projectId} is not 24 lower-case hex digits`);
  if (o.publicKey !== undefined && !PUBLIC_KEY_PATTERN.test(o.publicKey))
    throw new BootstrapError("public key must be 1-64 letters, digits, '.', '_' or '-'");
  if (o.privateKey !== undefined && !PRIVATE_KEY_PATTERN.test(o.privateKey))
    throw new BootstrapError("private key must be 1-256 printable ASCII characters without spaces");
  if (o.privateKey !== undefined && o.publicKey === undefined) throw new BootstrapError("a private key needs its public key");
}

export function ensureBootstrap(core: EmulatorCore, o: BootstrapOptions = {}): BootstrapInfo {
  validateBootstrapOptions(o);
  const { store } = core;
  const d = { store, clock: core.clock };
  return store.transaction(() => {
    const stored = store.getMeta<StoredBootstrap>(META_BOOTSTRAP);
    const orgId = o.orgId ?? stored?.orgId;
    let org = orgId === undefined ? undefined : store.getOrg(orgId);
    if (!org) {
      const created = createOrg(d, "Emulator Organization", orgId);
      org = { ...created, createdAt: core.clock.now() };
    }
    const projectId = o.projectId ?? stored?.projectId;
    let project = projectId === undefined ? undefined : store.getProject(projectId);
    if (project && project.orgId !== org.id) throw new BootstrapError(`project ${project.id} belongs to another organization (${project.orgId})`);
    if (!project) {
      const name = store.findProjectByName(org.id, "Emulator Project") ? `Emulator Project ${projectId ?? store.counts().projects + 1}` : "Emulator Project";
      project = createProject(d, org.id, name, projectId);
    }
    const publicKey = o.publicKey ?? stored?.publicKey;
    const existing = publicKey === undefined ? undefined : store.getPrincipal(publicKey);
    let privateKey = "";
    let keyId: string;
    if (existing) {
      if (existing.kind !== "apiKey" || existing.orgId !== org.id)
        throw new BootstrapError(`key ${existing.id} exists but is not an API key of organization ${org.id}`);
      if (o.privateKey !== undefined) {
        setApiKeySecret(d, existing.id, o.privateKey);
        privateKey = o.privateKey;
      }
      keyId = existing.id;
      if (!store.rolesOf(keyId).some((r) => r.role === "ORG_OWNER" && r.projectId === null)) store.addRole(keyId, "ORG_OWNER", null);
    } else {
      const key = createApiKey(d, org.id, [{ role: "ORG_OWNER", projectId: null }], {
        ...(publicKey !== undefined ? { publicKey } : {}),
        ...(o.privateKey !== undefined ? { privateKey: o.privateKey } : {}),
        description: "emulator bootstrap key",
      });
      keyId = key.publicKey;
      privateKey = key.privateKey;
    }
    store.setMeta(META_BOOTSTRAP, { orgId: org.id, projectId: project.id, publicKey: keyId } satisfies StoredBootstrap);
    core.auth.invalidate();
    const info: BootstrapInfo = { orgId: org.id, projectId: project.id, publicKey: keyId, privateKey, created: stored === undefined };
    core.bootstrap = info;
    return info;
  });
}
