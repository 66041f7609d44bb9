/**
 * The bad-configuration corpus (issue 7, R3): invalid configurations that must be refused before
 * anything is created — at `terraform validate`, at plan for values only known then — and bad
 * import ids refused at import, each naming the attribute and spelling out what is accepted.
 * Shared by e2e/src/validation.e2e.test.ts (every case, in CI) and the R3 campaign.
 */
export const P = "5cf5a45a9ccf6400e60981b6";
export const L = "6123456789abcdef01234567";
export const ARM = "/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";

export const svc = (provider: string, region: string, extra = "", project = P) =>
  `resource "mongodbatlas_privatelink_endpoint" "x" {\n  project_id    = "${project}"\n  provider_name = "${provider}"\n  region        = "${region}"\n  ${extra}\n}\n`;
export const ep = (provider: string, body: string, link = L) =>
  `resource "mongodbatlas_privatelink_endpoint_service" "x" {\n  project_id      = "${P}"\n  private_link_id = "${link}"\n  provider_name   = "${provider}"\n  ${body}\n}\n`;

export interface Case {
  readonly name: string;
  readonly hcl: string;
  /** The attribute the summary names. */
  readonly attribute: string;
  /** The attribute on the source line Terraform quotes (default: `attribute`). */
  readonly line?: string;
  /** The attribute is absent from the config (Terraform then points at the block). */
  readonly missing?: boolean;
  readonly phrase: RegExp;
  readonly at?: "validate" | "plan";
}

export const AWS_36 = [
  "US_EAST_1", "US_EAST_2", "US_WEST_1", "CA_CENTRAL_1", "EU_NORTH_1", "EU_WEST_1", "EU_WEST_2", "EU_WEST_3", "EU_CENTRAL_1",
  "EU_CENTRAL_2", "AP_EAST_1", "AP_EAST_2", "AP_NORTHEAST_1", "AP_NORTHEAST_2", "AP_NORTHEAST_3", "AP_SOUTHEAST_1", "AP_SOUTHEAST_2",
  "AP_SOUTHEAST_3", "AP_SOUTHEAST_4", "AP_SOUTHEAST_5", "AP_SOUTHEAST_6", "AP_SOUTHEAST_7", "AP_SOUTH_1", "AP_SOUTH_2", "SA_EAST_1",
  "CN_NORTH_1", "CN_NORTHWEST_1", "ME_SOUTH_1", "ME_CENTRAL_1", "AF_SOUTH_1", "EU_SOUTH_1", "EU_SOUTH_2", "IL_CENTRAL_1", "CA_WEST_1",
  "MX_CENTRAL_1", "US_GOV_EAST_1",
];

export const CASES: Case[] = [
  { name: "provider name in lower case", hcl: svc("aws", "us-east-1"), attribute: "provider_name", phrase: /Expected one of "AWS", "AZURE", "GCP"; got "aws"\. Values are case-sensitive\./ },
  { name: "unknown provider", hcl: svc("OCI", "us-east-1"), attribute: "provider_name", phrase: /Expected one of "AWS", "AZURE", "GCP"; got "OCI"/ },
  { name: "Azure region for AWS", hcl: svc("AWS", "eastus2"), attribute: "region", phrase: /"eastus2" is not a AWS region.*It is a AZURE region/ },
  { name: "AWS region for Azure", hcl: svc("AZURE", "us-east-1"), attribute: "region", phrase: /"us-east-1" is not a AZURE region\. Use an Atlas name such as "US_EAST_2" or an Azure name such as "eastus2"/ },
  { name: "no such GCP region", hcl: svc("GCP", "moon-base1"), attribute: "region", phrase: /not a GCP region/ },
  { name: "malformed project id", hcl: svc("AWS", "us-east-1", "", "my-project"), attribute: "project_id", phrase: /24-character hexadecimal project id.*got "my-project"/ },
  { name: "port mapping on AWS", hcl: svc("AWS", "us-east-1", "port_mapping_enabled = true"), attribute: "port_mapping_enabled", phrase: /only supported for GCP/ },
  { name: "port mapping on Azure", hcl: svc("AZURE", "eastus2", "port_mapping_enabled = true"), attribute: "port_mapping_enabled", phrase: /only supported for GCP/ },
  { name: "remote regions on Azure", hcl: svc("AZURE", "eastus2", 'supported_remote_regions = ["US_EAST_1"]'), attribute: "supported_remote_regions", phrase: /only supported for AWS/ },
  { name: "remote regions on GCP", hcl: svc("GCP", "us-central1", 'supported_remote_regions = ["US_EAST_1"]'), attribute: "supported_remote_regions", phrase: /only supported for AWS/ },
  { name: "remote region in cloud form", hcl: svc("AWS", "us-west-2", 'supported_remote_regions = ["us-east-1"]'), attribute: "supported_remote_regions", phrase: /must be written as an Atlas region name: "US_EAST_1"/ },
  { name: "remote regions containing the home region", hcl: svc("AWS", "us-west-2", 'supported_remote_regions = ["US_WEST_2"]'), attribute: "supported_remote_regions", phrase: /the service's own region/ },
  { name: "unknown remote region", hcl: svc("AWS", "us-west-2", 'supported_remote_regions = ["MARS_1"]'), attribute: "supported_remote_regions", phrase: /"MARS_1" is not an AWS region/ },
  { name: "36 remote regions", hcl: svc("AWS", "us-west-2", `supported_remote_regions = ${JSON.stringify(AWS_36)}`), attribute: "supported_remote_regions", phrase: /At most 35 regions are accepted; got 36/ },
  { name: "create timeout not a duration", hcl: svc("AWS", "us-east-1", 'timeouts {\n    create = "forever"\n  }'), attribute: "create", phrase: /Expected a duration such as "30m", "1h30m" or "90s".*got "forever"/ },
  { name: "negative delete timeout", hcl: svc("AWS", "us-east-1", 'timeouts {\n    delete = "-5m"\n  }'), attribute: "delete", phrase: /got "-5m"/ },
  { name: "zero update timeout", hcl: svc("AWS", "us-east-1", 'timeouts {\n    update = "0s"\n  }'), attribute: "update", phrase: /A timeout must be longer than zero/ },
  { name: "AWS endpoint id not a vpce id", hcl: ep("AWS", 'endpoint_service_id = "vpc-0123456789abcdef0"'), attribute: "endpoint_service_id", phrase: /"vpce-0123456789abcdef0"; got "vpc-0123456789abcdef0"/ },
  { name: "Azure endpoint without IP", hcl: ep("AZURE", `endpoint_service_id = "${ARM}"`), attribute: "private_endpoint_ip_address", missing: true, phrase: /`private_endpoint_ip_address` must be set when `provider_name` is `AZURE`/ },
  { name: "Azure endpoint with a bad IP", hcl: ep("AZURE", `endpoint_service_id = "${ARM}"\n  private_endpoint_ip_address = "10.0.0.300"`), attribute: "private_endpoint_ip_address", phrase: /Expected an IPv4 address such as "10\.0\.0\.5".*got "10\.0\.0\.300"/ },
  { name: "Azure endpoint id not an ARM id", hcl: ep("AZURE", 'endpoint_service_id = "pe-atlas"\n  private_endpoint_ip_address = "10.0.0.5"'), attribute: "endpoint_service_id", phrase: /Azure private endpoint's resource id/ },
  { name: "GCP without gcp_project_id", hcl: ep("GCP", 'endpoint_service_id = "rule-1"\n  private_endpoint_ip_address = "10.0.0.5"'), attribute: "gcp_project_id", missing: true, phrase: /`gcp_project_id` must be set for GCP/ },
  { name: "GCP with both IP and endpoints", hcl: ep("GCP", 'endpoint_service_id = "group-1"\n  gcp_project_id = "my-project-1"\n  private_endpoint_ip_address = "10.0.0.5"\n  endpoints {\n    endpoint_name = "rule-1"\n    ip_address    = "10.0.0.6"\n  }'), attribute: "endpoints", line: "private_endpoint_ip_address", phrase: /exactly one of: `private_endpoint_ip_address` \(port-mapped architecture\) or `endpoints`/ },
  { name: "GCP with neither IP nor endpoints", hcl: ep("GCP", 'endpoint_service_id = "group-1"\n  gcp_project_id = "my-project-1"'), attribute: "private_endpoint_ip_address", missing: true, phrase: /exactly one of: `private_endpoint_ip_address`/ },
  { name: "GCP project id with capitals", hcl: ep("GCP", 'endpoint_service_id = "rule-1"\n  gcp_project_id = "My_Project"\n  private_endpoint_ip_address = "10.0.0.5"'), attribute: "gcp_project_id", phrase: /Expected a GCP project id.*got "My_Project"/ },
  { name: "GCP forwarding rule with a bad IP", hcl: ep("GCP", 'endpoint_service_id = "group-1"\n  gcp_project_id = "my-project-1"\n  endpoints {\n    endpoint_name = "rule-1"\n    ip_address    = "300.1.1.1"\n  }'), attribute: "ip_address", phrase: /got "300\.1\.1\.1"/ },
  { name: "GCP forwarding rule with a bad name", hcl: ep("GCP", 'endpoint_service_id = "group-1"\n  gcp_project_id = "my-project-1"\n  endpoints {\n    endpoint_name = "Rule_1"\n    ip_address    = "10.0.0.6"\n  }'), attribute: "endpoint_name", phrase: /forwarding rule name.*got "Rule_1"/ },
  { name: "GCP forwarding rule without an IP address", hcl: ep("GCP", 'endpoint_service_id = "group-1"\n  gcp_project_id = "my-project-1"\n  endpoints {\n    endpoint_name = "rule-1"\n  }'), attribute: "endpoints.ip_address", missing: true, phrase: /Each endpoints block needs the forwarding rule's IP address/ },
  { name: "Azure id of another resource type", hcl: ep("AZURE", `endpoint_service_id = "${ARM.replace("privateEndpoints", "virtualNetworks")}"\n  private_endpoint_ip_address = "10.0.0.5"`), attribute: "endpoint_service_id", phrase: /Azure private endpoint's resource id/ },
  { name: "AWS endpoint id with an underscore", hcl: ep("AWS", 'endpoint_service_id = "vpce_0123456789abcdef0"'), attribute: "endpoint_service_id", phrase: /"vpce-0123456789abcdef0"; got "vpce_0123456789abcdef0"/ },
  { name: "private_link_id not an id", hcl: ep("AWS", 'endpoint_service_id = "vpce-0123456789abcdef0"', "my-service"), attribute: "private_link_id", phrase: /24-character hexadecimal id of the endpoint service/ },
  { name: "endpoint provider in lower case", hcl: ep("gcp", 'endpoint_service_id = "rule-1"'), attribute: "provider_name", phrase: /got "gcp"\. Values are case-sensitive/ },
  { name: "endpoint create timeout with a space", hcl: ep("AWS", 'endpoint_service_id = "vpce-0123456789abcdef0"\n  timeouts {\n    create = "1 hour"\n  }'), attribute: "create", phrase: /got "1 hour"/ },
  { name: "data source with a lower-case provider", hcl: `data "mongodbatlas_privatelink_endpoints" "x" {\n  project_id    = "${P}"\n  provider_name = "azure"\n}\n`, attribute: "provider_name", phrase: /got "azure"/ },
  {
    name: "a region only known at plan time",
    hcl: `resource "terraform_data" "r" {\n  input = "eastus2"\n}\n` + svc("AWS", "us-east-1").replace('region        = "us-east-1"', "region        = terraform_data.r.output"),
    attribute: "region",
    phrase: /"eastus2" is not a AWS region/,
    at: "plan",
  },
];

/** [resource type, import id, what the error must say]; the message also shows an example id. */
export const IMPORT_CASES: [string, string, RegExp][] = [
  ["mongodbatlas_privatelink_endpoint", "not-an-import-id", /import format error: to import a MongoDB Private Endpoint, use the format \{project_id\}-\{private_link_id\}-\{provider_name\}-\{region\}/],
  ["mongodbatlas_privatelink_endpoint", `${P}-${L}-AWS-eastus2`, /"eastus2" is not a AWS region/],
  ["mongodbatlas_privatelink_endpoint_service", `${P}-${L}-vpce-0123456789abcdef0-AWS`, /use the format \{project_id\}--\{private_link_id\}--\{endpoint_service_id\}--\{provider_name\}/],
  ["mongodbatlas_privatelink_endpoint_service", `${P}--${L}--vpce-0123456789abcdef0--aws`, /provider_name "aws" is not one of AWS, AZURE, GCP/],
];
