import { CLOUD_PROVIDERS, PRIVATE_ENDPOINT_API_VERSION, resolveRegion, type CloudProvider } from "@atlas-privatelink/atlas-api";
import type { EmulatorCore } from "../../core.js";
import { ApiError } from "../../http/api-error.js";
import type { ApiResult, ApiRouteDef, HandlerContext } from "../../http/route.js";
import { objectBody, optionalBoolean } from "../../http/validate.js";
import { endpointRef, serviceRef } from "../../lifecycle/scheduler.js";
import { INITIAL_SERVICE_STATUS, onDeleteRequested, onServiceUpdated } from "../../lifecycle/transitions.js";
import { objectId, randomAlnum, randomHex, randomUuid } from "../../store/ids.js";
import type { ServiceData, ServiceRow } from "../../store/store.js";
import { validateRemoteRegions } from "./remote-regions.js";
import { renderEndpointService } from "./render.js";

/**
 * Endpoint services (Terraform: `mongodbatlas_privatelink_endpoint`): operations 1–5 of the
 * "Private Endpoint Services" tag, on v2 and the legacy v1.0 root.
 */
const VERSIONS = [PRIVATE_ENDPOINT_API_VERSION];

/** The service named by the path, in the caller's project and of the path's provider; 404 otherwise.
 * DIVERGENCE: not-found-wording — the wording of RESOURCE_NOT_FOUND's parameter for private endpoint objects is not
 * recorded; it follows the recorded "Online archive with id …" pattern. */
export function serviceInPath(ctx: HandlerContext, provider?: CloudProvider): ServiceRow {
  const id = ctx.params["endpointServiceId"]!;
  const row = ctx.core.store.getService(id);
  if (!row || row.projectId !== ctx.project!.id || (provider !== undefined && row.provider !== provider)) {
    throw ApiError.of("RESOURCE_NOT_FOUND", [`Private endpoint service with id ${id}`]);
  }
  return row;
}

export function renderService(core: EmulatorCore, row: ServiceRow): ReturnType<typeof renderEndpointService> {
  return renderEndpointService(row, core.store.endpointIdsOf(row.id));
}

function providerOf(ctx: HandlerContext): CloudProvider {
  return ctx.params["cloudProvider"] as CloudProvider;
}

/** The cloud-side names of a new service (AWS endpoint service name, Azure private link service,
 * GCP service attachments); also used by `POST /_emulator/seed`. */
export function generateData(core: EmulatorCore, id: string, projectId: string, provider: CloudProvider, cloudRegion: string, portMapping: boolean): ServiceData {
  switch (provider) {
    case "AWS":
      return { endpointServiceName: `com.amazonaws.vpce.${cloudRegion}.vpce-svc-${randomHex(17)}`, supportedRemoteRegions: null };
    case "AZURE": {
      const rg = `rg_${objectId(core.clock.now())}_${randomAlnum(8)}`;
      return {
        privateLinkServiceName: `pls_${id}`,
        privateLinkServiceResourceId: `/subscriptions/${randomUuid()}/resourceGroups/${rg}/providers/Microsoft.Network/privateLinkServices/pls_${id}`,
      };
    }
    case "GCP": {
      const count = portMapping ? 1 : core.profile.options.gcpServiceAttachments;
      const gcpProject = `p-${randomAlnum(24)}`;
      const names: string[] = [];
      for (let n = 0; n < count; n++) names.push(`projects/${gcpProject}/regions/${cloudRegion}/serviceAttachments/sa-${cloudRegion}-${projectId}-${n}`);
      return { portMappingEnabled: portMapping, serviceAttachmentNames: names };
    }
  }
}

function create(ctx: HandlerContext): ApiResult {
  const body = objectBody(ctx.body);
  const providerValue = body["providerName"];
  if (providerValue === undefined || providerValue === null) throw ApiError.of("MISSING_ATTRIBUTE", ["providerName"]);
  if (typeof providerValue !== "string") throw ApiError.of("INVALID_ATTRIBUTE", ["providerName"]);
  if (!(CLOUD_PROVIDERS as readonly string[]).includes(providerValue)) throw ApiError.of("INVALID_PROVIDER", [providerValue]);
  const provider = providerValue as CloudProvider;
  const regionValue = body["region"];
  if (regionValue === undefined || regionValue === null) throw ApiError.of("MISSING_ATTRIBUTE", ["region"]);
  if (typeof regionValue !== "string" || regionValue.length > 100) throw ApiError.of("INVALID_ATTRIBUTE", ["region"]);
  // DIVERGENCE: region-input-forms — trimmed and in any case, Atlas form or cloud form (`Us-West-2`,
  // `eu_west_1`); Atlas is recorded taking both forms, but which other spellings it takes is untested
  // (atlas-api.md §13.16).
  const region = resolveRegion(provider, regionValue);
  if (!region || region.cloudName === null) throw ApiError.of("INVALID_REGION", [regionValue, provider]);
  const portMapping = optionalBoolean(body, "portMappingEnabled") ?? false;
  if (portMapping && provider !== "GCP") throw ApiError.of("INVALID_ATTRIBUTE", ["portMappingEnabled"]);
  const remote = validateRemoteRegions(body["supportedRemoteRegions"], provider, region.atlasName);

  const { core } = ctx;
  const project = ctx.project!;
  if (core.store.findServiceByRegion(project.id, provider, region.atlasName)) {
    throw ApiError.of("PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION", [provider, region.atlasName]);
  }
  const now = core.clock.now();
  const id = objectId(now);
  const data = generateData(core, id, project.id, provider, region.cloudName, portMapping);
  const schedule = core.scheduler.plan("endpointService", provider, INITIAL_SERVICE_STATUS, now);
  const row: ServiceRow = {
    id,
    projectId: project.id,
    provider,
    region: region.atlasName,
    status: INITIAL_SERVICE_STATUS,
    errorMessage: null,
    stateSince: now,
    nextAt: schedule.nextAt,
    readsLeft: schedule.readsLeft,
    forced: ctx.fault?.lifecycle ?? null,
    data: provider === "AWS" ? { ...data, supportedRemoteRegions: remote } : data,
    createdAt: now,
  };
  core.events.batch(() => {
    core.store.insertService(row);
    core.events.emit({ type: "created", object: serviceRef(row), status: row.status, at: now });
  });
  core.scheduler.scheduled(row.nextAt);
  // DIVERGENCE: spec-success-codes — observed 201 Created; the spec says 200.
  return { status: 201, body: renderEndpointService(row, []) };
}

function list(ctx: HandlerContext): ApiResult {
  const { core } = ctx;
  const rows = core.store.listServices(ctx.project!.id, providerOf(ctx));
  const out = rows.map((row) => renderService(core, row));
  for (const row of rows) core.scheduler.noteServiceRead(row);
  // A bare JSON array: no envelope, no paging (recorded; the spec declares none).
  return { status: 200, body: out };
}

function get(ctx: HandlerContext): ApiResult {
  const row = serviceInPath(ctx, providerOf(ctx));
  const body = renderService(ctx.core, row);
  ctx.core.scheduler.noteServiceRead(row);
  return { status: 200, body };
}

function update(ctx: HandlerContext): ApiResult {
  const body = objectBody(ctx.body);
  const cp = body["cloudProvider"];
  if (cp === undefined || cp === null) throw ApiError.of("MISSING_ATTRIBUTE", ["cloudProvider"]);
  if (typeof cp !== "string") throw ApiError.of("INVALID_ATTRIBUTE", ["cloudProvider"]);
  if (!(CLOUD_PROVIDERS as readonly string[]).includes(cp)) throw ApiError.of("INVALID_PROVIDER", [cp]);
  const row = serviceInPath(ctx);
  // ApiAtlasModifyEndpointServiceRequestView.cloudProvider: enum [AWS].
  if (cp !== "AWS") throw ApiError.of("PROVIDER_UNSUPPORTED", [cp]);
  if (row.provider !== "AWS") throw ApiError.of("PROVIDER_UNSUPPORTED", [row.provider]);
  if (!("supportedRemoteRegions" in body)) throw ApiError.of("MISSING_ATTRIBUTE", ["supportedRemoteRegions"]);
  const remote = validateRemoteRegions(body["supportedRemoteRegions"], "AWS", row.region);
  const { core } = ctx;
  const now = core.clock.now();
  core.events.batch(() =>
    core.store.transaction(() => {
      core.store.setServiceData(row.id, { ...row.data, supportedRemoteRegions: remote });
      core.events.emit({ type: "updated", object: serviceRef(row), at: now });
      // DIVERGENCE: update-reinitiates — that a PATCH sends the service back to INITIATING is
      // inferred from Terraform's wait after an update (profile option updateReinitiates).
      const step = onServiceUpdated(row.status, core.profile.options);
      if (step) core.scheduler.applyServiceStep({ ...row, data: { ...row.data, supportedRemoteRegions: remote } }, step, "request", now);
    }),
  );
  return { status: 200, body: renderService(core, core.store.getService(row.id)!) };
}

function remove(ctx: HandlerContext): ApiResult {
  const row = serviceInPath(ctx, providerOf(ctx));
  const { core } = ctx;
  const endpoints = core.store.listEndpoints(row.id);
  if (endpoints.length > 0 && !core.profile.options.cascadeServiceDelete) throw ApiError.of("CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS");
  const now = core.clock.now();
  if (row.status !== "DELETING") {
    core.events.batch(() =>
      core.store.transaction(() => {
        for (const e of endpoints) {
          if (e.status !== "DELETING") core.scheduler.applyEndpointStep(e, onDeleteRequested(), "cascade", now);
          else core.events.emit({ type: "updated", object: endpointRef(e), at: now });
        }
        core.scheduler.applyServiceStep(row, onDeleteRequested(), "request", now);
      }),
    );
  }
  // DIVERGENCE: spec-success-codes — observed 202 Accepted with `{}`; the spec says 204 without a body.
  return { status: 202, body: {} };
}

export const endpointServiceRoutes: readonly ApiRouteDef[] = [
  {
    operationId: "createPrivateEndpointService",
    method: "POST",
    template: "/groups/{groupId}/privateEndpoint/endpointService",
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "owner",
    rateSet: "privateEndpoint",
    body: true,
    handle: create,
  },
  {
    operationId: "listPrivateEndpointService",
    method: "GET",
    template: "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService",
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "read",
    rateSet: "privateEndpoint",
    body: false,
    handle: list,
  },
  {
    operationId: "getPrivateEndpointService",
    method: "GET",
    template: "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}",
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "read",
    rateSet: "privateEndpoint",
    body: false,
    handle: get,
  },
  {
    operationId: "updatePrivateEndpointService",
    method: "PATCH",
    template: "/groups/{groupId}/privateEndpoint/endpointService/{endpointServiceId}",
    roots: ["v2"],
    versions: VERSIONS,
    access: "owner",
    rateSet: "privateEndpoint",
    body: true,
    handle: update,
  },
  {
    operationId: "deletePrivateEndpointService",
    method: "DELETE",
    template: "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}",
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "owner",
    rateSet: "privateEndpoint",
    body: false,
    handle: remove,
  },
];
