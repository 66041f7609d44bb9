import type { CloudProvider } from "./cloud-provider.js";

/**
 * Atlas "private endpoint service" (Terraform: `mongodbatlas_privatelink_endpoint`). One per
 * project + cloud provider + region. Shapes follow the recorded responses, which differ from the
 * OpenAPI spec: every key is always present and absent values are explicit `null`s.
 */
export const ENDPOINT_SERVICE_STATUSES = [
  "INITIATING",
  "AVAILABLE",
  "WAITING_FOR_USER",
  "FAILED",
  "DELETING",
] as const;
export type EndpointServiceStatus = (typeof ENDPOINT_SERVICE_STATUSES)[number];

interface EndpointServiceBase {
  readonly cloudProvider: CloudProvider;
  readonly errorMessage: string | null;
  /** 24-hex id; Terraform calls it `private_link_id`. */
  readonly id: string;
  /** Always the Atlas form, e.g. `EU_WEST_1`. */
  readonly regionName: string;
  readonly status: EndpointServiceStatus;
}

export interface AwsEndpointService extends EndpointServiceBase {
  readonly cloudProvider: "AWS";
  /** `com.amazonaws.vpce.<aws-region>.vpce-svc-<17 hex>`; null while INITIATING. */
  readonly endpointServiceName: string | null;
  /** Ids (`vpce-…`) of the interface endpoints linked to this service. */
  readonly interfaceEndpoints: string[];
  /** Atlas-form AWS regions allowed to connect cross-region; null when none. */
  readonly supportedRemoteRegions: string[] | null;
}

export interface AzureEndpointService extends EndpointServiceBase {
  readonly cloudProvider: "AZURE";
  /** ARM ids of the private endpoints linked to this service. */
  readonly privateEndpoints: string[];
  /** `pls_<service id>`; null while INITIATING. */
  readonly privateLinkServiceName: string | null;
  /** ARM id of the Private Link Service; null while INITIATING. */
  readonly privateLinkServiceResourceId: string | null;
}

export interface GcpEndpointService extends EndpointServiceBase {
  readonly cloudProvider: "GCP";
  /** Names of the endpoint groups linked to this service. */
  readonly endpointGroupNames: string[];
  readonly portMappingEnabled: boolean;
  /** `projects/p-<24>/regions/<gcp-region>/serviceAttachments/sa-<gcp-region>-<groupId>-<n>`. */
  readonly serviceAttachmentNames: string[];
}

export type EndpointService = AwsEndpointService | AzureEndpointService | GcpEndpointService;

/** Body of `POST /groups/{groupId}/privateEndpoint/endpointService`. */
export interface CreateEndpointServiceRequest {
  readonly providerName: CloudProvider;
  /** Atlas or cloud-native form; Atlas answers with the Atlas form in `regionName`. */
  readonly region: string;
  /** GCP only: port-mapped architecture (one service attachment). Defaults to false. */
  readonly portMappingEnabled?: boolean;
  /** AWS only, Atlas-form regions, at most 35, never the service's own region. */
  readonly supportedRemoteRegions?: string[] | null;
}

/** Body of `PATCH /groups/{groupId}/privateEndpoint/endpointService/{endpointServiceId}`. */
export interface UpdateEndpointServiceRequest {
  readonly cloudProvider: "AWS";
  /** The full new list; `null` or `[]` removes every remote region. */
  readonly supportedRemoteRegions: string[] | null;
}

/** Body of `GET/PATCH /groups/{groupId}/privateEndpoint/regionalMode`. */
export interface RegionalModeSetting {
  readonly enabled: boolean;
}

/** Upper bound of `supportedRemoteRegions` (spec maxItems). */
export const MAX_SUPPORTED_REMOTE_REGIONS = 35;
