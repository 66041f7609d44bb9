/**
 * `mongodbatlas_privatelink_endpoint_service` — naming trap: this Terraform resource is an Atlas
 * private **endpoint**: it links one cloud-side endpoint (AWS interface endpoint `vpce-…`, Azure
 * private endpoint, GCP endpoint group / forwarding rule) to an Atlas private endpoint
 * **service** (`mongodbatlas_privatelink_endpoint`). Names, types and flags follow the official
 * provider v2.16.0; differences are listed in docs/differences.md.
 */
import { CLOUD_PROVIDERS } from "@atlas-privatelink/atlas-api";
import { attr, block, keepPriorWhenUnset, oneOf, requiresReplace, timeoutsBlock, useStateForUnknown, type Block, type Schema } from "../../framework/index.js";
import { objectIdValidator } from "../common/checks.js";
import { privateLinkIdValidator } from "./checks.js";
import { endpointsReplace, privateLinkIdReplace } from "./plan.js";

export const TYPE_NAME = "mongodbatlas_privatelink_endpoint_service";
export const TIMEOUT_DEFAULTS = { create: "2h", delete: "2h" } as const;

const stable = { planModifiers: [useStateForUnknown()] };
const c = (description: string, keep = false) => attr.string({ computed: true, description, ...(keep ? stable : {}) });

export const BLOCK: Block = {
  description:
    "Links one cloud-side endpoint to an Atlas private endpoint service. Naming trap: this resource is the Atlas private *endpoint*; " +
    "`mongodbatlas_privatelink_endpoint` is the endpoint *service*. Create and delete wait for the project's clusters to be IDLE. " +
    "Needs the Organization Owner or Project Owner role.",
  attributes: {
    id: attr.string({ optional: true, computed: true, description: "Terraform's identifier (an encoded composite id).", ...stable }),
    project_id: attr.string({ required: true, description: "Unique identifier of the project.", validators: [objectIdValidator("project id")], planModifiers: [requiresReplace()] }),
    private_link_id: attr.string({
      required: true,
      description: "Id of the private endpoint service (`mongodbatlas_privatelink_endpoint.<name>.private_link_id`; its encoded `id` is accepted too).",
      validators: [privateLinkIdValidator],
      planModifiers: [privateLinkIdReplace],
    }),
    endpoint_service_id: attr.string({
      required: true,
      description: "The cloud-side endpoint: AWS interface endpoint id (`vpce-…`), Azure private endpoint resource id, GCP endpoint group name (legacy) or forwarding rule name (port-mapped).",
      planModifiers: [requiresReplace()],
    }),
    provider_name: attr.string({ required: true, description: "Cloud provider: `AWS`, `AZURE` or `GCP`.", validators: [oneOf(CLOUD_PROVIDERS)], planModifiers: [requiresReplace()] }),
    interface_endpoint_id: c("AWS: id of the interface endpoint.", true),
    private_endpoint_connection_name: c("Azure: name of the connection Atlas generates for this private endpoint.", true),
    private_endpoint_ip_address: attr.string({
      optional: true,
      computed: true,
      description: "Private IP address of the endpoint: required for Azure and GCP port-mapped. Changing it replaces the endpoint.",
      planModifiers: [keepPriorWhenUnset(), requiresReplace()],
    }),
    private_endpoint_resource_id: c("Azure: resource id of the private endpoint.", true),
    delete_requested: attr.bool({ computed: true, description: "Whether Atlas received a request to remove the endpoint." }),
    error_message: c("Error message of the endpoint; empty when there is no error."),
    aws_connection_status: c("AWS: `PENDING_ACCEPTANCE`, `PENDING`, `AVAILABLE`, `REJECTED` or `DELETING`."),
    azure_status: c("Azure: `INITIATING`, `AVAILABLE`, `FAILED` or `DELETING`."),
    endpoint_group_name: c("Unused (kept for compatibility with existing state); always empty.", true),
    gcp_project_id: attr.string({ optional: true, computed: true, description: "GCP: the customer's GCP project id (required for GCP).", planModifiers: [keepPriorWhenUnset(), requiresReplace()] }),
    delete_on_create_timeout: attr.bool({ optional: true, computed: true, planModifiers: [keepPriorWhenUnset()], description: "When the create times out, delete the endpoint and wait until it is gone (default `true`). Changing it never replaces the endpoint." }),
    gcp_status: c("GCP: `INITIATING`, `VERIFIED`, `AVAILABLE`, `FAILED`, `DELETING` or `DELETED`."),
    gcp_endpoint_status: c("GCP port-mapped: status of the forwarding rule."),
    port_mapping_enabled: attr.bool({ computed: true, description: "GCP: whether the endpoint service is port-mapped.", ...stable }),
  },
  blocks: {
    endpoints: block.list(
      {
        attributes: {
          endpoint_name: attr.string({ optional: true, description: "Forwarding rule name." }),
          ip_address: attr.string({ optional: true, description: "IP address of the forwarding rule." }),
          status: attr.string({ computed: true, description: "Status of the forwarding rule." }),
        },
      },
      { description: "GCP legacy architecture: the forwarding rules of the endpoint group. Changing them replaces the endpoint.", planModifiers: [endpointsReplace] },
    ),
    timeouts: timeoutsBlock(TIMEOUT_DEFAULTS),
  },
};

export const SCHEMA: Schema = { version: 0, block: BLOCK };
