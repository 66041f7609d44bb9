/**
 * Plan-time checks of `mongodbatlas_privatelink_endpoint_service`.
 */
import { isCloudProvider, OBJECT_ID_PATTERN } from "@atlas-privatelink/atlas-api";
import { getString, invalidValue, isRecord, isUnknown, path, validator, type Diagnostics, type ValueRecord } from "../../framework/index.js";
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

export function checkConfig(config: ValueRecord, diagnostics: Diagnostics): void {
  const provider = getString(config, "provider_name");
  if (provider === null || !isCloudProvider(provider)) return;
  const esid = getString(config, "endpoint_service_id");
  const ip = config["private_endpoint_ip_address"] ?? null;
  const gcpProject = config["gcp_project_id"] ?? null;
  const endpoints = config["endpoints"];
  const hasEndpoints = Array.isArray(endpoints) && endpoints.length > 0;
  const error = (attribute: string, detail: string) => diagnostics.addError(`Invalid value for ${attribute}`, detail, path(attribute));

  if (esid !== null) {
    const problem = endpointIdProblem(provider, esid);
    if (problem) error("endpoint_service_id", problem);
  }
  if (typeof ip === "string") {
    const problem = ipProblem(ip);
    if (problem) error("private_endpoint_ip_address", problem);
  }
  switch (provider) {
    case "AWS":
      if (ip !== null) error("private_endpoint_ip_address", "private_endpoint_ip_address is only used for AZURE and GCP port-mapped endpoints; AWS takes it from the interface endpoint. Remove it.");
      break;
    case "AZURE":
      if (ip === null) diagnostics.addError("Missing private_endpoint_ip_address", "`private_endpoint_ip_address` must be set when `provider_name` is `AZURE`: the private IP address of the Azure private endpoint's network interface.", path("private_endpoint_ip_address"));
      break;
    case "GCP": {
      if (gcpProject === null) diagnostics.addError("Missing gcp_project_id", "`gcp_project_id` must be set for GCP: the id of your GCP project that holds the forwarding rules.", path("gcp_project_id"));
      else if (typeof gcpProject === "string") {
        const problem = gcpProjectProblem(gcpProject);
        if (problem) error("gcp_project_id", problem);
      }
      const endpointsKnown = !isUnknown(endpoints ?? null);
      if (ip !== null && hasEndpoints) {
        diagnostics.addError("Conflicting GCP architectures: private_endpoint_ip_address and endpoints", "for GCP, you must provide exactly one of: `private_endpoint_ip_address` (port-mapped architecture) or `endpoints` (GCP legacy private endpoint architecture), not both.", path("private_endpoint_ip_address"));
      } else if (ip === null && !hasEndpoints && endpointsKnown) {
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
    if (gcpProject !== null) error("gcp_project_id", `gcp_project_id is only used for GCP; remove it for ${provider}.`);
    // a block has no expression of its own: Terraform can point at an attribute inside it
    if (hasEndpoints) diagnostics.addError("Invalid value for endpoints", `endpoints blocks are only used for GCP (legacy architecture); remove them for ${provider}.`, path("endpoints", 0, "endpoint_name"));
  }
}
