import type { EmulatorCore } from "../core.js";
import { renderEndpointService } from "../services/endpoint-service/render.js";
import { renderPrivateEndpoint } from "../services/private-endpoint/render.js";
import type { StoreCounts } from "../store/store.js";

/**
 * `GET /_emulator/objects`: everything the emulator holds, so a test can assert "nothing left
 * behind" (every list empty) or "nothing untracked" (every object is one it created). Endpoint
 * services and private endpoints appear in their wire form plus where they live and what is
 * pending for them.
 */
export interface Pending {
  /** ISO time of the next timed step, or null. */
  readonly nextAt: string | null;
  /** Reads left before the next read-based step, or null. */
  readonly readsLeft: number | null;
}

export interface ObjectsListing {
  readonly counts: StoreCounts;
  readonly orgs: { id: string; name: string }[];
  readonly projects: { id: string; orgId: string; name: string; regionalMode: boolean }[];
  readonly apiKeys: { publicKey: string; orgId: string; description: string; roles: { role: string; projectId: string | null }[] }[];
  readonly serviceAccounts: { clientId: string; orgId: string; description: string; roles: { role: string; projectId: string | null }[] }[];
  readonly endpointServices: (Record<string, unknown> & { projectId: string; pending: Pending })[];
  readonly privateEndpoints: (Record<string, unknown> & { projectId: string; endpointServiceId: string; pending: Pending })[];
  readonly cloudEndpoints: { provider: string; id: string }[];
}

function pending(nextAt: number | null, readsLeft: number | null): Pending {
  return { nextAt: nextAt === null ? null : new Date(nextAt).toISOString(), readsLeft };
}

const PAGE = 1000;

export function listObjects(core: EmulatorCore): ObjectsListing {
  const { store } = core;
  const endpointServices: ObjectsListing["endpointServices"] = [];
  for (let after = ""; ; ) {
    const page = store.pageServices(after, PAGE);
    for (const s of page) {
      endpointServices.push({
        projectId: s.projectId,
        ...renderEndpointService(s, store.endpointIdsOf(s.id)),
        pending: pending(s.nextAt, s.readsLeft),
      });
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  const privateEndpoints: ObjectsListing["privateEndpoints"] = [];
  for (let after = 0; ; ) {
    const page = store.pageEndpoints(after, PAGE);
    for (const e of page) {
      privateEndpoints.push({
        projectId: e.projectId,
        endpointServiceId: e.serviceId,
        ...renderPrivateEndpoint(e),
        pending: pending(e.nextAt, e.readsLeft),
      });
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  const principals = store.listPrincipals();
  return {
    counts: store.counts(),
    orgs: store.listOrgs().map((o) => ({ id: o.id, name: o.name })),
    projects: store.listProjects().map((p) => ({ id: p.id, orgId: p.orgId, name: p.name, regionalMode: p.regionalMode })),
    apiKeys: principals
      .filter((p) => p.kind === "apiKey")
      .map((p) => ({ publicKey: p.id, orgId: p.orgId, description: p.description, roles: store.rolesOf(p.id) })),
    serviceAccounts: principals
      .filter((p) => p.kind === "serviceAccount")
      .map((p) => ({ clientId: p.id, orgId: p.orgId, description: p.description, roles: store.rolesOf(p.id) })),
    endpointServices,
    privateEndpoints,
    cloudEndpoints: store.listCloudEndpoints().map((c) => ({ provider: c.provider, id: c.id })),
  };
}
