/**
 * Planning rules of `mongodbatlas_privatelink_endpoint_service` beyond the framework defaults.
 */
import { isCloudProvider } from "@atlas-privatelink/atlas-api";
import {
  UNKNOWN,
  getString,
  isRecord,
  isUnknown,
  path,
  requiresReplaceIf,
  type ModifyPlanRequest,
  type Value,
} from "../../framework/index.js";
import type { ProviderData } from "../common/provider-data.js";
import { getEncodedId } from "../common/state-id.js";

function userEndpoints(v: Value | undefined): string {
  if (!Array.isArray(v)) return "[]";
  return JSON.stringify(v.map((e) => (isRecord(e) ? [e["endpoint_name"] ?? null, e["ip_address"] ?? null] : e)));
}

/** Another endpoint service replaces the endpoint; the same service written the other way (its
 * encoded `id` instead of `private_link_id`, e.g. after an import) is an in-place change of the
 * spelling only (the official provider replaces the endpoint: a needless unlink and relink). */
export const privateLinkIdReplace = requiresReplaceIf("another endpoint service replaces the endpoint", (req) => {
  const planned = req.planned;
  const prior = req.prior;
  if (typeof planned !== "string" || typeof prior !== "string") return true;
  return getEncodedId(planned, "private_link_id") !== getEncodedId(prior, "private_link_id");
});

/** A change to the forwarding rules (names or addresses) replaces the endpoint; their computed
 * `status` never does. */
export const endpointsReplace = requiresReplaceIf("a change to the forwarding rules replaces the endpoint", (req) => {
  if (isUnknown(req.config)) return true;
  return userEndpoints(req.config) !== userEndpoints(req.prior);
});

const STATUS_ATTRIBUTE = { AWS: "aws_connection_status", AZURE: "azure_status", GCP: "gcp_status" } as const;
const USER_ATTRIBUTES = ["project_id", "private_link_id", "endpoint_service_id", "provider_name", "gcp_project_id", "private_endpoint_ip_address"] as const;
const COMPUTED_ONLY = [
  "interface_endpoint_id",
  "private_endpoint_connection_name",
  "private_endpoint_resource_id",
  "delete_requested",
  "error_message",
  "aws_connection_status",
  "azure_status",
  "endpoint_group_name",
  "gcp_status",
  "gcp_endpoint_status",
  "port_mapping_enabled",
] as const;

export function failedStatus(state: { [k: string]: Value }): string | undefined {
  const message = getString(state, "error_message") ?? "";
  const status = getString(state, "aws_connection_status") || getString(state, "azure_status") || getString(state, "gcp_status") || "";
  if (message !== "" || status === "REJECTED" || status === "FAILED") return message || `status ${status}`;
  return undefined;
}

export function modifyPlan(req: ModifyPlanRequest<ProviderData>): void {
  const { prior, plan, diagnostics } = req;
  if (!prior) return;
  const failure = failedStatus(prior);
  const provider = getString(prior, "provider_name");
  if (failure && provider !== null && isCloudProvider(provider)) {
    const attribute = STATUS_ATTRIBUTE[provider];
    diagnostics.addWarning(
      "The private endpoint failed and will be replaced",
      `Atlas reports ${failure} for endpoint ${getString(prior, "endpoint_service_id")}. This plan removes it and links it again; fix the cloud side first if needed (e.g. the VPC endpoint must exist in the service's region).`,
      path(attribute),
    );
    plan[attribute] = UNKNOWN;
    req.requiresReplace.push(path(attribute));
    return;
  }
  const userUnchanged =
    USER_ATTRIBUTES.every((k) => JSON.stringify(plan[k] ?? null) === JSON.stringify(prior[k] ?? null)) &&
    userEndpoints(plan["endpoints"]) === userEndpoints(prior["endpoints"]);
  if (userUnchanged) {
    // Only timeouts / delete_on_create_timeout changed: nothing changes in Atlas.
    for (const k of COMPUTED_ONLY) plan[k] = prior[k] ?? null;
    plan["endpoints"] = prior["endpoints"] ?? [];
  }
}
