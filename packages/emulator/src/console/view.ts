import { ENDPOINT_SERVICE_STATUSES, regionByAtlasName } from "@atlas-privatelink/atlas-api";
import type { EmulatorCore } from "../core.js";
import { API_ROUTES } from "../http/atlas-api.js";
import { endpointStatuses } from "../lifecycle/transitions.js";
import { renderEndpointService } from "../services/endpoint-service/render.js";
import { renderPrivateEndpoint } from "../services/private-endpoint/render.js";
import type { EndpointRow, ServiceRow } from "../store/store.js";
import { EMULATOR_VERSION } from "../version.js";
import { endpointImportId, serviceImportId } from "./import-ids.js";
import { endpointKey, serviceKey, type Timelines } from "./timeline.js";
import type { ConsoleState, EmulatorSummary, EndpointView, NamedValue, Pending, ServiceView } from "./types.js";

/**
 * What the console shows, built from the emulator's store: the same wire forms the API answers
 * (so computed names are exactly what a client reads), plus import ids, pending steps and
 * timelines. Secrets never enter it: API keys are not part of the view at all.
 */
export const MAX_SERVICES = 2000;
export const MAX_ENDPOINTS = 5000;

const iso = (ms: number): string => new Date(ms).toISOString();

function pending(row: { nextAt: number | null; readsLeft: number | null }): Pending {
  return { nextAt: row.nextAt === null ? null : iso(row.nextAt), readsLeft: row.readsLeft };
}

export function serviceView(row: ServiceRow, endpointIds: string[], timelines: Timelines): ServiceView {
  const wire = renderEndpointService(row, endpointIds);
  const names: NamedValue[] = [];
  switch (wire.cloudProvider) {
    case "AWS":
      names.push({ label: "Endpoint service name", field: "endpointServiceName", value: wire.endpointServiceName });
      if (wire.supportedRemoteRegions) names.push({ label: "Supported remote regions", field: "supportedRemoteRegions", value: wire.supportedRemoteRegions.join(", ") });
      break;
    case "AZURE":
      names.push({ label: "Private link service name", field: "privateLinkServiceName", value: wire.privateLinkServiceName });
      names.push({ label: "Private link service resource id", field: "privateLinkServiceResourceId", value: wire.privateLinkServiceResourceId });
      break;
    case "GCP":
      names.push({ label: "Port mapping", field: "portMappingEnabled", value: wire.portMappingEnabled ? "enabled" : "disabled" });
      if (wire.serviceAttachmentNames.length === 0) names.push({ label: "Service attachments", field: "serviceAttachmentNames", value: null });
      wire.serviceAttachmentNames.forEach((n, i) => names.push({ label: `Service attachment ${i + 1}`, field: `serviceAttachmentNames[${i}]`, value: n }));
      break;
  }
  return {
    key: serviceKey(row.id),
    id: row.id,
    projectId: row.projectId,
    provider: row.provider,
    regionName: row.region,
    cloudRegion: regionByAtlasName(row.provider, row.region)?.cloudName ?? null,
    status: row.status,
    errorMessage: row.errorMessage,
    names,
    importId: serviceImportId(row.projectId, row.id, row.provider, row.region),
    pending: pending(row),
    since: iso(row.stateSince),
    statuses: ENDPOINT_SERVICE_STATUSES,
    timeline: timelines.of(serviceKey(row.id), { status: row.status, since: row.stateSince, errorMessage: row.errorMessage }),
  };
}

export function endpointView(row: EndpointRow, timelines: Timelines): EndpointView {
  const wire = renderPrivateEndpoint(row);
  const names: NamedValue[] = [];
  switch (wire.cloudProvider) {
    case "AWS":
      names.push({ label: "Interface endpoint id", field: "interfaceEndpointId", value: wire.interfaceEndpointId });
      break;
    case "AZURE":
      names.push({ label: "Private endpoint resource id", field: "privateEndpointResourceId", value: wire.privateEndpointResourceId });
      names.push({ label: "Private endpoint IP address", field: "privateEndpointIPAddress", value: wire.privateEndpointIPAddress });
      names.push({ label: "Private endpoint connection name", field: "privateEndpointConnectionName", value: wire.privateEndpointConnectionName });
      break;
    case "GCP":
      names.push({ label: "Endpoint group name", field: "endpointGroupName", value: wire.endpointGroupName });
      names.push({ label: "GCP project id", field: "gcpProjectId", value: wire.gcpProjectId });
      wire.endpoints.forEach((r, i) =>
        names.push({ label: `Forwarding rule ${i + 1}`, field: `endpoints[${i}]`, value: `${r.endpointName} (${r.ipAddress}, ${r.status})` }),
      );
      break;
  }
  const key = endpointKey(row.serviceId, row.endpointId);
  return {
    key,
    serviceId: row.serviceId,
    endpointId: row.endpointId,
    projectId: row.projectId,
    provider: row.provider,
    status: row.status,
    errorMessage: row.errorMessage,
    deleteRequested: row.deleteRequested,
    names,
    importId: endpointImportId(row.projectId, row.serviceId, row.endpointId, row.provider),
    pending: pending(row),
    since: iso(row.stateSince),
    statuses: endpointStatuses(row.provider),
    failureStatus: row.provider === "AWS" ? "REJECTED" : "FAILED",
    timeline: timelines.of(key, { status: row.status, since: row.stateSince, errorMessage: row.errorMessage }),
  };
}

export function summary(core: EmulatorCore): EmulatorSummary {
  const s = core.clock.state();
  const next = core.scheduler.nextDeadline;
  return {
    version: EMULATOR_VERSION,
    now: iso(s.now),
    epochMs: s.now,
    clockMode: s.mode,
    nextDeadline: next === null ? null : iso(next),
    profile: core.profile.base,
    strictCloud: core.profile.options.strictCloud,
    counts: { ...core.store.counts() },
  };
}

const OPERATIONS = [...new Set(API_ROUTES.map((r) => r.operationId))].sort();

export function consoleState(core: EmulatorCore, timelines: Timelines): ConsoleState {
  const { store } = core;
  const services: ServiceView[] = [];
  const rows = store.pageServices("", MAX_SERVICES + 1);
  for (const row of rows.slice(0, MAX_SERVICES)) services.push(serviceView(row, store.endpointIdsOf(row.id), timelines));
  const endpoints: EndpointView[] = [];
  const endpointRows = store.pageEndpoints(0, MAX_ENDPOINTS + 1);
  for (const row of endpointRows.slice(0, MAX_ENDPOINTS)) endpoints.push(endpointView(row, timelines));
  return {
    summary: summary(core),
    orgs: store.listOrgs().map((o) => ({ id: o.id, name: o.name })),
    projects: store.listProjects().map((p) => ({ id: p.id, orgId: p.orgId, name: p.name, regionalMode: p.regionalMode })),
    services,
    endpoints,
    cloud: store.listCloudEndpoints().map((c) => ({ provider: c.provider, id: c.id })),
    operations: OPERATIONS,
    truncated: rows.length > MAX_SERVICES || endpointRows.length > MAX_ENDPOINTS,
  };
}
