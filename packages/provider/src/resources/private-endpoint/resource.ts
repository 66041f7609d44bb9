/**
 * `mongodbatlas_privatelink_endpoint_service`: one cloud endpoint linked to an Atlas private
 * endpoint service (see schema.ts for the naming trap). Once Atlas has accepted the link it is
 * always recorded in state — tainted when its wait fails — unless a cleanup deletion was
 * verified complete. Create and delete then wait for the project's clusters to be IDLE.
 */
import { isAtlasApiError, isClientError, isNotFound, type CloudProvider, type CreatePrivateEndpointRequest, type PrivateEndpoint } from "@atlas-privatelink/client";
import { isCloudProvider } from "@atlas-privatelink/atlas-api";
import {
  Diagnostics,
  completeObject,
  getBool,
  getString,
  isRecord,
  timeoutFor,
  type ResourceType,
  type ValueRecord,
} from "../../framework/index.js";
import { addAtlasError } from "../common/atlas-errors.js";
import { waitForClustersIdle } from "../common/cluster-idle.js";
import type { ProviderData } from "../common/provider-data.js";
import { getEncodedId } from "../common/state-id.js";
import { planAsState } from "../common/plan-state.js";
import { settleCreate } from "../common/create-wait.js";
import { graceSignal } from "../common/grace.js";
import { addWaitProblem, timeoutText, waitStatus, type StatusSets } from "../common/status-wait.js";
import { CREATE_WAIT as SERVICE_READY_WAIT } from "../endpoint-service/resource.js";
import { checkConfig } from "./checks.js";
import { importIdError, parseEndpointImportId } from "./import-id.js";
import { decodeEndpointId, endpointState, endpointStatus, portMappingInconsistency, type EndpointIds } from "./model.js";
import { failedStatus, modifyPlan } from "./plan.js";
import { BLOCK, SCHEMA, TIMEOUT_DEFAULTS, TYPE_NAME } from "./schema.js";

export const CREATE_WAIT: StatusSets = {
  pending: ["NONE", "INITIATING", "PENDING_ACCEPTANCE", "PENDING", "DELETING", "VERIFIED"],
  target: ["AVAILABLE", "REJECTED", "FAILED"],
};
export const DELETE_WAIT: StatusSets = {
  pending: ["NONE", "PENDING_ACCEPTANCE", "PENDING", "DELETING", "INITIATING", "VERIFIED", "AVAILABLE"],
  target: ["DELETED", "REJECTED", "FAILED"],
};

function idsOf(state: ValueRecord): EndpointIds | undefined {
  const decoded = typeof state["id"] === "string" ? decodeEndpointId(state["id"]) : undefined;
  const projectId = decoded?.projectId ?? getString(state, "project_id");
  const rawLink = getString(state, "private_link_id");
  const privateLinkId = decoded?.privateLinkId ?? (rawLink === null ? null : getEncodedId(rawLink, "private_link_id"));
  const endpointServiceId = decoded?.endpointServiceId ?? getString(state, "endpoint_service_id");
  const providerName = decoded?.providerName ?? getString(state, "provider_name");
  if (!projectId || !privateLinkId || endpointServiceId === null || !providerName || !isCloudProvider(providerName)) return undefined;
  return { projectId, privateLinkId, endpointServiceId, providerName };
}

function describe(ids: EndpointIds): string {
  return `${ids.providerName} private endpoint ${ids.endpointServiceId} of service ${ids.privateLinkId} (project ${ids.projectId})`;
}

function requestFor(provider: CloudProvider, plan: ValueRecord): CreatePrivateEndpointRequest {
  const esid = getString(plan, "endpoint_service_id")!;
  const ip = getString(plan, "private_endpoint_ip_address");
  switch (provider) {
    case "AWS":
      return { id: esid };
    case "AZURE":
      return { id: esid, privateEndpointIPAddress: ip ?? "" };
    case "GCP": {
      const endpoints = Array.isArray(plan["endpoints"]) ? plan["endpoints"] : [];
      return {
        endpointGroupName: esid,
        gcpProjectId: getString(plan, "gcp_project_id") ?? "",
        endpoints:
          ip !== null && ip !== ""
            ? [{ ipAddress: ip, endpointName: esid }] // port-mapped: one forwarding rule, named by endpoint_service_id
            : endpoints.filter(isRecord).map((e) => ({ endpointName: getString(e, "endpoint_name") ?? "", ipAddress: getString(e, "ip_address") ?? "" })),
      };
    }
  }
}

function failure(e: PrivateEndpoint): string | undefined {
  if (e.errorMessage) return e.errorMessage;
  const s = endpointStatus(e);
  return s === "REJECTED" || s === "FAILED" ? `Atlas reports status ${s} without a message` : undefined;
}

function waitFor(pd: ProviderData, ids: EndpointIds, sets: StatusSets, timeoutMs: number, signal: AbortSignal) {
  return waitStatus(
    pd,
    describe(ids),
    (s) => pd.client.getPrivateEndpoint(ids.projectId, ids.providerName, ids.privateLinkId, ids.endpointServiceId, { signal: s }),
    endpointStatus,
    sets,
    timeoutMs,
    signal,
  );
}

async function deleteAndWait(pd: ProviderData, ids: EndpointIds, timeoutMs: number, signal: AbortSignal, diagnostics: Diagnostics): Promise<boolean> {
  try {
    await pd.client.deletePrivateEndpoint(ids.projectId, ids.providerName, ids.privateLinkId, ids.endpointServiceId, { signal });
  } catch (error) {
    if (!isNotFound(error)) {
      addAtlasError(diagnostics, `deleting MongoDB Private Service Endpoint Connection(${ids.endpointServiceId})`, error);
      return false;
    }
  }
  const result = await waitFor(pd, ids, DELETE_WAIT, timeoutMs, signal);
  if (result.outcome === "target") return true;
  if (result.outcome === "timeout") {
    diagnostics.addError(`Timed out deleting the ${describe(ids)}`, `${timeoutText(DELETE_WAIT, result.lastState, timeoutMs)}. It is still being removed in Atlas; run the command again to wait for it.`);
  } else {
    addWaitProblem(diagnostics, `deleting the ${describe(ids)}`, result, DELETE_WAIT, "It may still exist in Atlas; run the command again.");
  }
  return false;
}

export const privateEndpointResource = {
  typeName: TYPE_NAME,
  schema: SCHEMA,

  validateConfig({ config, diagnostics }) {
    checkConfig(config, diagnostics);
  },

  modifyPlan,

  async create({ plan, providerData: pd, signal, diagnostics }) {
    const provider = getString(plan, "provider_name") as CloudProvider;
    const ids: EndpointIds = {
      projectId: getString(plan, "project_id")!,
      privateLinkId: getEncodedId(getString(plan, "private_link_id")!, "private_link_id"),
      endpointServiceId: getString(plan, "endpoint_service_id")!,
      providerName: provider,
    };
    const timeoutMs = timeoutFor(plan, "create", TIMEOUT_DEFAULTS.create);
    const request = requestFor(provider, plan);
    if (signal.aborted) {
      diagnostics.addError("Interrupted", "Terraform asked the provider to stop before the endpoint was requested; nothing was created.");
      return null;
    }
    // Seen through after an interrupt: what Atlas accepts must reach the state (common/grace.ts).
    const grace = graceSignal(signal);
    const post = () => pd.client.createPrivateEndpoint(ids.projectId, provider, ids.privateLinkId, request, { signal: grace.signal });
    let endpoint: PrivateEndpoint;
    try {
      try {
        ({ endpoint } = await post());
      } catch (error) {
        if (!isAtlasApiError(error, "PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS")) throw error;
        // The service is still being created: wait for it, then link once more.
        pd.log("info", `service ${ids.privateLinkId} is not ready for endpoints yet; waiting for it`);
        const ready = await waitStatus(pd, `service ${ids.privateLinkId}`, (s) => pd.client.getEndpointService(ids.projectId, provider, ids.privateLinkId, { signal: s }), (svc) => svc.status, SERVICE_READY_WAIT, timeoutMs, signal);
        if (ready.outcome !== "target" || ready.state === "FAILED") throw error;
        ({ endpoint } = await post());
      }
    } catch (error) {
      // Create recovery works within one call only: a later apply gets Atlas' 409 and cannot tell
      // our endpoint from someone else's, so both cases point at the import (R2 campaign).
      const importIt = `terraform import ${TYPE_NAME}.<name> ${ids.projectId}--${ids.privateLinkId}--${ids.endpointServiceId}--${provider}`;
      const extra =
        isClientError(error) && error.outcomeUnknown
          ? `Atlas may have linked the endpoint although its answer was lost. If it did, the next apply stops with PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS; to manage it with this configuration, import it:\n  ${importIt}`
          : isAtlasApiError(error, "PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS")
            ? `The endpoint is already linked to this service. To manage it with this configuration instead, import it:\n  ${importIt}`
            : undefined;
      addAtlasError(diagnostics, `adding MongoDB Private Service Endpoint Connection(${ids.endpointServiceId}) to a Private Endpoint (${ids.privateLinkId})`, error, undefined, extra);
      return null;
    } finally {
      grace.dispose();
    }

    // From here on the endpoint exists in Atlas: every return below carries its state.
    pd.log("info", `linked ${describe(ids)}: ${endpointStatus(endpoint)}`);
    const settled = await settleCreate(
      {
        subject: describe(ids),
        noun: "endpoint",
        summary: "Error adding MongoDB Private Service Endpoint Connection",
        failedSummary: `Error adding MongoDB Private Service Endpoint Connection(${ids.endpointServiceId}) to a Private Endpoint (${ids.privateLinkId})`,
        failedText: "privatelink endpoint service is in a failed state",
        sets: CREATE_WAIT,
        timeoutMs,
        deleteOnTimeout: getBool(plan, "delete_on_create_timeout") !== false,
        created: endpointState(ids, endpoint, plan),
        wait: () => waitFor(pd, ids, CREATE_WAIT, timeoutMs, signal),
        toState: (value) => endpointState(ids, value, plan),
        failure,
        cleanup: (cleanup) => deleteAndWait(pd, ids, timeoutFor(plan, "delete", TIMEOUT_DEFAULTS.delete), signal, cleanup),
      },
      diagnostics,
    );
    if (settled.ready) await waitForClustersIdle(pd, ids.projectId, timeoutMs, signal, diagnostics);
    return settled.state;
  },

  async read({ state, providerData: pd, signal, diagnostics }) {
    const ids = idsOf(state);
    if (!ids) {
      diagnostics.addError("Unreadable resource id", `The id of this ${TYPE_NAME} cannot be decoded (${JSON.stringify(state["id"])}). Remove it from state and import it again.`);
      return state;
    }
    let endpoint: PrivateEndpoint;
    try {
      endpoint = await pd.client.getPrivateEndpoint(ids.projectId, ids.providerName, ids.privateLinkId, ids.endpointServiceId, { signal });
    } catch (error) {
      if (isNotFound(error)) {
        pd.log("warn", `${describe(ids)} no longer exists; removing it from state`);
        return null;
      }
      addAtlasError(diagnostics, `reading MongoDB Private Service Endpoint Connection(${ids.endpointServiceId})`, error);
      return state;
    }
    const inconsistency = portMappingInconsistency(endpoint);
    if (inconsistency) {
      diagnostics.addError("Unexpected API response", inconsistency);
      return state;
    }
    const next = endpointState(ids, endpoint, state);
    const failed = failedStatus(next);
    if (failed) {
      diagnostics.addWarning(
        "The private endpoint is in a failed state",
        `privatelink endpoint service is in a failed state: ${failed}\nThe next plan replaces ${describe(ids)}.`,
      );
    }
    return next;
  },

  async update({ plan, prior }) {
    // Only timeouts, delete_on_create_timeout and the spelling of private_link_id change in
    // place; nothing to tell Atlas.
    return planAsState(plan, prior);
  },

  async delete({ prior, providerData: pd, signal, diagnostics }) {
    const ids = idsOf(prior);
    if (!ids) {
      diagnostics.addError("Unreadable resource id", `The id of this ${TYPE_NAME} cannot be decoded; remove it from state with terraform state rm.`);
      return;
    }
    if (ids.endpointServiceId === "") return;
    const timeoutMs = timeoutFor(prior, "delete", TIMEOUT_DEFAULTS.delete);
    if (await deleteAndWait(pd, ids, timeoutMs, signal, diagnostics)) {
      await waitForClustersIdle(pd, ids.projectId, timeoutMs, signal, diagnostics);
    }
  },

  async importState({ id, providerData: pd, signal, diagnostics }) {
    const parsed = parseEndpointImportId(id);
    if (!parsed.ok) {
      const e = importIdError(id, parsed.problem);
      diagnostics.addError(e.summary, e.detail);
      return null;
    }
    const ids: EndpointIds = parsed;
    let endpoint: PrivateEndpoint;
    try {
      endpoint = await pd.client.getPrivateEndpoint(ids.projectId, ids.providerName, ids.privateLinkId, ids.endpointServiceId, { signal });
    } catch (error) {
      addAtlasError(
        diagnostics,
        `reading MongoDB Private Service Endpoint Connection(${ids.endpointServiceId})`,
        error,
        undefined,
        isNotFound(error) ? `No ${ids.providerName} endpoint ${ids.endpointServiceId} is linked to service ${ids.privateLinkId} in project ${ids.projectId}.` : undefined,
      );
      return null;
    }
    const base = completeObject(BLOCK, null);
    base["project_id"] = ids.projectId;
    base["private_link_id"] = ids.privateLinkId;
    base["provider_name"] = ids.providerName;
    if (endpoint.cloudProvider === "GCP") base["gcp_project_id"] = endpoint.gcpProjectId;
    return endpointState(ids, endpoint, base);
  },
} satisfies ResourceType<ProviderData>;

