import { resolveRegion, type CloudProvider } from "@atlas-privatelink/atlas-api";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AtlasClient, type AtlasClientOptions } from "./client.js";
import { isAtlasApiError, type AtlasApiError, type AtlasClientError } from "./errors.js";
import { atlasError, hexId, withServer, type Handler, type RecordedRequest, type Reply } from "./testing/scripted-server.js";

/**
 * Non-idempotent creates must leave neither a duplicate nor an untracked object (issue 4). The
 * server here is a tiny stateful Atlas (one service per provider + region; endpoints by id) whose
 * faults are scripted per attempt: create and then lose the response, create and then fail, lag
 * in its list, refuse the lookup.
 */

const GROUP = hexId(0x9a);
const BASE = `/api/atlas/v2/groups/${GROUP}/privateEndpoint`;
const AZURE_ID =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-9";

type Fault = "none" | "lose-response" | "fail-500-after-create" | "hang-after-create" | "garbage-after-create" | "drop-before-create";

interface Service {
  readonly cloudProvider: string;
  readonly id: string;
  readonly regionName: string;
  readonly status: string;
  readonly errorMessage: null;
  readonly [extra: string]: unknown;
}

class FakeAtlas {
  readonly services: Service[] = [];
  readonly endpoints = new Map<string, Record<string, unknown>>();
  /** Faults for successive create POSTs (then "none"). */
  postFaults: Fault[] = [];
  /** Replies overriding successive list / endpoint GETs (then the real state). */
  lookupOverrides: Reply[] = [];
  private nextId = 1;

  constructor(private readonly regionOf: (provider: string, region: string) => string) {}

  seedService(provider: string, regionName: string): Service {
    const service: Service = { cloudProvider: provider, id: hexId(0x500 + this.nextId++), regionName, status: "AVAILABLE", errorMessage: null };
    this.services.push(service);
    return service;
  }

  readonly handler: Handler = (request: RecordedRequest): Reply => {
    const { method, path } = request;
    if (method === "POST" && path === `${BASE}/endpointService`) return this.createService(request);
    const list = new RegExp(`^${BASE}/(AWS|AZURE|GCP)/endpointService$`).exec(path);
    if (method === "GET" && list) {
      const override = this.lookupOverrides.shift();
      if (override !== undefined) return override;
      return { status: 200, json: this.services.filter((s) => s.cloudProvider === list[1]) };
    }
    const createEndpoint = new RegExp(`^${BASE}/(AWS|AZURE|GCP)/endpointService/([0-9a-f]{24})/endpoint$`).exec(path);
    if (method === "POST" && createEndpoint) return this.createEndpoint(createEndpoint[1]!, request);
    const getEndpoint = new RegExp(`^${BASE}/(AWS|AZURE|GCP)/endpointService/([0-9a-f]{24})/endpoint/([^/]+)$`).exec(path);
    if (method === "GET" && getEndpoint) {
      const override = this.lookupOverrides.shift();
      if (override !== undefined) return override;
      const id = decodeURIComponent(getEndpoint[3]!);
      const endpoint = this.endpoints.get(id);
      return endpoint ? { status: 200, json: endpoint } : atlasError(404, "RESOURCE_NOT_FOUND", `Cannot find resource ${id}.`);
    }
    return { status: 599, text: `unscripted ${method} ${path}` };
  };

  private applyFault(fault: Fault, created: unknown): Reply {
    switch (fault) {
      case "none":
        return { status: 201, json: created };
      case "lose-response":
      case "drop-before-create":
        return { destroy: "before-response" };
      case "fail-500-after-create":
        return atlasError(500, "UNEXPECTED_ERROR", "Unexpected error.");
      case "hang-after-create":
        return { hang: true };
      case "garbage-after-create":
        return { status: 201, headers: { "Content-Type": "text/plain" }, text: "Created" };
    }
  }

  private createService(request: RecordedRequest): Reply {
    const fault = this.postFaults.shift() ?? "none";
    if (fault === "drop-before-create") return this.applyFault(fault, undefined);
    const body = JSON.parse(request.body) as { providerName: string; region: string };
    const regionName = this.regionOf(body.providerName, body.region);
    if (this.services.some((s) => s.cloudProvider === body.providerName && s.regionName === regionName)) {
      return atlasError(409, "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION", `A private endpoint service already exists for ${body.providerName} region ${regionName}.`, [body.providerName, regionName]);
    }
    const service: Service = { cloudProvider: body.providerName, id: hexId(0x500 + this.nextId++), regionName, status: "INITIATING", errorMessage: null };
    this.services.push(service);
    return this.applyFault(fault, service);
  }

  private createEndpoint(provider: string, request: RecordedRequest): Reply {
    const fault = this.postFaults.shift() ?? "none";
    if (fault === "drop-before-create") return this.applyFault(fault, undefined);
    const body = JSON.parse(request.body) as { id: string; privateEndpointIPAddress?: string };
    if (this.endpoints.has(body.id)) {
      return atlasError(409, "PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS", `The PrivateLink already contains an interface endpoint with the specified id ${body.id}.`, [body.id]);
    }
    const endpoint =
      provider === "AZURE"
        ? { cloudProvider: "AZURE", deleteRequested: false, errorMessage: null, privateEndpointConnectionName: null, privateEndpointIPAddress: body.privateEndpointIPAddress, privateEndpointResourceId: body.id, status: "INITIATING" }
        : { cloudProvider: "AWS", connectionStatus: "PENDING_ACCEPTANCE", deleteRequested: false, errorMessage: null, interfaceEndpointId: body.id };
    this.endpoints.set(body.id, endpoint);
    return this.applyFault(fault, endpoint);
  }
}

/** Region normalisation of the fake server (what Atlas does: answer in Atlas form). */
const atlasForm = (provider: string, region: string): string => resolveRegion(provider as CloudProvider, region)?.atlasName ?? region;

function client(url: string, extra: Partial<AtlasClientOptions> = {}): AtlasClient {
  return new AtlasClient({ baseUrl: url, sleep: async () => {}, random: () => 0, ...extra });
}

const trace = (requests: RecordedRequest[]): string[] =>
  requests.map((r) => `${r.method} ${r.path.replace(BASE, "").replace(/[0-9a-f]{24}/g, "{id}")}`);

describe("createEndpointService recovery", () => {
  it("lost response: the look before the retry finds the service by region (cloud form ↔ Atlas form); no second POST", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.seedService("AWS", "EU_WEST_1"); // someone's service elsewhere: never picked
    atlas.postFaults = ["lose-response"];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createEndpointService(GROUP, { providerName: "AWS", region: "us-east-1" });
      assert.equal(result.recovered, true);
      assert.equal(result.service.regionName, "US_EAST_1");
      assert.equal(result.service.id, atlas.services[1]?.id);
      assert.deepEqual(trace(server.requests), ["POST /endpointService", "GET /AWS/endpointService"]);
      assert.equal(atlas.services.length, 2, "no duplicate");
    });
  });

  it("lost response, list lagging: the retried POST gets 409, the client lists again and returns the service it created", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["lose-response"];
    atlas.lookupOverrides = [{ status: 200, json: [] }];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createEndpointService(GROUP, { providerName: "AWS", region: "us-east-1" });
      assert.equal(result.recovered, true);
      assert.equal(result.service.id, atlas.services[0]?.id);
      assert.deepEqual(trace(server.requests), ["POST /endpointService", "GET /AWS/endpointService", "POST /endpointService", "GET /AWS/endpointService"]);
      assert.equal(atlas.services.length, 1);
    });
  });

  it("lost response, lookup refused: POST again anyway; its 409 still leads to the created service", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["lose-response"];
    atlas.lookupOverrides = [atlasError(403, "ACCESS_FORBIDDEN", "Access to this resource is forbidden for current user.")];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createEndpointService(GROUP, { providerName: "AZURE", region: "eastus2" });
      assert.equal(result.recovered, true);
      assert.equal(result.service.regionName, "US_EAST_2");
      assert.deepEqual(trace(server.requests), ["POST /endpointService", "GET /AZURE/endpointService", "POST /endpointService", "GET /AZURE/endpointService"]);
    });
  });

  it("a 409 on the first attempt is someone else's service: an error, never adopted", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.seedService("AWS", "US_EAST_1");
    await withServer(atlas.handler, async (server) => {
      await assert.rejects(client(server.url).createEndpointService(GROUP, { providerName: "AWS", region: "US_EAST_1" }), (e: AtlasApiError) => {
        assert.ok(isAtlasApiError(e, "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION"));
        assert.equal(e.status, 409);
        assert.equal(e.outcomeUnknown, false);
        assert.deepEqual(e.parameters, ["AWS", "US_EAST_1"]);
        return true;
      });
      assert.deepEqual(trace(server.requests), ["POST /endpointService"]);
    });
  });

  it("a 500 after Atlas created the service: found on the look before the retry", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["fail-500-after-create"];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createEndpointService(GROUP, { providerName: "GCP", region: "us-east4", portMappingEnabled: true });
      assert.equal(result.recovered, true);
      assert.equal(result.service.cloudProvider, "GCP");
      assert.equal(result.service.regionName, "US_EAST_4");
      assert.deepEqual(result.service.serviceAttachmentNames, [], "decoded with GCP defaults");
      assert.equal(atlas.services.length, 1);
    });
  });

  it("an attempt timeout after Atlas created the service: found on the look before the retry", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["hang-after-create"];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url, { attemptTimeoutMs: 50 }).createEndpointService(GROUP, { providerName: "AWS", region: "us-east-1" });
      assert.equal(result.recovered, true);
      assert.deepEqual(trace(server.requests), ["POST /endpointService", "GET /AWS/endpointService"]);
    });
  });

  it("a 201 with an unreadable body: the service is looked up rather than left untracked", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["garbage-after-create"];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createEndpointService(GROUP, { providerName: "AWS", region: "us-east-1" });
      assert.equal(result.recovered, true);
      assert.equal(result.service.id, atlas.services[0]?.id);
      assert.equal(atlas.services.length, 1);
    });
  });

  it("the request was lost before Atlas acted: nothing found, POST again, a fresh service", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["drop-before-create"];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createEndpointService(GROUP, { providerName: "AWS", region: "us-east-1" });
      assert.equal(result.recovered, false);
      assert.deepEqual(trace(server.requests), ["POST /endpointService", "GET /AWS/endpointService", "POST /endpointService"]);
      assert.equal(atlas.services.length, 1);
    });
  });

  it("a 409 after our lost attempt, with every lookup refused: the 409, flagged outcome unknown", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["lose-response"];
    const forbidden = atlasError(403, "ACCESS_FORBIDDEN", "no");
    atlas.lookupOverrides = [forbidden, forbidden];
    await withServer(atlas.handler, async (server) => {
      await assert.rejects(
        client(server.url).createEndpointService(GROUP, { providerName: "AWS", region: "us-east-1" }),
        (e: AtlasApiError) => e.status === 409 && e.outcomeUnknown,
      );
      assert.deepEqual(trace(server.requests), ["POST /endpointService", "GET /AWS/endpointService", "POST /endpointService", "GET /AWS/endpointService"]);
    });
  });

  it("when nothing can settle it, the error says the outcome is unknown", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["lose-response", "drop-before-create"];
    const forbidden = atlasError(403, "ACCESS_FORBIDDEN", "no");
    atlas.lookupOverrides = [forbidden, forbidden, forbidden];
    await withServer(atlas.handler, async (server) => {
      await assert.rejects(
        client(server.url, { retry: { maxAttempts: 2 } }).createEndpointService(GROUP, { providerName: "AWS", region: "us-east-1" }),
        (e: AtlasClientError) => e.code === "NETWORK_ERROR" && e.outcomeUnknown,
      );
      assert.deepEqual(trace(server.requests), ["POST /endpointService", "GET /AWS/endpointService", "POST /endpointService", "GET /AWS/endpointService"]);
    });
  });

  it("a lost response whose final lookup finds nothing is the plain network error", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["drop-before-create", "drop-before-create"];
    await withServer(atlas.handler, async (server) => {
      await assert.rejects(
        client(server.url, { retry: { maxAttempts: 2 } }).createEndpointService(GROUP, { providerName: "AWS", region: "us-east-1" }),
        (e: AtlasClientError) => e.code === "NETWORK_ERROR" && !e.outcomeUnknown,
      );
      assert.equal(atlas.services.length, 0);
    });
  });
});

describe("createPrivateEndpoint recovery", () => {
  const SERVICE = hexId(0xe5);

  it("lost response: a GET of the caller's endpoint id (Azure, %2F-escaped) finds it; no second POST", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["lose-response"];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createPrivateEndpoint(GROUP, "AZURE", SERVICE, { id: AZURE_ID, privateEndpointIPAddress: "10.0.0.9" });
      assert.equal(result.recovered, true);
      assert.equal(result.endpoint.privateEndpointResourceId, AZURE_ID);
      assert.deepEqual(trace(server.requests), ["POST /AZURE/endpointService/{id}/endpoint", "GET /AZURE/endpointService/{id}/endpoint/%2Fsubscriptions%2F11111111-2222-3333-4444-555555555555%2FresourceGroups%2Frg%2Fproviders%2FMicrosoft.Network%2FprivateEndpoints%2Fpe-9"]);
    });
  });

  it("lost response, GET lagging (404): the retried POST gets 409, then the GET returns our endpoint", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["lose-response"];
    atlas.lookupOverrides = [atlasError(404, "RESOURCE_NOT_FOUND", "not yet")];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createPrivateEndpoint(GROUP, "AWS", SERVICE, { id: "vpce-0d00c26273372c6ef" });
      assert.equal(result.recovered, true);
      assert.equal(result.endpoint.interfaceEndpointId, "vpce-0d00c26273372c6ef");
      assert.deepEqual(
        trace(server.requests).map((t) => t.replace("vpce-0d00c26273372c6ef", "{vpce}")),
        ["POST /AWS/endpointService/{id}/endpoint", "GET /AWS/endpointService/{id}/endpoint/{vpce}", "POST /AWS/endpointService/{id}/endpoint", "GET /AWS/endpointService/{id}/endpoint/{vpce}"],
      );
    });
  });

  it("a 409 on the first attempt is an error", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.endpoints.set("vpce-0d00c26273372c6ef", { cloudProvider: "AWS" });
    await withServer(atlas.handler, async (server) => {
      await assert.rejects(
        client(server.url).createPrivateEndpoint(GROUP, "AWS", SERVICE, { id: "vpce-0d00c26273372c6ef" }),
        (e) => isAtlasApiError(e, "PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS"),
      );
      assert.equal(server.requests.length, 1);
    });
  });

  it("lost before Atlas acted: GET 404, POST again, fresh endpoint", async () => {
    const atlas = new FakeAtlas(atlasForm);
    atlas.postFaults = ["drop-before-create"];
    await withServer(atlas.handler, async (server) => {
      const result = await client(server.url).createPrivateEndpoint(GROUP, "AWS", SERVICE, { id: "vpce-0d00c26273372c6ef" });
      assert.equal(result.recovered, false);
      assert.equal(server.requests.length, 3);
    });
  });
});
