/**
 * Atlas endpoint service → Terraform state, attribute by attribute as the official provider's
 * Read sets them (absent strings are "", absent lists [], `port_mapping_enabled` false), and
 * `provider_name` / `region` taken from the id, so the region stays as the user wrote it.
 */
import type { CloudProvider, EndpointService } from "@atlas-privatelink/client";
import { record, unknownsToNull, type Value, type ValueRecord } from "../../framework/index.js";
import { decodeStateId, encodeStateId } from "../common/state-id.js";

export interface ServiceIds {
  readonly projectId: string;
  readonly privateLinkId: string;
  readonly providerName: CloudProvider;
  /** As the user wrote it (never normalised). */
  readonly region: string;
}

export function encodeServiceId(ids: ServiceIds): string {
  return encodeStateId({ private_link_id: ids.privateLinkId, project_id: ids.projectId, provider_name: ids.providerName, region: ids.region });
}

/** Identifiers from a state id; undefined when the id is not one of ours. */
export function decodeServiceId(id: string): { projectId: string; privateLinkId: string; providerName: string; region: string } | undefined {
  const d = decodeStateId(id);
  if (!d["private_link_id"] || !d["project_id"] || !d["provider_name"] || d["region"] === undefined) return undefined;
  return { projectId: d["project_id"], privateLinkId: d["private_link_id"], providerName: d["provider_name"], region: d["region"] };
}

const list = (v: readonly string[] | null | undefined): Value => [...(v ?? [])];

/**
 * The remote-region list keeps the representation the state already has when Atlas has none
 * (null stays null, [] stays []), so "none" never shows as a change; a list Atlas has lost
 * (removed outside Terraform) becomes null, so the plan puts it back.
 */
export function remoteRegionsState(atlas: readonly string[] | null | undefined, prior: Value | undefined): Value {
  if (atlas && atlas.length > 0) return [...atlas];
  if (prior === undefined || prior === null) return null;
  return Array.isArray(prior) && prior.length === 0 ? [] : null;
}

export function serviceState(ids: ServiceIds, service: EndpointService, prior: ValueRecord): ValueRecord {
  const out = record(Object.entries(prior));
  out["id"] = encodeServiceId(ids);
  out["project_id"] = ids.projectId;
  out["provider_name"] = ids.providerName;
  out["region"] = ids.region;
  out["private_link_id"] = service.id;
  out["error_message"] = service.errorMessage ?? "";
  out["status"] = service.status;
  out["region_name"] = service.regionName ?? "";
  out["endpoint_service_name"] = service.cloudProvider === "AWS" ? (service.endpointServiceName ?? "") : "";
  out["interface_endpoints"] = list(service.cloudProvider === "AWS" ? service.interfaceEndpoints : []);
  out["private_endpoints"] = list(service.cloudProvider === "AZURE" ? service.privateEndpoints : []);
  out["private_link_service_name"] = service.cloudProvider === "AZURE" ? (service.privateLinkServiceName ?? "") : "";
  out["private_link_service_resource_id"] = service.cloudProvider === "AZURE" ? (service.privateLinkServiceResourceId ?? "") : "";
  out["endpoint_group_names"] = list(service.cloudProvider === "GCP" ? service.endpointGroupNames : []);
  out["service_attachment_names"] = list(service.cloudProvider === "GCP" ? service.serviceAttachmentNames : []);
  out["port_mapping_enabled"] = service.cloudProvider === "GCP" ? service.portMappingEnabled === true : false;
  out["supported_remote_regions"] = remoteRegionsState(service.cloudProvider === "AWS" ? service.supportedRemoteRegions : null, prior["supported_remote_regions"]);
  // Whatever the plan left unknown and Atlas does not report for this provider is null.
  return unknownsToNull(out) as ValueRecord;
}
