import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AtlasApiError, type AtlasClient } from "@atlas-privatelink/client";
import { Diagnostics } from "../../framework/index.js";
import { waitForClustersIdle } from "./cluster-idle.js";
import type { ProviderData } from "./provider-data.js";
import { DEFAULT_POLL_POLICY, ManualTimer } from "./wait.js";

/** A provider whose clusters list answers from `pages` in turn (the last one repeats). */
function providerWith(pages: (() => { name: string; stateName: string }[])[]): { pd: ProviderData; calls: () => number } {
  let calls = 0;
  const client = {
    async listClusters() {
      const page = pages[Math.min(calls++, pages.length - 1)]!;
      return { results: page(), totalCount: 0 };
    },
  } as unknown as AtlasClient;
  return { pd: { client, timer: new ManualTimer(), poll: DEFAULT_POLL_POLICY, log: () => {} }, calls: () => calls };
}

const run = async (pd: ProviderData, timeoutMs = 60_000) => {
  const d = new Diagnostics();
  await waitForClustersIdle(pd, "5cf5a45a9ccf6400e60981b6", timeoutMs, new AbortController().signal, d);
  return { errors: d.errors, warnings: d.warnings.map((w) => `${w.summary}: ${w.detail}`) };
};

describe("waiting for the project's clusters after an endpoint change", () => {
  it("waits until every cluster is IDLE, silently", async () => {
    const { pd, calls } = providerWith([() => [{ name: "c1", stateName: "REPAIRING" }], () => [{ name: "c1", stateName: "IDLE" }]]);
    assert.deepEqual(await run(pd), { errors: [], warnings: [] });
    assert.equal(calls(), 2);
  });

  it("a timeout is a warning naming the clusters still busy, never an error", async () => {
    const { pd } = providerWith([() => [{ name: "c1", stateName: "IDLE" }, { name: "c2", stateName: "UPDATING" }]]);
    const r = await run(pd, 30_000);
    assert.deepEqual(r.errors, []);
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0]!, /^Clusters did not become IDLE: .*c2 \(UPDATING\)/);
    assert.doesNotMatch(r.warnings[0]!, /c1/);
  });

  it("a failing clusters list is a warning that says the endpoint change is done", async () => {
    const failing = () => {
      throw new AtlasApiError({ method: "GET", path: "/api/atlas/v2/groups/x/clusters", status: 401, bodyText: JSON.stringify({ error: 401, errorCode: "USER_UNAUTHORIZED", detail: "no role", reason: "Unauthorized" }) });
    };
    const { pd } = providerWith([failing]);
    const r = await run(pd);
    assert.deepEqual(r.errors, []);
    assert.match(r.warnings[0] ?? "", /^Could not check that the clusters are IDLE: .*USER_UNAUTHORIZED[\s\S]*The endpoint change itself is done\./);
  });

  it("a project that is gone (404) ends the wait without a word", async () => {
    const gone = () => {
      throw new AtlasApiError({ method: "GET", path: "/api/atlas/v2/groups/x/clusters", status: 404, bodyText: JSON.stringify({ error: 404, errorCode: "GROUP_NOT_FOUND", detail: "gone", reason: "Not Found" }) });
    };
    assert.deepEqual(await run(providerWith([gone]).pd), { errors: [], warnings: [] });
  });
});
