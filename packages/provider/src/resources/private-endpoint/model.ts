/**
 * Atlas private endpoint → Terraform state, as the official provider's Read sets it: the
 * attributes it sets for every provider get "" / false when Atlas has nothing; the
 * provider-specific ones are set only for their provider; `project_id`, `provider_name`,
 * `private_link_id` and `gcp_project_id` are never overwritten (the user's spelling stays).
 */
import type { CloudProvider, PrivateEndpoint } from "@atlas-privatelink/client";
import { record, unknownsToNull, type Value, type ValueRecord } from "../../framework/index.js";
import { decodeStateId, encodeStateId } from "../common/state-id.js";

export interface EndpointIds {
  readonly projectId: string;
  /** The decoded (raw) endpoint service id. */
  readonly privateLinkId: string;
  readonly endpointServiceId: string;
  readonly providerName: CloudProvider;
}

export function encodeEndpointId(ids: EndpointIds): string {
  return encodeStateId({
    endpoint_service_id: ids.endpointServiceId,
    private_link_id: ids.privateLinkId,
    project_id: ids.projectId,
    provider_name: ids.providerName,
  });
}

export function decodeEndpointId(id: string): { projectId: string; privateLinkId: string; endpointServiceId: string; providerName: string } | undefined {
  const d = decodeStateId(id);
  if (!d["project_id"] || !d["private_link_id"] || !d["provider_name"] || d["endpoint_service_id"] === undefined) return undefined;
  return { projectId: d["project_id"], privateLinkId: d["private_link_id"], endpointServiceId: d["endpoint_service_id"], providerName: d["provider_name"] };
}

/** The official Read's check of a port-mapped GCP endpoint (resource and data source alike). */
export function portMappingInconsistency(e: PrivateEndpoint): string | undefined {
  if (e.cloudProvider !== "GCP" || !e.portMappingEnabled || e.endpoints.length === 1) return undefined;
  return `unexpected API response: port-mapped architecture requires exactly one endpoint, but found ${e.endpoints.length} endpoints. This is an API inconsistency. Please contact MongoDB support`;
}

/** The status a wait follows: AWS `connectionStatus`, Azure/GCP `status`. */
export function endpointStatus(e: PrivateEndpoint): string {
  return e.cloudProvider === "AWS" ? e.connectionStatus : e.status;
}

export function endpointState(ids: EndpointIds, e: PrivateEndpoint, prior: ValueRecord): ValueRecord {
  const out = record(Object.entries(prior));
  out["id"] = encodeEndpointId(ids);
  out["endpoint_service_id"] = ids.endpointServiceId;
  out["delete_requested"] = e.deleteRequested === true;
  out["error_message"] = e.errorMessage ?? "";
  out["aws_connection_status"] = e.cloudProvider === "AWS" ? e.connectionStatus : "";
  out["interface_endpoint_id"] = e.cloudProvider === "AWS" ? (e.interfaceEndpointId ?? "") : "";
  out["private_endpoint_connection_name"] = e.cloudProvider === "AZURE" ? (e.privateEndpointConnectionName ?? "") : "";
  out["private_endpoint_resource_id"] = e.cloudProvider === "AZURE" ? (e.privateEndpointResourceId ?? "") : "";
  out["endpoint_group_name"] = "";
  const keep = (name: string): Value => prior[name] ?? null;
  out["azure_status"] = e.cloudProvider === "AZURE" ? e.status : keep("azure_status");
  out["gcp_status"] = e.cloudProvider === "GCP" ? e.status : keep("gcp_status");
  out["port_mapping_enabled"] = e.cloudProvider === "GCP" ? e.portMappingEnabled === true : keep("port_mapping_enabled");
  out["gcp_endpoint_status"] = keep("gcp_endpoint_status");
  out["endpoints"] = Array.isArray(prior["endpoints"]) ? prior["endpoints"] : [];
  switch (e.cloudProvider) {
    case "AZURE":
      out["private_endpoint_ip_address"] = e.privateEndpointIPAddress;
      break;
    case "GCP":
      if (e.portMappingEnabled) {
        const first = e.endpoints[0];
        out["gcp_endpoint_status"] = first?.status ?? "";
        out["private_endpoint_ip_address"] = first?.ipAddress ?? keep("private_endpoint_ip_address");
        out["endpoints"] = [];
      } else {
        out["endpoints"] = e.endpoints.map((r) => record({ endpoint_name: r.endpointName, ip_address: r.ipAddress, status: r.status }));
      }
      break;
    case "AWS":
      break;
  }
  // Whatever the plan left unknown and Atlas does not report for this provider is null (also
  // inside blocks the official provider ignores for this cloud, e.g. `endpoints` on AWS).
  return unknownsToNull(out) as ValueRecord;
}
