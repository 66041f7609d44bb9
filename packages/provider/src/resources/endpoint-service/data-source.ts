/**
 * Data source `mongodbatlas_privatelink_endpoint`: one Atlas private endpoint service, by id.
 * `private_link_id` also accepts the resource's encoded `id`.
 */
import { CLOUD_PROVIDERS } from "@atlas-privatelink/atlas-api";
import type { CloudProvider, EndpointService } from "@atlas-privatelink/client";
import { attr, getString, oneOf, record, StringType, type DataSourceType} from "../../framework/index.js";
import { addAtlasError } from "../common/atlas-errors.js";
import { objectIdValidator } from "../common/checks.js";
import type { ProviderData } from "../common/provider-data.js";
import { encodeStateId, getEncodedId } from "../common/state-id.js";
import { serviceComputedValues } from "./model.js";

const c = (description: string) => attr.string({ computed: true, description });
const cl = (description: string) => attr.list(StringType, { computed: true, description });

/** The computed attributes shared by this data source and each `results` element of the plural
 * one. */
export const SERVICE_COMPUTED = {
  endpoint_service_name: c("AWS: name of the PrivateLink endpoint service."),
  error_message: c("Error message of the service; empty when there is none."),
  interface_endpoints: cl("AWS: ids of the linked interface endpoints."),
  private_endpoints: cl("Azure: resource ids of the linked private endpoints."),
  private_link_service_name: c("Azure: name of the Private Link Service."),
  private_link_service_resource_id: c("Azure: resource id of the Private Link Service."),
  status: c("Status of the service."),
  endpoint_group_names: cl("GCP: linked endpoint groups."),
  region_name: c("Region, in Atlas form."),
  service_attachment_names: cl("GCP: service attachments."),
  port_mapping_enabled: attr.bool({ computed: true, description: "GCP: whether the service is port-mapped." }),
  supported_remote_regions: attr.set(StringType, { computed: true, description: "AWS: remote regions allowed to connect." }),
};

export const endpointServiceDataSource = {
  typeName: "mongodbatlas_privatelink_endpoint",
  schema: {
    version: 0,
    block: {
      description: "Reads one Atlas private endpoint service (the object `mongodbatlas_privatelink_endpoint` manages).",
      attributes: {
        id: attr.string({ optional: true, computed: true, description: "Encoded identifier of this data source." }),
        project_id: attr.string({ required: true, description: "Unique identifier of the project.", validators: [objectIdValidator("project id")] }),
        private_link_id: attr.string({ required: true, description: "Id of the private endpoint service (or the resource's encoded `id`)." }),
        provider_name: attr.string({ required: true, description: "Cloud provider: `AWS`, `AZURE` or `GCP`.", validators: [oneOf(CLOUD_PROVIDERS)] }),
        ...SERVICE_COMPUTED,
      },
    },
  },
  async read({ config, providerData: pd, signal, diagnostics }) {
    const projectId = getString(config, "project_id")!;
    const provider = getString(config, "provider_name") as CloudProvider;
    const privateLinkId = getEncodedId(getString(config, "private_link_id")!, "private_link_id");
    let service: EndpointService;
    try {
      service = await pd.client.getEndpointService(projectId, provider, privateLinkId, { signal });
    } catch (error) {
      addAtlasError(diagnostics, `reading MongoDB Private Endpoints Connection(${privateLinkId})`, error);
      return null;
    }
    return record({
      ...config,
      id: encodeStateId({ private_link_id: service.id, project_id: projectId, provider_name: provider }),
      ...serviceComputedValues(service, null),
    });
  },
} satisfies DataSourceType<ProviderData>;
