/**
 * Import ids of `mongodbatlas_privatelink_endpoint_service`:
 * `{project_id}--{private_link_id}--{endpoint_service_id}--{provider_name}` (the official format).
 * The endpoint id is whatever lies between the second and the last `--`, so Azure resource ids
 * that themselves contain `--` import fine; the resource's encoded `id` is accepted too.
 */
import { isCloudProvider, OBJECT_ID_PATTERN, type CloudProvider } from "@atlas-privatelink/atlas-api";
import { endpointIdProblem } from "../common/checks.js";
import { isEncodedId } from "../common/state-id.js";
import { decodeEndpointId } from "./model.js";

export const IMPORT_FORMAT = "{project_id}--{private_link_id}--{endpoint_service_id}--{provider_name}";
export const IMPORT_EXAMPLE = "5cf5a45a9ccf6400e60981b6--6123456789abcdef01234567--vpce-0123456789abcdef0--AWS";

export type ParsedEndpointImportId =
  | { readonly ok: true; readonly projectId: string; readonly privateLinkId: string; readonly endpointServiceId: string; readonly providerName: CloudProvider }
  | { readonly ok: false; readonly problem: string };

export function parseEndpointImportId(id: string): ParsedEndpointImportId {
  let projectId: string, privateLinkId: string, endpointServiceId: string, provider: string;
  const decoded = isEncodedId(id) && !id.includes("--") ? decodeEndpointId(id) : undefined;
  if (decoded) {
    ({ projectId, privateLinkId, endpointServiceId, providerName: provider } = decoded);
  } else {
    const parts = id.split("--");
    if (parts.length < 4) return { ok: false, problem: `it has ${parts.length} part${parts.length === 1 ? "" : "s"} separated by "--"; 4 are needed` };
    projectId = parts[0]!;
    privateLinkId = parts[1]!;
    provider = parts[parts.length - 1]!;
    endpointServiceId = parts.slice(2, -1).join("--");
  }
  if (!OBJECT_ID_PATTERN.test(projectId)) return { ok: false, problem: `project_id ${JSON.stringify(projectId)} is not a 24-character hexadecimal id` };
  if (!OBJECT_ID_PATTERN.test(privateLinkId)) return { ok: false, problem: `private_link_id ${JSON.stringify(privateLinkId)} is not a 24-character hexadecimal id` };
  if (!isCloudProvider(provider)) return { ok: false, problem: `provider_name ${JSON.stringify(provider)} is not one of AWS, AZURE, GCP (upper case)` };
  const bad = endpointIdProblem(provider, endpointServiceId);
  if (bad) return { ok: false, problem: `endpoint_service_id: ${bad}` };
  return { ok: true, projectId, privateLinkId, endpointServiceId, providerName: provider };
}

export function importIdError(id: string, problem: string): { summary: string; detail: string } {
  return {
    summary: "Invalid import id for mongodbatlas_privatelink_endpoint_service",
    detail: `import format error: to import a MongoDB Private Endpoint, use the format ${IMPORT_FORMAT}, e.g. ${IMPORT_EXAMPLE}.\nGot ${JSON.stringify(id)}: ${problem}.`,
  };
}
