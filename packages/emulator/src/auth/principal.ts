import type { PrincipalKind, ProjectRow, RoleAssignment, RoleName } from "../store/store.js";

/**
 * Who is calling, and what they may do. Keys and service accounts belong to one organization and
 * carry roles: organization roles (Organization Owner, Organization Read Only) cover every project
 * of the organization; project roles (Project Owner, Project Read Only) cover one project. Writes
 * need Owner, reads need Read Only (the roles the Atlas docs list per operation). A project the
 * caller has no role on is invisible: 404 GROUP_NOT_FOUND, as if it did not exist.
 */
export interface Principal {
  readonly id: string;
  readonly kind: PrincipalKind;
  readonly orgId: string;
  readonly roles: readonly RoleAssignment[];
  readonly scheme: "digest" | "bearer";
}

export type Access = "owner" | "read" | "none";

export const ROLE_ALIASES: Readonly<Record<string, RoleName>> = {
  ORG_OWNER: "ORG_OWNER",
  "Organization Owner": "ORG_OWNER",
  ORG_READ_ONLY: "ORG_READ_ONLY",
  "Organization Read Only": "ORG_READ_ONLY",
  GROUP_OWNER: "GROUP_OWNER",
  "Project Owner": "GROUP_OWNER",
  GROUP_READ_ONLY: "GROUP_READ_ONLY",
  "Project Read Only": "GROUP_READ_ONLY",
};

export function isOrgRole(role: RoleName): boolean {
  return role === "ORG_OWNER" || role === "ORG_READ_ONLY";
}

export function accessTo(principal: Principal, project: ProjectRow): Access {
  if (principal.orgId !== project.orgId) return "none";
  let access: Access = "none";
  for (const r of principal.roles) {
    const covers = r.projectId === null ? isOrgRole(r.role) : r.projectId === project.id;
    if (!covers) continue;
    if (r.role === "ORG_OWNER" || r.role === "GROUP_OWNER") return "owner";
    access = "read";
  }
  return access;
}

export function isOrgOwner(principal: Principal, orgId: string): boolean {
  return principal.orgId === orgId && principal.roles.some((r) => r.role === "ORG_OWNER" && r.projectId === null);
}
