/**
 * Data source `mongodbatlas_privatelink_endpoint_service`: one Atlas private endpoint linked to
 * an endpoint service. `private_link_id` and `endpoint_service_id` accept encoded ids too.
 */
import { CLOUD_PROVIDERS } from "@atlas-privatelink/atlas-api";
import type { CloudProvider, PrivateEndpoint } from "@atlas-privatelink/client";
import { attr, getString, objectOf, oneOf, record, StringType, type DataSourceType } from "../../framework/index.js";
import { addAtlasError } from "../common/atlas-errors.js";
import { objectIdValidator } from "../common/checks.js";
import type { ProviderData } from "../common/provider-data.js";
import { encodeStateId, getEncodedId } from "../common/state-id.js";
import { endpointState, portMappingInconsistency } from "./model.js";

const c = (description: string) => attr.string({ computed: true, description });

export const privateEndpointDataSource = {
  typeName: "mongodbatlas_privatelink_endpoint_service",
  schema: {
    version: 0,
    block: {
      description: "Reads one Atlas private endpoint (the object `mongodbatlas_privatelink_endpoint_service` manages).",
      attributes: {
        id: attr.string({ optional: true, computed: true, description: "Encoded identifier of this data source." }),
        project_id: attr.string({ required: true, description: "Unique identifier of the project.", validators: [objectIdValidator("project id")] }),
        private_link_id: attr.string({ required: true, description: "Id of the private endpoint service." }),
        endpoint_service_id: attr.string({ required: true, description: "The cloud-side endpoint id (AWS vpce id, Azure resource id, GCP endpoint group name)." }),
        provider_name: attr.string({ required: true, description: "Cloud provider: `AWS`, `AZURE` or `GCP`.", validators: [oneOf(CLOUD_PROVIDERS)] }),
        interface_endpoint_id: c("AWS: id of the interface endpoint."),
        private_endpoint_connection_name: c("Azure: name of the private endpoint connection."),
        private_endpoint_ip_address: c("Private IP address of the endpoint (Azure, GCP port-mapped)."),
        private_endpoint_resource_id: c("Azure: resource id of the private endpoint."),
        delete_requested: attr.bool({ computed: true, description: "Whether Atlas received a request to remove the endpoint." }),
        error_message: c("Error message; empty when there is none."),
        aws_connection_status: c("AWS: status of the interface endpoint."),
        azure_status: c("Azure: status of the private endpoint."),
        endpoints: attr.list(objectOf({ endpoint_name: StringType, ip_address: StringType, status: StringType }), { computed: true, description: "GCP legacy: the forwarding rules." }),
        gcp_status: c("GCP: status of the endpoint group."),
        gcp_endpoint_status: c("GCP port-mapped: status of the forwarding rule."),
        gcp_project_id: c("GCP: the customer's GCP project id."),
        port_mapping_enabled: attr.bool({ computed: true, description: "GCP: whether the endpoint service is port-mapped." }),
      },
    },
  },
  async read({ config, providerData: pd, signal, diagnostics }) {
    const projectId = getString(config, "project_id")!;
    const provider = getString(config, "provider_name") as CloudProvider;
    const privateLinkId = getEncodedId(getString(config, "private_link_id")!, "private_link_id");
    const endpointServiceId = getEncodedId(getString(config, "endpoint_service_id")!, "endpoint_service_id");
    let endpoint: PrivateEndpoint;
    try {
      endpoint = await pd.client.getPrivateEndpoint(projectId, provider, privateLinkId, endpointServiceId, { signal });
    } catch (error) {
      addAtlasError(diagnostics, `reading MongoDB Private Service Endpoint Connection(${endpointServiceId})`, error);
      return null;
    }
    const inconsistency = portMappingInconsistency(endpoint);
    if (inconsistency) {
      diagnostics.addError("Unexpected API response", inconsistency);
      return null;
    }
    const base = record({ ...config, endpoints: null });
    const state = endpointState({ projectId, privateLinkId, endpointServiceId, providerName: provider }, endpoint, base);
    return record({
      ...state,
      id: encodeStateId({ project_id: projectId, private_link_id: privateLinkId, endpoint_service_id: endpointServiceId, provider_name: provider }),
      endpoint_service_id: getString(config, "endpoint_service_id"),
      gcp_project_id: endpoint.cloudProvider === "GCP" ? endpoint.gcpProjectId : null,
    });
  },
} satisfies DataSourceType<ProviderData>;
