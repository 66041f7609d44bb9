import { PRIVATE_ENDPOINT_API_VERSION } from "@atlas-privatelink/atlas-api";
import type { ApiRouteDef } from "../http/route.js";
import { objectBody, requiredBoolean } from "../http/validate.js";

/**
 * Regionalized private endpoint setting (operations 9 and 10): a per-project flag.
 * Observed: GET 200 `{"enabled":false}`, PATCH 202 with the new value.
 * DIVERGENCE: spec-success-codes — the spec says 200 for the PATCH.
 * DIVERGENCE: regional-mode-conflict — Atlas refuses to disable the setting in some multi-region
 * layouts (409); the emulator never does.
 */
const VERSIONS = [PRIVATE_ENDPOINT_API_VERSION];

export const regionalModeRoutes: readonly ApiRouteDef[] = [
  {
    operationId: "getRegionalEndpointMode",
    method: "GET",
    template: "/groups/{groupId}/privateEndpoint/regionalMode",
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "read",
    rateSet: "privateEndpoint",
    body: false,
    handle: (ctx) => ({ status: 200, body: { enabled: ctx.project!.regionalMode } }),
  },
  {
    operationId: "toggleRegionalEndpointMode",
    method: "PATCH",
    template: "/groups/{groupId}/privateEndpoint/regionalMode",
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "owner",
    rateSet: "privateEndpoint",
    body: true,
    handle: (ctx) => {
      const enabled = requiredBoolean(objectBody(ctx.body), "enabled");
      ctx.core.store.setRegionalMode(ctx.project!.id, enabled);
      ctx.core.events.emit({ type: "updated", object: { type: "project", id: ctx.project!.id }, at: ctx.core.clock.now() });
      return { status: 202, body: { enabled } };
    },
  },
];
