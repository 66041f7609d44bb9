import type { CloudProvider } from "./cloud-provider.js";

/**
 * URL paths of the operations this project uses. Every path parameter is percent-encoded with
 * `encodeURIComponent` (the Go SDK uses `url.PathEscape`): an Azure endpoint id
 * `/subscriptions/…` travels as `%2Fsubscriptions%2F…`, so servers must route on the raw path.
 */
export const API_V2 = "/api/atlas/v2";
export const API_V1 = "/api/atlas/v1.0";
export const OAUTH_TOKEN_PATH = "/api/oauth/token";
export const OAUTH_REVOKE_PATH = "/api/oauth/revoke";

const e = encodeURIComponent;

export type ApiRoot = typeof API_V2 | typeof API_V1;

export const paths = {
  groups: (root: ApiRoot = API_V2) => `${root}/groups`,
  group: (groupId: string, root: ApiRoot = API_V2) => `${root}/groups/${e(groupId)}`,
  clusters: (groupId: string) => `${API_V2}/groups/${e(groupId)}/clusters`,
  /** POST create endpoint service (no provider in the path). */
  createEndpointService: (groupId: string, root: ApiRoot = API_V2) =>
    `${root}/groups/${e(groupId)}/privateEndpoint/endpointService`,
  /** PATCH update endpoint service (no provider in the path; `cloudProvider` is in the body). */
  updateEndpointService: (groupId: string, endpointServiceId: string) =>
    `${API_V2}/groups/${e(groupId)}/privateEndpoint/endpointService/${e(endpointServiceId)}`,
  /** GET list endpoint services of one provider (a bare JSON array). */
  endpointServices: (groupId: string, provider: CloudProvider, root: ApiRoot = API_V2) =>
    `${root}/groups/${e(groupId)}/privateEndpoint/${e(provider)}/endpointService`,
  /** GET / DELETE one endpoint service. */
  endpointService: (groupId: string, provider: CloudProvider, endpointServiceId: string, root: ApiRoot = API_V2) =>
    `${root}/groups/${e(groupId)}/privateEndpoint/${e(provider)}/endpointService/${e(endpointServiceId)}`,
  /** POST create private endpoint. */
  privateEndpoints: (groupId: string, provider: CloudProvider, endpointServiceId: string, root: ApiRoot = API_V2) =>
    `${root}/groups/${e(groupId)}/privateEndpoint/${e(provider)}/endpointService/${e(endpointServiceId)}/endpoint`,
  /** GET / DELETE one private endpoint; `endpointId` is percent-encoded (Azure ids hold `/`). */
  privateEndpoint: (
    groupId: string,
    provider: CloudProvider,
    endpointServiceId: string,
    endpointId: string,
    root: ApiRoot = API_V2,
  ) =>
    `${root}/groups/${e(groupId)}/privateEndpoint/${e(provider)}/endpointService/${e(endpointServiceId)}/endpoint/${e(endpointId)}`,
  regionalMode: (groupId: string, root: ApiRoot = API_V2) => `${root}/groups/${e(groupId)}/privateEndpoint/regionalMode`,
} as const;
