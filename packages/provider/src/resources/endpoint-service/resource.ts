/**
 * `mongodbatlas_privatelink_endpoint`: the Atlas private endpoint service (see schema.ts for the
 * naming trap). Once Atlas has accepted a create, the service is always recorded in state —
 * tainted when its wait fails — unless a cleanup deletion was verified complete.
 */
import { isAtlasApiError, isClientError, isNotFound, type CloudProvider, type EndpointService } from "@atlas-privatelink/client";
import { isCloudProvider } from "@atlas-privatelink/atlas-api";
import {
  completeObject,
  getBool,
  getString,
  getStrings,
  path,
  timeoutFor,
  Diagnostics,
  type ResourceType,
  type ValueRecord,
} from "../../framework/index.js";
import { addAtlasError } from "../common/atlas-errors.js";
import type { ProviderData } from "../common/provider-data.js";
import { settleCreate } from "../common/create-wait.js";
import { graceSignal } from "../common/grace.js";
import { planAsState } from "../common/plan-state.js";
import { addWaitProblem, timeoutText, waitStatus, type StatusSets } from "../common/status-wait.js";
import { importIdError, parseServiceImportId } from "./import-id.js";
import { decodeServiceId, serviceState, type ServiceIds } from "./model.js";
import { checkConfig, modifyPlan, sameRemoteRegions } from "./plan.js";
import { BLOCK, SCHEMA, TIMEOUT_DEFAULTS, TYPE_NAME } from "./schema.js";

// DELETING is pending as in the official wait: a service deleted meanwhile ends as a 404 (gone).
export const CREATE_WAIT: StatusSets = { pending: ["INITIATING", "DELETING"], target: ["AVAILABLE", "WAITING_FOR_USER", "FAILED"] };
export const DELETE_WAIT: StatusSets = { pending: ["DELETING", "AVAILABLE", "INITIATING", "WAITING_FOR_USER"], target: ["DELETED"] };

function idsOf(state: ValueRecord): ServiceIds | undefined {
  const decoded = typeof state["id"] === "string" ? decodeServiceId(state["id"]) : undefined;
  const projectId = decoded?.projectId ?? getString(state, "project_id");
  const privateLinkId = decoded?.privateLinkId ?? getString(state, "private_link_id");
  const providerName = decoded?.providerName ?? getString(state, "provider_name");
  const region = decoded?.region ?? getString(state, "region");
  if (!projectId || !privateLinkId || !providerName || region === null || !isCloudProvider(providerName)) return undefined;
  return { projectId, privateLinkId, providerName, region };
}

function describe(ids: ServiceIds): string {
  return `private endpoint service ${ids.privateLinkId} (${ids.providerName} ${ids.region}, project ${ids.projectId})`;
}

function failedMessage(service: EndpointService): string | undefined {
  if (service.errorMessage) return service.errorMessage;
  return service.status === "FAILED" ? "Atlas reports status FAILED without a message" : undefined;
}

function waitFor(pd: ProviderData, ids: ServiceIds, sets: StatusSets, timeoutMs: number, signal: AbortSignal) {
  return waitStatus(
    pd,
    describe(ids),
    (s) => pd.client.getEndpointService(ids.projectId, ids.providerName, ids.privateLinkId, { signal: s }),
    (svc) => svc.status,
    sets,
    timeoutMs,
    signal,
  );
}

/** Deletes and waits until Atlas no longer has the service. True when that is verified. */
async function deleteAndWait(pd: ProviderData, ids: ServiceIds, timeoutMs: number, signal: AbortSignal, diagnostics: Diagnostics): Promise<boolean> {
  try {
    await pd.client.deleteEndpointService(ids.projectId, ids.providerName, ids.privateLinkId, { signal });
  } catch (error) {
    if (!isNotFound(error)) {
      const extra = isAtlasApiError(error, "CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS") ? await linkedEndpoints(pd, ids, signal) : undefined;
      addAtlasError(diagnostics, `deleting the ${describe(ids)}`, error, undefined, extra);
      return false;
    }
  }
  const result = await waitFor(pd, ids, DELETE_WAIT, timeoutMs, signal);
  if (result.outcome === "target") return true;
  if (result.outcome === "timeout") {
    diagnostics.addError(`Timed out deleting the ${describe(ids)}`, `${timeoutText(DELETE_WAIT, result.lastState, timeoutMs)}. It is still being deleted in Atlas; run the command again to wait for it.`);
  } else if (result.outcome === "unexpected" && result.state === "FAILED") {
    diagnostics.addError(`Atlas failed to delete the ${describe(ids)}`, `${result.value?.errorMessage ?? "status FAILED"}. Check it in Atlas, then run the command again.`);
  } else {
    addWaitProblem(diagnostics, `deleting the ${describe(ids)}`, result, DELETE_WAIT, "It may still exist in Atlas; run the command again.");
  }
  return false;
}

async function linkedEndpoints(pd: ProviderData, ids: ServiceIds, signal: AbortSignal): Promise<string | undefined> {
  try {
    const svc = await pd.client.getEndpointService(ids.projectId, ids.providerName, ids.privateLinkId, { signal });
    const linked = svc.cloudProvider === "AWS" ? svc.interfaceEndpoints : svc.cloudProvider === "AZURE" ? svc.privateEndpoints : svc.endpointGroupNames;
    return linked.length ? `Endpoints still linked: ${linked.join(", ")}.` : undefined;
  } catch {
    return undefined;
  }
}

export const endpointServiceResource = {
  typeName: TYPE_NAME,
  schema: SCHEMA,

  validateConfig({ config, diagnostics }) {
    checkConfig(config, diagnostics);
  },

  modifyPlan,

  async create({ plan, providerData: pd, signal, diagnostics }) {
    const projectId = getString(plan, "project_id")!;
    const providerName = getString(plan, "provider_name") as CloudProvider;
    const region = getString(plan, "region")!;
    const remote = getStrings(plan, "supported_remote_regions") ?? [];
    let service: EndpointService;
    if (signal.aborted) {
      diagnostics.addError("Interrupted", "Terraform asked the provider to stop before the service was requested; nothing was created.");
      return null;
    }
    // Seen through after an interrupt: what Atlas accepts must reach the state (common/grace.ts).
    const grace = graceSignal(signal);
    try {
      ({ service } = await pd.client.createEndpointService(
        projectId,
        {
          providerName,
          region,
          ...(getBool(plan, "port_mapping_enabled") === true ? { portMappingEnabled: true } : {}),
          ...(remote.length > 0 ? { supportedRemoteRegions: remote } : {}),
        },
        { signal: grace.signal },
      ));
    } catch (error) {
      let extra: string | undefined;
      if (isAtlasApiError(error, "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION")) {
        const existing = await pd.client.findEndpointServiceByRegion(projectId, providerName, region, { signal }).catch(() => undefined);
        if (existing) {
          extra =
            `The existing service is ${existing.id} (status ${existing.status}). To manage it with this configuration instead, import it:\n` +
            `  terraform import ${TYPE_NAME}.<name> ${projectId}-${existing.id}-${providerName}-${region}`;
        }
      }
      if (isClientError(error) && error.outcomeUnknown) {
        // Not "run it again and it will be found": create recovery works within one call, and a
        // later apply cannot tell our lost service from someone else's (found by the R2 campaign).
        extra =
          `${extra ? `${extra}\n` : ""}Atlas may have created the service although its answer was lost. If it did, the next apply stops with ` +
          `PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION and names the service with the terraform import command that brings it under this configuration; if it did not, the next apply creates it.`;
      }
      addAtlasError(diagnostics, "creating MongoDB Private Endpoints Connection", error, undefined, extra);
      return null;
    } finally {
      grace.dispose();
    }

    // From here on the service exists in Atlas: every return below carries its state.
    const ids: ServiceIds = { projectId, privateLinkId: service.id, providerName, region };
    pd.log("info", `created ${describe(ids)}: ${service.status}`);
    const timeoutMs = timeoutFor(plan, "create", TIMEOUT_DEFAULTS.create);
    const settled = await settleCreate(
      {
        subject: describe(ids),
        noun: "service",
        summary: "Error creating MongoDB Private Endpoints Connection",
        failedText: "privatelink endpoint is in a failed state",
        sets: CREATE_WAIT,
        timeoutMs,
        deleteOnTimeout: getBool(plan, "delete_on_create_timeout") !== false,
        created: serviceState(ids, service, plan),
        wait: () => waitFor(pd, ids, CREATE_WAIT, timeoutMs, signal),
        toState: (value) => serviceState(ids, value, plan),
        failure: failedMessage,
        cleanup: (cleanup) => deleteAndWait(pd, ids, timeoutFor(plan, "delete", TIMEOUT_DEFAULTS.delete), signal, cleanup),
      },
      diagnostics,
    );
    return settled.state;
  },

  async read({ state, providerData: pd, signal, diagnostics }) {
    const ids = idsOf(state);
    if (!ids) {
      diagnostics.addError("Unreadable resource id", `The id of this ${TYPE_NAME} cannot be decoded (${JSON.stringify(state["id"])}). Remove it from state and import it again.`);
      return state;
    }
    let service: EndpointService;
    try {
      service = await pd.client.getEndpointService(ids.projectId, ids.providerName, ids.privateLinkId, { signal });
    } catch (error) {
      if (isNotFound(error)) {
        pd.log("warn", `${describe(ids)} no longer exists; removing it from state`);
        return null;
      }
      addAtlasError(diagnostics, `reading MongoDB Private Endpoints Connection(${String(state["id"])})`, error);
      return state;
    }
    const next = serviceState(ids, service, state);
    const failure = failedMessage(service);
    if (failure) {
      diagnostics.addWarning(
        "The private endpoint service is in a failed state",
        `privatelink endpoint is in a failed state: ${failure}\nThe next plan replaces ${describe(ids)}.`,
        path("status"),
      );
    }
    return next;
  },

  async update({ plan, prior, providerData: pd, signal, diagnostics }) {
    const ids = idsOf(prior);
    if (!ids) {
      diagnostics.addError("Unreadable resource id", `The id of this ${TYPE_NAME} cannot be decoded.`);
      return null;
    }
    if (sameRemoteRegions(plan["supported_remote_regions"], prior["supported_remote_regions"])) {
      // timeouts / delete_on_create_timeout only: nothing to tell Atlas
      return planAsState(plan, prior);
    }
    if (ids.providerName !== "AWS") {
      diagnostics.addError("supported_remote_regions is only supported for AWS", "", path("supported_remote_regions"));
      return null;
    }
    const remote = getStrings(plan, "supported_remote_regions") ?? [];
    try {
      await pd.client.updateEndpointService(ids.projectId, ids.privateLinkId, { cloudProvider: "AWS", supportedRemoteRegions: remote.length ? remote : null }, { signal });
    } catch (error) {
      addAtlasError(diagnostics, `updating MongoDB Private Endpoints Connection(${ids.privateLinkId})`, error, path("supported_remote_regions"));
      return null;
    }
    const timeoutMs = timeoutFor(plan, "update", TIMEOUT_DEFAULTS.update);
    const result = await waitFor(pd, ids, CREATE_WAIT, timeoutMs, signal);
    const after = planAsState(plan, prior);
    if (result.outcome === "target") {
      const state = serviceState(ids, result.value!, after);
      const failure = failedMessage(result.value!);
      if (failure) diagnostics.addError("Error updating MongoDB Private Endpoints Connection", `privatelink endpoint is in a failed state: ${failure}`);
      return state;
    }
    if (result.outcome === "timeout") {
      diagnostics.addError("Error updating MongoDB Private Endpoints Connection", `${timeoutText(CREATE_WAIT, result.lastState, timeoutMs)}. The new remote regions were sent; the next refresh shows where Atlas is.`);
    } else {
      addWaitProblem(diagnostics, `waiting for the ${describe(ids)} to apply the remote regions`, result, CREATE_WAIT, "The new remote regions were sent.");
    }
    return after;
  },

  async delete({ prior, providerData: pd, signal, diagnostics }) {
    const ids = idsOf(prior);
    if (!ids) {
      diagnostics.addError("Unreadable resource id", `The id of this ${TYPE_NAME} cannot be decoded (${JSON.stringify(prior["id"])}); remove it from state with terraform state rm.`);
      return;
    }
    await deleteAndWait(pd, ids, timeoutFor(prior, "delete", TIMEOUT_DEFAULTS.delete), signal, diagnostics);
  },

  async importState({ id, providerData: pd, signal, diagnostics }) {
    const parsed = parseServiceImportId(id);
    if (!parsed.ok) {
      const e = importIdError(id, parsed.problem);
      diagnostics.addError(e.summary, e.detail);
      return null;
    }
    const ids: ServiceIds = parsed;
    let service: EndpointService;
    try {
      service = await pd.client.getEndpointService(ids.projectId, ids.providerName, ids.privateLinkId, { signal });
    } catch (error) {
      addAtlasError(
        diagnostics,
        `importing: couldn't import peer ${ids.privateLinkId} in project ${ids.projectId} with cloud provider name ${ids.providerName}`,
        error,
        undefined,
        isNotFound(error) ? `No ${ids.providerName} private endpoint service ${ids.privateLinkId} exists in project ${ids.projectId}; check the id with the data source mongodbatlas_privatelink_endpoints.` : undefined,
      );
      return null;
    }
    return serviceState(ids, service, completeObject(BLOCK, null));
  },
} satisfies ResourceType<ProviderData>;
