/**
 * Ctrl-C while a create request is on its way: Atlas carries the request out even though the
 * client went away, so the provider must see the request through and record the object (tainted,
 * "Interrupted") instead of abandoning it — otherwise the object exists untracked and the next
 * apply fails with "already exists" (found by the R2 campaign, docs/reliability.md).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AtlasClient } from "@atlas-privatelink/client";
import { Diagnostics, PrivateState } from "../framework/index.js";
import { graceSignal } from "./common/grace.js";
import type { ProviderData } from "./common/provider-data.js";
import { DEFAULT_POLL_POLICY, REAL_TIMER } from "./common/wait.js";
import { endpointServiceResource } from "./endpoint-service/resource.js";
import { privateEndpointResource } from "./private-endpoint/resource.js";

const P = "5cf5a45a9ccf6400e60981b6";
const S = "6123456789abcdef01234567";
const VPCE = "vpce-0123456789abcdef0";
const SLOW_MS = 300; // ms the scripted Atlas takes to answer a create
const ABORT_AFTER_MS = 50; // ms: the interrupt lands while the create is in flight

/** A scripted Atlas whose creates take SLOW_MS and happen whether or not the client is still there. */
async function slowAtlas(): Promise<{ url: string; created: string[]; close(): Promise<void> }> {
  const created: string[] = [];
  const service = { cloudProvider: "AWS", id: S, regionName: "US_EAST_1", status: "INITIATING", errorMessage: null, endpointServiceName: null, interfaceEndpoints: [] };
  const endpoint = { cloudProvider: "AWS", interfaceEndpointId: VPCE, connectionStatus: "PENDING_ACCEPTANCE", deleteRequested: false, errorMessage: null };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed) return;
    res.writeHead(status, { "Content-Type": "application/vnd.atlas.2023-01-01+json;charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const path = req.url!.split("?")[0]!;
    if (req.method === "POST" && path === `/api/atlas/v2/groups/${P}/privateEndpoint/endpointService`) {
      setTimeout(() => {
        created.push("service");
        json(res, 201, service);
      }, SLOW_MS);
    } else if (req.method === "POST" && path === `/api/atlas/v2/groups/${P}/privateEndpoint/AWS/endpointService/${S}/endpoint`) {
      setTimeout(() => {
        created.push("endpoint");
        json(res, 201, endpoint);
      }, SLOW_MS);
    } else if (req.method === "GET" && path === `/api/atlas/v2/groups/${P}/privateEndpoint/AWS/endpointService/${S}`) {
      json(res, 200, service);
    } else if (req.method === "GET" && path === `/api/atlas/v2/groups/${P}/privateEndpoint/AWS/endpointService/${S}/endpoint/${VPCE}`) {
      json(res, 200, endpoint);
    } else {
      json(res, 404, { detail: "not scripted", error: 404, errorCode: "NOT_FOUND", parameters: [], reason: "Not Found" });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    created,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function providerData(url: string): ProviderData {
  return { client: new AtlasClient({ baseUrl: url }), timer: REAL_TIMER, poll: DEFAULT_POLL_POLICY, log: () => {} };
}

const servicePlan = { project_id: P, provider_name: "AWS", region: "us-east-1", timeouts: null };
const endpointPlan = { project_id: P, private_link_id: S, provider_name: "AWS", endpoint_service_id: VPCE, timeouts: null };

describe("an interrupt while a create request is in flight", () => {
  for (const [name, resource, plan, created] of [
    ["mongodbatlas_privatelink_endpoint", endpointServiceResource, servicePlan, "service"],
    ["mongodbatlas_privatelink_endpoint_service", privateEndpointResource, endpointPlan, "endpoint"],
  ] as const) {
    it(`${name}: the object Atlas accepted is returned (recorded tainted), not abandoned`, async () => {
      const atlas = await slowAtlas();
      try {
        const stop = new AbortController();
        setTimeout(() => stop.abort(new Error("Terraform asked the provider to stop (interrupt)")), ABORT_AFTER_MS);
        const diagnostics = new Diagnostics();
        const state = await resource.create({
          providerData: providerData(atlas.url),
          signal: stop.signal,
          diagnostics,
          config: { ...plan },
          plan: { ...plan },
          private: PrivateState.decode(undefined),
        } as never);
        await new Promise((r) => setTimeout(r, SLOW_MS)); // whatever the provider did, Atlas has finished by now
        assert.deepEqual(atlas.created, [created], "Atlas carried the create out");
        assert.ok(state, `the ${created} Atlas created is in the returned state: ${diagnostics.errors.map((d) => `${d.summary}: ${d.detail}`).join("; ")}`);
        if (created === "service") assert.equal(state["private_link_id"], S);
        else assert.equal(state["endpoint_service_id"], VPCE);
        assert.ok(diagnostics.errors.some((d) => d.summary === "Interrupted"), "an Interrupted error taints it");
      } finally {
        await atlas.close();
      }
    });
  }

  it("nothing is requested once the interrupt has already happened", async () => {
    const atlas = await slowAtlas();
    try {
      const stop = new AbortController();
      stop.abort(new Error("stop"));
      const diagnostics = new Diagnostics();
      const state = await endpointServiceResource.create({ providerData: providerData(atlas.url), signal: stop.signal, diagnostics, config: servicePlan, plan: { ...servicePlan }, private: PrivateState.decode(undefined) } as never);
      assert.equal(state, null);
      assert.deepEqual(atlas.created, []);
      assert.match(diagnostics.errors[0]!.detail, /nothing was created/);
    } finally {
      await atlas.close();
    }
  });
});

describe("graceSignal", () => {
  it("aborts the grace period after the operation's signal, with its reason", async () => {
    const stop = new AbortController();
    const grace = graceSignal(stop.signal, 40);
    const reason = new Error("stop");
    stop.abort(reason);
    assert.equal(grace.signal.aborted, false);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(grace.signal.aborted, true);
    assert.equal(grace.signal.reason, reason);
    grace.dispose();
  });

  it("never aborts once disposed", async () => {
    const stop = new AbortController();
    const grace = graceSignal(stop.signal, 10);
    grace.dispose();
    stop.abort();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(grace.signal.aborted, false);
  });
});
