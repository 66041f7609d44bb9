import type { ImportId, Provider } from "./types.js";

/**
 * Terraform import ids, in the formats of the provider's documentation (the seeds of
 * `mongodbatlas_privatelink_endpoint` and `mongodbatlas_privatelink_endpoint_service`), since
 * import ids are where users stumble. The naming trap: the Terraform resource
 * `mongodbatlas_privatelink_endpoint` is the Atlas endpoint **service**, and
 * `mongodbatlas_privatelink_endpoint_service` is the Atlas private **endpoint**.
 *
 * The region of a service id is written in the Atlas form (`US_EAST_1`, the API's `regionName`):
 * one form for every provider, and the one the API answers with. The provider accepts it as well
 * as the cloud form (`us-east-1`) that the documentation's example shows.
 */
export const SERVICE_RESOURCE = "mongodbatlas_privatelink_endpoint";
export const ENDPOINT_RESOURCE = "mongodbatlas_privatelink_endpoint_service";
export const SERVICE_IMPORT_FORMAT = "{project_id}-{private_link_id}-{provider_name}-{region}";
export const ENDPOINT_IMPORT_FORMAT = "{project_id}--{private_link_id}--{endpoint_service_id}--{provider_name}";

export function serviceImportId(projectId: string, serviceId: string, provider: Provider, regionName: string): ImportId {
  return { resource: SERVICE_RESOURCE, format: SERVICE_IMPORT_FORMAT, value: `${projectId}-${serviceId}-${provider}-${regionName}` };
}

/** `endpointId` as the API names it: `vpce-…`, the Azure resource id (not encoded), or the GCP
 * endpoint group name. */
export function endpointImportId(projectId: string, serviceId: string, endpointId: string, provider: Provider): ImportId {
  return { resource: ENDPOINT_RESOURCE, format: ENDPOINT_IMPORT_FORMAT, value: `${projectId}--${serviceId}--${endpointId}--${provider}` };
}
