import {
  AWS_ENDPOINT_ID_PATTERN,
  AZURE_PRIVATE_ENDPOINT_ID_PATTERN,
  GCP_PROJECT_ID_PATTERN,
  GCP_RESOURCE_NAME_PATTERN,
  IP_ADDRESS_PATTERN,
  PRIVATE_ENDPOINT_API_VERSION,
  type CloudProvider,
} from "@atlas-privatelink/atlas-api";
import { ApiError } from "../../http/api-error.js";
import type { ApiResult, ApiRouteDef, HandlerContext } from "../../http/route.js";
import { isJsonObject, objectBody, requiredString, type JsonObject } from "../../http/validate.js";
import { endpointRef } from "../../lifecycle/scheduler.js";
import { initialEndpointStatus, onDeleteRequested, serviceAcceptsEndpoints } from "../../lifecycle/transitions.js";
import type { EndpointData, EndpointRow, GcpRuleData } from "../../store/store.js";
import { serviceInPath } from "../endpoint-service/routes.js";
import { renderPrivateEndpoint } from "./render.js";

/**
 * Private endpoints (Terraform: `mongodbatlas_privatelink_endpoint_service`): operations 6–8.
 * The endpoint id is the AWS `vpce-…` id, the Azure ARM id (percent-encoded in the path), or the
 * GCP endpoint group name.
 */
const VERSIONS = [PRIVATE_ENDPOINT_API_VERSION];
const MAX_GCP_FORWARDING_RULES = 50;

/** DIVERGENCE: azure-connection-name — `<subscription>%2F<resource group>%2F<name>`, the spec's
 * pattern; no recording shows a real value. `id` is a well-formed ARM id. */
export function azureConnectionName(id: string): string {
  const parts = id.split("/");
  return `${parts[2]}%2F${parts[4]}%2F${parts[8]}`;
}

function providerOf(ctx: HandlerContext): CloudProvider {
  return ctx.params["cloudProvider"] as CloudProvider;
}

/** Validates the (decoded) endpoint id of the path for its provider. */
function endpointIdInPath(ctx: HandlerContext): string {
  const id = ctx.params["endpointId"]!;
  const ok =
    providerOf(ctx) === "AWS"
      ? AWS_ENDPOINT_ID_PATTERN.test(id)
      : providerOf(ctx) === "AZURE"
        ? AZURE_PRIVATE_ENDPOINT_ID_PATTERN.test(id)
        : GCP_RESOURCE_NAME_PATTERN.test(id);
  if (!ok) throw ApiError.of("PATH_PARAM_PARSE_ERROR", ["endpointId"]);
  return id;
}

function endpointInPath(ctx: HandlerContext): EndpointRow {
  const service = serviceInPath(ctx, providerOf(ctx));
  const id = endpointIdInPath(ctx);
  const row = ctx.core.store.getEndpoint(service.id, id);
  if (!row) throw ApiError.of("RESOURCE_NOT_FOUND", [`Private endpoint with id ${id}`]);
  return row;
}

function parseIp(obj: JsonObject, field: string): string {
  const ip = requiredString(obj, field, 64);
  if (!IP_ADDRESS_PATTERN.test(ip)) throw ApiError.of("INVALID_ATTRIBUTE", [field]);
  return ip;
}

/** The request body per provider (clients omit `cloudProvider`: the path decides). */
function parseCreate(provider: CloudProvider, body: JsonObject, portMapping: boolean): { id: string; data: EndpointData } {
  const cp = body["cloudProvider"];
  // DIVERGENCE: endpoint-body-provider — how Atlas treats a body cloudProvider that differs from the path is unknown; refused.
  if (cp !== undefined && cp !== null && cp !== provider) throw ApiError.of("INVALID_ATTRIBUTE", ["cloudProvider"]);
  switch (provider) {
    case "AWS": {
      const id = requiredString(body, "id", 256);
      if (!AWS_ENDPOINT_ID_PATTERN.test(id)) throw ApiError.of("PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED");
      return { id, data: {} };
    }
    case "AZURE": {
      const id = requiredString(body, "id", 1024);
      if (!AZURE_PRIVATE_ENDPOINT_ID_PATTERN.test(id)) throw ApiError.of("INVALID_ATTRIBUTE", ["id"]);
      const ip = parseIp(body, "privateEndpointIPAddress");
      return { id, data: { privateEndpointIPAddress: ip, privateEndpointConnectionName: azureConnectionName(id) } };
    }
    case "GCP": {
      const group = requiredString(body, "endpointGroupName", 63);
      if (!GCP_RESOURCE_NAME_PATTERN.test(group)) throw ApiError.of("INVALID_ATTRIBUTE", ["endpointGroupName"]);
      const gcpProjectId = requiredString(body, "gcpProjectId", 30);
      // DIVERGENCE: gcp-project-id-pattern — the spec's pattern (^p-[0-9a-z]{24}$) describes Atlas-internal ids and would
      // refuse every real customer project id; GCP's own project id rules are applied instead.
      if (!GCP_PROJECT_ID_PATTERN.test(gcpProjectId)) throw ApiError.of("INVALID_ATTRIBUTE", ["gcpProjectId"]);
      const list = body["endpoints"];
      if (list === undefined || list === null) throw ApiError.of("MISSING_ATTRIBUTE", ["endpoints"]);
      if (!Array.isArray(list) || list.length === 0 || list.length > MAX_GCP_FORWARDING_RULES) throw ApiError.of("INVALID_ATTRIBUTE", ["endpoints"]);
      // Port-mapped services take exactly one forwarding rule (spec, Terraform).
      if (portMapping && list.length !== 1) throw ApiError.of("INVALID_ATTRIBUTE", ["endpoints"]);
      const rules: GcpRuleData[] = [];
      for (const item of list) {
        if (!isJsonObject(item)) throw ApiError.of("INVALID_ATTRIBUTE", ["endpoints"]);
        const endpointName = requiredString(item, "endpointName", 63);
        if (!GCP_RESOURCE_NAME_PATTERN.test(endpointName)) throw ApiError.of("INVALID_ATTRIBUTE", ["endpoints.endpointName"]);
        const ipAddress = parseIp(item, "ipAddress");
        if (rules.some((r) => r.endpointName === endpointName)) throw ApiError.of("INVALID_ATTRIBUTE", ["endpoints.endpointName"]);
        rules.push({ endpointName, ipAddress });
      }
      return { id: group, data: { gcpProjectId, endpoints: rules, portMappingEnabled: portMapping } };
    }
  }
}

function create(ctx: HandlerContext): ApiResult {
  const provider = providerOf(ctx);
  const service = serviceInPath(ctx, provider);
  const body = objectBody(ctx.body);
  const { id, data } = parseCreate(provider, body, service.data.portMappingEnabled === true);
  const { core } = ctx;
  // DIVERGENCE: endpoint-needs-available-service — Atlas documents the error code; when exactly it
  // answers it is not recorded (the emulator: whenever the service is not AVAILABLE/WAITING_FOR_USER).
  if (!serviceAcceptsEndpoints(service.status)) throw ApiError.of("PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS", [service.id]);
  if (core.store.getEndpoint(service.id, id)) throw ApiError.of("PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS", [id]);
  const now = core.clock.now();
  const status = initialEndpointStatus(provider);
  const schedule = core.scheduler.plan("privateEndpoint", provider, status, now);
  const row: EndpointRow = {
    serviceId: service.id,
    endpointId: id,
    projectId: service.projectId,
    provider,
    status,
    errorMessage: null,
    deleteRequested: false,
    stateSince: now,
    nextAt: schedule.nextAt,
    readsLeft: schedule.readsLeft,
    forced: ctx.fault?.lifecycle ?? null,
    data,
    createdAt: now,
  };
  core.events.batch(() => {
    core.store.insertEndpoint(row);
    core.events.emit({ type: "created", object: endpointRef(row), status, at: now });
  });
  core.scheduler.scheduled(row.nextAt);
  // DIVERGENCE: endpoint-create-status — not recorded; 201 like the service create (the spec says 200).
  return { status: 201, body: renderPrivateEndpoint(row) };
}

function get(ctx: HandlerContext): ApiResult {
  const row = endpointInPath(ctx);
  const body = renderPrivateEndpoint(row);
  ctx.core.scheduler.noteEndpointRead(row);
  return { status: 200, body };
}

function remove(ctx: HandlerContext): ApiResult {
  const row = endpointInPath(ctx);
  const { core } = ctx;
  if (row.status !== "DELETING") {
    const now = core.clock.now();
    core.events.batch(() => core.store.transaction(() => core.scheduler.applyEndpointStep(row, onDeleteRequested(), "request", now)));
  }
  // DIVERGENCE: endpoint-delete-status — not recorded; 202 `{}` like the service delete (the spec says 204).
  return { status: 202, body: {} };
}

const base = "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint";

export const privateEndpointRoutes: readonly ApiRouteDef[] = [
  {
    operationId: "createPrivateEndpoint",
    method: "POST",
    template: base,
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "owner",
    rateSet: "privateEndpoint",
    body: true,
    handle: create,
  },
  {
    operationId: "getPrivateEndpoint",
    method: "GET",
    template: `${base}/{endpointId}`,
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "read",
    rateSet: "privateEndpoint",
    body: false,
    handle: get,
  },
  {
    operationId: "deletePrivateEndpoint",
    method: "DELETE",
    template: `${base}/{endpointId}`,
    roots: ["v2", "v1"],
    versions: VERSIONS,
    access: "owner",
    rateSet: "privateEndpoint",
    body: false,
    handle: remove,
  },
];
