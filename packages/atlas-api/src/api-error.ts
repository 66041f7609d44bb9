/**
 * The Atlas error body. Recorded: keys sorted, `Content-Type: application/json` (never the
 * versioned media type), `X-Error-Code` header repeating `errorCode`, `reason` = HTTP reason
 * phrase, `parameters` = the values substituted into `detail` (may be null).
 */
export interface ApiErrorBody {
  readonly detail: string | null;
  readonly error: number;
  readonly errorCode: string;
  readonly parameters: unknown[] | null;
  readonly reason: string;
  readonly badRequestDetail?: { readonly fields: { readonly description: string; readonly field: string }[] };
}

export interface ErrorCodeInfo {
  readonly status: number;
  /** `detail` template; each `%s` takes the next parameter. */
  readonly message: string;
}

/**
 * Error codes this project produces or handles, with their HTTP status and message as Atlas
 * documents them (mongodb/docs `reference/api-errors.txt`, the recorded responses, and the
 * Terraform acceptance tests). The emulator renders errors only from this table.
 */
export const ERROR_CODES = {
  // 400
  PATH_PARAM_PARSE_ERROR: { status: 400, message: "One or more path parameter is invalid. %s" },
  INVALID_ATTRIBUTE: { status: 400, message: "Invalid attribute %s specified." },
  MISSING_ATTRIBUTE: { status: 400, message: "The required attribute %s was not specified." },
  INVALID_JSON: { status: 400, message: "Received JSON does not match expected format." },
  MALFORMED_JSON: { status: 400, message: "Received JSON is malformed." },
  VALIDATION_ERROR: { status: 400, message: "The request content produced the validation error: %s." },
  INVALID_ENUM_VALUE: { status: 400, message: "An invalid enumeration value %s was specified." },
  INVALID_PROVIDER: { status: 400, message: "No provider %s exists." },
  INVALID_REGION: { status: 400, message: "No region %s exists for provider %s." },
  INVALID_QUERY_PARAMETER: { status: 400, message: "Invalid query parameter %s specified." },
  CROSS_REGION_PRIVATE_LINK_SELF_REGION: {
    status: 400,
    message: "Supported remote regions cannot include the region of the private endpoint service %s.",
  },
  // 401 / 403
  UNAUTHORIZED: { status: 401, message: "You are not authorized for this resource." },
  USER_UNAUTHORIZED: { status: 401, message: "Current user is not authorized to perform this action." },
  NOT_IN_GROUP: { status: 401, message: "The current user is not in the group, or the group does not exist." },
  ACCESS_FORBIDDEN: { status: 403, message: "Access to this resource is forbidden for current user." },
  // 404
  RESOURCE_NOT_FOUND: { status: 404, message: "Cannot find resource %s." },
  GROUP_NOT_FOUND: { status: 404, message: "No group with ID %s exists." },
  ORG_NOT_FOUND: { status: 404, message: "No organization with ID %s exists." },
  PRIVATELINK_NOT_FOUND: { status: 404, message: "A PrivateLink with id %s does not exist." },
  // 404, not 400: Atlas' error table (mongodb/docs reference/api-errors.txt) lists it so.
  PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED: {
    status: 404,
    message: "AWS interface endpoint ids must begin with 'vpce-' followed by a series of alphanumeric characters.",
  },
  PROVIDER_UNSUPPORTED: { status: 404, message: "Provider %s not currently supported." },
  NOT_FOUND: { status: 404, message: "Cannot find %s." },
  // 405 / 406 / 409 / 410 / 415
  METHOD_NOT_ALLOWED: { status: 405, message: "Method %s is not allowed for %s." },
  INVALID_VERSION_DATE: { status: 406, message: "Invalid accept header or version date." },
  PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION: {
    status: 409,
    message: "A private endpoint service already exists for %s region %s.",
  },
  PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS: {
    status: 409,
    message: "The PrivateLink already contains an interface endpoint with the specified id %s.",
  },
  CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS: {
    status: 409,
    message: "A PrivateLink with endpoints cannot be deleted. Please delete all endpoints and retry.",
  },
  PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS: {
    status: 409,
    message: "The PrivateLink with the specified id %s is not ready to accept endpoint connection requests.",
  },
  DUPLICATE_GROUP_NAME: { status: 409, message: "A group with name \"%s\" already exists." },
  CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_PRIVATE_ENDPOINT_SERVICES: {
    status: 409,
    message: "Cannot delete a group that has active private endpoint services.",
  },
  VERSION_GONE: { status: 410, message: "Version %s of %s is no longer available." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Unsupported media type %s." },
  REQUEST_ENTITY_TOO_LARGE: { status: 413, message: "The request body exceeds the limit of %s bytes." },
  // 429 / 5xx
  RATE_LIMITED: { status: 429, message: "Resource %s is limited to %s requests every %s minutes." },
  UNEXPECTED_ERROR: { status: 500, message: "Unexpected error." },
  SERVICE_UNAVAILABLE: { status: 503, message: "Service Unavailable." },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** HTTP reason phrases Atlas puts in `reason`. */
export const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Fills a `%s` template with parameters, in order. */
export function formatErrorDetail(template: string, parameters: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%s/g, () => String(parameters[i++] ?? ""));
}

/** Builds an Atlas error body from the table. */
export function apiErrorBody(code: ErrorCode, parameters: readonly unknown[] = [], detail?: string): ApiErrorBody {
  const info: ErrorCodeInfo = ERROR_CODES[code];
  return {
    detail: detail ?? formatErrorDetail(info.message, parameters),
    error: info.status,
    errorCode: code,
    parameters: [...parameters],
    reason: REASON_PHRASES[info.status] ?? "Error",
  };
}

/** True when a parsed JSON value has the Atlas error shape (`error` number + `errorCode`). */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v["error"] === "number" && typeof v["errorCode"] === "string";
}
