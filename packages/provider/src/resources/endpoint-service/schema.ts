/**
 * `mongodbatlas_privatelink_endpoint` — naming trap: this Terraform resource is the Atlas private
 * endpoint **service** (one per project + cloud provider + region); the cloud-side endpoints are
 * linked to it by `mongodbatlas_privatelink_endpoint_service`, which is the Atlas private
 * **endpoint**. Attribute names, types and flags follow the official provider v2.16.0; the
 * deliberate differences are listed in docs/differences.md.
 */
import { CLOUD_PROVIDERS } from "@atlas-privatelink/atlas-api";
import { attr, keepPriorWhenUnset, oneOf, requiresReplace, StringType, timeoutsBlock, useStateForUnknown, type Block, type Schema } from "../../framework/index.js";
import { objectIdValidator } from "../common/checks.js";
import { portMappingModifier, regionModifier, remoteRegionsModifier } from "./plan.js";

export const TYPE_NAME = "mongodbatlas_privatelink_endpoint";

export const TIMEOUT_DEFAULTS = { create: "1h", update: "1h", delete: "1h" } as const;

const computedString = (description: string, stable = false) =>
  attr.string({ computed: true, description, ...(stable ? { planModifiers: [useStateForUnknown()] } : {}) });
const computedList = (description: string, stable = false) =>
  attr.list(StringType, { computed: true, description, ...(stable ? { planModifiers: [useStateForUnknown()] } : {}) });

export const BLOCK: Block = {
  description:
    "An Atlas private endpoint service for AWS PrivateLink, Azure Private Link or GCP Private Service Connect. " +
    "Naming trap: this resource is the Atlas endpoint *service*; `mongodbatlas_privatelink_endpoint_service` links a cloud endpoint to it. " +
    "Needs the Organization Owner or Project Owner role.",
  attributes: {
    id: attr.string({ optional: true, computed: true, description: "Terraform's identifier (an encoded composite id); use `private_link_id` instead.", planModifiers: [useStateForUnknown()] }),
    project_id: attr.string({ required: true, description: "Unique identifier of the Atlas project (24 hexadecimal characters).", validators: [objectIdValidator("project id")], planModifiers: [requiresReplace()] }),
    provider_name: attr.string({ required: true, description: "Cloud provider: `AWS`, `AZURE` or `GCP` (case-sensitive).", validators: [oneOf(CLOUD_PROVIDERS)], planModifiers: [requiresReplace()] }),
    region: attr.string({
      required: true,
      description: "Cloud provider region, in Atlas form (`US_EAST_1`) or the cloud's form (`us-east-1`, `eastus2`, `us-central1`). Kept as written; another spelling of the same region is not a change.",
      planModifiers: [regionModifier()],
    }),
    private_link_id: computedString("Unique identifier of the private endpoint service (Atlas `id`).", true),
    endpoint_service_name: computedString("AWS: name of the PrivateLink endpoint service; empty while it is being created.", true),
    error_message: computedString("Error message of the service; empty when there is no error."),
    interface_endpoints: computedList("AWS: ids of the interface endpoints linked to the service."),
    private_endpoints: computedList("Azure: resource ids of the private endpoints linked to the service."),
    private_link_service_name: computedString("Azure: name of the Private Link Service that Atlas manages.", true),
    private_link_service_resource_id: computedString("Azure: resource id of the Private Link Service that Atlas manages.", true),
    status: computedString("Status: `INITIATING`, `AVAILABLE`, `WAITING_FOR_USER` (AWS), `FAILED` or `DELETING`."),
    endpoint_group_names: computedList("GCP: endpoint groups linked to the service."),
    region_name: computedString("Region of the service, in Atlas form (e.g. `US_EAST_1`).", true),
    service_attachment_names: computedList("GCP: service attachments of the service (one per node for the legacy architecture, one when port-mapped); empty while creating."),
    port_mapping_enabled: attr.bool({
      optional: true,
      computed: true,
      description: "GCP only: create a port-mapped service (one service attachment for up to 150 nodes) instead of the legacy architecture. Changing it replaces the service.",
      planModifiers: [portMappingModifier()],
    }),
    supported_remote_regions: attr.set(StringType, {
      optional: true,
      computed: true,
      description: "AWS only: other AWS regions (Atlas names such as `EU_WEST_1`, at most 35, not the service's own region) allowed to connect cross-region. Updated in place; `[]` or leaving it out removes them.",
      planModifiers: [remoteRegionsModifier()],
    }),
    delete_on_create_timeout: attr.bool({
      optional: true,
      computed: true,
      planModifiers: [keepPriorWhenUnset()],
      description: "When the create times out, delete the service and wait until it is gone (default `true`). Changing it never replaces the service.",
    }),
  },
  blocks: {
    timeouts: timeoutsBlock(TIMEOUT_DEFAULTS),
  },
};

export const SCHEMA: Schema = { version: 0, block: BLOCK };

