/**
 * Plan-time checks shared by the resources: ids, regions, addresses. Each returns a message that
 * says what is accepted, or undefined when the value is fine.
 */
import {
  AWS_ENDPOINT_ID_PATTERN,
  AZURE_PRIVATE_ENDPOINT_ID_PATTERN,
  GCP_PROJECT_ID_PATTERN,
  GCP_RESOURCE_NAME_PATTERN,
  IP_ADDRESS_PATTERN,
  OBJECT_ID_PATTERN,
  isAtlasRegionName,
  regionsOf,
  resolveRegion,
  type CloudProvider,
} from "@atlas-privatelink/atlas-api";
import { validator, invalidValue } from "../../framework/index.js";

export const objectIdValidator = (what: string) =>
  validator(`a 24-character hexadecimal ${what}`, (req) => {
    if (typeof req.value === "string" && !OBJECT_ID_PATTERN.test(req.value)) {
      invalidValue(req, `Expected a 24-character hexadecimal ${what} such as 5cf5a45a9ccf6400e60981b6; got ${JSON.stringify(req.value)}.`);
    }
  });

const EXAMPLES: Record<CloudProvider, string> = {
  AWS: 'an Atlas name such as "US_EAST_1" or an AWS name such as "us-east-1"',
  AZURE: 'an Atlas name such as "US_EAST_2" or an Azure name such as "eastus2"',
  GCP: 'an Atlas name such as "CENTRAL_US" or a GCP name such as "us-central1"',
};

/** Why `region` is not a region of `provider`, or undefined when it is. */
export function regionProblem(provider: CloudProvider, region: string): string | undefined {
  if (resolveRegion(provider, region)) return undefined;
  const needle = region.toLowerCase().replace(/[^a-z0-9]/g, "");
  const close = regionsOf(provider)
    .flatMap((r) => [r.cloudName, r.atlasName])
    .filter((n): n is string => !!n && n.toLowerCase().replace(/[^a-z0-9]/g, "").startsWith(needle.slice(0, 4)))
    .slice(0, 6);
  const elsewhere = (["AWS", "AZURE", "GCP"] as const).filter((p) => p !== provider && resolveRegion(p, region));
  return (
    `${JSON.stringify(region)} is not a ${provider} region. Use ${EXAMPLES[provider]}.` +
    (elsewhere.length ? ` (It is a ${elsewhere.join("/")} region.)` : "") +
    (close.length ? ` Close matches: ${close.join(", ")}.` : "")
  );
}

/** `supported_remote_regions` entries: Atlas names of AWS regions, not the home region. */
export function remoteRegionProblem(entry: string, homeRegion: string | undefined): string | undefined {
  if (!isAtlasRegionName("AWS", entry)) {
    const resolved = resolveRegion("AWS", entry);
    return resolved
      ? `${JSON.stringify(entry)} must be written as an Atlas region name: ${JSON.stringify(resolved.atlasName)}.`
      : `${JSON.stringify(entry)} is not an AWS region; use Atlas names such as "US_EAST_1" or "EU_WEST_1".`;
  }
  const home = homeRegion !== undefined ? resolveRegion("AWS", homeRegion) : undefined;
  if (home && home.atlasName === entry) return `${JSON.stringify(entry)} is the service's own region; supported_remote_regions lists the other regions that may connect.`;
  return undefined;
}

/** The endpoint id formats Atlas accepts per provider. */
export function endpointIdProblem(provider: CloudProvider, id: string): string | undefined {
  switch (provider) {
    case "AWS":
      return AWS_ENDPOINT_ID_PATTERN.test(id) ? undefined : `Expected the AWS interface endpoint id (the aws_vpc_endpoint's id), such as "vpce-0123456789abcdef0"; got ${JSON.stringify(id)}.`;
    case "AZURE":
      return AZURE_PRIVATE_ENDPOINT_ID_PATTERN.test(id)
        ? undefined
        : `Expected the Azure private endpoint's resource id, "/subscriptions/<uuid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>" (azurerm_private_endpoint.<name>.id); got ${JSON.stringify(id)}.`;
    case "GCP":
      return GCP_RESOURCE_NAME_PATTERN.test(id)
        ? undefined
        : `Expected a GCP resource name (the endpoint group name, or for port-mapped services the forwarding rule name): lower-case letters, digits and hyphens, starting with a letter, at most 63 characters; got ${JSON.stringify(id)}.`;
  }
}

export function ipProblem(ip: string): string | undefined {
  return IP_ADDRESS_PATTERN.test(ip) ? undefined : `Expected an IPv4 address such as "10.0.0.5" (or a full IPv6 address); got ${JSON.stringify(ip)}.`;
}

export function gcpProjectProblem(id: string): string | undefined {
  return GCP_PROJECT_ID_PATTERN.test(id)
    ? undefined
    : `Expected a GCP project id: 6–30 lower-case letters, digits and hyphens, starting with a letter (domain-scoped projects: "example.com:my-project"); got ${JSON.stringify(id)}.`;
}
