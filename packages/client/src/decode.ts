import type {
  CloudProvider,
  EndpointService,
  Group,
  Paginated,
  PrivateEndpoint,
  RegionalModeSetting,
} from "@atlas-privatelink/atlas-api";
import { UnexpectedResponseError } from "./errors.js";
import type { HttpResponse } from "./transport.js";

/**
 * Turns response bodies into the atlas-api types the provider codes against. Checks are cheap and
 * structural (the discriminant and the identifiers), and absent optional values are filled the way
 * Atlas fills them in its recorded responses (explicit nulls, empty arrays), because the real
 * server is not consistent about it (atlas-api.md §13.2) and the provider should not have to be.
 * Unknown extra fields are kept.
 */

export type EndpointServiceOf<P extends CloudProvider> = Extract<EndpointService, { readonly cloudProvider: P }>;
export type PrivateEndpointOf<P extends CloudProvider> = Extract<PrivateEndpoint, { readonly cloudProvider: P }>;

export interface DecodeContext {
  readonly method: string;
  readonly path: string;
  readonly response: HttpResponse;
}

export function unexpected(context: DecodeContext, message: string): UnexpectedResponseError {
  return new UnexpectedResponseError(message, {
    method: context.method,
    path: context.path,
    status: context.response.status,
    contentType: context.response.headers.get("content-type"),
    bodyText: context.response.bodyText,
  });
}

/** Parses the body as JSON; an empty body is `undefined` when `allowEmpty`, else an error. */
export function parseJsonBody(context: DecodeContext, allowEmpty: boolean): unknown {
  const text = context.response.bodyText;
  if (text.trim() === "") {
    if (allowEmpty) return undefined;
    throw unexpected(context, "empty body where JSON was expected");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw unexpected(context, "body is not JSON");
  }
}

function record(value: unknown, context: DecodeContext, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw unexpected(context, `expected ${what} object`);
  return value as Record<string, unknown>;
}

function checkProvider(raw: Record<string, unknown>, provider: CloudProvider, context: DecodeContext, what: string): void {
  const actual = raw["cloudProvider"];
  if (actual !== undefined && actual !== null && actual !== provider) {
    throw unexpected(context, `${what} has cloudProvider ${JSON.stringify(actual)}, expected ${provider}`);
  }
}

const orNull = (value: unknown): unknown => (value === undefined ? null : value);
const orEmpty = (value: unknown): unknown => (value === undefined || value === null ? [] : value);
const orFalse = (value: unknown): unknown => (value === undefined || value === null ? false : value);

export function decodeEndpointService<P extends CloudProvider>(value: unknown, provider: P, context: DecodeContext): EndpointServiceOf<P> {
  const raw = record(value, context, "an endpoint service");
  checkProvider(raw, provider, context, "endpoint service");
  if (typeof raw["id"] !== "string" || raw["id"] === "") throw unexpected(context, "endpoint service has no id");
  const base = { ...raw, cloudProvider: provider, errorMessage: orNull(raw["errorMessage"]) };
  let decoded: Record<string, unknown>;
  switch (provider as CloudProvider) {
    case "AWS":
      decoded = {
        ...base,
        endpointServiceName: orNull(raw["endpointServiceName"]),
        interfaceEndpoints: orEmpty(raw["interfaceEndpoints"]),
        supportedRemoteRegions: orNull(raw["supportedRemoteRegions"]),
      };
      break;
    case "AZURE":
      decoded = {
        ...base,
        privateEndpoints: orEmpty(raw["privateEndpoints"]),
        privateLinkServiceName: orNull(raw["privateLinkServiceName"]),
        privateLinkServiceResourceId: orNull(raw["privateLinkServiceResourceId"]),
      };
      break;
    case "GCP":
      decoded = {
        ...base,
        endpointGroupNames: orEmpty(raw["endpointGroupNames"]),
        portMappingEnabled: orFalse(raw["portMappingEnabled"]),
        serviceAttachmentNames: orEmpty(raw["serviceAttachmentNames"]),
      };
      break;
  }
  return decoded as unknown as EndpointServiceOf<P>;
}

/** The list is a bare array (atlas-api.md §10); a `{results: […]}` envelope is tolerated too. */
export function decodeEndpointServiceList<P extends CloudProvider>(value: unknown, provider: P, context: DecodeContext): EndpointServiceOf<P>[] {
  const items = Array.isArray(value) ? value : (value as { results?: unknown } | null)?.results;
  if (!Array.isArray(items)) throw unexpected(context, "expected a JSON array of endpoint services");
  return items.map((item) => decodeEndpointService(item, provider, context));
}

/**
 * `endpointId` is the id the caller used in the path (or body): it fills the identifier fields
 * should Atlas leave them out.
 */
export function decodePrivateEndpoint<P extends CloudProvider>(
  value: unknown,
  provider: P,
  endpointId: string,
  context: DecodeContext,
): PrivateEndpointOf<P> {
  const raw = record(value, context, "a private endpoint");
  checkProvider(raw, provider, context, "private endpoint");
  const base = {
    ...raw,
    cloudProvider: provider,
    deleteRequested: orFalse(raw["deleteRequested"]),
    errorMessage: orNull(raw["errorMessage"]),
  };
  let decoded: Record<string, unknown>;
  switch (provider as CloudProvider) {
    case "AWS":
      decoded = { ...base, interfaceEndpointId: raw["interfaceEndpointId"] ?? endpointId };
      break;
    case "AZURE":
      decoded = {
        ...base,
        privateEndpointConnectionName: orNull(raw["privateEndpointConnectionName"]),
        privateEndpointResourceId: raw["privateEndpointResourceId"] ?? endpointId,
      };
      break;
    case "GCP":
      decoded = {
        ...base,
        endpointGroupName: raw["endpointGroupName"] ?? endpointId,
        endpoints: orEmpty(raw["endpoints"]),
        portMappingEnabled: orFalse(raw["portMappingEnabled"]),
      };
      break;
  }
  return decoded as unknown as PrivateEndpointOf<P>;
}

export function decodeRegionalMode(value: unknown, context: DecodeContext): RegionalModeSetting {
  const raw = record(value, context, "a regional-mode setting");
  if (typeof raw["enabled"] !== "boolean") throw unexpected(context, "regional-mode setting has no boolean `enabled`");
  return raw as unknown as RegionalModeSetting;
}

export function decodeGroup(value: unknown, context: DecodeContext): Group {
  const raw = record(value, context, "a project");
  if (typeof raw["id"] !== "string" || raw["id"] === "") throw unexpected(context, "project has no id");
  return { ...raw, links: orEmpty(raw["links"]) } as unknown as Group;
}

export function decodePage<T>(value: unknown, context: DecodeContext, item: (value: unknown) => T): Paginated<T> {
  const raw = record(value, context, "a paginated list");
  const results = raw["results"];
  if (!Array.isArray(results)) throw unexpected(context, "paginated list has no `results` array");
  return { ...raw, links: orEmpty(raw["links"]), results: results.map(item) } as unknown as Paginated<T>;
}
