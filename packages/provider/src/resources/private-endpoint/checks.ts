/**
 * Plan-time checks of `mongodbatlas_privatelink_endpoint_service`.
 */
import { isCloudProvider, OBJECT_ID_PATTERN } from "@atlas-privatelink/atlas-api";
import { getString, invalidValue, isRecord, isUnknown, path, validator, type Diagnostics, type Value, type ValueRecord } from "../../framework/index.js";
import { endpointIdProblem, gcpProjectProblem, ipProblem } from "../common/checks.js";
import { getEncodedId, isEncodedId } from "../common/state-id.js";

export const privateLinkIdValidator = validator("a private endpoint service id", (req) => {
  if (typeof req.value !== "string") return;
  const raw = getEncodedId(req.value, "private_link_id");
  if (!OBJECT_ID_PATTERN.test(raw)) {
    invalidValue(
      req,
      isEncodedId(req.value)
        ? `The encoded id does not contain a private_link_id; use mongodbatlas_privatelink_endpoint.<name>.private_link_id.`
        : `Expected the 24-character hexadecimal id of the endpoint service (mongodbatlas_privatelink_endpoint.<name>.private_link_id); got ${JSON.stringify(req.value)}.`,
    );
  }
});

/** Whether an optional input is given: as in the official provider, `""` and an empty list count
 * as absent; a value Terraform does not know yet (a variable at validate, another resource's
 * output at plan) could be either, so no check depends on it until it is known. */
type Presence = "set" | "unset" | "unknown";
function presence(v: Value | undefined): Presence {
  if (v === undefined || v === null) return "unset";
  if (isUnknown(v)) return "unknown";
  if (typeof v === "string") return v === "" ? "unset" : "set";
  if (Array.isArray(v)) return v.length === 0 ? "unset" : "set";
  return "set";
}

export function checkConfig(config: ValueRecord, diagnostics: Diagnostics): void {
  const provider = getString(config, "provider_name");
  if (provider === null || !isCloudProvider(provider)) return;
  const esid = getString(config, "endpoint_service_id");
  const ip = presence(config["private_endpoint_ip_address"]);
  const gcpProject = presence(config["gcp_project_id"]);
  const endpoints = config["endpoints"];
  const hasEndpoints = presence(endpoints);
  const error = (attribute: string, detail: string) => diagnostics.addError(`Invalid value for ${attribute}`, detail, path(attribute));
  // The official provider silently ignores these for the other clouds; so do we, but say so.
  const ignored = (attribute: string, detail: string, at = path(attribute)) => diagnostics.addWarning(`${attribute} is ignored for ${provider}`, detail, at);

  if (esid !== null) {
    const problem = endpointIdProblem(provider, esid);
    if (problem) error("endpoint_service_id", problem);
  }
  const ipValue = getString(config, "private_endpoint_ip_address");
  if (ip === "set" && ipValue !== null && provider !== "AWS") {
    const problem = ipProblem(ipValue);
    if (problem) error("private_endpoint_ip_address", problem);
  }
  switch (provider) {
    case "AWS":
      if (ip === "set") ignored("private_endpoint_ip_address", "private_endpoint_ip_address is only used for AZURE and GCP port-mapped endpoints; AWS takes the address from the interface endpoint. It is not sent to Atlas; remove it to silence this warning.");
      break;
    case "AZURE":
      if (ip === "unset") diagnostics.addError("Missing private_endpoint_ip_address", "`private_endpoint_ip_address` must be set when `provider_name` is `AZURE`: the private IP address of the Azure private endpoint's network interface.", path("private_endpoint_ip_address"));
      break;
    case "GCP": {
      if (gcpProject === "unset") diagnostics.addError("Missing gcp_project_id", "`gcp_project_id` must be set for GCP: the id of your GCP project that holds the forwarding rules.", path("gcp_project_id"));
      else if (gcpProject === "set") {
        const problem = gcpProjectProblem(getString(config, "gcp_project_id") ?? "");
        if (problem) error("gcp_project_id", problem);
      }
      if (ip === "set" && hasEndpoints === "set") {
        diagnostics.addError("Conflicting GCP architectures: private_endpoint_ip_address and endpoints", "for GCP, you must provide exactly one of: `private_endpoint_ip_address` (port-mapped architecture) or `endpoints` (GCP legacy private endpoint architecture), not both.", path("private_endpoint_ip_address"));
      } else if (ip === "unset" && hasEndpoints === "unset") {
        diagnostics.addError("Missing GCP endpoint configuration", "for GCP, you must provide exactly one of: `private_endpoint_ip_address` (port-mapped architecture) or `endpoints` (GCP legacy private endpoint architecture).", path("private_endpoint_ip_address"));
      }
      if (Array.isArray(endpoints)) {
        endpoints.forEach((e, i) => {
          if (!isRecord(e)) return;
          const name = e["endpoint_name"];
          const addr = e["ip_address"];
          if (typeof name === "string") {
            const problem = endpointIdProblem("GCP", name);
            if (problem) diagnostics.addError("Invalid value for endpoints.endpoint_name", problem.replace("the endpoint group name, or for port-mapped services the forwarding rule name", "the forwarding rule name"), path("endpoints", i, "endpoint_name"));
          } else if (name === null) diagnostics.addError("Missing endpoints.endpoint_name", "Each endpoints block needs the forwarding rule's name.", path("endpoints", i, "endpoint_name"));
          if (typeof addr === "string") {
            const problem = ipProblem(addr);
            if (problem) diagnostics.addError("Invalid value for endpoints.ip_address", problem, path("endpoints", i, "ip_address"));
          } else if (addr === null) diagnostics.addError("Missing endpoints.ip_address", "Each endpoints block needs the forwarding rule's IP address.", path("endpoints", i, "ip_address"));
        });
      }
      break;
    }
  }
  if (provider !== "GCP") {
    if (gcpProject === "set") ignored("gcp_project_id", `gcp_project_id is only used for GCP; it is not sent to Atlas for ${provider}. Remove it to silence this warning.`);
    // a block has no expression of its own: Terraform can point at an attribute inside it
    if (hasEndpoints === "set") ignored("endpoints", `endpoints blocks are only used for GCP (legacy architecture); they are not sent to Atlas for ${provider}. Remove them to silence this warning.`, path("endpoints", 0, "endpoint_name"));
  }
}
