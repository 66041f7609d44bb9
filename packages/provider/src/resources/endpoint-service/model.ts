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

/** The attributes Atlas decides, as the official Read sets them; `absentRemote` is what a
 * service without remote regions shows (the data sources' choice; the resource keeps its own). */
export function serviceComputedValues(s: EndpointService, absentRemote: [] | null): ValueRecord {
  return record({
    endpoint_service_name: s.cloudProvider === "AWS" ? (s.endpointServiceName ?? "") : "",
    error_message: s.errorMessage ?? "",
    interface_endpoints: s.cloudProvider === "AWS" ? [...s.interfaceEndpoints] : [],
    private_endpoints: s.cloudProvider === "AZURE" ? [...s.privateEndpoints] : [],
    private_link_service_name: s.cloudProvider === "AZURE" ? (s.privateLinkServiceName ?? "") : "",
    private_link_service_resource_id: s.cloudProvider === "AZURE" ? (s.privateLinkServiceResourceId ?? "") : "",
    status: s.status,
    endpoint_group_names: s.cloudProvider === "GCP" ? [...s.endpointGroupNames] : [],
    region_name: s.regionName ?? "",
    service_attachment_names: s.cloudProvider === "GCP" ? [...s.serviceAttachmentNames] : [],
    port_mapping_enabled: s.cloudProvider === "GCP" ? s.portMappingEnabled === true : false,
    supported_remote_regions: s.cloudProvider === "AWS" && s.supportedRemoteRegions && s.supportedRemoteRegions.length ? [...s.supportedRemoteRegions] : absentRemote,
  });
}

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
  const out = record({
    ...prior,
    ...serviceComputedValues(service, null),
    id: encodeServiceId(ids),
    project_id: ids.projectId,
    provider_name: ids.providerName,
    region: ids.region,
    private_link_id: service.id,
    supported_remote_regions: remoteRegionsState(service.cloudProvider === "AWS" ? service.supportedRemoteRegions : null, prior["supported_remote_regions"]),
  });
  // Whatever the plan left unknown and Atlas does not report for this provider is null.
  return unknownsToNull(out) as ValueRecord;
}
