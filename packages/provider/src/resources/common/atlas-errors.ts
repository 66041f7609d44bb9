/**
 * Turns client errors into diagnostics that say what happened (with Atlas' errorCode), and who
 * should do what about it. Callers branch on error codes, never on message text.
 */
import { AtlasApiError, AtlasClientError, AuthenticationError } from "@atlas-privatelink/client";
import type { Diagnostics } from "../../framework/diagnostics.js";
import type { AttributePath } from "../../framework/path.js";

const ADVICE: Readonly<Record<string, string>> = {
  PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION:
    "Atlas allows one private endpoint service per project, cloud provider and region. Import the existing one instead of creating it, or use another region.",
  CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS:
    "Delete the private endpoints linked to this service first (their mongodbatlas_privatelink_endpoint_service resources). Terraform does this in order when those resources reference this one.",
  PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS: "The endpoint service is not ready to accept endpoints yet (it is still being created, or it failed). Wait until its status is AVAILABLE.",
  PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS: "This endpoint is already linked to the service. Import it instead of creating it.",
  GROUP_NOT_FOUND: "Check project_id: the project does not exist, or the API key cannot see it.",
  INVALID_GROUP_ID: "Check project_id: it must be a 24-character hexadecimal project id.",
  NOT_IN_GROUP: "The API key or service account has no access to this project. Give it the Project Owner (or Organization Owner) role.",
  USER_UNAUTHORIZED: "The API key or service account lacks the role for this action. Writes need Organization Owner or Project Owner.",
  ACCESS_FORBIDDEN: "Access is forbidden for these credentials (role, or an API access list that does not include this machine's address).",
  IP_ADDRESS_NOT_ON_WHITELIST: "Add this machine's address to the API key's access list.",
  PATH_PARAM_PARSE_ERROR: "An id in the request is malformed: project_id and private_link_id are 24-character hexadecimal ids.",
  INVALID_REGION: "The region is not a region of this cloud provider.",
  INVALID_ATTRIBUTE: "A value was refused; supported_remote_regions take Atlas region names such as US_EAST_1.",
  CROSS_REGION_PRIVATE_LINK_SELF_REGION: "supported_remote_regions must not contain the service's own region.",
  PROVIDER_UNSUPPORTED: "supported_remote_regions is only available for AWS.",
  RATE_LIMITED: "Atlas rate-limited the requests and retries did not get through. Run with a lower -parallelism, or retry later.",
  RATE_LIMITED_TOKEN_BUCKET: "Atlas rate-limited the requests and retries did not get through. Run with a lower -parallelism, or retry later.",
  RESOURCE_NOT_FOUND: "The object does not exist (any more) in Atlas.",
};

/** Adds an error diagnostic for a failed Atlas call. `action` completes "Error <action>". */
export function addAtlasError(diagnostics: Diagnostics, action: string, error: unknown, path?: AttributePath, extra?: string): void {
  const { summary, detail } = describeAtlasError(action, error);
  diagnostics.addError(summary, extra ? `${detail}\n\n${extra}` : detail, path);
}

export function describeAtlasError(action: string, error: unknown): { summary: string; detail: string } {
  if (error instanceof AtlasApiError) {
    const advice = error.errorCode ? ADVICE[error.errorCode] : undefined;
    return {
      summary: `Error ${action}`,
      detail:
        `Atlas answered HTTP ${error.status} ${error.errorCode ?? "(no errorCode)"}: ${error.detail ?? error.reason ?? ""}`.trim() +
        ` (${error.method} ${error.path}).` +
        (advice ? `\n\n${advice}` : ""),
    };
  }
  if (error instanceof AuthenticationError) {
    return {
      summary: `Error ${action}: authentication failed`,
      detail: `${error.message}\n\nCheck the provider's credentials (public_key/private_key, client_id/client_secret or access_token, or their MONGODB_ATLAS_* environment variables) and base_url.`,
    };
  }
  if (error instanceof AtlasClientError) {
    const hint =
      error.code === "NETWORK_ERROR"
        ? "\n\nCheck that base_url is reachable from this machine."
        : error.code === "TIMEOUT"
          ? "\n\nAtlas did not answer in time; retry, or raise the resource's timeouts."
          : "";
    return { summary: `Error ${action}`, detail: `${error.message} (${error.code})${hint}` };
  }
  return { summary: `Error ${action}`, detail: error instanceof Error ? error.message : String(error) };
}
