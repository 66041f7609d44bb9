import {
  API_V1,
  CLUSTERS_API_VERSION,
  PRIVATE_ENDPOINT_API_VERSION,
  PROJECTS_API_VERSION,
  paths,
  resolveRegion,
  versionedMediaType,
  type AwsEndpointService,
  type ClusterSummary,
  type CloudProvider,
  type CreateAwsEndpointRequest,
  type CreateAzureEndpointRequest,
  type CreateEndpointServiceRequest,
  type CreateGcpEndpointRequest,
  type CreateGroupRequest,
  type Group,
  type Paginated,
  type RegionalModeSetting,
  type UpdateEndpointServiceRequest,
} from "@atlas-privatelink/atlas-api";
import { AccessTokenAuthenticator, type Authenticator } from "./auth.js";
import {
  decodeEndpointService,
  decodeEndpointServiceList,
  decodeGroup,
  decodePage,
  decodePrivateEndpoint,
  decodeRegionalMode,
  parseJsonBody,
  unexpected,
  type DecodeContext,
  type EndpointServiceOf,
  type PrivateEndpointOf,
} from "./decode.js";
import { DigestAuthenticator } from "./digest-auth.js";
import { ConfigurationError, isNotFound, markOutcomeUnknown, UnexpectedResponseError } from "./errors.js";
import { Executor, type CallOptions, type ClientHooks, type ExecRequest, type Recovery } from "./executor.js";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./retry-policy.js";
import { parseTokenResponse, ServiceAccountAuthenticator, tokenEndpointError, tokenRequest, type Clock } from "./service-account.js";
import { realSleep, type HttpMethod, type HttpResponse, type Sleep } from "./transport.js";
import { defaultUserAgent } from "./version.js";

/** Programmatic API key, sent with HTTP Digest. */
export interface DigestCredentials {
  readonly publicKey: string;
  readonly privateKey: string;
  readonly clientId?: never;
  readonly clientSecret?: never;
  readonly accessToken?: never;
}

/** Service account: OAuth 2.0 client credentials; the client fetches and refreshes the token. */
export interface ServiceAccountCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly publicKey?: never;
  readonly privateKey?: never;
  readonly accessToken?: never;
}

/** A bearer token obtained elsewhere; never refreshed. */
export interface AccessTokenCredentials {
  readonly accessToken: string;
  readonly publicKey?: never;
  readonly privateKey?: never;
  readonly clientId?: never;
  readonly clientSecret?: never;
}

export type Credentials = DigestCredentials | ServiceAccountCredentials | AccessTokenCredentials;

export interface AtlasClientOptions {
  /** Default `https://cloud.mongodb.com`; a trailing slash and a path prefix are tolerated. */
  readonly baseUrl?: string | undefined;
  /** Omit to send requests without credentials (e.g. an emulator with auth disabled). */
  readonly credentials?: Credentials | undefined;
  /** Default names this client; the provider passes `terraform-provider-mongodbatlas/<v> (TypeScript)`. */
  readonly userAgent?: string | undefined;
  readonly retry?: Partial<RetryOptions> | undefined;
  /** Default deadline of a whole call, retries included. Default 300 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Limit of one HTTP exchange. Default 60 000 ms. */
  readonly attemptTimeoutMs?: number | undefined;
  /** Service accounts: refresh the token this long before it expires. Default 60 000 ms. */
  readonly tokenRefreshSkewMs?: number | undefined;
  /** Drives retry budgets, Retry-After dates and token expiry. Default `Date.now`. */
  readonly clock?: Clock | undefined;
  /** Waits between retries. Default: a timer, cancelled by the call's signal. */
  readonly sleep?: Sleep | undefined;
  /** Jitter source in [0, 1). Default `Math.random`. */
  readonly random?: (() => number) | undefined;
  readonly onRequest?: ClientHooks["onRequest"];
  readonly onResponse?: ClientHooks["onResponse"];
  readonly onRetry?: ClientHooks["onRetry"];
}

export type { CallOptions } from "./executor.js";

export type CreateEndpointServiceRequestOf<P extends CloudProvider> = CreateEndpointServiceRequest & { readonly providerName: P };

export type CreatePrivateEndpointRequestOf<P extends CloudProvider> = {
  readonly AWS: CreateAwsEndpointRequest;
  readonly AZURE: CreateAzureEndpointRequest;
  readonly GCP: CreateGcpEndpointRequest;
}[P];

export interface CreateEndpointServiceResult<P extends CloudProvider = CloudProvider> {
  readonly service: EndpointServiceOf<P>;
  /**
   * True when the response to our POST was lost and the service was found afterwards (by region)
   * instead of being returned by Atlas: it is the one our earlier attempt created.
   */
  readonly recovered: boolean;
}

export interface CreatePrivateEndpointResult<P extends CloudProvider = CloudProvider> {
  readonly endpoint: PrivateEndpointOf<P>;
  /** True when the endpoint was found with a GET after our POST's response was lost. */
  readonly recovered: boolean;
}

/**
 * The legacy v1.0 endpoint service (`Accept: application/json`), read only by the
 * `mongodbatlas_privatelink_endpoint` import, which uses only `id` (official-provider.md §4.1).
 * v1.0 omits `cloudProvider`; other fields are passed through as Atlas sends them.
 */
export interface LegacyEndpointService {
  readonly id: string;
  readonly status?: string | undefined;
  readonly errorMessage?: string | null | undefined;
  readonly [field: string]: unknown;
}

export interface PageOptions {
  readonly pageNum?: number | undefined;
  readonly itemsPerPage?: number | undefined;
  readonly includeCount?: boolean | undefined;
}

/** A request this client does not wrap (`request()`). */
export interface RawRequest {
  readonly method: HttpMethod;
  /** Percent-encoded path from the API root, e.g. `/api/atlas/v2/groups/…`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** Serialised as JSON with Content-Type = `accept`. */
  readonly body?: unknown;
  /** Default `application/vnd.atlas.2023-01-01+json`. */
  readonly accept?: string | undefined;
  /** Default: true for GET, PATCH, PUT, DELETE; false for POST. */
  readonly idempotent?: boolean | undefined;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
}

const PE_MEDIA_TYPE = versionedMediaType(PRIVATE_ENDPOINT_API_VERSION);
const LEGACY_MEDIA_TYPE = "application/json";
const DEFAULT_BASE_URL = "https://cloud.mongodb.com";

/**
 * Typed client of the MongoDB Atlas Admin API calls this project needs: the ten private-endpoint
 * operations (v2), the legacy v1.0 read used by import, projects, and the first page of clusters.
 *
 * Naming trap (issue 4): the Terraform resource `mongodbatlas_privatelink_endpoint` is the Atlas
 * endpoint **service** (…EndpointService methods) and `mongodbatlas_privatelink_endpoint_service`
 * is the Atlas **private endpoint** (…PrivateEndpoint methods).
 *
 * Idempotency, which decides what is retried after a 5xx, network error or attempt timeout
 * (retry-policy.ts): GET and DELETE are idempotent; both PATCHes are too, because each sends the
 * complete new state (`supportedRemoteRegions` is the full list, regionalMode the flag), so
 * sending one twice leaves the same result. POSTs are not: `createEndpointService` and
 * `createPrivateEndpoint` are made safe by a lookup protocol (executor.ts `Recovery`);
 * `createProject` is never re-sent after an unknown outcome (its error has `outcomeUnknown`).
 * Any method is retried after a 429.
 */
export class AtlasClient {
  private readonly executor: Executor;

  constructor(options: AtlasClientOptions = {}) {
    const baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    const clock = options.clock ?? { now: () => Date.now() };
    const retry: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...definedOnly(options.retry ?? {}) };
    validateRetry(retry);
    this.executor = new Executor({
      baseUrl,
      userAgent: options.userAgent ?? defaultUserAgent(),
      clock,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      retry,
      timeoutMs: positive("timeoutMs", options.timeoutMs, 300_000),
      attemptTimeoutMs: positive("attemptTimeoutMs", options.attemptTimeoutMs, 60_000),
      hooks: { onRequest: options.onRequest, onResponse: options.onResponse, onRetry: options.onRetry },
    });
    this.executor.authenticator = this.authenticatorFor(options.credentials, clock, positive("tokenRefreshSkewMs", options.tokenRefreshSkewMs, 60_000, true));
  }

  /** HTTP exchanges sent so far: every attempt, authentication round and token request. */
  get requestCount(): number {
    return this.executor.requestCount;
  }

  // ---- endpoint services (Terraform: mongodbatlas_privatelink_endpoint) -------------------------

  /**
   * `POST /api/atlas/v2/groups/{groupId}/privateEndpoint/endpointService`. Safe to retry: after an
   * attempt whose outcome is unknown, the client lists the provider's services and returns the one
   * in the requested region (`recovered: true`) before sending again, and a later 409 "already
   * exists for region" does the same. A 409 on the first attempt is thrown (the service belongs to
   * someone else). If nothing can settle the outcome, the error has `outcomeUnknown: true`.
   *
   * Known limit: the lookup matches by region only, so if the first attempt's answer is lost AND
   * another party's service already held that region (the lost answer was itself a 409), the
   * client adopts that service. Atlas ids are ObjectIds whose first 4 bytes are the creation time,
   * which could tell the two apart; not used, because emulator and test ids need not be real
   * ObjectIds.
   */
  async createEndpointService<P extends CloudProvider>(
    groupId: string,
    body: CreateEndpointServiceRequestOf<P>,
    opts?: CallOptions,
  ): Promise<CreateEndpointServiceResult<P>> {
    const provider = body.providerName;
    const { value, recovered } = await this.createWithRecovery(
      paths.createEndpointService(groupId),
      body,
      (scope) => this.findEndpointServiceByRegion(groupId, provider, body.region, scope),
      (context) => decodeEndpointService(parseJsonBody(context, false), provider, context),
      opts,
    );
    return { service: value, recovered };
  }

  /** `GET …/privateEndpoint/{provider}/endpointService/{endpointServiceId}`. */
  async getEndpointService<P extends CloudProvider>(
    groupId: string,
    provider: P,
    endpointServiceId: string,
    opts?: CallOptions,
  ): Promise<EndpointServiceOf<P>> {
    const path = paths.endpointService(groupId, provider, endpointServiceId);
    const context = await this.send("GET", path, PE_MEDIA_TYPE, opts);
    return decodeEndpointService(parseJsonBody(context, false), provider, context);
  }

  /**
   * `GET /api/atlas/v1.0/groups/{groupId}/privateEndpoint/{provider}/endpointService/{id}` with
   * `Accept: application/json`: the legacy read the official provider's import uses (ours reads
   * v2; this one serves the emulator's contract tests and anyone comparing the two).
   */
  async getEndpointServiceV1(
    groupId: string,
    provider: CloudProvider,
    endpointServiceId: string,
    opts?: CallOptions,
  ): Promise<LegacyEndpointService> {
    const path = paths.endpointService(groupId, provider, endpointServiceId, API_V1);
    const context = await this.send("GET", path, LEGACY_MEDIA_TYPE, opts);
    const value = parseJsonBody(context, false);
    if (typeof value !== "object" || value === null || typeof (value as { id?: unknown }).id !== "string") {
      throw unexpected(context, "expected an endpoint service object with an id");
    }
    return value as LegacyEndpointService;
  }

  /** `GET …/privateEndpoint/{provider}/endpointService` (a bare array; no paging). */
  async listEndpointServices<P extends CloudProvider>(groupId: string, provider: P, opts?: CallOptions): Promise<EndpointServiceOf<P>[]> {
    const path = paths.endpointServices(groupId, provider);
    const context = await this.send("GET", path, PE_MEDIA_TYPE, opts);
    return decodeEndpointServiceList(parseJsonBody(context, false), provider, context);
  }

  /**
   * The provider's endpoint service in `region`, given in Atlas form (`US_EAST_1`) or cloud form
   * (`us-east-1`, `eastus2`); undefined if there is none. Atlas allows one per project, provider
   * and region.
   */
  async findEndpointServiceByRegion<P extends CloudProvider>(
    groupId: string,
    provider: P,
    region: string,
    opts?: CallOptions,
  ): Promise<EndpointServiceOf<P> | undefined> {
    const services = await this.listEndpointServices(groupId, provider, opts);
    return services.find((service) => sameRegion(provider, region, service.regionName));
  }

  /**
   * `PATCH …/privateEndpoint/endpointService/{endpointServiceId}` (AWS only; no provider in the
   * path). `supportedRemoteRegions` is the complete new list; null or [] removes all.
   */
  async updateEndpointService(
    groupId: string,
    endpointServiceId: string,
    body: UpdateEndpointServiceRequest,
    opts?: CallOptions,
  ): Promise<AwsEndpointService> {
    const path = paths.updateEndpointService(groupId, endpointServiceId);
    const context = await this.sendJson("PATCH", path, body, PE_MEDIA_TYPE, true, opts);
    return decodeEndpointService(parseJsonBody(context, false), "AWS", context);
  }

  /**
   * `DELETE …/privateEndpoint/{provider}/endpointService/{endpointServiceId}` (Atlas answers 202
   * `{}`). A 404 is thrown (use `isNotFound`) unless an earlier attempt of this call may have
   * done the deletion.
   */
  async deleteEndpointService(groupId: string, provider: CloudProvider, endpointServiceId: string, opts?: CallOptions): Promise<void> {
    await this.sendDelete(paths.endpointService(groupId, provider, endpointServiceId), opts);
  }

  // ---- private endpoints (Terraform: mongodbatlas_privatelink_endpoint_service) -----------------

  /**
   * `POST …/privateEndpoint/{provider}/endpointService/{endpointServiceId}/endpoint`. The endpoint
   * id is the caller's (AWS/Azure `id`, GCP `endpointGroupName`), so recovery after an unknown
   * outcome is a GET of that id; a 409 "already exists" after our own earlier attempt does the
   * same. A 409 on the first attempt is thrown.
   */
  async createPrivateEndpoint<P extends CloudProvider>(
    groupId: string,
    provider: P,
    endpointServiceId: string,
    body: CreatePrivateEndpointRequestOf<P>,
    opts?: CallOptions,
  ): Promise<CreatePrivateEndpointResult<P>> {
    const endpointId = privateEndpointIdOf(provider, body);
    const path = paths.privateEndpoints(groupId, provider, endpointServiceId);
    const lookup = async (scope: CallOptions): Promise<PrivateEndpointOf<P> | undefined> => {
      try {
        return await this.getPrivateEndpoint(groupId, provider, endpointServiceId, endpointId, scope);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    };
    const { value, recovered } = await this.createWithRecovery(
      path,
      body,
      lookup,
      (context) => decodePrivateEndpoint(parseJsonBody(context, false), provider, endpointId, context),
      opts,
    );
    return { endpoint: value, recovered };
  }

  /**
   * `GET …/endpointService/{endpointServiceId}/endpoint/{endpointId}`. `endpointId` is the raw id
   * (an Azure ARM id with `/`); it is percent-encoded in the path. Note the order: service id, then
   * endpoint id (the Go SDK's order differs; official-provider.md §2.0).
   */
  async getPrivateEndpoint<P extends CloudProvider>(
    groupId: string,
    provider: P,
    endpointServiceId: string,
    endpointId: string,
    opts?: CallOptions,
  ): Promise<PrivateEndpointOf<P>> {
    const path = paths.privateEndpoint(groupId, provider, endpointServiceId, endpointId);
    const context = await this.send("GET", path, PE_MEDIA_TYPE, opts);
    return decodePrivateEndpoint(parseJsonBody(context, false), provider, endpointId, context);
  }

  /** `DELETE …/endpointService/{endpointServiceId}/endpoint/{endpointId}`; 404 as for deleteEndpointService. */
  async deletePrivateEndpoint(
    groupId: string,
    provider: CloudProvider,
    endpointServiceId: string,
    endpointId: string,
    opts?: CallOptions,
  ): Promise<void> {
    await this.sendDelete(paths.privateEndpoint(groupId, provider, endpointServiceId, endpointId), opts);
  }

  // ---- regionalized private endpoints ------------------------------------------------------------

  /** `GET …/privateEndpoint/regionalMode`. */
  async getRegionalMode(groupId: string, opts?: CallOptions): Promise<RegionalModeSetting> {
    const path = paths.regionalMode(groupId);
    const context = await this.send("GET", path, PE_MEDIA_TYPE, opts);
    return decodeRegionalMode(parseJsonBody(context, false), context);
  }

  /** `PATCH …/privateEndpoint/regionalMode` with `{enabled}` (Atlas answers 202 with the setting). */
  async setRegionalMode(groupId: string, enabled: boolean, opts?: CallOptions): Promise<RegionalModeSetting> {
    const path = paths.regionalMode(groupId);
    const body: RegionalModeSetting = { enabled };
    const context = await this.sendJson("PATCH", path, body, PE_MEDIA_TYPE, true, opts);
    const value = parseJsonBody(context, true);
    return value === undefined || (typeof value === "object" && value !== null && Object.keys(value).length === 0)
      ? body
      : decodeRegionalMode(value, context);
  }

  // ---- projects and clusters ---------------------------------------------------------------------

  /** `POST /api/atlas/v2/groups`. Not re-sent after an unknown outcome (see the class comment). */
  async createProject(body: CreateGroupRequest, opts?: CallOptions): Promise<Group> {
    const path = paths.groups();
    const context = await this.sendJson("POST", path, body, versionedMediaType(PROJECTS_API_VERSION), false, opts);
    return decodeGroup(parseJsonBody(context, false), context);
  }

  /** `GET /api/atlas/v2/groups/{groupId}`. */
  async getProject(groupId: string, opts?: CallOptions): Promise<Group> {
    const path = paths.group(groupId);
    const context = await this.send("GET", path, versionedMediaType(PROJECTS_API_VERSION), opts);
    return decodeGroup(parseJsonBody(context, false), context);
  }

  /** `GET /api/atlas/v2/groups` (one page; `{links, results, totalCount}`). */
  async listProjects(page?: PageOptions, opts?: CallOptions): Promise<Paginated<Group>> {
    const path = paths.groups();
    const context = await this.send("GET", path, versionedMediaType(PROJECTS_API_VERSION), opts, pageQuery(page));
    return decodePage(parseJsonBody(context, false), context, (item) => decodeGroup(item, context));
  }

  /** `DELETE /api/atlas/v2/groups/{groupId}`. */
  async deleteProject(groupId: string, opts?: CallOptions): Promise<void> {
    await this.sendDelete(paths.group(groupId), opts, versionedMediaType(PROJECTS_API_VERSION));
  }

  /**
   * `GET /api/atlas/v2/groups/{groupId}/clusters?includeCount=true&itemsPerPage=100&pageNum=1`
   * with `Accept: application/vnd.atlas.2024-08-05+json`: the first page, as the official
   * provider's cluster-IDLE wait reads it (official-provider.md §2.0, §3.3).
   */
  async listClusters(groupId: string, page?: PageOptions, opts?: CallOptions): Promise<Paginated<ClusterSummary>> {
    const path = paths.clusters(groupId);
    const query = pageQuery({ includeCount: true, itemsPerPage: 100, pageNum: 1, ...definedOnly(page ?? {}) });
    const context = await this.send("GET", path, versionedMediaType(CLUSTERS_API_VERSION), opts, query);
    return decodePage(parseJsonBody(context, false), context, (item) => {
      if (typeof item !== "object" || item === null) throw unexpected(context, "cluster entry is not an object");
      return item as ClusterSummary;
    });
  }

  // ---- escape hatch ------------------------------------------------------------------------------

  /** Any other Atlas call, with the same authentication, retries, timeouts and errors. */
  async request(init: RawRequest, opts?: CallOptions): Promise<RawResponse> {
    const accept = init.accept ?? PE_MEDIA_TYPE;
    const idempotent = init.idempotent ?? init.method !== "POST";
    const request: ExecRequest =
      init.body === undefined
        ? { ...this.plainRequest(init.method, init.path, accept, idempotent), query: init.query }
        : { ...this.jsonRequest(init.method, init.path, init.body, accept, idempotent), query: init.query };
    const result = await this.executor.execute(request, opts);
    if (result.kind !== "response") throw new Error("unreachable: no recovery was given");
    const context = this.context(init.method, init.path, result.response);
    return { status: result.response.status, headers: result.response.headers, body: parseJsonBody(context, true) };
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  private authenticatorFor(credentials: Credentials | undefined, clock: Clock, refreshSkewMs: number): Authenticator | undefined {
    if (credentials === undefined) return undefined;
    const c = credentials as Partial<Record<"publicKey" | "privateKey" | "clientId" | "clientSecret" | "accessToken", unknown>>;
    const kinds = [
      c.publicKey !== undefined || c.privateKey !== undefined,
      c.clientId !== undefined || c.clientSecret !== undefined,
      c.accessToken !== undefined,
    ].filter(Boolean).length;
    if (kinds !== 1) {
      throw new ConfigurationError(
        "credentials must be exactly one of {publicKey, privateKey}, {clientId, clientSecret} or {accessToken}",
      );
    }
    const required = (name: keyof typeof c): string => {
      const value = c[name];
      if (typeof value !== "string" || value === "") throw new ConfigurationError(`credentials.${name} must be a non-empty string`);
      return value;
    };
    if (c.publicKey !== undefined || c.privateKey !== undefined) {
      return new DigestAuthenticator(required("publicKey"), required("privateKey"));
    }
    if (c.clientId !== undefined || c.clientSecret !== undefined) {
      const token = tokenRequest(required("clientId"), required("clientSecret"));
      const fetchToken = async () => {
        const result = await this.executor.execute({
          method: "POST",
          path: token.path,
          headers: token.headers,
          body: token.body,
          // Asking for a token twice only mints two tokens: safe to retry.
          idempotent: true,
          authenticate: false,
          purpose: "token",
          toError: (response, ref) => tokenEndpointError(response, ref),
        });
        if (result.kind !== "response") throw new Error("unreachable: no recovery was given");
        return parseTokenResponse(result.response, { method: "POST", path: token.path });
      };
      return new ServiceAccountAuthenticator(fetchToken, clock, refreshSkewMs);
    }
    return new AccessTokenAuthenticator(required("accessToken"));
  }

  private plainRequest(method: HttpMethod, path: string, accept: string, idempotent: boolean): ExecRequest {
    return { method, path, headers: { Accept: accept }, idempotent, authenticate: true, purpose: "api" };
  }

  private jsonRequest(method: HttpMethod, path: string, body: unknown, mediaType: string, idempotent: boolean): ExecRequest {
    return {
      method,
      path,
      headers: { Accept: mediaType, "Content-Type": mediaType },
      body: JSON.stringify(body),
      idempotent,
      authenticate: true,
      purpose: "api",
    };
  }

  /**
   * A POST that creates an object. When its answer is lost or Atlas says the object exists
   * already, the executor looks it up; when a 2xx answer cannot be read, it is looked up too —
   * found rather than left untracked, or the error says the outcome is unknown.
   */
  private async createWithRecovery<T>(
    path: string,
    body: unknown,
    lookup: (scope: CallOptions) => Promise<T | undefined>,
    decode: (context: DecodeContext) => T,
    opts: CallOptions | undefined,
  ): Promise<{ value: T; recovered: boolean }> {
    const recovery: Recovery<T> = { lookup, isAlreadyExists: (error) => error.status === 409 && /ALREADY_EXISTS/.test(error.errorCode ?? "") };
    const result = await this.executor.execute(this.jsonRequest("POST", path, body, PE_MEDIA_TYPE, false), opts, recovery);
    if (result.kind === "recovered") return { value: result.value, recovered: true };
    try {
      return { value: decode(this.context("POST", path, result.response)), recovered: false };
    } catch (error) {
      const found = await lookup(opts ?? {}).catch(() => undefined);
      if (found !== undefined) return { value: found, recovered: true };
      throw error instanceof UnexpectedResponseError ? markOutcomeUnknown(error) : error;
    }
  }

  private context(method: string, path: string, response: HttpResponse): DecodeContext {
    return { method, path, response };
  }

  private async send(
    method: HttpMethod,
    path: string,
    accept: string,
    opts: CallOptions | undefined,
    query?: ExecRequest["query"],
  ): Promise<DecodeContext> {
    const result = await this.executor.execute({ ...this.plainRequest(method, path, accept, true), query }, opts);
    if (result.kind !== "response") throw new Error("unreachable: no recovery was given");
    return this.context(method, path, result.response);
  }

  private async sendJson(
    method: HttpMethod,
    path: string,
    body: unknown,
    mediaType: string,
    idempotent: boolean,
    opts: CallOptions | undefined,
  ): Promise<DecodeContext> {
    const result = await this.executor.execute(this.jsonRequest(method, path, body, mediaType, idempotent), opts);
    if (result.kind !== "response") throw new Error("unreachable: no recovery was given");
    return this.context(method, path, result.response);
  }

  private async sendDelete(path: string, opts: CallOptions | undefined, accept = PE_MEDIA_TYPE): Promise<void> {
    await this.executor.execute({ ...this.plainRequest("DELETE", path, accept, true), notFoundAfterUnknownIsSuccess: true }, opts);
  }
}

/** The id a private endpoint is addressed by: AWS `vpce-…`, Azure ARM id, GCP endpoint group name. */
function privateEndpointIdOf(provider: CloudProvider, body: CreatePrivateEndpointRequestOf<CloudProvider>): string {
  const id = provider === "GCP" ? (body as CreateGcpEndpointRequest).endpointGroupName : (body as CreateAwsEndpointRequest).id;
  if (typeof id !== "string" || id === "") {
    throw new ConfigurationError(provider === "GCP" ? "endpointGroupName is required" : "id is required");
  }
  return id;
}

/** Whether a requested region (either form) names the Atlas-form `regionName` of a service. */
export function sameRegion(provider: CloudProvider, requested: string, regionName: string): boolean {
  const wanted = resolveRegion(provider, requested)?.atlasName ?? requested.trim().toUpperCase().replaceAll("-", "_");
  const actual = resolveRegion(provider, regionName)?.atlasName ?? regionName;
  return wanted === actual;
}

function pageQuery(page: PageOptions | undefined): Record<string, string | number | boolean> | undefined {
  if (page === undefined) return undefined;
  const query: Record<string, string | number | boolean> = {};
  if (page.includeCount !== undefined) query["includeCount"] = page.includeCount;
  if (page.itemsPerPage !== undefined) query["itemsPerPage"] = page.itemsPerPage;
  if (page.pageNum !== undefined) query["pageNum"] = page.pageNum;
  return Object.keys(query).length > 0 ? query : undefined;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`baseUrl ${JSON.stringify(value)} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(`baseUrl ${JSON.stringify(value)} must use http or https`);
  }
  if (url.search !== "" || url.hash !== "") throw new ConfigurationError(`baseUrl ${JSON.stringify(value)} must not have a query or fragment`);
  return url;
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new ConfigurationError(`${name} must be a ${allowZero ? "non-negative" : "positive"} number of milliseconds`);
  }
  return value;
}

function validateRetry(retry: RetryOptions): void {
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) throw new ConfigurationError("retry.maxAttempts must be an integer ≥ 1");
  for (const key of ["baseDelayMs", "maxDelayMs", "maxElapsedMs", "maxRetryAfterMs"] as const) {
    if (!Number.isFinite(retry[key]) || retry[key] < 0) throw new ConfigurationError(`retry.${key} must be a non-negative number`);
  }
}
