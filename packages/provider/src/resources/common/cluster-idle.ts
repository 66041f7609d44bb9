/**
 * After linking or unlinking an endpoint, Atlas reconfigures the project's clusters; their
 * private connection strings are usable once every cluster is IDLE again. Like the official
 * provider we wait for that — but a problem here is a warning the user sees, not a log line.
 */
import { isNotFound } from "@atlas-privatelink/client";
import type { Diagnostics } from "../../framework/index.js";
import { describeAtlasError } from "./atlas-errors.js";
import type { ProviderData } from "./provider-data.js";
import { waitForState } from "./wait.js";

export async function waitForClustersIdle(pd: ProviderData, projectId: string, timeoutMs: number, signal: AbortSignal, diagnostics: Diagnostics): Promise<void> {
  let busy: string[] = [];
  const result = await waitForState<null>({
    refresh: async () => {
      try {
        const page = await pd.client.listClusters(projectId, undefined, { signal });
        busy = page.results.filter((c) => c.stateName !== "IDLE").map((c) => `${c.name} (${c.stateName})`);
        return { state: busy.length ? "PENDING" : "IDLE", value: null };
      } catch (error) {
        if (isNotFound(error)) return { state: "DELETED", value: null };
        throw error;
      }
    },
    pending: ["PENDING"],
    target: ["IDLE", "DELETED"],
    timeoutMs,
    policy: { ...pd.poll, firstDelayMs: 0 },
    timer: pd.timer,
    signal,
  });
  switch (result.outcome) {
    case "target":
    case "interrupted":
      return;
    case "timeout":
      diagnostics.addWarning(
        "Clusters did not become IDLE",
        `The endpoint change is done, but these clusters of project ${projectId} were still being reconfigured when the timeout ended: ${busy.join(", ")}. Their private endpoint connection strings may not be ready yet.`,
      );
      return;
    case "error": {
      const d = describeAtlasError("checking the project's clusters", result.error);
      diagnostics.addWarning("Could not check that the clusters are IDLE", `${d.detail}\nThe endpoint change itself is done.`);
      return;
    }
    case "unexpected":
      return;
  }
}
