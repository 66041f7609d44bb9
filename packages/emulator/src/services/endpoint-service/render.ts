import type { AwsEndpointService, AzureEndpointService, EndpointService, GcpEndpointService } from "@atlas-privatelink/atlas-api";
import type { ServiceRow } from "../../store/store.js";

/**
 * The wire form of an endpoint service, exactly as recorded: every key present, keys sorted,
 * explicit nulls (DIVERGENCE: spec-nulls — the spec marks none of these nullable); cloud-side names null (AWS, Azure) or empty (GCP) until the service has been
 * provisioned, i.e. first reached AVAILABLE (or WAITING_FOR_USER).
 */
export function renderEndpointService(row: ServiceRow, endpointIds: string[]): EndpointService {
  const ready = row.data.provisioned === true;
  switch (row.provider) {
    case "AWS": {
      const remote = row.data.supportedRemoteRegions;
      const out: AwsEndpointService = {
        cloudProvider: "AWS",
        endpointServiceName: ready ? (row.data.endpointServiceName ?? null) : null,
        errorMessage: row.errorMessage,
        id: row.id,
        interfaceEndpoints: endpointIds,
        regionName: row.region,
        status: row.status as AwsEndpointService["status"],
        supportedRemoteRegions: remote && remote.length > 0 ? [...remote] : null,
      };
      return out;
    }
    case "AZURE": {
      const out: AzureEndpointService = {
        cloudProvider: "AZURE",
        errorMessage: row.errorMessage,
        id: row.id,
        privateEndpoints: endpointIds,
        privateLinkServiceName: ready ? (row.data.privateLinkServiceName ?? null) : null,
        privateLinkServiceResourceId: ready ? (row.data.privateLinkServiceResourceId ?? null) : null,
        regionName: row.region,
        status: row.status as AzureEndpointService["status"],
      };
      return out;
    }
    case "GCP": {
      const out: GcpEndpointService = {
        cloudProvider: "GCP",
        endpointGroupNames: endpointIds,
        errorMessage: row.errorMessage,
        id: row.id,
        portMappingEnabled: row.data.portMappingEnabled === true,
        regionName: row.region,
        serviceAttachmentNames: ready ? [...(row.data.serviceAttachmentNames ?? [])] : [],
        status: row.status as GcpEndpointService["status"],
      };
      return out;
    }
  }
}
