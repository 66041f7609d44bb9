/**
 * The whole public surface of the Atlas Admin API client. Everything else in this package is
 * internal and may change.
 */
export {
  AtlasClient,
  sameRegion,
  type AccessTokenCredentials,
  type AtlasClientOptions,
  type CallOptions,
  type CreateEndpointServiceRequestOf,
  type CreateEndpointServiceResult,
  type CreatePrivateEndpointRequestOf,
  type CreatePrivateEndpointResult,
  type Credentials,
  type DigestCredentials,
  type LegacyEndpointService,
  type PageOptions,
  type RawRequest,
  type RawResponse,
  type ServiceAccountCredentials,
} from "./client.js";
export {
  ATLAS_BASE_URL,
  baseUrlFrom,
  credentialsInEnvironment,
  resolveCredentials,
  type CredentialInputs,
  type Environment,
  type ResolvedCredentials,
} from "./credentials.js";
export type { EndpointServiceOf, PrivateEndpointOf } from "./decode.js";
export {
  AbortedError,
  AtlasApiError,
  AtlasClientError,
  AuthenticationError,
  CLIENT_ERROR_CODES,
  ConfigurationError,
  isAtlasApiError,
  isClientError,
  isNotFound,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
  type AuthScheme,
  type ClientErrorCode,
} from "./errors.js";
export type { ClientHooks, RequestEvent, RequestPurpose, ResponseEvent, RetryEvent } from "./executor.js";
export {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_OPTIONS,
  parseRetryAfter,
  RETRYABLE_SERVER_STATUSES,
  type AttemptOutcome,
  type RetryDecision,
  type RetryInput,
  type RetryOptions,
  type RetryReason,
  type StopReason,
} from "./retry-policy.js";
export type { Clock } from "./service-account.js";
export { realSleep, type HttpMethod, type Sleep } from "./transport.js";
export { CLIENT_VERSION, defaultUserAgent } from "./version.js";
// The wire types the operations take and return, so callers need only this package.
export type {
  AwsEndpointService,
  AwsPrivateEndpoint,
  AzureEndpointService,
  AzurePrivateEndpoint,
  CloudProvider,
  ClusterSummary,
  CreateAwsEndpointRequest,
  CreateAzureEndpointRequest,
  CreateEndpointServiceRequest,
  CreateGcpEndpointRequest,
  CreateGroupRequest,
  CreatePrivateEndpointRequest,
  EndpointService,
  GcpEndpointService,
  GcpPrivateEndpoint,
  Group,
  Paginated,
  PrivateEndpoint,
  RegionalModeSetting,
  UpdateEndpointServiceRequest,
} from "@atlas-privatelink/atlas-api";
