/**
 * The configuration the fault and crash campaigns apply: endpoint services on AWS, Azure, GCP
 * (legacy, forwarding rules) and GCP (port-mapped), with several endpoints each — every resource
 * type, provider and wait of the two resources in one apply.
 */
import { TERRAFORM_BLOCK } from "../harness/atlas.js";

export const AZURE_PE = (n: number) => `/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg-campaign/providers/Microsoft.Network/privateEndpoints/pe-${n}`;

export interface MultiCloudShape {
  readonly awsEndpoints: number;
  readonly azureEndpoints: number;
  /** GCP legacy endpoint groups, each with two forwarding rules. */
  readonly gcpGroups: number;
  /** Whether to add a GCP port-mapped service with one endpoint. */
  readonly gcpPortMapped: boolean;
}

export const DEFAULT_SHAPE: MultiCloudShape = { awsEndpoints: 3, azureEndpoints: 2, gcpGroups: 1, gcpPortMapped: true };

/** How many objects the configuration creates: services and endpoints. */
export function objectCount(s: MultiCloudShape = DEFAULT_SHAPE): { services: number; endpoints: number } {
  return { services: 3 + (s.gcpPortMapped ? 1 : 0), endpoints: s.awsEndpoints + s.azureEndpoints + s.gcpGroups + (s.gcpPortMapped ? 1 : 0) };
}

export function multiCloudConfig(projectId: string, s: MultiCloudShape = DEFAULT_SHAPE): string {
  const svc = (name: string, provider: string, region: string, extra = "") =>
    `resource "mongodbatlas_privatelink_endpoint" "${name}" {\n  project_id    = "${projectId}"\n  provider_name = "${provider}"\n  region        = "${region}"\n  ${extra}\n}\n`;
  let hcl = TERRAFORM_BLOCK;
  hcl += svc("aws", "AWS", "us-east-1");
  hcl += svc("azure", "AZURE", "eastus2");
  hcl += svc("gcp", "GCP", "us-central1");
  if (s.gcpPortMapped) hcl += svc("gcp_pm", "GCP", "us-west3", "port_mapping_enabled = true");
  const ep = (name: string, service: string, provider: string, count: number, body: string) =>
    count === 0
      ? ""
      : `resource "mongodbatlas_privatelink_endpoint_service" "${name}" {\n  count               = ${count}\n  project_id          = mongodbatlas_privatelink_endpoint.${service}.project_id\n  private_link_id     = mongodbatlas_privatelink_endpoint.${service}.private_link_id\n  provider_name       = "${provider}"\n  ${body}\n}\n`;
  hcl += ep("aws", "aws", "AWS", s.awsEndpoints, `endpoint_service_id = format("vpce-0c0ffee0000%06x", count.index)`);
  hcl += ep(
    "azure",
    "azure",
    "AZURE",
    s.azureEndpoints,
    `endpoint_service_id         = format("${AZURE_PE(0).replace(/pe-0$/, "pe-%d")}", count.index)\n  private_endpoint_ip_address = format("10.0.0.%d", count.index + 10)`,
  );
  hcl += ep(
    "gcp",
    "gcp",
    "GCP",
    s.gcpGroups,
    `endpoint_service_id = format("campaign-group-%d", count.index)\n  gcp_project_id      = "customer-project-1"\n` +
      `  endpoints {\n    endpoint_name = format("campaign-group-%d-rule-0", count.index)\n    ip_address    = format("10.2.%d.10", count.index)\n  }\n` +
      `  endpoints {\n    endpoint_name = format("campaign-group-%d-rule-1", count.index)\n    ip_address    = format("10.2.%d.11", count.index)\n  }`,
  );
  if (s.gcpPortMapped) {
    hcl += ep("gcp_pm", "gcp_pm", "GCP", 1, `endpoint_service_id         = "campaign-forwarding-rule"\n  gcp_project_id              = "customer-project-1"\n  private_endpoint_ip_address = "10.3.0.7"`);
  }
  return hcl;
}
