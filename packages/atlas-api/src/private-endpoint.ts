import type { CloudProvider } from "./cloud-provider.js";

/**
 * Atlas "private endpoint" (Terraform: `mongodbatlas_privatelink_endpoint_service`): one
 * cloud-side endpoint linked to an endpoint service. Its id is the AWS `vpce-…` id, the Azure
 * private endpoint ARM id (percent-encoded in URL paths), or the GCP endpoint group name.
 */
export const AWS_CONNECTION_STATUSES = [
  "PENDING_ACCEPTANCE",
  "PENDING",
  "AVAILABLE",
  "REJECTED",
  "DELETING",
] as const;
export type AwsConnectionStatus = (typeof AWS_CONNECTION_STATUSES)[number];

export const AZURE_ENDPOINT_STATUSES = ["INITIATING", "AVAILABLE", "FAILED", "DELETING"] as const;
export type AzureEndpointStatus = (typeof AZURE_ENDPOINT_STATUSES)[number];

export const GCP_ENDPOINT_GROUP_STATUSES = [
  "INITIATING",
  "VERIFIED",
  "AVAILABLE",
  "FAILED",
  "DELETING",
  "DELETED",
] as const;
export type GcpEndpointGroupStatus = (typeof GCP_ENDPOINT_GROUP_STATUSES)[number];

export const GCP_FORWARDING_RULE_STATUSES = ["INITIATING", "AVAILABLE", "FAILED", "DELETING"] as const;
export type GcpForwardingRuleStatus = (typeof GCP_FORWARDING_RULE_STATUSES)[number];

interface PrivateEndpointBase {
  readonly cloudProvider: CloudProvider;
  /** Becomes true once a DELETE was accepted, until the endpoint is gone. */
  readonly deleteRequested: boolean;
  readonly errorMessage: string | null;
}

export interface AwsPrivateEndpoint extends PrivateEndpointBase {
  readonly cloudProvider: "AWS";
  readonly connectionStatus: AwsConnectionStatus;
  /** The `vpce-…` id (the spec's "24-hex" description is wrong). */
  readonly interfaceEndpointId: string;
}

export interface AzurePrivateEndpoint extends PrivateEndpointBase {
  readonly cloudProvider: "AZURE";
  readonly privateEndpointConnectionName: string | null;
  readonly privateEndpointIPAddress: string;
  /** The ARM id of the private endpoint (decoded form). */
  readonly privateEndpointResourceId: string;
  readonly status: AzureEndpointStatus;
}

export interface GcpForwardingRule {
  readonly endpointName: string;
  readonly ipAddress: string;
  readonly status: GcpForwardingRuleStatus;
}

export interface GcpPrivateEndpoint extends PrivateEndpointBase {
  readonly cloudProvider: "GCP";
  readonly endpointGroupName: string;
  readonly endpoints: GcpForwardingRule[];
  readonly gcpProjectId: string;
  readonly portMappingEnabled: boolean;
  readonly status: GcpEndpointGroupStatus;
}

export type PrivateEndpoint = AwsPrivateEndpoint | AzurePrivateEndpoint | GcpPrivateEndpoint;

/** The status a client waits on: AWS `connectionStatus`, Azure/GCP `status`. */
export function privateEndpointStatus(endpoint: PrivateEndpoint): string {
  return endpoint.cloudProvider === "AWS" ? endpoint.connectionStatus : endpoint.status;
}

/** Bodies of `POST …/{cloudProvider}/endpointService/{endpointServiceId}/endpoint`. Clients
 * omit `cloudProvider`; the server takes the provider from the path. */
export interface CreateAwsEndpointRequest {
  readonly cloudProvider?: "AWS";
  /** `vpce-…` */
  readonly id: string;
}

export interface CreateAzureEndpointRequest {
  readonly cloudProvider?: "AZURE";
  /** ARM id, not percent-encoded in the body. */
  readonly id: string;
  readonly privateEndpointIPAddress: string;
}

export interface CreateGcpForwardingRuleRequest {
  readonly endpointName?: string;
  readonly ipAddress?: string;
}

export interface CreateGcpEndpointRequest {
  readonly cloudProvider?: "GCP";
  /** Legacy: the endpoint group name. Port-mapped: required but ignored (clients send the
   * forwarding rule name). */
  readonly endpointGroupName: string;
  readonly gcpProjectId: string;
  /** Legacy: one per forwarding rule. Port-mapped: exactly one. */
  readonly endpoints?: CreateGcpForwardingRuleRequest[];
}

export type CreatePrivateEndpointRequest =
  | CreateAwsEndpointRequest
  | CreateAzureEndpointRequest
  | CreateGcpEndpointRequest;
