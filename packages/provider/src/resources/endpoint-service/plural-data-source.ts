/**
 * Data source `mongodbatlas_privatelink_endpoints`: every private endpoint service of one cloud
 * provider in a project (filter `results` on `region_name`, for example).
 */
import { CLOUD_PROVIDERS } from "@atlas-privatelink/atlas-api";
import type { CloudProvider } from "@atlas-privatelink/client";
import { attr, getString, oneOf, record, type DataSourceType } from "../../framework/index.js";
import { addAtlasError } from "../common/atlas-errors.js";
import { objectIdValidator } from "../common/checks.js";
import type { ProviderData } from "../common/provider-data.js";
import { SERVICE_COMPUTED } from "./data-source.js";
import { serviceComputedValues } from "./model.js";

export const endpointServicesDataSource = {
  typeName: "mongodbatlas_privatelink_endpoints",
  schema: {
    version: 0,
    block: {
      description: "Lists the Atlas private endpoint services of one cloud provider in a project.",
      attributes: {
        project_id: attr.string({ required: true, description: "Unique identifier of the project.", validators: [objectIdValidator("project id")] }),
        provider_name: attr.string({ required: true, description: "Cloud provider: `AWS`, `AZURE` or `GCP`.", validators: [oneOf(CLOUD_PROVIDERS)] }),
        results: attr.nested(
          "list",
          { private_link_id: attr.string({ computed: true, description: "Id of the private endpoint service." }), ...SERVICE_COMPUTED },
          { computed: true, description: "The private endpoint services." },
        ),
      },
    },
  },
  async read({ config, providerData: pd, signal, diagnostics }) {
    const projectId = getString(config, "project_id")!;
    const provider = getString(config, "provider_name") as CloudProvider;
    try {
      const services = await pd.client.listEndpointServices(projectId, provider, { signal });
      return record({
        project_id: projectId,
        provider_name: provider,
        results: services.map((s) => record({ private_link_id: s.id, ...serviceComputedValues(s, []) })),
      });
    } catch (error) {
      addAtlasError(diagnostics, "getting Private Endpoints", error);
      return null;
    }
  },
} satisfies DataSourceType<ProviderData>;
