/** Identifier formats of the private-endpoint API (spec path parameters and request fields). */

/** `groupId`, `endpointServiceId`, `orgId`: a 24-hex ObjectId (spec `^([a-f0-9]{24})$`). */
export const OBJECT_ID_PATTERN = /^[a-f0-9]{24}$/;

/**
 * AWS interface endpoint id. The spec pattern is `^vpce-[0-9a-f]{17}$`, but Atlas' own error
 * table (PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED) only asks for "'vpce-' followed by a series
 * of alphanumeric characters", and older AWS ids have 8 hex digits. We accept what Atlas says.
 */
export const AWS_ENDPOINT_ID_PATTERN = /^vpce-[0-9a-zA-Z]+$/;

/** Azure private endpoint ARM id (decoded form, as sent in request bodies). ARM ids are
 * case-insensitive: Azure tools print `microsoft.network` and `resourcegroups` as well. */
export const AZURE_PRIVATE_ENDPOINT_ID_PATTERN =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourcegroups\/[-\w._()]+\/providers\/microsoft\.network\/privateendpoints\/[-\w._()]+$/i;

/** IPv4 dotted quad or full IPv6, as the spec's `privateEndpointIPAddress` pattern allows. */
export const IP_ADDRESS_PATTERN =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4})$/;

/**
 * A customer's GCP project id (what Terraform sends as `gcpProjectId`): 6–30 characters, lower
 * case letters, digits and hyphens, starting with a letter and not ending with a hyphen, with
 * the optional domain of older domain-scoped projects (`example.com:my-project`). The spec's
 * `^p-[0-9a-z]{24}$` describes Atlas-internal ids and would reject valid requests.
 */
export const GCP_PROJECT_ID_PATTERN = /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** GCP resource names (endpoint group, forwarding rule): RFC 1035 labels, 1–63 characters. */
export const GCP_RESOURCE_NAME_PATTERN = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

export function isObjectId(value: string): boolean {
  return OBJECT_ID_PATTERN.test(value);
}
