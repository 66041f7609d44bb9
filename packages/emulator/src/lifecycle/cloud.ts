import type { CloudProvider } from "@atlas-privatelink/atlas-api";
import type { EndpointRow, Store } from "../store/store.js";

/**
 * The simulated cloud side. Atlas accepts an endpoint only if the cloud object behind it exists
 * (the VPC interface endpoint, the Azure private endpoint, the GCP forwarding rules). By default
 * the emulator pretends every well-formed id exists; in strict mode an id must first be
 * registered through `POST /_emulator/cloud/{provider}/endpoints`, or the endpoint ends
 * REJECTED (AWS) / FAILED (Azure, GCP) with the not-found message (Atlas' for AWS).
 */

/** The registry key of a GCP forwarding rule: `<gcpProjectId>/<forwarding rule name>`. */
export function gcpRuleKey(gcpProjectId: string, endpointName: string): string {
  return `${gcpProjectId}/${endpointName}`;
}

/**
 * The message of an endpoint the simulated cloud does not know. AWS is Atlas' own wording (the
 * Terraform acceptance test expects `Interface endpoint vpce-11111111111111111 was not found.`).
 * DIVERGENCE: cloud-not-found-wording — the Azure and GCP wordings are not recorded; they follow the AWS one.
 */
export function cloudNotFoundMessage(provider: CloudProvider, id: string): string {
  switch (provider) {
    case "AWS":
      return `Interface endpoint ${id} was not found.`;
    case "AZURE":
      return `Private endpoint ${id} was not found.`;
    case "GCP":
      return `Forwarding rule ${id} was not found.`;
  }
}

/** The cloud object behind `endpoint` the registry does not hold (for GCP, its first such
 * forwarding rule), or undefined when it holds them all. */
function unregistered(store: Store, endpoint: EndpointRow): string | undefined {
  if (endpoint.provider === "GCP") {
    const project = endpoint.data.gcpProjectId ?? "";
    return endpoint.data.endpoints?.find((rule) => !store.hasCloudEndpoint("GCP", gcpRuleKey(project, rule.endpointName)))?.endpointName;
  }
  return store.hasCloudEndpoint(endpoint.provider, endpoint.endpointId) ? undefined : endpoint.endpointId;
}

/** The message of `endpoint` when its cloud object is not found: it names the object the registry
 * lacks, else (a fault rule rejecting a known one) the endpoint (for GCP, its first forwarding rule). */
export function notFoundMessage(store: Store, endpoint: EndpointRow): string {
  const first = endpoint.provider === "GCP" ? endpoint.data.endpoints?.[0]?.endpointName : undefined;
  return cloudNotFoundMessage(endpoint.provider, unregistered(store, endpoint) ?? first ?? endpoint.endpointId);
}

/** Why the cloud side refuses this endpoint (its not-found message), or null when it accepts it. */
export function cloudRejection(store: Store, strict: boolean, endpoint: EndpointRow): string | null {
  if (!strict || unregistered(store, endpoint) === undefined) return null;
  return notFoundMessage(store, endpoint);
}
