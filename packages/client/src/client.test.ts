import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AtlasClient, sameRegion } from "./client.js";
import { isClientError, isNotFound, type UnexpectedResponseError } from "./errors.js";
import { atlasError, hexId, withServer, type RecordedRequest, type Reply } from "./testing/scripted-server.js";
import { CLIENT_VERSION } from "./version.js";

const GROUP = "6a793f60c0eb9e7a17714c68";
const SERVICE_ID = "6a793f68c0eb9e7a17715835";
const V2 = "application/vnd.atlas.2023-01-01+json";
const PE = `/api/atlas/v2/groups/${GROUP}/privateEndpoint`;
const AZURE_ID =
  "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/my-rg/providers/Microsoft.Network/privateEndpoints/pe-1";
const AZURE_ID_ENCODED =
  "%2Fsubscriptions%2F11111111-2222-3333-4444-555555555555%2FresourceGroups%2Fmy-rg%2Fproviders%2FMicrosoft.Network%2FprivateEndpoints%2Fpe-1";

// Recorded (atlas-api recorded/TestPrivateEndpointsAWS_Create_POST_…): every key present, nulls explicit.
const AWS_SERVICE = {
  cloudProvider: "AWS",
  endpointServiceName: null,
  errorMessage: null,
  id: SERVICE_ID,
  interfaceEndpoints: [],
  regionName: "EU_WEST_1",
  status: "INITIATING",
  supportedRemoteRegions: null,
};

/** Runs one call against a server that answers `reply` to any request, and returns what it saw. */
async function exchange<T>(reply: Reply, call: (atlas: AtlasClient) => Promise<T>, options: { baseSuffix?: string; userAgent?: string } = {}): Promise<{ result: T; request: RecordedRequest }> {
  return withServer(() => reply, async (server) => {
    const atlas = new AtlasClient({ baseUrl: server.url + (options.baseSuffix ?? ""), userAgent: options.userAgent, retry: { maxAttempts: 1 } });
    const result = await call(atlas);
    assert.equal(server.requests.length, 1);
    return { result, request: server.requests[0]! };
  });
}

function assertJsonRequest(request: RecordedRequest, method: string, url: string, body: unknown, mediaType = V2): void {
  assert.equal(request.method, method);
  assert.equal(request.url, url);
  assert.equal(request.headers.accept, mediaType);
  assert.equal(request.headers["content-type"], mediaType);
  assert.deepEqual(JSON.parse(request.body), body);
}

function assertBodyless(request: RecordedRequest, method: string, url: string, accept = V2): void {
  assert.equal(request.method, method);
  assert.equal(request.url, url);
  assert.equal(request.headers.accept, accept);
  assert.equal(request.headers["content-type"], undefined);
  assert.equal(request.body, "");
}

describe("endpoint service operations", () => {
  it("createEndpointService: POST without provider in the path, body as given, 201 accepted", async () => {
    const { result, request } = await exchange({ status: 201, json: AWS_SERVICE }, (atlas) =>
      atlas.createEndpointService(GROUP, { providerName: "AWS", region: "eu-west-1", supportedRemoteRegions: ["US_EAST_1"] }),
    );
    assertJsonRequest(request, "POST", `${PE}/endpointService`, { providerName: "AWS", region: "eu-west-1", supportedRemoteRegions: ["US_EAST_1"] });
    assert.deepEqual(result, { service: AWS_SERVICE, recovered: false });
    // Typed per provider: this compiles only because P = "AWS".
    assert.equal(result.service.endpointServiceName, null);
  });

  it("getEndpointService: GET with the provider in the path", async () => {
    const { result, request } = await exchange({ status: 200, json: AWS_SERVICE }, (atlas) => atlas.getEndpointService(GROUP, "AWS", SERVICE_ID));
    assertBodyless(request, "GET", `${PE}/AWS/endpointService/${SERVICE_ID}`);
    assert.deepEqual(result, AWS_SERVICE);
  });

  it("getEndpointServiceV1: the legacy v1.0 path with Accept: application/json", async () => {
    const legacy = { endpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0afd34ee97e30d43f", errorMessage: null, id: SERVICE_ID, interfaceEndpoints: [], status: "WAITING_FOR_USER" };
    const { result, request } = await exchange({ status: 200, headers: { "Content-Type": "application/json" }, json: legacy }, (atlas) =>
      atlas.getEndpointServiceV1(GROUP, "AWS", SERVICE_ID),
    );
    assertBodyless(request, "GET", `/api/atlas/v1.0/groups/${GROUP}/privateEndpoint/AWS/endpointService/${SERVICE_ID}`, "application/json");
    assert.deepEqual(result, legacy);
  });

  it("listEndpointServices: a bare array, each decoded for the provider", async () => {
    const azure = { cloudProvider: "AZURE", errorMessage: null, id: SERVICE_ID, privateEndpoints: [], privateLinkServiceName: null, privateLinkServiceResourceId: null, regionName: "ASIA_SOUTH_EAST", status: "INITIATING" };
    const { result, request } = await exchange({ status: 200, json: [azure] }, (atlas) => atlas.listEndpointServices(GROUP, "AZURE"));
    assertBodyless(request, "GET", `${PE}/AZURE/endpointService`);
    assert.deepEqual(result, [azure]);
  });

  it("updateEndpointService: PATCH without provider in the path, full list or null", async () => {
    const updated = { ...AWS_SERVICE, supportedRemoteRegions: ["US_EAST_1", "US_WEST_2"] };
    const { result, request } = await exchange({ status: 200, json: updated }, (atlas) =>
      atlas.updateEndpointService(GROUP, SERVICE_ID, { cloudProvider: "AWS", supportedRemoteRegions: ["US_EAST_1", "US_WEST_2"] }),
    );
    assertJsonRequest(request, "PATCH", `${PE}/endpointService/${SERVICE_ID}`, { cloudProvider: "AWS", supportedRemoteRegions: ["US_EAST_1", "US_WEST_2"] });
    assert.deepEqual(result.supportedRemoteRegions, ["US_EAST_1", "US_WEST_2"]);
    const cleared = await exchange({ status: 200, json: AWS_SERVICE }, (atlas) =>
      atlas.updateEndpointService(GROUP, SERVICE_ID, { cloudProvider: "AWS", supportedRemoteRegions: null }),
    );
    assert.equal(cleared.request.body, '{"cloudProvider":"AWS","supportedRemoteRegions":null}');
  });

  it("deleteEndpointService: 202 {} (as recorded) and 204 empty are both success", async () => {
    const accepted = await exchange({ status: 202, json: {} }, (atlas) => atlas.deleteEndpointService(GROUP, "GCP", SERVICE_ID));
    assertBodyless(accepted.request, "DELETE", `${PE}/GCP/endpointService/${SERVICE_ID}`);
    assert.equal(accepted.result, undefined);
    await exchange({ status: 204 }, (atlas) => atlas.deleteEndpointService(GROUP, "GCP", SERVICE_ID));
  });

  it("a 404 is an Atlas error that isNotFound recognises", async () => {
    await withServer(() => atlasError(404, "PRIVATELINK_NOT_FOUND", `A PrivateLink with id ${SERVICE_ID} does not exist.`), async (server) => {
      const atlas = new AtlasClient({ baseUrl: server.url });
      await assert.rejects(atlas.getEndpointService(GROUP, "AWS", SERVICE_ID), (e) => isNotFound(e));
      await assert.rejects(atlas.deleteEndpointService(GROUP, "AWS", SERVICE_ID), (e) => isNotFound(e));
    });
  });
});

describe("private endpoint operations", () => {
  const azureEndpoint = {
    cloudProvider: "AZURE",
    deleteRequested: false,
    errorMessage: null,
    privateEndpointConnectionName: null,
    privateEndpointIPAddress: "10.0.0.5",
    privateEndpointResourceId: AZURE_ID,
    status: "INITIATING",
  };

  it("createPrivateEndpoint (Azure): the ARM id travels unencoded in the body", async () => {
    const { result, request } = await exchange({ status: 201, json: azureEndpoint }, (atlas) =>
      atlas.createPrivateEndpoint(GROUP, "AZURE", SERVICE_ID, { id: AZURE_ID, privateEndpointIPAddress: "10.0.0.5" }),
    );
    assertJsonRequest(request, "POST", `${PE}/AZURE/endpointService/${SERVICE_ID}/endpoint`, { id: AZURE_ID, privateEndpointIPAddress: "10.0.0.5" });
    assert.deepEqual(result, { endpoint: azureEndpoint, recovered: false });
  });

  it("createPrivateEndpoint (GCP port-mapped): endpointGroupName, gcpProjectId, one endpoint", async () => {
    const body = { endpointGroupName: "fr-1", gcpProjectId: "customer-project", endpoints: [{ endpointName: "fr-1", ipAddress: "10.0.42.1" }] };
    const gcp = { cloudProvider: "GCP", deleteRequested: false, endpointGroupName: "fr-1", endpoints: [{ endpointName: "fr-1", ipAddress: "10.0.42.1", status: "INITIATING" }], errorMessage: null, gcpProjectId: "customer-project", portMappingEnabled: true, status: "INITIATING" };
    const { result, request } = await exchange({ status: 201, json: gcp }, (atlas) => atlas.createPrivateEndpoint(GROUP, "GCP", SERVICE_ID, body));
    assertJsonRequest(request, "POST", `${PE}/GCP/endpointService/${SERVICE_ID}/endpoint`, body);
    assert.equal(result.endpoint.endpoints[0]?.status, "INITIATING");
  });

  it("getPrivateEndpoint (Azure): the ARM id is %2F-escaped in the path, service id first", async () => {
    const { result, request } = await exchange({ status: 200, json: azureEndpoint }, (atlas) => atlas.getPrivateEndpoint(GROUP, "AZURE", SERVICE_ID, AZURE_ID));
    assertBodyless(request, "GET", `${PE}/AZURE/endpointService/${SERVICE_ID}/endpoint/${AZURE_ID_ENCODED}`);
    assert.equal(result.privateEndpointIPAddress, "10.0.0.5");
  });

  it("getPrivateEndpoint (AWS) and deletePrivateEndpoint", async () => {
    const aws = { cloudProvider: "AWS", connectionStatus: "PENDING_ACCEPTANCE", deleteRequested: false, errorMessage: null, interfaceEndpointId: "vpce-0d00c26273372c6ef" };
    const got = await exchange({ status: 200, json: aws }, (atlas) => atlas.getPrivateEndpoint(GROUP, "AWS", SERVICE_ID, "vpce-0d00c26273372c6ef"));
    assertBodyless(got.request, "GET", `${PE}/AWS/endpointService/${SERVICE_ID}/endpoint/vpce-0d00c26273372c6ef`);
    assert.equal(got.result.connectionStatus, "PENDING_ACCEPTANCE");
    const deleted = await exchange({ status: 202, json: {} }, (atlas) => atlas.deletePrivateEndpoint(GROUP, "AZURE", SERVICE_ID, AZURE_ID));
    assertBodyless(deleted.request, "DELETE", `${PE}/AZURE/endpointService/${SERVICE_ID}/endpoint/${AZURE_ID_ENCODED}`);
  });

  it("fills identifiers and defaults Atlas leaves out (legacy-style body without cloudProvider)", async () => {
    const legacy = { connectionStatus: "PENDING", deleteRequested: false, errorMessage: null, interfaceEndpointId: "vpce-08fb7e9319909ec7b" };
    const { result } = await exchange({ status: 200, json: legacy }, (atlas) => atlas.getPrivateEndpoint(GROUP, "AWS", SERVICE_ID, "vpce-08fb7e9319909ec7b"));
    assert.equal(result.cloudProvider, "AWS");
    const sparseGcp = { status: "AVAILABLE" };
    const gcp = await exchange({ status: 200, json: sparseGcp }, (atlas) => atlas.getPrivateEndpoint(GROUP, "GCP", SERVICE_ID, "group-1"));
    assert.deepEqual(gcp.result, { status: "AVAILABLE", cloudProvider: "GCP", deleteRequested: false, errorMessage: null, endpointGroupName: "group-1", endpoints: [], portMappingEnabled: false });
  });
});

describe("regional mode, projects, clusters", () => {
  it("getRegionalMode / setRegionalMode (202 with the setting, as recorded)", async () => {
    const got = await exchange({ status: 200, json: { enabled: false } }, (atlas) => atlas.getRegionalMode(GROUP));
    assertBodyless(got.request, "GET", `${PE}/regionalMode`);
    assert.deepEqual(got.result, { enabled: false });
    const set = await exchange({ status: 202, json: { enabled: true } }, (atlas) => atlas.setRegionalMode(GROUP, true));
    assertJsonRequest(set.request, "PATCH", `${PE}/regionalMode`, { enabled: true });
    assert.deepEqual(set.result, { enabled: true });
  });

  it("projects: create, get, list (paged), delete", async () => {
    const group = { clusterCount: 0, created: "2026-08-10T03:03:01Z", id: GROUP, links: [], name: "pe-test", orgId: hexId(7) };
    const created = await exchange({ status: 200, json: group }, (atlas) => atlas.createProject({ name: "pe-test", orgId: hexId(7) }));
    assertJsonRequest(created.request, "POST", "/api/atlas/v2/groups", { name: "pe-test", orgId: hexId(7) });
    assert.deepEqual(created.result, group);
    const got = await exchange({ status: 200, json: group }, (atlas) => atlas.getProject(GROUP));
    assertBodyless(got.request, "GET", `/api/atlas/v2/groups/${GROUP}`);
    const listed = await exchange({ status: 200, json: { links: [], results: [group], totalCount: 1 } }, (atlas) => atlas.listProjects({ itemsPerPage: 10, pageNum: 2 }));
    assertBodyless(listed.request, "GET", "/api/atlas/v2/groups?itemsPerPage=10&pageNum=2");
    assert.deepEqual(listed.result.results, [group]);
    assert.equal(listed.result.totalCount, 1);
    const unpaged = await exchange({ status: 200, json: { results: [] } }, (atlas) => atlas.listProjects());
    assert.equal(unpaged.request.url, "/api/atlas/v2/groups");
    assert.deepEqual(unpaged.result.links, []);
    const deleted = await exchange({ status: 204 }, (atlas) => atlas.deleteProject(GROUP));
    assertBodyless(deleted.request, "DELETE", `/api/atlas/v2/groups/${GROUP}`);
  });

  it("listClusters: the 2024-08-05 media type and the official provider's query", async () => {
    const page = { links: [], results: [{ name: "c0", stateName: "IDLE" }, { name: "c1", stateName: "UPDATING" }], totalCount: 2 };
    const { result, request } = await exchange({ status: 200, json: page }, (atlas) => atlas.listClusters(GROUP));
    assertBodyless(request, "GET", `/api/atlas/v2/groups/${GROUP}/clusters?includeCount=true&itemsPerPage=100&pageNum=1`, "application/vnd.atlas.2024-08-05+json");
    assert.deepEqual(result.results.map((c) => c.stateName), ["IDLE", "UPDATING"]);
  });

  it("request(): any other call with the same machinery", async () => {
    const { result, request } = await exchange({ status: 200, json: { ok: 1 } }, (atlas) =>
      atlas.request({ method: "GET", path: "/api/atlas/v2/groups/byName/x", query: { pretty: true } }),
    );
    assertBodyless(request, "GET", "/api/atlas/v2/groups/byName/x?pretty=true");
    assert.deepEqual(result.body, { ok: 1 });
  });
});

describe("headers and base URL", () => {
  it("default User-Agent names this client; a custom one is sent verbatim", async () => {
    const plain = await exchange({ status: 200, json: { enabled: true } }, (atlas) => atlas.getRegionalMode(GROUP));
    assert.match(plain.request.headers["user-agent"] ?? "", new RegExp(`^atlas-privatelink-client/${CLIENT_VERSION.replaceAll(".", "\\.")} \\(TypeScript; Node\\.js `));
    const custom = await exchange({ status: 200, json: { enabled: true } }, (atlas) => atlas.getRegionalMode(GROUP), {
      userAgent: "terraform-provider-mongodbatlas/0.1.0 (TypeScript)",
    });
    assert.equal(custom.request.headers["user-agent"], "terraform-provider-mongodbatlas/0.1.0 (TypeScript)");
  });

  it("tolerates a trailing slash and keeps a path prefix", async () => {
    const slash = await exchange({ status: 200, json: { enabled: true } }, (atlas) => atlas.getRegionalMode(GROUP), { baseSuffix: "/" });
    assert.equal(slash.request.url, `${PE}/regionalMode`);
    const prefixed = await exchange({ status: 200, json: { enabled: true } }, (atlas) => atlas.getRegionalMode(GROUP), { baseSuffix: "/proxy//" });
    assert.equal(prefixed.request.url, `/proxy${PE}/regionalMode`);
  });

  it("sends no Authorization header without credentials", async () => {
    const { request } = await exchange({ status: 200, json: { enabled: true } }, (atlas) => atlas.getRegionalMode(GROUP));
    assert.equal(request.headers.authorization, undefined);
  });
});

describe("unexpected responses", () => {
  const cases: { name: string; reply: Reply; call: (atlas: AtlasClient) => Promise<unknown>; status?: number }[] = [
    { name: "HTML with 200", reply: { status: 200, headers: { "Content-Type": "text/html" }, text: "<html>login</html>" }, call: (a) => a.getRegionalMode(GROUP) },
    { name: "empty 200 where a body is needed", reply: { status: 200 }, call: (a) => a.getEndpointService(GROUP, "AWS", SERVICE_ID) },
    { name: "service of another provider", reply: { status: 200, json: AWS_SERVICE }, call: (a) => a.getEndpointService(GROUP, "GCP", SERVICE_ID) },
    { name: "service without id", reply: { status: 200, json: { ...AWS_SERVICE, id: undefined } }, call: (a) => a.getEndpointService(GROUP, "AWS", SERVICE_ID) },
    { name: "list that is not a list", reply: { status: 200, json: { nope: true } }, call: (a) => a.listEndpointServices(GROUP, "AWS") },
    {
      name: "a redirect is not followed (credentials stay at the origin)",
      reply: { status: 302, headers: { Location: "https://elsewhere.example/" } },
      call: (a) => a.getRegionalMode(GROUP),
      status: 302,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      await withServer(() => c.reply, async (server) => {
        const atlas = new AtlasClient({ baseUrl: server.url });
        await assert.rejects(c.call(atlas), (e: UnexpectedResponseError) => {
          assert.ok(isClientError(e, "UNEXPECTED_RESPONSE"), String(e));
          assert.equal(e.status, c.status ?? 200);
          return true;
        });
        assert.equal(server.requests.length, 1);
      });
    });
  }

  it("normalises nulls and missing arrays in endpoint services", async () => {
    const sparse = { cloudProvider: "GCP", id: SERVICE_ID, regionName: "US_EAST_4", status: "INITIATING", serviceAttachmentNames: null };
    const { result } = await exchange({ status: 200, json: sparse }, (atlas) => atlas.getEndpointService(GROUP, "GCP", SERVICE_ID));
    assert.deepEqual(result, { ...sparse, errorMessage: null, endpointGroupNames: [], portMappingEnabled: false, serviceAttachmentNames: [] });
  });
});

describe("configuration", () => {
  const bad: [string, () => unknown][] = [
    ["two kinds of credentials", () => new AtlasClient({ credentials: { publicKey: "a", privateKey: "b", accessToken: "c" } as never })],
    ["empty private key", () => new AtlasClient({ credentials: { publicKey: "a", privateKey: "" } })],
    ["half a service account", () => new AtlasClient({ credentials: { clientId: "a" } as never })],
    ["base URL not a URL", () => new AtlasClient({ baseUrl: "cloud.mongodb.com" })],
    ["base URL ftp", () => new AtlasClient({ baseUrl: "ftp://cloud.mongodb.com" })],
    ["zero timeout", () => new AtlasClient({ timeoutMs: 0 })],
    ["zero attempts", () => new AtlasClient({ retry: { maxAttempts: 0 } })],
  ];
  for (const [name, make] of bad) {
    it(`rejects ${name}`, () => assert.throws(make, (e) => isClientError(e, "INVALID_CONFIGURATION")));
  }
  it("accepts each kind of credentials", () => {
    new AtlasClient({ credentials: { publicKey: "a", privateKey: "b" } });
    new AtlasClient({ credentials: { clientId: "a", clientSecret: "b" } });
    new AtlasClient({ credentials: { accessToken: "a" } });
  });
});

describe("sameRegion", () => {
  const cases: [Parameters<typeof sameRegion>, boolean][] = [
    [["AWS", "us-east-1", "US_EAST_1"], true],
    [["AWS", "US_EAST_1", "US_EAST_1"], true],
    [["AWS", "us-east-1", "US_EAST_2"], false],
    [["AZURE", "eastus2", "US_EAST_2"], true],
    [["AZURE", "EUROPE_NORTH", "EUROPE_NORTH"], true],
    [["GCP", "us-central1", "CENTRAL_US"], true],
    [["GCP", "us-east4", "US_EAST_4"], true],
    [["GCP", "us-east4", "CENTRAL_US"], false],
  ];
  for (const [args, expected] of cases) {
    it(`${args.join(" ")} → ${expected}`, () => assert.equal(sameRegion(...args), expected));
  }
});
