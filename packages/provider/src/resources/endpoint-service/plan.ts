/**
 * Planning rules of `mongodbatlas_privatelink_endpoint` beyond the framework defaults.
 */
import { MAX_SUPPORTED_REMOTE_REGIONS, isCloudProvider, resolveRegion } from "@atlas-privatelink/atlas-api";
import {
  UNKNOWN,
  getString,
  isUnknown,
  path,
  planModifier,
  type Diagnostics,
  type ModifyPlanRequest,
  type PlanModifier,
  type Value,
  type ValueRecord,
} from "../../framework/index.js";
import { regionProblem, remoteRegionProblem } from "../common/checks.js";
import type { ProviderData } from "../common/provider-data.js";

/** Another spelling of the same region (`us-east-1` vs `US_EAST_1`) is not a change (the prior
 * spelling is kept, as Terraform allows); a different region replaces the service. */
export function regionModifier(): PlanModifier {
  return planModifier("another spelling of the same region is not a change; a different region replaces the service", (req, resp) => {
    if (req.prior === undefined || req.prior === null) return;
    const config = req.config;
    if (isUnknown(config)) {
      resp.requiresReplace = true;
      return;
    }
    if (typeof config !== "string" || typeof req.prior !== "string" || config === req.prior) return;
    const provider = getString(req.priorObject, "provider_name");
    if (provider && isCloudProvider(provider)) {
      const a = resolveRegion(provider, config);
      const b = resolveRegion(provider, req.prior);
      if (a && b && a.atlasName === b.atlasName) {
        resp.planned = req.prior;
        return;
      }
    }
    resp.requiresReplace = true;
  });
}

/** Left out = keep what the service has (false on create, as Atlas reports); a change of the
 * architecture replaces the service (Atlas cannot change it in place). */
export function portMappingModifier(): PlanModifier {
  return planModifier("left out keeps the current architecture; a change replaces the service", (req, resp) => {
    if (req.config === null) resp.planned = req.prior === undefined ? false : req.prior;
    if (req.prior === undefined || isUnknown(resp.planned)) {
      if (req.prior !== undefined && isUnknown(resp.planned)) resp.requiresReplace = true;
      return;
    }
    if ((req.prior ?? false) !== (resp.planned ?? false)) resp.requiresReplace = true;
  });
}

function regionsOf(v: Value | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** `[]` and null both mean "no remote regions"; leaving the attribute out removes them (as in
 * the official provider), without showing a change when there are none. */
export function remoteRegionsModifier(): PlanModifier {
  return planModifier("left out or [] removes every remote region", (req, resp) => {
    if (req.config !== null) return;
    if (req.prior === undefined) resp.planned = null;
    else resp.planned = regionsOf(req.prior).length === 0 ? req.prior : null;
  });
}

export function sameRemoteRegions(a: Value | undefined, b: Value | undefined): boolean {
  const x = new Set(regionsOf(a));
  const y = new Set(regionsOf(b));
  return x.size === y.size && [...x].every((r) => y.has(r));
}

/** Plan-time checks (validateConfig: the framework runs it at validate and again at plan, when late values are known). */
export function checkConfig(config: ValueRecord, diagnostics: Diagnostics): void {
  const provider = getString(config, "provider_name");
  const known = provider !== null && isCloudProvider(provider) ? provider : undefined;
  const region = getString(config, "region");
  if (known && region !== null) {
    const problem = regionProblem(known, region);
    if (problem) diagnostics.addError("Invalid value for region", problem, path("region"));
  }
  if (config["port_mapping_enabled"] === true && known && known !== "GCP") {
    diagnostics.addError("Invalid value for port_mapping_enabled", `port_mapping_enabled is only supported for GCP provider; ${known} endpoint services have one architecture. Remove it or set it to false.`, path("port_mapping_enabled"));
  }
  const remote = config["supported_remote_regions"];
  if (Array.isArray(remote) && remote.length > 0) {
    const at = path("supported_remote_regions");
    if (known && known !== "AWS") {
      diagnostics.addError("Invalid value for supported_remote_regions", `supported_remote_regions is only supported for AWS (cross-region PrivateLink); ${known} services cannot have remote regions.`, at);
    } else {
      if (remote.length > MAX_SUPPORTED_REMOTE_REGIONS) {
        diagnostics.addError("Invalid value for supported_remote_regions", `At most ${MAX_SUPPORTED_REMOTE_REGIONS} regions are accepted; got ${remote.length}.`, at);
      }
      for (const entry of remote) {
        if (typeof entry !== "string") continue;
        const problem = remoteRegionProblem(entry, region ?? undefined);
        if (problem) diagnostics.addError("Invalid value for supported_remote_regions", problem, at);
      }
    }
  }
}

const USER_ATTRIBUTES = ["project_id", "provider_name", "region", "port_mapping_enabled"] as const;
const COMPUTED_ONLY = [
  "private_link_id",
  "endpoint_service_name",
  "error_message",
  "interface_endpoints",
  "private_endpoints",
  "private_link_service_name",
  "private_link_service_resource_id",
  "status",
  "endpoint_group_names",
  "region_name",
  "service_attachment_names",
] as const;

export function modifyPlan(req: ModifyPlanRequest<ProviderData>): void {
  const { prior, plan, diagnostics } = req;
  if (!prior) return;
  if (getString(prior, "status") === "FAILED" || (getString(prior, "error_message") ?? "") !== "") {
    // A failed service cannot recover: offer the way out instead of blocking every plan.
    diagnostics.addWarning(
      "The private endpoint service failed and will be replaced",
      `Atlas reports status ${getString(prior, "status")} for ${getString(prior, "private_link_id")}: ${getString(prior, "error_message") || "no message"}. This plan deletes it and creates it again.`,
      path("status"),
    );
    plan["status"] = UNKNOWN;
    req.requiresReplace.push(path("status"));
    return;
  }
  const remoteUnchanged = sameRemoteRegions(plan["supported_remote_regions"], prior["supported_remote_regions"]) && !isUnknown(plan["supported_remote_regions"] ?? null);
  const userUnchanged = USER_ATTRIBUTES.every((k) => JSON.stringify(plan[k] ?? null) === JSON.stringify(prior[k] ?? null));
  if (remoteUnchanged && userUnchanged) {
    // Only timeouts / delete_on_create_timeout changed: nothing changes in Atlas.
    for (const k of COMPUTED_ONLY) plan[k] = prior[k] ?? null;
  }
}
