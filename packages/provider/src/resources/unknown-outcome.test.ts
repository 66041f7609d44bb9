/**
 * When a create's outcome stays unknown (Atlas may have carried it out, every retry and lookup
 * failed), the error must tell the user what really happens next: the client's create recovery
 * works within one call only, so the next apply gets Atlas' 409 "already exists" and the way out
 * is an import — not "run it again, it will be found" (found by the R2 campaign).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AtlasClient } from "@atlas-privatelink/client";
import { Diagnostics, PrivateState } from "../framework/index.js";
import type { ProviderData } from "./common/provider-data.js";
import { DEFAULT_POLL_POLICY, REAL_TIMER } from "./common/wait.js";
import { endpointServiceResource } from "./endpoint-service/resource.js";
import { privateEndpointResource } from "./private-endpoint/resource.js";

const P = "5cf5a45a9ccf6400e60981b6";
const S = "6123456789abcdef01234567";
const VPCE = "vpce-0123456789abcdef0";

/** Creates are carried out but their answers are lost; every read fails with 503. */
async function lossyAtlas(mode: "lost" | "conflict"): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      if (req.method === "POST" && mode === "lost") return req.socket.destroy();
      if (req.method === "POST") {
        res.writeHead(409, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ detail: `Interface endpoint ${VPCE} already exists.`, error: 409, errorCode: "PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS", parameters: [VPCE], reason: "Conflict" }));
      }
      res.writeHead(503, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ detail: "down", error: 503, errorCode: "SERVICE_UNAVAILABLE", parameters: [], reason: "Service Unavailable" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function providerData(url: string): ProviderData {
  const client = new AtlasClient({ baseUrl: url, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
  return { client, timer: REAL_TIMER, poll: DEFAULT_POLL_POLICY, log: () => {} };
}

async function create(resource: typeof endpointServiceResource | typeof privateEndpointResource, url: string, plan: Record<string, unknown>): Promise<{ state: unknown; text: string }> {
  const diagnostics = new Diagnostics();
  const state = await resource.create({ providerData: providerData(url), signal: new AbortController().signal, diagnostics, config: { ...plan }, plan: { ...plan }, private: PrivateState.decode(undefined) } as never);
  return { state, text: diagnostics.errors.map((d) => `${d.summary}\n${d.detail}`).join("\n") };
}

describe("a create whose outcome stays unknown", () => {
  it("mongodbatlas_privatelink_endpoint: says the next apply stops with 'already exists' and names the import, not 'it will be found'", async () => {
    const atlas = await lossyAtlas("lost");
    try {
      const { state, text } = await create(endpointServiceResource, atlas.url, { project_id: P, provider_name: "AWS", region: "us-east-1", timeouts: null });
      assert.equal(state, null);
      assert.match(text, /may have created the service although its answer was lost/);
      assert.match(text, /PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION/);
      assert.match(text, /terraform import/);
      assert.doesNotMatch(text, /finds it/);
    } finally {
      await atlas.close();
    }
  });

  it("mongodbatlas_privatelink_endpoint_service: gives the exact import command", async () => {
    const atlas = await lossyAtlas("lost");
    try {
      const { state, text } = await create(privateEndpointResource, atlas.url, { project_id: P, private_link_id: S, provider_name: "AWS", endpoint_service_id: VPCE, timeouts: null });
      assert.equal(state, null);
      assert.match(text, /may have linked the endpoint although its answer was lost/);
      assert.ok(text.includes(`terraform import mongodbatlas_privatelink_endpoint_service.<name> ${P}--${S}--${VPCE}--AWS`), text);
      assert.doesNotMatch(text, /finds it/);
    } finally {
      await atlas.close();
    }
  });

  it("an endpoint that is already linked: the 409 comes with the import command", async () => {
    const atlas = await lossyAtlas("conflict");
    try {
      const { text } = await create(privateEndpointResource, atlas.url, { project_id: P, private_link_id: S, provider_name: "AWS", endpoint_service_id: VPCE, timeouts: null });
      assert.match(text, /409 PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS/);
      assert.ok(text.includes(`terraform import mongodbatlas_privatelink_endpoint_service.<name> ${P}--${S}--${VPCE}--AWS`), text);
    } finally {
      await atlas.close();
    }
  });
});
