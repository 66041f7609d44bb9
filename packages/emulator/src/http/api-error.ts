import {
  ERROR_CODES,
  REASON_PHRASES,
  formatErrorDetail,
  type ApiErrorBody,
  type ErrorCode,
  type ErrorCodeInfo,
} from "@atlas-privatelink/atlas-api";

/**
 * DIVERGENCE: emulator-error-codes — codes only the emulator produces (not Atlas codes): the control API's access refusal, and a
 * request so malformed that Node's HTTP parser rejects it, or an HTTP/1.1 request without Host
 * (where Atlas' edge proxy would answer with its own non-JSON 400). Listed in docs/errors.md beside the Atlas codes.
 */
export const EMULATOR_ERROR_CODES = {
  MALFORMED_HTTP_REQUEST: { status: 400, message: "The HTTP request could not be parsed." },
  CONTROL_API_FORBIDDEN: {
    status: 403,
    message: "The emulator control API only answers loopback clients, or clients that present the control token.",
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type EmulatorErrorCode = keyof typeof EMULATOR_ERROR_CODES;
export type KnownErrorCode = ErrorCode | EmulatorErrorCode;

function infoOf(code: KnownErrorCode): ErrorCodeInfo {
  return code in ERROR_CODES ? ERROR_CODES[code as ErrorCode] : EMULATOR_ERROR_CODES[code as EmulatorErrorCode];
}

/**
 * An error answer in the Atlas shape. Handlers throw these; one renderer turns them into
 * `Content-Type: application/json` + `X-Error-Code` + `{detail, error, errorCode, parameters,
 * reason}` (keys sorted, as recorded). Anything else thrown is a bug: a logged 500.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly detail: string | null;
  readonly parameters: unknown[] | null;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;

  constructor(init: {
    status: number;
    errorCode: string;
    detail: string | null;
    parameters: unknown[] | null;
    headers?: Record<string, string | readonly string[]>;
  }) {
    super(`${init.status} ${init.errorCode}: ${init.detail ?? ""}`);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.parameters = init.parameters;
    this.headers = init.headers ?? {};
  }

  /** An error from the table, its `%s` filled with `parameters` in order. */
  static of(code: KnownErrorCode, parameters: readonly unknown[] = [], options: { detail?: string; headers?: Record<string, string | readonly string[]> } = {}): ApiError {
    const info = infoOf(code);
    return new ApiError({
      status: info.status,
      errorCode: code,
      detail: options.detail ?? formatErrorDetail(info.message, parameters),
      parameters: [...parameters],
      ...(options.headers ? { headers: options.headers } : {}),
    });
  }

  body(): ApiErrorBody {
    return {
      detail: this.detail,
      error: this.status,
      errorCode: this.errorCode,
      parameters: this.parameters,
      reason: REASON_PHRASES[this.status] ?? "Error",
    };
  }
}

/** Every code the emulator can answer with (docs/errors.md lists exactly these). */
export function allEmulatorErrorCodes(): string[] {
  return [...Object.keys(ERROR_CODES), ...Object.keys(EMULATOR_ERROR_CODES)].sort();
}
