import { CLOUD_PROVIDERS, regionsOf, type CloudProvider } from "@atlas-privatelink/atlas-api";
import { createProject } from "../accounts.js";
import type { EmulatorCore } from "../core.js";
import { ApiError } from "../http/api-error.js";
import { isJsonObject, type JsonObject } from "../http/validate.js";
import { INITIAL_SERVICE_STATUS, initialEndpointStatus } from "../lifecycle/transitions.js";
import { objectId, randomHex, randomUuid } from "../store/ids.js";
import type { EndpointData, ServiceData } from "../store/store.js";
import { generateData } from "../services/endpoint-service/routes.js";
import { azureConnectionName } from "../services/private-endpoint/routes.js";
import { invalid } from "./errors.js";

/**
 * `POST /_emulator/seed`: bulk-creates "pre-existing" objects in one transaction (for import
 * demos, drift tests and load tests), bypassing the API: endpoint services with endpoints, all
 * AVAILABLE by default, or in their initial status (`pending`, `pendingEndpoints`) so their
 * lifecycle runs. Only project creations are announced on the event stream.
 */
export interface SeedResult {
  readonly projectIds: string[];
  readonly endpointServices: number;
  readonly privateEndpoints: number;
}

function int(body: JsonObject, field: string, fallback: number, max: number): number {
  const v = body[field];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) throw invalid(`${field} must be an integer from 0 to ${max}`);
  return v;
}

function endpointIdFor(provider: CloudProvider, serviceIndex: number, n: number): string {
  switch (provider) {
    case "AWS":
      return `vpce-${randomHex(17)}`;
    case "AZURE":
      return `/subscriptions/${randomUuid()}/resourceGroups/seed-rg/providers/Microsoft.Network/privateEndpoints/seed-pe-${serviceIndex}-${n}`;
    case "GCP":
      return `seed-group-${serviceIndex}-${n}`;
  }
}

export function seed(core: EmulatorCore, input: unknown): SeedResult {
  const body = input === undefined ? {} : input;
  if (!isJsonObject(body)) throw ApiError.of("INVALID_JSON");
  const projects = int(body, "projects", 0, 1000);
  const servicesPerProvider = int(body, "servicesPerProvider", 1, 60);
  const endpointsPerService = int(body, "endpointsPerService", 0, 100_000);
  const pendingFlag = body["pending"] ?? false;
  if (typeof pendingFlag !== "boolean") throw invalid("pending must be true or false");
  const pendingEndpoints = body["pendingEndpoints"] ?? false;
  if (typeof pendingEndpoints !== "boolean") throw invalid("pendingEndpoints must be true or false");
  const providersInput = body["providers"] ?? ["AWS"];
  if (!Array.isArray(providersInput) || providersInput.some((p) => !(CLOUD_PROVIDERS as readonly unknown[]).includes(p)))
    throw invalid(`providers must be a list of ${CLOUD_PROVIDERS.join(", ")}`);
  const providers = providersInput as CloudProvider[];
  const bootstrap = core.bootstrap;
  const { store, clock } = core;

  return core.events.batch(() =>
    store.transaction(() => {
      const projectIds: string[] = [];
      if (projects > 0) {
        const orgId = bootstrap?.orgId ?? store.listOrgs()[0]?.id;
        if (!orgId) throw ApiError.of("ORG_NOT_FOUND", ["(none)"]);
        for (let i = 0; i < projects; i++) {
          const p = createProject({ store, clock }, orgId, `Seeded Project ${objectId(clock.now())}`);
          projectIds.push(p.id);
          core.events.emit({ type: "created", object: { type: "project", id: p.id }, at: clock.now() });
        }
      } else {
        const id = body["projectId"] ?? bootstrap?.projectId;
        if (typeof id !== "string" || !store.getProject(id)) throw ApiError.of("GROUP_NOT_FOUND", [String(id)]);
        projectIds.push(id);
      }
      let services = 0;
      let endpoints = 0;
      const now = clock.now();
      for (const projectId of projectIds) {
        for (const provider of providers) {
          const free = regionsOf(provider).filter((r) => r.cloudName !== null && !store.findServiceByRegion(projectId, provider, r.atlasName));
          for (let s = 0; s < servicesPerProvider && s < free.length; s++) {
            const region = free[s]!;
            const id = objectId(now);
            const status = pendingFlag ? INITIAL_SERVICE_STATUS : "AVAILABLE";
            const plan = core.scheduler.plan("endpointService", provider, status, now);
            const data: ServiceData = { ...generateData(core, id, projectId, provider, region.cloudName!, false), provisioned: !pendingFlag };
            store.insertService({
              id,
              projectId,
              provider,
              region: region.atlasName,
              status,
              errorMessage: null,
              stateSince: now,
              nextAt: plan.nextAt,
              readsLeft: plan.readsLeft,
              forced: null,
              data,
              createdAt: now,
            });
            services++;
            if (pendingFlag) continue; // a service that is not ready takes no endpoints
            for (let n = 0; n < endpointsPerService; n++) {
              const endpointId = endpointIdFor(provider, services, n);
              const eStatus = pendingEndpoints ? initialEndpointStatus(provider) : "AVAILABLE";
              const ePlan = core.scheduler.plan("privateEndpoint", provider, eStatus, now);
              const eData: EndpointData =
                provider === "AZURE"
                  ? { privateEndpointIPAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, privateEndpointConnectionName: azureConnectionName(endpointId) }
                  : provider === "GCP"
                    ? { gcpProjectId: "seed-project", endpoints: [{ endpointName: `${endpointId}-rule`, ipAddress: "10.0.0.1" }], portMappingEnabled: false }
                    : {};
              store.insertEndpoint({
                serviceId: id,
                endpointId,
                projectId,
                provider,
                status: eStatus,
                errorMessage: null,
                deleteRequested: false,
                stateSince: now,
                nextAt: ePlan.nextAt,
                readsLeft: ePlan.readsLeft,
                forced: null,
                data: eData,
                createdAt: now,
              });
              endpoints++;
            }
          }
        }
      }
      core.scheduler.scheduled(store.earliestDeadline());
      return { projectIds, endpointServices: services, privateEndpoints: endpoints };
    }),
  );
}
