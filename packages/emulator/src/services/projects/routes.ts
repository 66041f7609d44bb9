import { CLUSTERS_API_VERSION, PROJECTS_API_VERSION, isObjectId, type Group, type Paginated } from "@atlas-privatelink/atlas-api";
import { createProject } from "../../accounts.js";
import { accessTo, isOrgOwner } from "../../auth/principal.js";
import { ApiError } from "../../http/api-error.js";
import type { ApiResult, ApiRouteDef, HandlerContext } from "../../http/route.js";
import { objectBody, queryBool, queryInt, requiredString } from "../../http/validate.js";
import type { ProjectRow } from "../../store/store.js";

/**
 * Projects ("groups"), minimal fields, and the clusters list the Terraform provider polls after
 * creating an endpoint (it waits for every cluster to be IDLE).
 * DIVERGENCE: minimal-projects — groups carry only clusterCount, created, id, links, name, orgId;
 * the clusters list is always empty (the emulator has no clusters).
 */
const GROUP_VERSIONS = [PROJECTS_API_VERSION];
/** Cluster list versions (2024-08-05 is what the Go SDK asks for; older dates get older ones). */
const CLUSTER_VERSIONS = ["2023-01-01", "2023-02-01", CLUSTERS_API_VERSION];

function renderGroup(ctx: HandlerContext, p: ProjectRow): Group {
  return {
    clusterCount: 0,
    created: new Date(p.createdAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    id: p.id,
    links: [{ href: `${ctx.origin}/api/atlas/${ctx.root === "v2" ? "v2" : "v1.0"}/groups/${p.id}`, rel: "self" }],
    name: p.name,
    orgId: p.orgId,
  };
}

/** The standard list envelope with `pageNum`/`itemsPerPage` (max 500)/`includeCount`. */
function paginate<T>(ctx: HandlerContext, all: readonly T[]): Paginated<T> {
  const pageNum = queryInt(ctx.query, "pageNum", 1, 1, 1_000_000);
  const itemsPerPage = queryInt(ctx.query, "itemsPerPage", 100, 1, 500);
  const includeCount = queryBool(ctx.query, "includeCount", true);
  const start = (pageNum - 1) * itemsPerPage;
  const results = all.slice(start, start + itemsPerPage);
  const self = new URLSearchParams(ctx.query);
  self.set("pageNum", String(pageNum));
  self.set("itemsPerPage", String(itemsPerPage));
  const links = [{ href: `${ctx.origin}${ctx.rawPath}?${self.toString()}`, rel: "self" }];
  if (start + itemsPerPage < all.length) {
    const next = new URLSearchParams(self);
    next.set("pageNum", String(pageNum + 1));
    links.push({ href: `${ctx.origin}${ctx.rawPath}?${next.toString()}`, rel: "next" });
  }
  return includeCount ? { links, results, totalCount: all.length } : { links, results };
}

function createGroup(ctx: HandlerContext): ApiResult {
  const body = objectBody(ctx.body);
  const name = requiredString(body, "name", 64);
  if (name.trim() === "") throw ApiError.of("INVALID_ATTRIBUTE", ["name"]);
  const orgIdValue = body["orgId"];
  let orgId = ctx.principal.orgId;
  if (orgIdValue !== undefined && orgIdValue !== null) {
    if (typeof orgIdValue !== "string" || !isObjectId(orgIdValue)) throw ApiError.of("INVALID_ATTRIBUTE", ["orgId"]);
    // Another organization is invisible to this caller.
    if (orgIdValue !== ctx.principal.orgId || !ctx.core.store.getOrg(orgIdValue)) throw ApiError.of("ORG_NOT_FOUND", [orgIdValue]);
    orgId = orgIdValue;
  }
  if (!isOrgOwner(ctx.principal, orgId)) throw ApiError.of("USER_UNAUTHORIZED");
  const { core } = ctx;
  if (core.store.findProjectByName(orgId, name)) throw ApiError.of("DUPLICATE_GROUP_NAME", [name]);
  const project = core.events.batch(() => {
    const p = createProject({ store: core.store, clock: core.clock }, orgId, name);
    core.events.emit({ type: "created", object: { type: "project", id: p.id }, at: core.clock.now() });
    return p;
  });
  return { status: 200, body: renderGroup(ctx, project) };
}

function listGroups(ctx: HandlerContext): ApiResult {
  const visible = ctx.core.store.listProjects(ctx.principal.orgId).filter((p) => accessTo(ctx.principal, p) !== "none");
  return { status: 200, body: paginate(ctx, visible.map((p) => renderGroup(ctx, p))) };
}

function deleteGroup(ctx: HandlerContext): ApiResult {
  const { core } = ctx;
  const project = ctx.project!;
  if (core.store.countServices(project.id) > 0) throw ApiError.of("CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_PRIVATE_ENDPOINT_SERVICES");
  core.events.batch(() => {
    core.store.deleteProject(project.id);
    core.events.emit({ type: "deleted", object: { type: "project", id: project.id }, at: core.clock.now() });
  });
  core.auth.invalidate();
  return { status: 204 };
}

export const projectRoutes: readonly ApiRouteDef[] = [
  {
    operationId: "createProject",
    method: "POST",
    template: "/groups",
    roots: ["v2", "v1"],
    versions: GROUP_VERSIONS,
    access: "authenticated",
    rateSet: "default",
    body: true,
    handle: createGroup,
  },
  {
    operationId: "listProjects",
    method: "GET",
    template: "/groups",
    roots: ["v2", "v1"],
    versions: GROUP_VERSIONS,
    access: "authenticated",
    rateSet: "default",
    body: false,
    handle: listGroups,
  },
  {
    operationId: "getProject",
    method: "GET",
    template: "/groups/{groupId}",
    roots: ["v2", "v1"],
    versions: GROUP_VERSIONS,
    access: "read",
    rateSet: "default",
    body: false,
    handle: (ctx) => ({ status: 200, body: renderGroup(ctx, ctx.project!) }),
  },
  {
    operationId: "deleteProject",
    method: "DELETE",
    template: "/groups/{groupId}",
    roots: ["v2", "v1"],
    versions: GROUP_VERSIONS,
    access: "owner",
    rateSet: "default",
    body: false,
    handle: deleteGroup,
  },
  {
    operationId: "listClusters",
    method: "GET",
    template: "/groups/{groupId}/clusters",
    roots: ["v2"],
    versions: CLUSTER_VERSIONS,
    access: "read",
    rateSet: "default",
    body: false,
    handle: (ctx) => ({ status: 200, body: paginate(ctx, []) }),
  },
];

