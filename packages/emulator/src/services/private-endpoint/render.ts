import type { AwsPrivateEndpoint, AzurePrivateEndpoint, GcpPrivateEndpoint, PrivateEndpoint } from "@atlas-privatelink/atlas-api";
import { gcpForwardingRuleStatus } from "../../lifecycle/transitions.js";
import type { EndpointRow } from "../../store/store.js";

/**
 * The wire form of a private endpoint: every key present, keys sorted, explicit nulls.
 * DIVERGENCE: endpoint-statuses — AWS `NONE` and GCP `DELETED` are never shown (an endpoint is
 * PENDING_ACCEPTANCE from its creation, and gone — 404 — after DELETING); GCP forwarding-rule
 * statuses are derived from their group's.
 */
export function renderPrivateEndpoint(row: EndpointRow): PrivateEndpoint {
  switch (row.provider) {
    case "AWS": {
      const out: AwsPrivateEndpoint = {
        cloudProvider: "AWS",
        connectionStatus: row.status as AwsPrivateEndpoint["connectionStatus"],
        deleteRequested: row.deleteRequested,
        errorMessage: row.errorMessage,
        interfaceEndpointId: row.endpointId,
      };
      return out;
    }
    case "AZURE": {
      const out: AzurePrivateEndpoint = {
        cloudProvider: "AZURE",
        deleteRequested: row.deleteRequested,
        errorMessage: row.errorMessage,
        privateEndpointConnectionName: row.data.privateEndpointConnectionName ?? null,
        privateEndpointIPAddress: row.data.privateEndpointIPAddress ?? "",
        privateEndpointResourceId: row.endpointId,
        status: row.status as AzurePrivateEndpoint["status"],
      };
      return out;
    }
    case "GCP": {
      const ruleStatus = gcpForwardingRuleStatus(row.status);
      const out: GcpPrivateEndpoint = {
        cloudProvider: "GCP",
        deleteRequested: row.deleteRequested,
        endpointGroupName: row.endpointId,
        endpoints: (row.data.endpoints ?? []).map((r) => ({ endpointName: r.endpointName, ipAddress: r.ipAddress, status: ruleStatus })),
        errorMessage: row.errorMessage,
        gcpProjectId: row.data.gcpProjectId ?? "",
        portMappingEnabled: row.data.portMappingEnabled === true,
        status: row.status as GcpPrivateEndpoint["status"],
      };
      return out;
    }
  }
}
