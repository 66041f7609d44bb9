/**
 * Import ids of `mongodbatlas_privatelink_endpoint`: `{project_id}-{private_link_id}-{provider_name}-{region}`
 * (the official format; hyphenated regions like `us-east-1` or `us-gov-west-1` are re-joined),
 * or the resource's own encoded `id`.
 */
import { isCloudProvider, OBJECT_ID_PATTERN, type CloudProvider } from "@atlas-privatelink/atlas-api";
import { regionProblem } from "../common/checks.js";
import { isEncodedId } from "../common/state-id.js";
import { decodeServiceId } from "./model.js";

export const IMPORT_FORMAT = "{project_id}-{private_link_id}-{provider_name}-{region}";
export const IMPORT_EXAMPLE = "5cf5a45a9ccf6400e60981b6-6123456789abcdef01234567-AWS-us-east-1";

export type ParsedImportId =
  | { readonly ok: true; readonly projectId: string; readonly privateLinkId: string; readonly providerName: CloudProvider; readonly region: string }
  | { readonly ok: false; readonly problem: string };

export function parseServiceImportId(id: string): ParsedImportId {
  let projectId: string, privateLinkId: string, provider: string, region: string;
  if (isEncodedId(id) && decodeServiceId(id)) {
    ({ projectId, privateLinkId, providerName: provider, region } = decodeServiceId(id)!);
  } else {
    const parts = id.split("-");
    if (parts.length < 4) return { ok: false, problem: `it has ${parts.length} part${parts.length === 1 ? "" : "s"} separated by "-"; 4 or more are needed` };
    [projectId, privateLinkId, provider] = parts as [string, string, string];
    region = parts.slice(3).join("-");
  }
  if (!OBJECT_ID_PATTERN.test(projectId)) return { ok: false, problem: `project_id ${JSON.stringify(projectId)} is not a 24-character hexadecimal id` };
  if (!OBJECT_ID_PATTERN.test(privateLinkId)) return { ok: false, problem: `private_link_id ${JSON.stringify(privateLinkId)} is not a 24-character hexadecimal id` };
  if (!isCloudProvider(provider)) return { ok: false, problem: `provider_name ${JSON.stringify(provider)} is not one of AWS, AZURE, GCP (upper case)` };
  const bad = regionProblem(provider, region);
  if (bad) return { ok: false, problem: bad };
  return { ok: true, projectId, privateLinkId, providerName: provider, region };
}

export function importIdError(id: string, problem: string): { summary: string; detail: string } {
  return {
    summary: "Invalid import id for mongodbatlas_privatelink_endpoint",
    detail:
      `import format error: to import a MongoDB Private Endpoint, use the format ${IMPORT_FORMAT}, e.g. ${IMPORT_EXAMPLE}.\n` +
      `Got ${JSON.stringify(id)}: ${problem}.\n` +
      "Write the region exactly as in your configuration (us-east-1 and US_EAST_1 are both accepted).",
  };
}
