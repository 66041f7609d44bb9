import { ApiError } from "../http/api-error.js";

/** A control API request that is invalid: 400 VALIDATION_ERROR, the detail naming the field
 * (docs/errors.md). */
export function invalid(message: string): ApiError {
  return ApiError.of("VALIDATION_ERROR", [message]);
}
